"""Answering within Discord's three seconds: work that may be slow defers the interaction after one.

A first answer must reach Discord within three seconds of the interaction, or it is
lost. :func:`after_a_second` awaits the work; if it has not finished within
:data:`DEFER_AFTER` seconds, it defers (Discord shows "thinking…") and waits on, and
:func:`reply` then answers with a follow-up. Answers that come in time stay one plain
response, so a reader sees no "thinking…" flash for an ordinary lookup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

import discord

T = TypeVar("T")
DEFER_AFTER = 1.5
"""Seconds to wait before deferring: over a second is slow, and the deferral itself still has a second
and a half to reach Discord on a busy machine."""


async def after_a_second(interaction: discord.Interaction, work: Awaitable[T], *, ephemeral: bool = False) -> T:
    """The result of ``work``; the interaction is deferred if the work takes over :data:`DEFER_AFTER` seconds."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    return await task


async def reply(interaction: discord.Interaction, **message: Any) -> None:
    """Answer, as a follow-up if the interaction was deferred (the follow-up replaces "thinking…")."""
    if interaction.response.is_done():
        await interaction.followup.send(**message)
    else:
        await interaction.response.send_message(**message)
