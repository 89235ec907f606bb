"""The quote and library embeds stay within Discord's limits, whatever the work."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import discord
import pytest

from bot.library.preparation import prepare_work
from bot.library.service import Library
from bot.storage.database import Database
from bot.storage.records import WorkRecord, WorkSummary
from bot.storage.works import WorkRepository
from bot.text.model import Layout
from cogs.core import discord_limits as limits
from cogs.library.works_ui import works_embed
from cogs.reading.quote_ui import (
    PassageButton,
    not_found_embed,
    passage_embed,
    passage_navigation,
    quote_embed,
)

LONG = "Ö" * 1000


def assert_within_limits(embed: discord.Embed) -> None:
    assert len(embed.title or "") <= limits.EMBED_TITLE
    assert len(embed.description or "") <= limits.EMBED_DESCRIPTION
    assert len(embed.fields) <= limits.EMBED_FIELDS
    for field in embed.fields:
        assert 0 < len(field.name or "") <= limits.FIELD_NAME
        assert 0 < len(field.value or "") <= limits.FIELD_VALUE
    assert len(embed) <= limits.EMBED_TOTAL


@pytest.fixture
async def library_with_long_names(database_target: Path | str):
    """A work whose chapter titles, title and speaker are far longer than any field allows."""
    paragraph = f"“The lamp is lit at dusk, {LONG[:20]},” said {'Keeper' * 200}. " + "Waves broke on the rocks. " * 60
    text = "\n\n".join(f"Chapter {n}\n\n{paragraph}" for n in range(1, 5))
    prepared = prepare_work(text, title=LONG)
    prepared.parsed.passages = [
        dataclasses.replace(p, title=LONG) if p.title is not None else p for p in prepared.parsed.passages
    ]
    database = await Database.open(database_target)
    await WorkRepository(database).save("lamps", prepared)
    yield Library(database)
    await database.close()


async def test_quote_embed_fits_with_long_titles_and_many_matches(library_with_long_names: Library) -> None:
    lookup = await library_with_long_names.lookup("the lamp is lit at dusk", slug="lamps")
    assert len(lookup.hits) > 1
    embed = quote_embed(lookup)
    assert_within_limits(embed)
    assert "Also matches" in [field.name for field in embed.fields]


async def test_not_found_and_passage_embeds_fit(library_with_long_names: Library) -> None:
    lookup = await library_with_long_names.lookup("waves broke against the lighthouse tower", slug="lamps")
    assert_within_limits(not_found_embed(lookup))
    work, paragraph = await library_with_long_names.paragraph_at("lamps", 0, guild_id=None)
    assert_within_limits(passage_embed(work, paragraph))


async def test_navigation_buttons_are_dynamic_items(library_with_long_names: Library) -> None:
    """discord.py keeps no view per message for fully dynamic views: no leak per quote."""
    work, paragraph = await library_with_long_names.paragraph_at("lamps", 1, guild_id=None)
    view = passage_navigation(work, paragraph)
    assert all(isinstance(item, PassageButton) for item in view.children)
    assert all(len(item.custom_id) <= 100 for item in view.children)  # type: ignore[attr-defined]


def test_works_embed_fits_a_large_library() -> None:
    summaries = [
        WorkSummary(
            WorkRecord(n, f"work-{n}", "T" * 200, "A" * 100, Layout.PLAIN, "h", "2026-01-01", None, 1, 100), 1, 2, 3
        )
        for n in range(40)
    ]
    embed = works_embed(summaries, default_slug="work-0")
    assert_within_limits(embed)
    assert embed.footer.text and embed.footer.text.startswith("…and ")
    assert len(embed.fields) + int(embed.footer.text.split()[1]) == 40


async def test_a_line_from_another_work_and_a_reworded_one_are_said_so(library_with_long_names: Library) -> None:
    lookup = await library_with_long_names.lookup("the lamp is lit at dusk", slug="lamps")
    embed = quote_embed(lookup, elsewhere=True)
    assert_within_limits(embed)
    assert "Found in" in [field.name for field in embed.fields]
    assert not embed.footer.text.startswith("Closest match")
    reworded = dataclasses.replace(lookup, hits=[dataclasses.replace(lookup.hits[0], score=60.0)])
    assert quote_embed(reworded).footer.text.startswith("Closest match, worded differently")
