"""Fair use with two shard processes: a member's cooldown is kept by the one process that owns the server
(its interactions reach only that shard's connection), direct messages' by shard 0's, and a restart of
one process leaves the cooldowns kept by the other untouched. Nothing is answered twice."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.e2e.sharding import GUILD_OF_SHARD, callbacks, in_guild, processes, two_guilds
from tests.e2e.test_bad_input import direct_message_command
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE = 4
EPHEMERAL = 1 << 6
QUESTION = {"question": "Why did Derek come back?"}
COOLDOWN_NOTE = "You can use /ask again in"


def ask_in(shard: int) -> JSON:
    """Alice's /ask in the server on ``shard``."""
    return in_guild("ask", GUILD_OF_SHARD[shard], QUESTION)


def refused(body: JSON) -> bool:
    return body["type"] == MESSAGE and bool(body["data"].get("flags", 0) & EPHEMERAL) and (
        body["data"].get("content", "").startswith(COOLDOWN_NOTE)
    )


async def test_each_servers_cooldowns_live_in_the_process_that_owns_it(
    database_target: Path | str, tmp_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock")
    fair = {**clock.env(), "FOLIO_FAIR_USE": "1"}
    async with two_guilds() as fake, processes(fake, database_target) as bots:
        _, second = await asyncio.gather(bots.shard(0, fair, sync=True), bots.shard(1, fair))
        sent: list[JSON] = []

        async def ask(interaction: JSON) -> JSON:
            sent.append(interaction)
            return (await fake.interact(interaction)).json

        assert not refused(await ask(ask_in(1)))
        assert refused(await ask(ask_in(1))), "the owner of shard 1 remembers Alice's /ask"
        assert not refused(await ask(ask_in(0))), "a cooldown is per server"
        assert refused(await ask(ask_in(0)))
        assert not refused(await ask(direct_message_command("ask", QUESTION)))
        assert refused(await ask(direct_message_command("ask", QUESTION))), "direct messages have cooldowns too"

        assert await second.bot.stop() == 0
        await bots.shard(1, fair)
        assert refused(await ask(ask_in(0))), "restarting shard 1's process leaves shard 0's cooldowns"
        assert refused(await ask(direct_message_command("ask", QUESTION)))
        clock.advance(seconds=10)
        assert not refused(await ask(ask_in(0)))

        await asyncio.sleep(0.5)  # a second answer, if any process gave one, would have come by now
        assert [callbacks(fake, interaction) for interaction in sent] == [1] * len(sent)
        for bot in bots.started:
            assert bot.tracebacks() == []
        assert [str(request) for request in fake.failed_requests] == []
