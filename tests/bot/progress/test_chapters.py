"""Chapters of a work as a reading club counts them, and the horizon of a position among them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.progress.chapters import Chapters, UnknownChapter, chapters_of


@dataclass(frozen=True)
class Section:
    index: int
    title: str | None


def book(*titles: str | None) -> Chapters:
    return chapters_of(Section(index, title) for index, title in enumerate(titles))


FRANKENSTEIN_LIKE = book(
    "Front matter", "Letter I", "Letter II", "Chapter I: The Start", "Chapter II", "Chapter III", "Back matter"
)


def test_front_and_back_matter_are_no_chapters_and_positions_count_from_one() -> None:
    chapters = FRANKENSTEIN_LIKE.chapters
    assert [(c.position, c.label, c.number) for c in chapters] == [
        (1, "Letter I", 1),
        (2, "Letter II", 2),
        (3, "Chapter I", 1),
        (4, "Chapter II", 2),
        (5, "Chapter III", 3),
    ]
    assert chapters[2].title == "Chapter I: The Start" and chapters[2].first_section == 3


def test_a_number_names_the_chapter_so_numbered_preferring_chapters_over_letters() -> None:
    assert FRANKENSTEIN_LIKE.find("2", "F").label == "Chapter II"
    assert FRANKENSTEIN_LIKE.find("letter 2", "F").label == "Letter II"
    assert FRANKENSTEIN_LIKE.find("Chapter iii", "F").label == "Chapter III"
    assert FRANKENSTEIN_LIKE.find("#2", "F").label == "Letter II"  # an autocomplete value: the position
    assert FRANKENSTEIN_LIKE.find("the start", "F").label == "Chapter I"
    with pytest.raises(UnknownChapter):
        FRANKENSTEIN_LIKE.find("Epilogue", "F")


def test_a_number_without_such_a_chapter_is_a_position() -> None:
    assert book("Prologue", "The Storm", "Aftermath").find("2", "B").title == "The Storm"


def test_words_that_look_like_numerals_are_titles() -> None:
    chapters = book("Did it", "Mix Tape", "Part Two", "IV").chapters
    assert [(c.label, c.number) for c in chapters] == [("Did it", None), ("Mix Tape", None), ("Part Two", 2), ("IV", 4)]


def test_the_horizon_holds_front_matter_and_every_chapter_up_to_the_one_read() -> None:
    horizon = FRANKENSTEIN_LIKE.horizon(FRANKENSTEIN_LIKE.find("Chapter I", "F"))
    assert [horizon.is_read(section) for section in range(7)] == [True, True, True, True, False, False, False]
    assert horizon.sections == range(4)
    last = FRANKENSTEIN_LIKE.horizon(FRANKENSTEIN_LIKE.at(99))
    assert last.complete and last.is_read(6)
    assert FRANKENSTEIN_LIKE.containing(4).label == "Chapter II" and FRANKENSTEIN_LIKE.containing(0) is None


def test_a_stored_position_follows_its_label_when_the_structure_changes() -> None:
    assert FRANKENSTEIN_LIKE.stored(4, "Chapter II").position == 4
    regrouped = book("Front matter", "Letters", "Chapter I: The Start", "Chapter II", "Chapter III")
    assert regrouped.stored(4, "Chapter II").position == 3
    assert regrouped.stored(9, "Epilogue").position == 4  # gone: the nearest position
    assert book().stored(1, "Chapter I") is None
