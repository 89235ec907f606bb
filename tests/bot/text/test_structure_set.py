"""The structure test set (tests/data/structure/expected.yaml): chapters, parts, letters and entries,
title and author, and words that live only in front or back matter, for each layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.text.ingest import parse_work
from bot.text.model import ParsedWork
from bot.text.structure import SectionKind

DATA = Path(__file__).resolve().parents[2] / "data" / "structure"
EXPECTED: dict[str, dict] = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))
MATTER = (SectionKind.FRONT, SectionKind.BACK)


def comparable(value: str | None) -> str | None:
    """Case and everything but letters and digits ignored (curly or straight apostrophes alike)."""
    return None if value is None else re.sub(r"[^0-9a-z]", "", str(value).casefold())


def whole_word(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.IGNORECASE)


def parsed(name: str) -> ParsedWork:
    return parse_work((DATA / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sections_in_reading_order(name: str) -> None:
    expected = [[kind, comparable(number), comparable(title)] for kind, number, title in EXPECTED[name]["sections"]]
    found = [
        [section.kind.value, comparable(section.number), comparable(section.title)]
        for section in parsed(name).structure
        if section.kind not in MATTER
    ]
    assert found == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title_and_author(name: str) -> None:
    work = parse_work((DATA / name).read_text(encoding="utf-8"), file_name=name)
    expected = EXPECTED[name]
    title = expected["title"] or Path(name).stem.replace("_", " ")
    assert (comparable(work.title), comparable(work.author)) == (comparable(title), comparable(expected["author"]))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_front_and_back_words_are_in_no_passage_a_reader_sees(name: str) -> None:
    work = parsed(name)
    words = [*EXPECTED[name]["front_only"], *EXPECTED[name]["back_only"], *EXPECTED[name].get("notes_only", [])]
    for word in words:
        pattern = whole_word(word)
        assert pattern.search(work.source_text), f"{word} is not in {name} at all"
        shown = [p.passage_id for p in work.passages if pattern.search(p.text)]
        assert shown == [], f"{word} is in {shown}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_front_and_back_matter_is_kept_as_metadata(name: str) -> None:
    work = parsed(name)
    matter = " ".join(
        work.source_text[section.offset : section.end] for section in work.structure if section.kind in MATTER
    )
    for word in EXPECTED[name]["front_only"] + EXPECTED[name]["back_only"]:
        assert whole_word(word).search(matter), word


def test_the_set_has_a_check_half_and_every_layout() -> None:
    splits = [entry["split"] for entry in EXPECTED.values()]
    assert len(EXPECTED) >= 10 and splits.count("check") >= 4
    kinds = {kind for entry in EXPECTED.values() for kind, _, _ in entry["sections"]}
    assert {"chapter", "part", "letter", "entry", "scene"} <= kinds


def test_capital_headings_show_in_title_case_with_initials_and_hyphenated_small_words() -> None:
    work = parse_work((DATA / "initials_wrapped_title.txt").read_text(encoding="utf-8"))
    assert (work.title, work.author) == ("Piglet-in-the-Wood", "J. R. Fenwick")
    first = next(section for section in work.structure if section.kind is SectionKind.CHAPTER)
    assert first.title == "In Which We Meet a Badger, a Bear and Some Honey, and the Stories Begin"
