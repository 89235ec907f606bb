"""Embeds for the library: the listing, and what moderators changed."""

from __future__ import annotations

import discord

from bot.storage.records import SavedWork, WorkRecord, WorkSummary
from bot.text.excerpt import shorten
from bot.text.markup import plain_text
from cogs.core.discord_limits import EMBED_FIELDS, EMBED_TITLE, EMBED_TOTAL

LIBRARY_COLOUR = discord.Colour.blurple()
LISTED_TITLE_CHARS = 150
FOOTER_RESERVE = 40


def works_embed(summaries: list[WorkSummary], *, default_slug: str) -> discord.Embed:
    """One field per work, as many as fit in an embed; a footer counts the rest."""
    embed = discord.Embed(title="The library", colour=LIBRARY_COLOUR)
    for listed, summary in enumerate(summaries):
        work = summary.work
        marker = " (default)" if work.slug == default_slug else ""
        name = shorten(work.title, LISTED_TITLE_CHARS) + marker
        value = f"`{work.slug}`{_by(work)} · {summary.paragraphs:,} paragraphs · {summary.sentences:,} sentences"
        if listed == EMBED_FIELDS or len(embed) + len(name) + len(value) > EMBED_TOTAL - FOOTER_RESERVE:
            embed.set_footer(text=f"…and {len(summaries) - listed} more")
            break
        embed.add_field(name=name, value=value, inline=False)
    return embed


def work_added_embed(added: SavedWork) -> discord.Embed:
    """What an import did to the work it names, with that work's own counts."""
    record, summary = added.record, added.summary
    counts = f"{summary.sections:,} sections, {summary.paragraphs:,} paragraphs, {summary.sentences:,} sentences"
    return discord.Embed(
        title=shorten(f"{added.outcome} {record.title}", EMBED_TITLE),
        description=(
            f"`{record.slug}`{_by(record)} · read as {record.layout.value} text · {counts}.\n"
            f"Readers can now use `/quote work: {record.slug}`."
        ),
        colour=LIBRARY_COLOUR,
    )


def removed_embed(record: WorkRecord, now_default: WorkRecord | None = None) -> discord.Embed:
    """What a removal did; `now_default` when the removed work was the server's default."""
    description = f"`{record.slug}` is no longer in this server's library."
    if now_default is not None:
        title = discord.utils.escape_markdown(plain_text(now_default.title))
        description += (
            f"\n⚠️ It was this server's default work: `/quote` and the other commands now use"
            f" **{title}** (`{now_default.slug}`) when no work is named. Change it with `/library default`."
        )
    return discord.Embed(
        title=shorten(f"Removed {plain_text(record.title)}", EMBED_TITLE),
        description=description,
        colour=LIBRARY_COLOUR,
    )


def default_set_embed(record: WorkRecord) -> discord.Embed:
    return discord.Embed(
        title=shorten(f"Default work: {record.title}", EMBED_TITLE),
        description=f"`/quote` here now searches `{record.slug}` when no work is named.",
        colour=LIBRARY_COLOUR,
    )


def _by(work: WorkRecord) -> str:
    return f" by {work.author}" if work.author else ""
