"""Posting a passage for discussion: the embed with its prompt, and the thread opened on it."""

from __future__ import annotations

import logging

import discord

from bot.discuss.prompts import prompt_for, thread_name
from bot.discuss.service import Chosen, DiscussionService
from bot.text.excerpt import shorten
from cogs.core.discord_limits import EMBED_TITLE, FIELD_VALUE
from cogs.reading.quote_ui import EMBED_PASSAGE_CHARS, QUOTE_COLOUR

log = logging.getLogger(__name__)

THREAD_ARCHIVE_MINUTES = 10080
"""A discussion thread stays open a week after its last message."""
THREAD_NAME_CHARS = 100


def discussion_embed(chosen: Chosen, heading: str = "Let's discuss") -> discord.Embed:
    """The passage, who is in it, and an open question about it."""
    paragraph = chosen.paragraph
    prompt = prompt_for(paragraph.text, paragraph.id or 0, list(chosen.people))
    embed = discord.Embed(
        title=shorten(f"{heading}: {chosen.work.title}", EMBED_TITLE),
        description=shorten(paragraph.text, EMBED_PASSAGE_CHARS),
        colour=QUOTE_COLOUR,
    )
    if prompt.people:
        embed.add_field(name="In this passage", value=shorten(", ".join(prompt.people), FIELD_VALUE), inline=False)
    embed.add_field(name="Talk about it", value=shorten(prompt.question, FIELD_VALUE), inline=False)
    embed.add_field(name="Where", value=shorten(str(chosen.work.location(paragraph)), FIELD_VALUE), inline=False)
    embed.set_footer(text=f"passage {paragraph.id} · reply in the thread")
    return embed


def discussion_thread_name(chosen: Chosen) -> str:
    location = chosen.work.location(chosen.paragraph)
    where = f"{location.section_title} ¶{location.paragraph_number}"
    return thread_name(where, chosen.paragraph.text, THREAD_NAME_CHARS)


async def open_thread(
    service: DiscussionService,
    message: discord.Message | discord.PartialMessage,
    chosen: Chosen,
    *,
    guild_id: int,
    origin: str,
) -> discord.Thread | None:
    """Record the discussion, then open its thread on `message`; None if Discord refused the thread."""
    assert chosen.paragraph.id is not None, "stored passages have ids"
    discussion_id = await service.record(
        guild_id=guild_id,
        channel_id=message.channel.id,
        passage_id=chosen.paragraph.id,
        message_id=message.id,
        origin=origin,
    )
    try:
        thread = await message.create_thread(
            name=discussion_thread_name(chosen), auto_archive_duration=THREAD_ARCHIVE_MINUTES
        )
    except discord.HTTPException as error:
        log.warning("Could not open a thread on message %s: %s", message.id, error)
        return None
    await service.thread_opened(discussion_id, thread.id)
    return thread
