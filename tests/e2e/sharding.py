"""Several bot processes against one fake Discord with two guilds on two shards."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.fake_discord import payloads
from tests.fake_discord.bot_process import READY_LINE, BotProcess, bot_env
from tests.fake_discord.harness import HEARTBEAT_INTERVAL_MS, STARTUP_TIMEOUT, Harness
from tests.fake_discord.payloads import JSON
from tests.fake_discord.server import FakeDiscord

SHARDS = 2
GUILDS = payloads.guild_ids(SHARDS)
SHARD_OF = {guild_id: payloads.shard_of(guild_id, SHARDS) for guild_id in GUILDS}
GUILD_OF_SHARD = {shard: guild_id for guild_id, shard in SHARD_OF.items()}


@asynccontextmanager
async def two_guilds() -> AsyncIterator[FakeDiscord]:
    """A fake Discord whose two guilds fall on shards 0 and 1 of 2, and which recommends 2 shards."""
    fake = FakeDiscord(heartbeat_interval_ms=HEARTBEAT_INTERVAL_MS, extra_guild_ids=GUILDS[1:], shards=SHARDS)
    await fake.start()
    try:
        yield fake
    finally:
        await fake.close()


class Processes:
    """Bot processes started against one fake and database; killed at the end if still running."""

    def __init__(self, fake: FakeDiscord, database: Path | str) -> None:
        self.fake = fake
        self.database = database
        self.started: list[BotProcess] = []

    async def start(self, overrides: dict[str, str | None], *, ready: bool = True) -> Harness:
        bot = await BotProcess.start(bot_env(self.fake, self.database, overrides))
        self.started.append(bot)
        if ready:
            await bot.wait_for_log(READY_LINE, timeout=STARTUP_TIMEOUT)
        return Harness(self.fake, bot, self.database)

    async def shard(self, shard_id: int, extra: dict[str, str] | None = None, *, sync: bool = False) -> Harness:
        """A process running shard ``shard_id`` of :data:`SHARDS`."""
        overrides = {"SHARD_COUNT": str(SHARDS), "SHARD_IDS": str(shard_id), "SYNC_COMMANDS": "1" if sync else "0"}
        return await self.start({**overrides, **(extra or {})})

    async def kill_all(self) -> None:
        for bot in self.started:
            await bot.kill()


@asynccontextmanager
async def processes(fake: FakeDiscord, database: Path | str) -> AsyncIterator[Processes]:
    running = Processes(fake, database)
    try:
        yield running
    finally:
        await running.kill_all()


def in_guild(name: str, guild_id: int, options: dict[str, object] | None = None, **where: object) -> JSON:
    """A slash command in ``guild_id``'s story channel."""
    return payloads.slash_command(name, options, guild_id=guild_id, channel_id=payloads.channel_ids(guild_id)[0], **where)


def callbacks(fake: FakeDiscord, interaction: JSON) -> int:
    """How many times the bot answered ``interaction`` (Discord takes one; the fake refuses a second)."""
    return len(fake.requests_matching("POST", rf"/interactions/{interaction['id']}/[^/]+/callback"))
