"""Splitting a whole-work quote lookup by the reading progress."""

from __future__ import annotations

from typing import Any, cast

from bot.library.views import QuoteHit, QuoteLookup, WorkView
from bot.progress.chapters import Chapter, Horizon
from bot.progress.quotes import split_by_progress
from bot.text.model import Passage, PassageKind

WORK = cast(WorkView, None)
AT_CHAPTER_2 = Horizon(Chapter(2, "Chapter 2", 2, "Chapter 2", 2, 2))


def hit(section: int) -> QuoteHit:
    paragraph = Passage(PassageKind.PARAGRAPH, section, 0, 1, "text", section)
    return QuoteHit(WORK, paragraph, paragraph, 90.0)


def lookup(**found: Any) -> QuoteLookup:
    return QuoteLookup(WORK, "query", found.get("hits", []), found.get("suggestions", []), found.get("occurrences", []))


def test_read_matches_are_kept_best_first_and_others_dropped() -> None:
    shown, later = split_by_progress(lookup(hits=[hit(5), hit(1)], suggestions=[hit(3), hit(0)]), AT_CHAPTER_2)
    assert [h.paragraph.section for h in shown.hits] == [1] and later is None
    assert [h.paragraph.section for h in shown.suggestions] == [0]


def test_a_line_found_only_further_on_is_returned_to_be_placed() -> None:
    everywhere = lookup(hits=[hit(7)])
    shown, later = split_by_progress(everywhere, AT_CHAPTER_2)
    assert shown.hits == [] and later is everywhere


def test_occurrences_count_what_comes_later() -> None:
    shown, later = split_by_progress(lookup(occurrences=[hit(0), hit(2), hit(4), hit(9)]), AT_CHAPTER_2)
    assert len(shown.occurrences) == 2 and shown.later == 2 and later is None
    only_later = lookup(occurrences=[hit(4)])
    assert split_by_progress(only_later, AT_CHAPTER_2)[1] is only_later


def test_nothing_is_hidden_without_progress_or_once_the_work_is_read() -> None:
    everywhere = lookup(hits=[hit(7)])
    assert split_by_progress(everywhere, None) == (everywhere, None)
    assert split_by_progress(everywhere, Horizon(AT_CHAPTER_2.upto, complete=True)) == (everywhere, None)
