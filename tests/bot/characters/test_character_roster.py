"""Choosing a character by name: the roster, loose look-up, autocomplete matches and suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.characters.roster import Roster
from bot.text.ingest import attribute_work

STORY_PATH = Path(__file__).resolve().parents[3] / "data" / "hello-from-the-other-side.txt"
PAIR = """Mr. Henry Walton came home. Henry Walton was late. Mr. Walton sat down.

“You are late,” Margaret said. Margaret smiled. Margaret laughed.

“I am,” Henry said.
"""


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster(attribute_work(STORY_PATH.read_text(encoding="utf-8")))


def test_people_come_most_mentioned_first(roster: Roster) -> None:
    assert [c.name for c in roster.people][:3] == ["Derek", "Stiles", "Lydia"]
    mentions = [c.mentions for c in roster.people]
    assert mentions == sorted(mentions, reverse=True)


def test_places_are_not_people(roster: Roster) -> None:
    assert roster.find("Beacon Hills") is None


@pytest.mark.parametrize("typed", ["Derek", "derek", "  DEREK ", "Derek Hale"])
def test_a_name_is_found_loosely(roster: Roster, typed: str) -> None:
    found = roster.find(typed)
    assert found is not None and found.name == "Derek"


def test_a_leading_article_does_not_matter(roster: Roster) -> None:
    found = [roster.find(typed) for typed in ("the woman", "woman", "The Woman")]
    assert [character.name if character else None for character in found] == ["the woman"] * 3


def test_an_alias_finds_its_character() -> None:
    roster = Roster(attribute_work(PAIR))
    henry = roster.find("Mr. Walton")
    assert henry is not None and henry is roster.find("Henry") and henry is roster.find("henry walton")


def test_nothing_typed_finds_no_one(roster: Roster) -> None:
    assert roster.find("") is None and roster.find("   ") is None


def test_matching_narrows_by_any_alias_and_keeps_the_order(roster: Roster) -> None:
    assert [c.name for c in roster.matching("", 25)][:3] == ["Derek", "Stiles", "Lydia"]
    assert [c.name for c in roster.matching("LY", 25)] == ["Lydia"]
    assert len(roster.matching("", 2)) == 2
    assert roster.matching("zzz", 25) == []


def test_suggestions_catch_spelling_slips(roster: Roster) -> None:
    assert roster.suggestions("Derk")[0] == "Derek"
    assert roster.suggestions("Lidia")[0] == "Lydia"


def test_suggestions_for_nothing_alike_are_the_main_people(roster: Roster) -> None:
    assert roster.suggestions("Xqzv") == ["Derek", "Stiles", "Lydia"]
