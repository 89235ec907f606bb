"""Folio as several processes on one database: each runs its shards, answers its guilds once, syncs when asked."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.e2e.sharding import GUILD_OF_SHARD, GUILDS, SHARDS, callbacks, in_guild, processes, two_guilds
from tests.fake_discord import payloads
from tests.fake_discord.bot_process import BotProcess, bot_env
from tests.fake_discord.gateway import IDENTIFY
from tests.fake_discord.harness import COMMAND_SYNC

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE = 4


async def test_two_processes_each_run_their_shard_and_answer_their_guild_once(database_target: Path | str) -> None:
    async with two_guilds() as fake, processes(fake, database_target) as bots:
        first, second = await asyncio.gather(bots.shard(0, sync=True), bots.shard(1))
        identified = sorted(tuple(frame.d["shard"]) for frame in fake.gateway.received.items if frame.op == IDENTIFY)
        assert identified == [(0, SHARDS), (1, SHARDS)]
        assert fake.gateway.identify_refusals == 0, "the two processes took identify turns"
        assert len(fake.requests_matching("PUT", COMMAND_SYNC)) == 1, "only the process told to sync did"
        for shard, bot in ((0, first.bot), (1, second.bot)):
            assert f"Shard ID {shard} has connected" in bot.log and f"Shard ID {1 - shard} " not in bot.log

        asked = [in_guild("quote", guild_id, {"text": "Stiles knows that."}) for guild_id in GUILDS]
        replies = await asyncio.gather(*(fake.interact(interaction) for interaction in asked))
        assert [reply.json["type"] for reply in replies] == [MESSAGE, MESSAGE]
        await asyncio.sleep(0.5)  # a second answer, if any process gave one, would have come by now
        assert [callbacks(fake, interaction) for interaction in asked] == [1, 1]
        for bot in (first.bot, second.bot):
            assert await bot.stop() == 0
            assert bot.tracebacks() == []
        assert [str(request) for request in fake.failed_requests] == []


async def test_one_process_runs_every_shard_and_finds_the_gateway_through_the_api(database_target: Path | str) -> None:
    async with two_guilds() as fake, processes(fake, database_target) as bots:
        folio = await bots.start({"SHARD_COUNT": str(SHARDS), "DISCORD_GATEWAY_URL": ""})
        assert fake.requests_matching("GET", "/gateway/bot"), "the gateway URL comes from GET /gateway/bot"
        assert fake.gateway.ready and sorted(fake.gateway.shard_sessions()) == [0, 1]
        assert fake.gateway.identify_refusals == 0
        for shard, guild_id in GUILD_OF_SHARD.items():
            reply = await fake.interact(in_guild("quote", guild_id, {"text": "Stiles knows that."}))
            assert reply.json["type"] == MESSAGE, (shard, reply)
        assert await folio.bot.stop() == 0


async def test_commands_are_published_only_when_asked(database_target: Path | str) -> None:
    async with two_guilds() as fake, processes(fake, database_target) as bots:
        folio = await bots.start({"SYNC_COMMANDS": "0"})
        assert fake.requests_matching("PUT", COMMAND_SYNC) == []
        assert await folio.bot.stop() == 0

        frames = fake.gateway.received.mark()
        sync = await BotProcess.start(bot_env(fake, database_target), args=["sync-commands"])
        assert await sync.wait() == 0, sync.tail()
        [put] = fake.requests_matching("PUT", COMMAND_SYNC)
        assert put.path.endswith(f"/guilds/{payloads.GUILD_ID}/commands")
        assert "quote" in {command["name"] for command in fake.guild_commands()}
        assert fake.gateway.received.items[frames:] == [], "publishing the commands opens no gateway session"
