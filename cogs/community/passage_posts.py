"""Sending messages that show a passage, and recording which passage each one shows.

Reactions count for the passage a message showed when it was posted (see
:mod:`bot.storage.passage_messages`), so every feature that posts a passage goes through here:
a reply to a command (:func:`reply_with_passage`) or a post of the bot's own (:func:`send_passage`).
Turning its pages with ◀ ▶ later records nothing: the votes stay with that first passage.
"""

from __future__ import annotations

from typing import Any, cast

import discord

from bot.folio_bot import FolioBot
from bot.storage.passage_messages import MessageKind, PassageMessages
from bot.text.model import Passage


def registry(client: discord.Client) -> PassageMessages:
    """The bot's record of which message shows which passage."""
    return cast(FolioBot, client).passage_messages


async def reply_with_passage(
    interaction: discord.Interaction,
    passage: Passage,
    kind: MessageKind,
    **message: Any,
) -> int | None:
    """Answer ``interaction`` publicly with ``message``, which shows ``passage``, and record it; returns the
    id of the message sent, if Discord said which."""
    async with registry(interaction.client).sending():
        if interaction.response.is_done():  # deferred while the passage was found
            sent_id: int | None = (await interaction.followup.send(wait=True, **message)).id
        else:
            sent_id = (await interaction.response.send_message(**message)).message_id
        if sent_id is not None:
            await record_shown(interaction, sent_id, passage, kind)
        return sent_id


async def send_passage(
    client: discord.Client,
    channel: discord.abc.Messageable,
    passage: Passage,
    kind: MessageKind,
    *,
    requested_by: int | None = None,
    **message: Any,
) -> discord.Message:
    """Post ``message``, which shows ``passage``, in ``channel`` and record it; returns the message sent."""
    shown = registry(client)
    async with shown.sending():
        sent = await channel.send(**message)
        if sent.guild is not None and passage.id is not None:
            await shown.record(
                message_id=sent.id,
                channel_id=sent.channel.id,
                guild_id=sent.guild.id,
                passage_id=passage.id,
                kind=kind,
                requested_by=requested_by,
            )
    return sent


async def record_shown(
    interaction: discord.Interaction,
    message_id: int,
    passage: Passage,
    kind: MessageKind,
) -> None:
    """Remember that ``message_id``, sent or turned for ``interaction``, shows ``passage``."""
    assert passage.id is not None, "stored passages have ids"
    await registry(interaction.client).record(
        message_id=message_id,
        channel_id=interaction.channel_id or 0,
        guild_id=interaction.guild_id,
        passage_id=passage.id,
        kind=kind,
        requested_by=interaction.user.id,
    )
