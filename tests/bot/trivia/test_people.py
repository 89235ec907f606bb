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
