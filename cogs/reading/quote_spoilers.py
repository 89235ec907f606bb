"""/quote and the reading progress: saying a line comes later, and showing it privately behind spoiler tags."""

from __future__ import annotations

import discord

from bot.library.views import QuoteHit, QuoteLookup
from bot.progress.tracker import Progress, work_chapters
from bot.text.excerpt import shorten
from cogs.core.discord_limits import FIELD_VALUE
from cogs.reading.occurrences_ui import occurrences_embed
from cogs.reading.quote_ui import QUERY_ECHO_CHARS, not_found_embed, quote_embed
from cogs.reading.spoilers import spoiler

SPOILER_ROOM = 24
"""Characters a field value leaves for its spoiler tags and escaped bars."""
SPOILERS_HINT = "Add `spoilers: True` to see it anyway: only you will, hidden behind a spoiler tag."


def chapter_name(hit: QuoteHit) -> str:
    """The chapter a hit is in, as a reply names it."""
    chapter = work_chapters(hit.work).containing(hit.paragraph.section)
    return chapter.name if chapter is not None else "the back matter"


def further_on(everywhere: QuoteLookup, progress: Progress) -> str:
    """Says that what a reader looked for is past the progress, and where, without showing it."""
    query = discord.utils.escape_markdown(shorten(everywhere.query, QUERY_ECHO_CHARS))
    reached = discord.utils.escape_markdown(progress.chapter.name)
    if everywhere.hits:
        where = discord.utils.escape_markdown(chapter_name(everywhere.hits[0]))
        found = f"“{query}” is further on, in **{where}**"
    else:
        first = discord.utils.escape_markdown(chapter_name(everywhere.occurrences[0]))
        found = f"“{query}” only comes later: {len(everywhere.occurrences)} times, first in **{first}**"
    return f"{found}; the reading here has got to {reached}. {SPOILERS_HINT}"


async def send_hidden(interaction: discord.Interaction, lookup: QuoteLookup) -> None:
    """Answer privately with what the whole work holds, its text behind spoiler tags."""
    if lookup.hits:
        embed = hidden(quote_embed(lookup))
    elif lookup.occurrences:
        embed = hidden(occurrences_embed(lookup, 0))
    else:
        embed = not_found_embed(lookup)
    await interaction.response.send_message(embed=embed, ephemeral=True)


def hidden(embed: discord.Embed) -> discord.Embed:
    """``embed`` with its description and every field's value behind spoiler tags."""
    if embed.description:
        embed.description = spoiler(embed.description)
    for index, field in enumerate(embed.fields):
        value = spoiler(shorten(field.value or "", FIELD_VALUE - SPOILER_ROOM))
        embed.set_field_at(index, name=field.name, value=value, inline=field.inline)
    return embed
