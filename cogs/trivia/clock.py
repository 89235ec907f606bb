"""The trivia game clock: a :mod:`discord.ext.tasks` loop that compares each question's deadline with
the bot's clock every ``settings.tick_seconds`` and now and then looks for games cut short."""

from __future__ import annotations

from discord.ext import tasks

from bot.folio_bot import FolioBot
from cogs.trivia.live_games import LiveGames
from cogs.trivia.recovery import CutGameRecovery


class GameClock:
    """Ticks for the running games and the recovery of cut ones."""

    def __init__(self, bot: FolioBot, games: LiveGames, recovery: CutGameRecovery) -> None:
        self.bot = bot
        self.games = games
        self.recovery = recovery

    def start(self) -> None:
        self.ticker.change_interval(seconds=self.bot.settings.tick_seconds)
        self.ticker.start()

    def cancel(self) -> None:
        self.ticker.cancel()

    @tasks.loop(seconds=1.0)
    async def ticker(self) -> None:
        """Close every question whose time is up (then ask the next, or end the game), and now and then
        the games of a process that is gone."""
        now = self.games.now()
        self.recovery.look_again_if_due(now)
        await self.games.close_due(now)

    @ticker.before_loop
    async def _before_ticking(self) -> None:
        await self.bot.wait_until_ready()
