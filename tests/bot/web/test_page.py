"""The page's data and its HTML: hidden members, ranks, reading progress, escaping, validity and size."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

import html5lib
import pytest

from bot.storage.passages import SectionOutline, WorkOutline
from bot.storage.web_content import PlayerPoints, StoredPassage, WorkLine
from bot.text.model import Passage, PassageKind
from bot.web.page import (
    HIDDEN_NAME,
    PASSAGE_CHARS,
    DailyPassage,
    Leaderboard,
    LovedPeriod,
    ServerPage,
    beyond_progress,
    emoji_text,
    leaders,
    passage_card,
)
from bot.web.render import render_not_found, render_page

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes"'
OUTLINE = WorkOutline({0: SectionOutline(0, "Chapter One", 0, 10, 0, 1000)}, 10, 0, 1000)


def paragraph(ordinal: int, text: str = "Stiles knows that.") -> Passage:
    return Passage(PassageKind.PARAGRAPH, ordinal, ordinal * 100, ordinal * 100 + 90, text, 0, ordinal, id=ordinal + 1)


def stored(ordinal: int = 2, text: str = "Stiles knows that.") -> StoredPassage:
    return StoredPassage(paragraph(ordinal, text), work_id=7, work_title="Hello")


def test_hidden_members_are_a_reader_and_ties_share_a_rank() -> None:
    rows = [PlayerPoints(1, "Lydia", 30), PlayerPoints(2, "Stiles", 30), PlayerPoints(3, "Scott", 10)]
    board = leaders(rows, hidden=frozenset({2}))
    assert [(leader.rank, leader.name, leader.points) for leader in board] == [
        (1, "Lydia", 30),
        (1, HIDDEN_NAME, 30),
        (3, "Scott", 10),
    ]


def test_a_blank_name_is_a_reader_too() -> None:
    assert leaders([PlayerPoints(1, "  \n ", 5)], frozenset())[0].name == HIDDEN_NAME


def test_a_card_says_where_the_passage_is_and_its_counts_most_first() -> None:
    card = passage_card(stored(), OUTLINE, Counter({"⭐": 2, "party:1300000000000009001": 5}))
    assert card.where == "Chapter One · paragraph 3 of 10 · 29% through"
    assert [(c.label, c.votes) for c in card.counts] == [(":party:", 5), ("⭐", 2)] and card.total == 7
    assert emoji_text("❤") == "❤"


def test_long_passages_are_shortened() -> None:
    assert len(passage_card(stored(text="word " * 1000), OUTLINE).text) <= PASSAGE_CHARS


def test_beyond_progress_only_where_the_server_has_progress_in_that_work() -> None:
    assert not beyond_progress(7, paragraph(5), {})
    assert not beyond_progress(7, paragraph(5), {8: 1})
    assert beyond_progress(7, paragraph(5), {7: 4}) and not beyond_progress(7, paragraph(4), {7: 4})


def page_with(card_text: str = "Stiles knows that.", name: str = "Lydia", *, cards: int = 1, hidden: bool = False):
    card = passage_card(stored(text=card_text), OUTLINE, Counter({"⭐": 3}), {7: 0} if hidden else {})
    board = Leaderboard("All time", leaders([PlayerPoints(1, name, 10)] * 10, frozenset()))
    return ServerPage(
        server_name=name,
        works=(WorkLine(7, name, name),),
        hall=(card,) * cards,
        loved=tuple(LovedPeriod(heading, (card,) * cards) for heading in ("This week", "This month", "All time")),
        leaderboards=(board,) * 3,
        daily=DailyPassage(date(2026, 11, 30), card),
        map_work=name,
        updated=datetime(2026, 11, 30, 8, tzinfo=UTC),
    )


def strict_parse(html: bytes) -> None:
    """Raises on any HTML parse error (a missing doctype, a stray or unclosed tag, a bad attribute)."""
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


def test_hostile_names_and_passages_are_text_never_markup() -> None:
    html = render_page(page_with(HOSTILE, HOSTILE), "T" * 24).decode()
    assert "<script" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    strict_parse(html.encode())


def test_a_passage_beyond_progress_is_folded_behind_a_click() -> None:
    html = render_page(page_with(hidden=True), "T" * 24).decode()
    assert html.count("<details>") == html.count("<blockquote>") > 0


@pytest.mark.parametrize("render", [lambda: render_page(page_with(), "T" * 24), render_not_found])
def test_pages_are_valid_html_without_script(render) -> None:
    html = render()
    strict_parse(html)
    assert b"<script" not in html


def test_a_full_page_stays_under_100_kb() -> None:
    """Every list at its longest, every passage at its longest."""
    html = render_page(page_with("word " * 400, "N" * 40, cards=10), "T" * 24)
    assert len(html) < 100_000
