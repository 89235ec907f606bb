"""Per-server jobs run once, in the process owning the server's shard, across restarts and kill -9:
trivia games (closed and announced once, scores kept) and the passage of the day (retried after a failure)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.e2e.sharding import GUILD_OF_SHARD, in_guild, processes, two_guilds
from tests.e2e.trivia_helpers import EPHEMERAL, answer, posted, title
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON
from tests.fake_discord.server import FakeDiscord

pytestmark = pytest.mark.asyncio(loop_scope="module")

DEFERRED = 5
CUT_SHORT = "Trivia cut short by a restart"
LEASE_SECONDS = 30
MONDAY_8AM = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def story_channel(shard: int) -> int:
    return payloads.channel_ids(GUILD_OF_SHARD[shard])[0]


async def start_game(folio: Harness, shard: int) -> JSON:
    """/trivia start in the story channel of the guild on ``shard``; the first question's message."""
    since = folio.fake.mark()
    reply = await folio.interact(in_guild("trivia start", GUILD_OF_SHARD[shard], {"rounds": 5, "kind": "plot"}))
    assert reply.json["type"] == DEFERRED, reply
    return await posted(folio, story_channel(shard), since, "Question 1 ")


def announcements(fake: FakeDiscord, shard: int) -> list[JSON]:
    return [
        request.json
        for request in fake.requests_matching("POST", rf"/channels/{story_channel(shard)}/messages")
        if title(request).startswith(CUT_SHORT)
    ]


async def test_a_restart_or_kill_disturbs_only_its_own_guilds_games(database_target: Path | str, tmp_path: Path) -> None:
    clock = BotClock(tmp_path / "clock")
    async with two_guilds() as fake, processes(fake, database_target) as bots:
        first, second = await asyncio.gather(bots.shard(0, clock.env(), sync=True), bots.shard(1, clock.env()))
        question_0 = await start_game(first, 0)
        question_1 = await start_game(second, 1)
        reply = await answer(second, question_1, payloads.ALICE, right=True)
        points = int(reply["data"]["content"].split("+")[1].split()[0])

        assert await first.bot.stop() == 0  # a clean restart of shard 0's process
        first = await bots.shard(0, clock.env())
        await first.bot.wait_for_log("Passage of the day: first check done")
        await posted(first, story_channel(0), 0, CUT_SHORT)
        still_playing = await answer(second, question_1, payloads.BOB, right=False)
        assert still_playing["data"]["content"].startswith("❌"), "shard 1's game went on"
        assert announcements(fake, 1) == []

        await second.bot.kill()  # kill -9 mid-game: its lease lapses, then its shard's new process closes the game
        since = fake.mark()
        second = await bots.shard(1, clock.env())
        await second.bot.wait_for_log("Passage of the day: first check done")
        assert announcements(fake, 1) == [], "not while the killed process's lease may still hold"
        clock.advance(seconds=LEASE_SECONDS + 1)
        closed = await posted(second, story_channel(1), since, CUT_SHORT)
        assert closed["embeds"][0]["fields"][0]["value"].startswith(f"1. Alice — {points} pts")
        stale = await answer(second, question_1, payloads.HOST, right=True)
        assert stale["data"]["flags"] & EPHEMERAL and "This question is over" in stale["data"]["content"]
        assert [len(announcements(fake, shard)) for shard in (0, 1)] == [1, 1], "each cut game announced once"
        assert question_0["channel_id"] == str(story_channel(0))
        for bot in (first.bot, second.bot):
            assert await bot.stop() == 0
            assert bot.tracebacks() == []
        assert [str(request) for request in fake.failed_requests] == []


async def daily_setup(fake: FakeDiscord, shard: int) -> None:
    channel = payloads.resolved_channel(story_channel(shard), "general")
    command = in_guild("daily setup", GUILD_OF_SHARD[shard], {"hour": 9}, user=payloads.MOD, channels={"channel": channel})
    reply = await fake.interact(command)
    assert "every day at 09:00" in reply.json["data"]["content"], reply.json


def daily_posts(fake: FakeDiscord, shard: int) -> list[str]:
    """The passages of the day Discord accepted in the story channel of ``shard``'s guild."""
    return [
        title(request)
        for request in fake.requests_matching("POST", rf"/channels/{story_channel(shard)}/messages")
        if request.status == 200 and title(request).startswith("Passage of the day")
    ]


async def test_each_guilds_passage_of_the_day_is_posted_once_and_a_failed_post_is_retried(
    database_target: Path | str, tmp_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock", MONDAY_8AM)
    async with two_guilds() as fake, processes(fake, database_target) as bots:
        first, second = await asyncio.gather(bots.shard(0, clock.env(), sync=True), bots.shard(1, clock.env()))
        for shard in (0, 1):
            await daily_setup(fake, shard)
        failing = fake.fail_next("POST", rf"/channels/{story_channel(1)}/messages", status=503)
        since = len(second.bot.lines.items)
        clock.set(datetime(2026, 11, 30, 9, 0, 30, tzinfo=UTC))
        await fake.wait_for_request("POST", rf"/channels/{story_channel(0)}/messages/\d+/threads", since=0)
        await second.bot.wait_for_log("Passage of the day for server \\d+: trying again", since=since)
        assert failing.remaining == 0 and daily_posts(fake, 1) == []

        clock.advance(minutes=5, seconds=1)
        await fake.wait_for_request("POST", rf"/channels/{story_channel(1)}/messages/\d+/threads", since=0)
        clock.advance(minutes=10)
        await asyncio.sleep(0.5)  # ticks of both processes: neither posts a day again
        assert [len(daily_posts(fake, shard)) for shard in (0, 1)] == [1, 1]
        for bot in (first.bot, second.bot):
            assert await bot.stop() == 0
            assert bot.tracebacks() == []
