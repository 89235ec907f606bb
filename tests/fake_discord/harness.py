"""The bot and its FakeDiscord together: what the end-to-end fixtures hand to tests."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from .bot_process import READY_LINE, BotProcess, bot_env
from .payloads import JSON
from .server import FakeDiscord, RecordedRequest

COMMAND_SYNC = r"/applications/\d+/guilds/\d+/commands"
HEARTBEAT_INTERVAL_MS = 2_000
STARTUP_TIMEOUT = 30.0
SHUTDOWN_TIMEOUT = 10.0
StartBot = Callable[[Mapping[str, str | None]], Awaitable[BotProcess]]


@dataclass(frozen=True)
class Harness:
    """A running bot and the fake Discord it talks to."""

    fake: FakeDiscord
    bot: BotProcess
    database: Path | str

    async def interact(self, interaction: JSON, *, timeout: float = 10.0, validate: bool = True) -> RecordedRequest:
        """Dispatch INTERACTION_CREATE and return the bot's callback request.

        ``validate=False`` forges an interaction Discord would not deliver (see :meth:`FakeDiscord.dispatch`).
        """
        return await self.fake.interact(interaction, timeout=timeout, validate=validate)


@asynccontextmanager
async def running_folio(database: Path | str, overrides: Mapping[str, str | None] | None = None) -> AsyncIterator[Harness]:
    """Start FakeDiscord and the bot; yield once the bot is ready and has synced its commands.

    On exit the bot gets SIGTERM and must exit 0 within ``SHUTDOWN_TIMEOUT`` seconds.
    """
    fake = FakeDiscord(heartbeat_interval_ms=HEARTBEAT_INTERVAL_MS)
    await fake.start()
    bot: BotProcess | None = None
    try:
        bot = await BotProcess.start(bot_env(fake, database, overrides))
        await bot.wait_for_log(READY_LINE, timeout=STARTUP_TIMEOUT)
        await fake.wait_for_request("PUT", COMMAND_SYNC, since=0)
        yield Harness(fake, bot, database)
        status = await bot.stop(timeout=SHUTDOWN_TIMEOUT)
        assert status == 0, f"bot exited {status} on SIGTERM:\n{bot.tail()}"
    finally:
        if bot is not None:
            await bot.kill()
        await fake.close()
