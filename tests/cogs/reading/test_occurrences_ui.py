"""The pages of a word's occurrences: within Discord's limits, and buttons only when they can work."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bot.library.service import Library
from bot.library.views import QuoteLookup
from bot.storage.database import Database
from cogs.core import discord_limits as limits
from cogs.reading.occurrences_ui import (
    CUSTOM_ID_CHARS,
    OCCURRENCE_BUTTON,
    PAGE_SIZE,
    occurrence_pages,
    occurrences_embed,
    page_count,
)


@pytest.fixture
async def lydia(database_target: Path | str) -> QuoteLookup:
    """Where "Lydia" occurs in the bundled story (far more than one page)."""
    database = await Database.open(database_target)
    try:
        return await Library(database).lookup("Lydia")
    finally:
        await database.close()


def test_each_page_lists_its_occurrences_within_limits(lydia: QuoteLookup) -> None:
    pages = page_count(lydia)
    assert pages == -(-len(lydia.occurrences) // PAGE_SIZE) > 1
    last = occurrences_embed(lydia, pages - 1)
    assert 1 <= len(last.fields) <= PAGE_SIZE
    assert last.footer.text == f"Page {pages} of {pages}"
    for embed in (occurrences_embed(lydia, 0), last):
        assert len(embed) <= limits.EMBED_TOTAL and len(embed.title or "") <= limits.EMBED_TITLE


def test_buttons_step_between_pages_and_stop_at_the_ends(lydia: QuoteLookup) -> None:
    first = occurrence_pages(lydia, 0)
    assert first is not None
    back, forward = (item.item for item in first.children)
    assert back.disabled and not forward.disabled
    last = occurrence_pages(lydia, page_count(lydia) - 1)
    assert last is not None and last.children[1].item.disabled
    for view in (first, last):
        ids = [item.item.custom_id for item in view.children]
        assert len(set(ids)) == 2 and all(len(custom_id) <= CUSTOM_ID_CHARS for custom_id in ids)


def test_no_buttons_for_one_page_or_a_query_too_long_to_carry(lydia: QuoteLookup) -> None:
    one_page = dataclasses.replace(lydia, occurrences=lydia.occurrences[:PAGE_SIZE])
    assert occurrence_pages(one_page, 0) is None
    long_query = dataclasses.replace(lydia, query="Lydia " + "x" * 100)
    assert occurrence_pages(long_query, 0) is None


def test_the_button_template_reads_back_what_a_button_carries() -> None:
    parts = re.fullmatch(OCCURRENCE_BUTTON, "folio:o:hello-from-the-other-side:12:Twilight: Zone")
    assert parts is not None and parts["page"] == "12" and parts["query"] == "Twilight: Zone"
