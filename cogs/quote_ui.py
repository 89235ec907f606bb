"""Embeds and buttons for quotes and passages (builders only, no command logic)."""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.text.excerpt import excerpt_around, shorten
from bot.library.service import LoadedWork, QuoteLookup
from bot.text.model import Passage
from cogs.discord_limits import EMBED_TITLE, FIELD_NAME, FIELD_VALUE

EMBED_PASSAGE_CHARS = 1500
SUGGESTION_CHARS = 160
QUERY_ECHO_CHARS = 120
QUOTE_COLOUR = discord.Colour.from_rgb(0x8E, 0x5B, 0xD6)
NOT_FOUND_COLOUR = discord.Colour.light_grey()


def quote_embed(lookup: QuoteLookup) -> discord.Embed:
    """The passage around the best match, the matched sentence in bold.

    Shows who speaks the line when the dialogue is attributed, and where any
    other confident matches are.
    """
    best, others = lookup.hits[0], lookup.hits[1:]
    excerpt = excerpt_around(best.paragraph.text, best.sentence.text, EMBED_PASSAGE_CHARS)
    embed = discord.Embed(
        title=shorten(best.work.title, EMBED_TITLE),
        description=f"{excerpt.before}**{excerpt.match}**{excerpt.after}",
        colour=QUOTE_COLOUR,
    )
    speaker = best.work.speaker_of(best.sentence)
    if speaker:
        embed.add_field(name="Speaker", value=shorten(speaker, FIELD_VALUE), inline=True)
    embed.add_field(name="Where", value=shorten(str(best.location), FIELD_VALUE), inline=False)
    if others:
        lines = [f"• {shorten(hit.sentence.text, SUGGESTION_CHARS)} ({hit.location})" for hit in others[:3]]
        embed.add_field(name="Also matches", value=shorten("\n".join(lines), FIELD_VALUE), inline=False)
    embed.set_footer(text=f"Match {best.score:.0f}/100 · passage {best.paragraph.passage_id}")
    return embed


def passage_embed(work: LoadedWork, paragraph: Passage) -> discord.Embed:
    """A whole paragraph (shortened if very long), for stepping through the work."""
    embed = discord.Embed(
        title=shorten(work.title, EMBED_TITLE),
        description=shorten(paragraph.text, EMBED_PASSAGE_CHARS),
        colour=QUOTE_COLOUR,
    )
    embed.add_field(name="Where", value=shorten(str(work.location(paragraph)), FIELD_VALUE), inline=False)
    embed.set_footer(text=f"passage {paragraph.passage_id}")
    return embed


def not_found_embed(lookup: QuoteLookup) -> discord.Embed:
    """Says plainly that the line is not in the work, offering the nearest lines if any."""
    query = discord.utils.escape_markdown(shorten(lookup.query, QUERY_ECHO_CHARS))
    title = discord.utils.escape_markdown(lookup.work.title)
    hint = (
        "The closest lines, in case it was worded differently:"
        if lookup.suggestions
        else "Try a few distinctive words from the line you remember."
    )
    embed = discord.Embed(
        title="Not in the story",
        description=f"I couldn't find “{query}” in *{title}*.\n{hint}",
        colour=NOT_FOUND_COLOUR,
    )
    for hit in lookup.suggestions[:3]:
        embed.add_field(
            name=shorten(str(hit.location), FIELD_NAME), value=shorten(hit.sentence.text, SUGGESTION_CHARS), inline=False
        )
    return embed


NAV_PREFIX = "folio:nav:"
NAV_CUSTOM_ID = re.compile(r"(?P<slug>[a-z0-9-]{1,40}):(?P<target>\d{1,9}):(?P<arrow>prev|next)")
"""What follows :data:`NAV_PREFIX` in a ◀/▶ button's custom id."""
NAVIGATOR_COG = "QuoteCog"
"""The cog that handles ◀/▶ clicks (see :class:`PassageNavigator`)."""
STALE_BUTTON = "This button no longer works. Run `/quote` again to get fresh ones."


class PassageNavigator(Protocol):
    async def show_passage(self, interaction: discord.Interaction, slug: str, target: int) -> None: ...


class PassageButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=re.escape(NAV_PREFIX) + ".*"):
    """◀ or ▶: shows paragraph `target` of work `slug`.

    The custom id carries all the click needs, so buttons on messages sent
    before a restart keep working, and no view is kept per message. Every id
    with Folio's prefix is claimed, so a damaged or forged one is answered
    (with :data:`STALE_BUTTON`) rather than left to fail silently.
    """

    def __init__(self, slug: str, target: int, arrow: str, *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji="◀" if arrow == "prev" else "▶",
                custom_id=f"{NAV_PREFIX}{slug}:{target}:{arrow}",
                disabled=disabled,
            )
        )
        self.slug = slug
        self.target = target

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> PassageButton | StaleButton:
        parts = NAV_CUSTOM_ID.fullmatch(item.custom_id.removeprefix(NAV_PREFIX)) if item.custom_id else None
        if parts is None:
            return StaleButton(item)
        return cls(parts["slug"], int(parts["target"]), parts["arrow"])

    async def callback(self, interaction: discord.Interaction) -> None:
        navigator = cast(PassageNavigator, cast(commands.Bot, interaction.client).get_cog(NAVIGATOR_COG))
        await navigator.show_passage(interaction, self.slug, self.target)


class StaleButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=re.escape(NAV_PREFIX) + ".*"):
    """A Folio button whose custom id no longer means anything: the click gets :data:`STALE_BUTTON`.

    Never registered itself: :meth:`PassageButton.from_custom_id` hands clicks to it.
    """

    def __init__(self, item: discord.ui.Button[Any]) -> None:
        super().__init__(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(STALE_BUTTON, ephemeral=True)


def passage_navigation(work: LoadedWork, paragraph: Passage) -> discord.ui.View:
    """◀ ▶ buttons stepping to the previous and next paragraph (disabled at the ends)."""
    ordinal, last = paragraph.ordinal, len(work.paragraphs) - 1
    view = discord.ui.View(timeout=None)
    view.add_item(PassageButton(work.slug, max(ordinal - 1, 0), "prev", disabled=ordinal <= 0))
    view.add_item(PassageButton(work.slug, min(ordinal + 1, last), "next", disabled=ordinal >= last))
    return view
