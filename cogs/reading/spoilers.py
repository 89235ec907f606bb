"""The reading progress as replies use it: whose progress a reply follows, and spoiler tags.

A public reply follows the channel's (or the server's) progress; a private one
the reader's own, if they set one (see :mod:`bot.progress.tracker`).
"""

from __future__ import annotations

from typing import cast

import discord

from bot.folio_bot import FolioBot
from bot.library.views import WorkView
from bot.progress.chapters import Horizon
from bot.progress.tracker import Audience, Progress
from cogs.core.gating import channel_chain


def audience(interaction: discord.Interaction, *, private: bool = False) -> Audience:
    """Who a reply to ``interaction`` is for: the channel where it happens, and the reader if private."""
    channels = tuple(channel for channel in channel_chain(interaction) if channel is not None)
    return Audience(interaction.guild_id, channels, interaction.user.id if private else None)


async def progress_for(interaction: discord.Interaction, work: WorkView, *, private: bool = False) -> Progress | None:
    """The progress a reply to ``interaction`` about ``work`` follows (None: nothing is hidden)."""
    return await cast(FolioBot, interaction.client).progress.in_force(work, audience(interaction, private=private))


async def horizon_for(interaction: discord.Interaction, work: WorkView, *, private: bool = False) -> Horizon | None:
    progress = await progress_for(interaction, work, private=private)
    return progress.horizon if progress is not None else None


def spoiler(text: str) -> str:
    """``text`` hidden until clicked (Discord's ``||spoiler||``), its own bars escaped so it stays hidden."""
    escaped = text.replace("|", "\\|")
    return f"||{escaped}||" if text.strip() else text
