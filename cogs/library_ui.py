"""Embeds for the library listing."""

from __future__ import annotations

import discord

from bot.database import WorkSummary

MAX_LISTED_WORKS = 25  # an embed holds at most 25 fields


def works_embed(summaries: list[WorkSummary], *, default_slug: str) -> discord.Embed:
    embed = discord.Embed(title="The library", colour=discord.Colour.blurple())
    for summary in summaries[:MAX_LISTED_WORKS]:
        work = summary.work
        marker = " (default)" if work.slug == default_slug else ""
        author = f" by {work.author}" if work.author else ""
        embed.add_field(
            name=f"{work.title}{marker}"[:256],
            value=f"`{work.slug}`{author} · {summary.paragraphs:,} paragraphs · {summary.sentences:,} sentences"[:1024],
            inline=False,
        )
    if len(summaries) > MAX_LISTED_WORKS:
        embed.set_footer(text=f"…and {len(summaries) - MAX_LISTED_WORKS} more")
    return embed
