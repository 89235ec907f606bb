"""Embeds for the library: the listing, and what moderators changed."""

from __future__ import annotations

import discord

from bot.database import WorkRecord, WorkSummary
from bot.library import LoadedWork

MAX_LISTED_WORKS = 25  # an embed holds at most 25 fields
LIBRARY_COLOUR = discord.Colour.blurple()


def works_embed(summaries: list[WorkSummary], *, default_slug: str) -> discord.Embed:
    embed = discord.Embed(title="The library", colour=LIBRARY_COLOUR)
    for summary in summaries[:MAX_LISTED_WORKS]:
        work = summary.work
        marker = " (default)" if work.slug == default_slug else ""
        embed.add_field(
            name=f"{work.title}{marker}"[:256],
            value=f"`{work.slug}`{_by(work)} · {summary.paragraphs:,} paragraphs · {summary.sentences:,} sentences"[
                :1024
            ],
            inline=False,
        )
    if len(summaries) > MAX_LISTED_WORKS:
        embed.set_footer(text=f"…and {len(summaries) - MAX_LISTED_WORKS} more")
    return embed


def work_added_embed(work: LoadedWork) -> discord.Embed:
    record = work.record
    embed = discord.Embed(
        title=f"Added {record.title}"[:256],
        description=(
            f"`{record.slug}`{_by(record)} · read as {record.layout.value} text · "
            f"{len(work.sections):,} sections, {len(work.paragraphs):,} paragraphs, {len(work.sentences):,} sentences.\n"
            f"Readers can now use `/quote work: {record.slug}`."
        ),
        colour=LIBRARY_COLOUR,
    )
    return embed


def removed_embed(record: WorkRecord) -> discord.Embed:
    return discord.Embed(
        title=f"Removed {record.title}"[:256],
        description=f"`{record.slug}` is no longer in this server's library.",
        colour=LIBRARY_COLOUR,
    )


def _by(work: WorkRecord) -> str:
    return f" by {work.author}" if work.author else ""
