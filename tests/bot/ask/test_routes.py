"""Routing a question by its form, and finding the chapter it asks about."""

from __future__ import annotations

import pytest

from bot.ask.chapters import chapter_span, heading_number, section_asked, story_sections
from bot.ask.routes import Route, roman_value, route_question
from bot.storage.passages import SectionOutline, WorkOutline
from bot.text.outline import FRONT_MATTER_TITLE


@pytest.mark.parametrize(
    ("question", "route", "name"),
    [
        ("Who is Mr. Ashby?", Route.WHO_IS, "Mr. Ashby"),
        ("who was the Gryphon", Route.WHO_IS, "the Gryphon"),
        ("so who's derek?", Route.WHO_IS, "derek"),
        ("Who was the man in the boat?", Route.PASSAGES, None),
        ("Who is Derek's father?", Route.PASSAGES, None),
        ("Who did the Oni stab?", Route.PASSAGES, None),
        ("How does the story end?", Route.ENDING, None),
        ("how does it begin", Route.OPENING, None),
        ("How did the party end?", Route.PASSAGES, None),
    ],
)
def test_a_question_is_routed_by_its_form(question: str, route: Route, name: str | None) -> None:
    routed = route_question(question)
    assert (routed.route, routed.name) == (route, name)


@pytest.mark.parametrize(
    "question", ["What happens in chapter 7?", "summary of chapter vii", "what happens in chapter seven"]
)
def test_a_chapter_is_asked_for_by_number_numeral_or_word(question: str) -> None:
    routed = route_question(question)
    assert routed.route is Route.CHAPTER
    assert routed.chapter in {"7", "vii", "seven"}


def test_headings_give_their_numbers() -> None:
    assert heading_number("CHAPTER VII. A Mad Tea-Party") == 7
    assert heading_number("II A FAREWELL DINNER") == 2
    assert heading_number("Chapter Three") == 3
    assert heading_number("The Lion") is None and heading_number(None) is None
    assert roman_value("xiv") == 14 and roman_value("chapter") is None


def outline(*sections: tuple[str | None, int]) -> WorkOutline:
    found = {index: SectionOutline(index, title, 0, paragraphs) for index, (title, paragraphs) in enumerate(sections)}
    return WorkOutline(found, sum(p for _, p in sections), 0, 0)


def test_lone_headings_and_front_matter_are_not_chapters() -> None:
    work = outline((FRONT_MATTER_TITLE, 5), ("One", 1), ("Scene 2", 10), ("Scene 3", 1), ("Scene 4", 8))
    assert [s.index for s in story_sections(work)] == [2, 4]
    assert section_asked(work, route_question("how does it end?")).index == 4
    assert section_asked(work, route_question("What happens in chapter 2?")).index == 4
    assert section_asked(work, route_question("What happens in chapter 9?")) is None


def test_a_numbered_outline_is_followed_by_its_numbers() -> None:
    work = outline(("I", 5), ("II", 5), ("IV", 5))
    assert section_asked(work, route_question("What happens in chapter 4?")).index == 2


def test_a_chapter_runs_from_its_heading_in_the_story_to_the_next() -> None:
    headings = [(3, "CHAPTER I. Down"), (4, "CHAPTER II. Pool"), (40, "CHAPTER I."), (90, "CHAPTER II.")]
    assert chapter_span(headings, 1) == (41, 90)
    assert chapter_span(headings, 3) is None
