"""Sections for the reader: found as typed, and windowed to a select menu's 25 options."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.read.sections import UnknownSection, find_section, matching, part_of, section_name, window
from bot.storage.passages import SectionOutline, WorkOutline
from bot.text.ingest import parse_work


def outline(count: int) -> WorkOutline:
    sections = {i: SectionOutline(i, f"Chapter {i + 1}" if i else None, i * 10, 10) for i in range(count)}
    return WorkOutline(sections, count * 10, 0, 1000)


def test_untitled_sections_are_parts() -> None:
    assert section_name(outline(3).sections[0]) == "Part 1"


def test_a_section_is_found_by_number_exact_title_or_part_of_it() -> None:
    work = outline(30)
    assert find_section(work, "4", "W").index == 3  # the fourth section, when none is numbered
    assert find_section(work, "section:4", "W").index == 4  # an autocomplete value
    assert find_section(work, "chapter 2", "W").index == 1  # exact beats "Chapter 20"
    assert find_section(work, "ter 29", "W").index == 28
    with pytest.raises(UnknownSection, match="no section called “Epilogue”"):
        find_section(work, "Epilogue", "W")


def test_the_menu_shows_at_most_25_sections_around_the_current_one() -> None:
    work = outline(60)
    assert [s.index for s in window(work, 0)] == list(range(25))
    assert [s.index for s in window(work, 30)] == list(range(18, 43))
    assert [s.index for s in window(work, 59)] == list(range(35, 60))
    assert len(window(outline(3), 1)) == 3


def test_autocomplete_matches_in_reading_order() -> None:
    assert [section_name(s) for s in matching(outline(12), "1")] == ["Part 1", "Chapter 10", "Chapter 11", "Chapter 12"]
    assert len(matching(outline(60), "chapter")) == 25


def structured(text: str) -> WorkOutline:
    """The outline of `text` as the library stores it: reading sections and the structure."""
    work = parse_work(text)
    sections = {}
    for section in work.sections:
        paragraphs = [p for p in work.paragraphs if p.section == section.section]
        sections[section.section] = SectionOutline(
            section.section, section.title, paragraphs[0].ordinal, len(paragraphs), kind=section.kind
        )
    return WorkOutline(sections, len(work.paragraphs), 0, len(text), tuple(work.structure))


VOLUMES = (Path(__file__).resolve().parents[2] / "data" / "structure" / "volumes.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("typed", "index"),
    [("chapter 2", 1), ("II", 1), ("Chapter II", 1), ("two", 1), ("2", 1), ("volume ii", 2), ("Foreword", None)],
)
def test_chapters_are_found_by_number_as_a_reader_types_it(typed: str, index: int | None) -> None:
    outline = structured(VOLUMES)
    if index is None:
        with pytest.raises(UnknownSection):
            find_section(outline, typed, "W")
    else:
        assert find_section(outline, typed, "W").index == index  # the first Chapter II; Volume II's first chapter


def test_the_part_of_a_chapter_is_known() -> None:
    outline = structured(VOLUMES)
    part = part_of(outline, 3)
    assert part is not None and part.name == "Volume II"
    assert [s.number for s in outline.chapters()] == ["I", "II", "I", "II"]
