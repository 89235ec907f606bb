"""Closing trivia games a restart cut short: by the process that owns the game's server, once the
process that ran it is gone (it stopped, or its lease lapsed after a kill). Their scores are kept and
their channels told, once: a game another process closed first is left alone.
"""

from __future__ import annotations

import asyncio
import logging

import discord

from bot.folio_bot import FolioBot
from bot.sharding import HEARTBEAT_SECONDS
from bot.storage.trivia import TriviaStore
from bot.trivia.game import GameSummary, StopReason, replay
from cogs.trivia.live_games import LiveGames
from cogs.trivia.ui import summary_embed

log = logging.getLogger(__name__)


class CutGameRecovery:
    """Looks for games cut short when the bot is ready, then again every :data:`HEARTBEAT_SECONDS`."""

    def __init__(self, bot: FolioBot, store: TriviaStore, games: LiveGames) -> None:
        self.bot = bot
        self.store = store
        self.games = games
        self._task: asyncio.Task[None] | None = None
        self._checked_at = 0.0

    def start(self) -> None:
        self._task = asyncio.create_task(self._recover(), name="folio-trivia-recovery")

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def look_again_if_due(self, now: float) -> None:
        """Start another look if the last one is done and a heartbeat has passed since it began."""
        if self._task is not None and self._task.done() and now - self._checked_at >= HEARTBEAT_SECONDS:
            self.start()

    async def _recover(self) -> None:
        await self.bot.wait_until_ready()
        self._checked_at = self.games.now()
        try:
            await self._close_cut_games()
        except Exception:
            log.exception("Closing the trivia games a restart cut short failed; they stay open until the next check")

    async def _close_cut_games(self) -> None:
        """Close the games of this process's servers that a gone process ran (keeping their scores), and
        say so in their channels, once: a game closed by another process first is left alone."""
        live_ids = self.games.ids()
        for record in await self.store.orphaned_games(await self.bot.lease.live_instances()):
            if record.id in live_ids or not self.bot.owns_guild(record.guild_id):
                continue
            standings = replay(await self.store.answers(record.id))
            if not await self.store.finish_game(
                record,
                standings,
                reason=StopReason.INTERRUPTED.value,
                now=self.games.now(),
                interrupted=True,
            ):
                continue
            summary = GameSummary(
                await self.store.rounds_asked(record.id),
                StopReason.INTERRUPTED,
                standings,
            )
            channel = self.bot.get_partial_messageable(record.channel_id, guild_id=record.guild_id)
            try:
                await channel.send(embed=summary_embed(summary, interrupted=True))
            except discord.HTTPException as error:
                log.warning("Could not announce the end of trivia game %d: %s", record.id, error)
