"""Embeds for reactions and the hall of fame (builders only, no command logic)."""

from __future__ import annotations

from collections import Counter

import discord

from bot.library.views import WorkView
from bot.reactions.hall import HallConfig
from bot.reactions.votes import emoji_label
from bot.storage.reactions import ReactionTarget
from bot.text.excerpt import shorten
from bot.text.model import Passage
from cogs.discord_limits import EMBED_TITLE, FIELD_VALUE

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


def hall_embed(work: WorkView, paragraph: Passage, target: ReactionTarget, counts: Counter[str]) -> discord.Embed:
    """The passage as the hall of fame shows it: text, work, place, who asked, every emoji's count, a jump link."""
    embed = discord.Embed(
        title=shorten(work.title, EMBED_TITLE),
        description=shorten(paragraph.text, HALL_PASSAGE_CHARS),
        colour=HALL_COLOUR,
    )
    embed.add_field(name="Where", value=shorten(str(work.location(paragraph)), FIELD_VALUE), inline=False)
    if target.requested_by is not None:
        embed.add_field(name="Asked for by", value=f"<@{target.requested_by}>", inline=True)
    if counts:
        tally = " ".join(f"{emoji_label(emoji)} {count}" for emoji, count in counts.most_common(10))
        embed.add_field(name="Reactions", value=shorten(tally, FIELD_VALUE), inline=True)
    link = jump_link(target.guild_id, target.channel_id, target.message_id)
    embed.add_field(name="Original", value=f"[Jump to the message]({link})", inline=False)
    embed.set_footer(text=f"passage {paragraph.id}")
    return embed
