"""Where a word or phrase occurs: a page of occurrences and ◀ ▶ buttons to turn the pages (builders only)."""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.library.views import QuoteLookup
from bot.text.excerpt import shorten
from cogs.core.discord_limits import EMBED_TITLE, FIELD_NAME, FIELD_VALUE
from cogs.core.gating import CapabilityGate
from cogs.core.safe_text import echoed
from cogs.reading.quote_ui import (
    NAVIGATOR_COG,
    QUERY_ECHO_CHARS,
    QUOTE_CAPABILITY,
    QUOTE_COLOUR,
    SUGGESTION_CHARS,
)

PAGE_SIZE = 5
"""Occurrences shown per page."""
CUSTOM_ID_CHARS = 100
"""Discord's limit on a button's custom id."""
OCCURRENCE_BUTTON = r"folio:o:(?P<slug>[a-z0-9-]{1,40}):(?P<page>\d{1,5}):(?P<query>.+)"
"""◀ ▶ on a list of occurrences: page `page` of the search for `query` in `slug`."""


def page_count(lookup: QuoteLookup) -> int:
    return max(1, -(-len(lookup.occurrences) // PAGE_SIZE))


def occurrences_embed(lookup: QuoteLookup, page: int) -> discord.Embed:
    """Page `page` (from 0) of where the word or phrase occurs, with how often in all."""
    query = echoed(lookup.query, QUERY_ECHO_CHARS)
    count, pages = len(lookup.occurrences), page_count(lookup)
    embed = discord.Embed(
        title=shorten(f"“{shorten(lookup.query, QUERY_ECHO_CHARS)}” in {lookup.work.title}", EMBED_TITLE),
        description=f"“{query}” occurs in {count} sentences. It is too common to be one line; here is where it is."
        + (f"\n{lookup.later} more come later, past the chapters read." if lookup.later else ""),
        colour=QUOTE_COLOUR,
    )
    for hit in lookup.occurrences[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
        embed.add_field(
            name=shorten(str(hit.location), FIELD_NAME),
            value=echoed(hit.sentence.text, min(SUGGESTION_CHARS, FIELD_VALUE)),
            inline=False,
        )
    embed.set_footer(text=f"Page {page + 1} of {pages}")
    return embed


def occurrence_pages(lookup: QuoteLookup, page: int) -> discord.ui.View | None:
    """◀ ▶ to the previous and next page; ``None`` if one page holds them all or the query is too
    long to carry in a button (the first page is all there is then)."""
    pages = page_count(lookup)
    if (
        pages == 1
        or len(_custom_id(lookup.work.slug, pages, lookup.query)) > CUSTOM_ID_CHARS
    ):
        return None
    view = discord.ui.View(timeout=None)
    view.add_item(
        OccurrencePageButton(
            lookup.work.slug, max(page - 1, 0), lookup.query, "◀", disabled=page == 0
        )
    )
    view.add_item(
        OccurrencePageButton(
            lookup.work.slug, page + 1, lookup.query, "▶", disabled=page >= pages - 1
        )
    )
    return view


def _custom_id(slug: str, page: int, query: str) -> str:
    return f"folio:o:{slug}:{page}:{query}"


class OccurrencePager(Protocol):
    async def show_occurrences(
        self, interaction: discord.Interaction, slug: str, page: int, query: str
    ) -> None: ...


class OccurrencePageButton(
    CapabilityGate,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=OCCURRENCE_BUTTON,
):
    """◀ or ▶ on a list of occurrences: the search is run again on click, so the button needs no
    stored state and keeps working after a restart."""

    capability = QUOTE_CAPABILITY

    def __init__(
        self,
        slug: str,
        page: int,
        query: str,
        emoji: str = "▶",
        *,
        disabled: bool = False,
    ) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji=emoji,
                custom_id=_custom_id(slug, page, query),
                disabled=disabled,
            )
        )
        self.slug, self.page, self.query = slug, page, query

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Button[Any],
        match: re.Match[str],
        /,
    ) -> OccurrencePageButton:
        return cls(match["slug"], int(match["page"]), match["query"])

    async def callback(self, interaction: discord.Interaction) -> None:
        pager = cast(
            OccurrencePager,
            cast(commands.Bot, interaction.client).get_cog(NAVIGATOR_COG),
        )
        await pager.show_occurrences(interaction, self.slug, self.page, self.query)
