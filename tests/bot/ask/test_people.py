"""Who is X: the person a typed name means, as typed, lowercase or misspelt."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.ask.people import find_person, is_a_name, name_forms
from bot.attribution.characters import Character
from bot.characters.roster import Roster

PEOPLE = [
    Character("Van Helsing", ["Van Helsing", "Professor Van Helsing"], "m", 90),
    Character("Mr. Letterblair", ["Mr. Letterblair", "Letterblair"], "m", 12),
    Character("May", ["May", "May Welland"], "f", 200),
]


def roster() -> Roster:
    return Roster(SimpleNamespace(people=lambda: list(PEOPLE)))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "name"),
    [("van helsing", "Van Helsing"), ("van helsng", "Van Helsing"), ("Letterblar", "Mr. Letterblair"), ("may", "May")],
)
def test_a_typed_name_finds_the_person_as_typed_lowercase_or_misspelt(typed: str, name: str) -> None:
    found = find_person(typed, roster())
    assert found is not None and found.name == name


@pytest.mark.parametrize("typed", ["Mary", "Derek", "Helsinki Smith"])
def test_a_short_name_or_another_name_is_not_corrected_into_someone(typed: str) -> None:
    assert find_person(typed, roster()) is None


def test_a_full_name_is_not_someone_else_of_that_surname() -> None:
    people = [Character("Mrs. Rachel Ash", ["Mrs. Rachel Ash", "Mrs. Ash", "Rachel"], "f", 40)]
    found = Roster(SimpleNamespace(people=lambda: people))  # type: ignore[arg-type]
    assert find_person("Tom Ash", found) is None
    assert find_person("Rachel Ash", found) is not None


def test_a_description_no_one_is_called_is_also_looked_for_in_lower_case() -> None:
    assert name_forms("the Warden", None, roster()) == ["Warden", "warden"]
    assert name_forms("Tomas Quill", None, roster()) == ["Tomas Quill"]


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("gandalf", True),
        ("Colonel Quarrington", True),
        ("the Warden", True),
        ("Ludwig van Ost", True),
        ("Tom scolding", False),
        ("colonel quarrington", False),
    ],
)
def test_a_name_is_one_word_or_capitalised_words(typed: str, named: bool) -> None:
    assert is_a_name(typed) is named


def test_a_man_is_also_found_by_his_surname_alone_when_only_women_share_it() -> None:
    people = [
        Character("Mr. Tobias Hale", ["Mr. Tobias Hale", "Mr. Hale", "Tobias"], "m", 30),
        Character("Mrs. Hale", ["Mrs. Hale"], "f", 50),
        Character("Mr. Crane", ["Mr. Crane"], "m", 20),
        Character("Dr. Crane", ["Dr. Crane"], "m", 10),
    ]
    found = Roster(SimpleNamespace(people=lambda: people))  # type: ignore[arg-type]
    assert "Hale" in name_forms("Mr. Hale", people[0], found)
    assert "Hale" not in name_forms("Mrs. Hale", people[1], found)
    assert "Crane" not in name_forms("Mr. Crane", people[2], found)  # another man of that name
