"""Embeds for reactions and the hall of fame (builders only, no command logic)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import discord

from bot.library.views import WorkView
from bot.reactions.hall import HallConfig
from bot.reactions.stats import PassageTally
from bot.reactions.votes import emoji_label
from bot.storage.reaction_stats import PassageHistory
from bot.storage.reactions import ReactionTarget
from bot.text.excerpt import shorten
from bot.text.model import Passage
from cogs.core.discord_limits import EMBED_TITLE, FIELD_NAME, FIELD_VALUE
from cogs.core.safe_text import echoed
from cogs.reading.spoilers import spoiler

HALL_COLOUR = discord.Colour.gold()
HALL_PASSAGE_CHARS = 1500
MARKED_COLOUR = discord.Colour.light_grey()


def jump_link(guild_id: int, channel_id: int, message_id: int) -> str:
    return f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"


def hall_content(config: HallConfig, target: ReactionTarget, count: int, *, marked: bool = False) -> str:
    """The line above a hall post: the count and the emoji, struck through once taken down."""
    emojis = " ".join(emoji_label(emoji) for emoji in config.emojis)
    line = f"{emojis} **{count}** · <#{target.channel_id}>"
    if marked:
        return f"~~{line}~~ (below {config.remove_below}: no longer in the hall of fame)"
    return line


def hall_embed(
    work: WorkView, paragraph: Passage, target: ReactionTarget, *, further_on: bool = False
) -> discord.Embed:
    """The passage as the hall of fame shows it: text, work, place, who asked for it, a jump link;
    its text behind spoiler tags if it is `further_on` than the hall channel's reading progress.

    The count is in the post's text (:func:`hall_content`), so updating it edits only that.
    """
    text = shorten(paragraph.text, HALL_PASSAGE_CHARS)
    embed = discord.Embed(
        title=shorten(work.title, EMBED_TITLE),
        description=spoiler(text) if further_on else text,
        colour=HALL_COLOUR,
    )
    embed.add_field(name="Where", value=shorten(str(work.location(paragraph)), FIELD_VALUE), inline=False)
    if target.requested_by is not None:
        embed.add_field(name="Asked for by", value=f"<@{target.requested_by}>", inline=True)
    link = jump_link(target.guild_id, target.channel_id, target.message_id)
    embed.add_field(name="Original", value=f"[Jump to the message]({link})", inline=False)
    embed.set_footer(text=f"passage {paragraph.id}")
    return embed


TOP_COLOUR = discord.Colour.from_rgb(0x8E, 0x5B, 0xD6)
TOP_EXCERPT_CHARS = 160
STATS_LINES = 10


@dataclass(frozen=True, slots=True)
class RankedPassage:
    """A passage in the top list, with what it needs to be shown."""

    rank: int
    tally: PassageTally
    work: WorkView
    paragraph: Passage
    further_on: bool = False
    """Past the reading progress of whoever sees the list: shown behind spoiler tags."""


def tally_text(counts: Counter[str]) -> str:
    return " · ".join(f"{emoji_label(emoji)} {count}" for emoji, count in counts.most_common(5))


def top_embed(heading: str, entries: list[RankedPassage], page: int, pages: int) -> discord.Embed:
    """One page of the most-loved passages."""
    lines = []
    for entry in entries:
        excerpt = echoed(entry.paragraph.text, TOP_EXCERPT_CHARS)
        where = echoed(f"{entry.work.title}, {entry.work.location(entry.paragraph)}", 200)
        if entry.further_on:
            excerpt, where = spoiler(excerpt), f"{where} (further on than the reading)"
        lines.append(f"**{entry.rank}.** {tally_text(entry.tally.counts)} — {where}\n> {excerpt}")
    embed = discord.Embed(title=shorten(heading, EMBED_TITLE), description="\n\n".join(lines), colour=TOP_COLOUR)
    embed.set_footer(text=f"Page {page + 1} of {pages}")
    return embed


def server_stats_embed(total: int, reactors: list[tuple[int, int]], emojis: Counter[str]) -> discord.Embed:
    embed = discord.Embed(
        title="Reactions in this server", colour=TOP_COLOUR, description=f"{total} counting reaction(s)."
    )
    if reactors:
        lines = [f"{n}. <@{user}> — {votes}" for n, (user, votes) in enumerate(reactors[:STATS_LINES], 1)]
        embed.add_field(name="Who reacts most", value=shorten("\n".join(lines), FIELD_VALUE), inline=True)
    if emojis:
        embed.add_field(name="Favourite emoji", value=shorten(tally_text(emojis), FIELD_VALUE), inline=True)
    return embed


def member_stats_embed(member_mention: str, emojis: Counter[str], loved: list[RankedPassage]) -> discord.Embed:
    total = sum(emojis.values())
    embed = discord.Embed(
        title="A reader's reactions", colour=TOP_COLOUR, description=f"{member_mention}: {total} counting reaction(s)."
    )
    if emojis:
        embed.add_field(name="Favourite emoji", value=shorten(tally_text(emojis), FIELD_VALUE), inline=False)
    for entry in loved:
        name = shorten(f"{entry.work.title}, {entry.work.location(entry.paragraph)}", FIELD_NAME)
        text = shorten(entry.paragraph.text, TOP_EXCERPT_CHARS)
        embed.add_field(name=name, value=spoiler(text) if entry.further_on else text, inline=False)
    return embed


def passage_stats_embed(
    work: WorkView, paragraph: Passage, counts: Counter[str], history: PassageHistory, *, further_on: bool = False
) -> discord.Embed:
    text = shorten(paragraph.text, TOP_EXCERPT_CHARS)
    embed = discord.Embed(
        title=shorten(f"Passage {paragraph.id}: its reactions", EMBED_TITLE),
        description=spoiler(text) if further_on else text,
        colour=TOP_COLOUR,
    )
    embed.add_field(name="Where", value=shorten(f"{work.title}, {work.location(paragraph)}", FIELD_VALUE), inline=False)
    embed.add_field(name="Now", value=tally_text(counts) or "No reactions", inline=True)
    seen = f"{history.added} added, {history.removed} taken back"
    if history.first and history.last:
        seen += f"\nfirst {history.first[:10]}, last {history.last[:10]}"
    embed.add_field(name="History", value=seen, inline=True)
    return embed
