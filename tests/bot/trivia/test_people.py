"""Names as trivia shows them (invented names)."""

import pytest

from bot.trivia.people import broken_name


@pytest.mark.parametrize("name", ["Am lie Vale", "Ren e Dorval", "Oskar L once"])
def test_a_name_broken_where_the_source_lost_an_accented_letter_is_broken(name: str) -> None:
    assert broken_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "Jules d'Orsel",  # an elided particle
        "Jules d’Orsel",
        "Karim al-Nouri",  # a joined one
        "Ahmed ibn Rashid",
        "Lotte ten Brink",
        "Inés de los Ríos",
        "Mirela van der Hoek",
        "Agathe of the Marsh",
        "Zoé",
        "",
    ],
)
def test_a_whole_name_with_particles_accents_or_apostrophes_is_not_broken(name: str) -> None:
    assert not broken_name(name)


def test_an_unmarried_title_and_surname_may_be_a_full_name_of_that_surname() -> None:
    from bot.trivia.people import Person, same_person

    people = (
        Person("Tansy", ("Tansy", "Tansy Orbell"), "f", 0, 40),
        Person("Miss Orbell", ("Miss Orbell",), "f", 10, 5),
        Person("Mrs. Orbell", ("Mrs. Orbell",), "f", 20, 12),
        Person("Mr. Orbell", ("Mr. Orbell",), "m", 30, 3),
    )
    assert same_person("Tansy", "Miss Orbell", people)  # one woman the character list split
    assert not same_person("Tansy", "Mrs. Orbell", people)  # her mother: a married woman's surname is her husband's
    assert not same_person("Tansy", "Mr. Orbell", people)  # a man
