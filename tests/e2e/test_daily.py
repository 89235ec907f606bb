"""The passage of the day through the fake Discord, on the bot's clock (never sleeping):
exactly one post per day, across a restart and across downtime."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.fake_discord import FakeDiscord, payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.bot_process import READY_LINE, BotProcess
from tests.fake_discord.harness import COMMAND_SYNC, StartBot
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

EPHEMERAL = 1 << 6
CHANNEL_POST = rf"/channels/{payloads.CHANNEL_ID}/messages"
THREAD_ON_MESSAGE = rf"/channels/{payloads.CHANNEL_ID}/messages/\d+/threads"
FIRST_CHECK = "Passage of the day: first check done"
MONDAY_8AM = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


async def started(start_bot: StartBot, fake: FakeDiscord, clock: BotClock) -> BotProcess:
    """A bot on `clock` that has connected, synced its commands and checked the schedules once."""
    since = fake.mark()
    bot = await start_bot(clock.env())
    await bot.wait_for_log(READY_LINE)
    await fake.wait_for_request("PUT", COMMAND_SYNC, since=since)
    await bot.wait_for_log(FIRST_CHECK)
    return bot


async def daily(
    fake: FakeDiscord, sub: str, options: dict[str, object], *, user: payloads.Person = payloads.MOD
) -> JSON:
    channels = {"channel": payloads.resolved_channel(payloads.CHANNEL_ID, "general")} if sub == "setup" else None
    command = payloads.slash_command(f"daily {sub}", options, user=user, channels=channels)
    return (await fake.interact(command)).json


def posts(fake: FakeDiscord) -> list[str]:
    """The titles of the passages of the day posted so far, in order."""
    return [
        request.json["embeds"][0]["title"]
        for request in fake.requests_matching("POST", CHANNEL_POST)
        if request.json and request.json.get("embeds")
    ]


async def next_post(fake: FakeDiscord, since: int) -> str:
    request = await fake.wait_for_request("POST", CHANNEL_POST, since=since)
    await fake.wait_for_request("POST", THREAD_ON_MESSAGE, since=since)
    return request.json["embeds"][0]["title"]


async def test_one_post_a_day_across_a_restart_and_downtime(
    start_bot: StartBot, fake_server: FakeDiscord, tmp_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock", MONDAY_8AM)
    bot = await started(start_bot, fake_server, clock)
    body = await daily(fake_server, "setup", {"hour": 10, "timezone": "Europe/Paris"})  # 09:00 UTC
    assert body["data"]["flags"] & EPHEMERAL
    assert "every day at 10:00 (Europe/Paris)" in body["data"]["content"]
    assert f"<t:{int(datetime(2026, 11, 30, 9, tzinfo=UTC).timestamp())}:F>" in body["data"]["content"]

    since = fake_server.mark()
    clock.set(datetime(2026, 11, 30, 9, 0, 30, tzinfo=UTC))
    assert await next_post(fake_server, since) == "Passage of the day, 30 November: Hello From the Other Side"

    await bot.stop()  # a restart later the same day posts nothing more
    clock.set(datetime(2026, 11, 30, 9, 30, tzinfo=UTC))
    bot = await started(start_bot, fake_server, clock)
    assert len(posts(fake_server)) == 1

    since = fake_server.mark()
    clock.set(datetime(2026, 12, 1, 9, 0, 5, tzinfo=UTC))
    assert await next_post(fake_server, since) == "Passage of the day, 01 December: Hello From the Other Side"

    await bot.stop()  # three days down: one catch-up post, for the latest day only
    clock.set(datetime(2026, 12, 4, 12, 0, tzinfo=UTC))
    since = fake_server.mark()
    bot = await started(start_bot, fake_server, clock)
    assert await next_post(fake_server, since) == "Passage of the day, 04 December: Hello From the Other Side"
    assert len(posts(fake_server)) == 3

    since = fake_server.mark()
    clock.set(datetime(2026, 12, 5, 9, 0, 1, tzinfo=UTC))
    await next_post(fake_server, since)
    assert len(posts(fake_server)) == 4
    assert (
        len(
            set(
                request.json["embeds"][0]["description"]
                for request in fake_server.requests_matching("POST", CHANNEL_POST)
            )
        )
        == 4
    )  # fresh passages

    off = await daily(fake_server, "off", {})
    assert off["data"]["content"] == "The passage of the day is off."
    clock.set(datetime(2026, 12, 6, 9, 0, 1, tzinfo=UTC))
    await bot.stop()
    assert len(posts(fake_server)) == 4
    assert bot.tracebacks() == []


async def test_only_moderators_set_it_up_and_time_zones_are_checked(
    start_bot: StartBot, fake_server: FakeDiscord, tmp_path: Path
) -> None:
    clock = BotClock(tmp_path / "clock", MONDAY_8AM)
    bot = await started(start_bot, fake_server, clock)
    refused = await daily(fake_server, "setup", {"hour": 9}, user=payloads.ALICE)
    assert refused["data"]["flags"] & EPHEMERAL and "Only moderators" in refused["data"]["content"]
    bad = await daily(fake_server, "setup", {"hour": 9, "timezone": "Mars/Olympus_Mons"})
    assert bad["data"]["flags"] & EPHEMERAL
    assert "I don't know the time zone “Mars/Olympus\\_Mons”" in bad["data"]["content"]
    nothing = await daily(fake_server, "off", {})
    assert nothing["data"]["content"] == "There was no passage of the day to turn off."
    autocomplete = await fake_server.interact(
        payloads.autocomplete("daily setup", {"hour": 9, "timezone": "paris"}, focused="timezone", user=payloads.MOD)
    )
    assert autocomplete.json["data"]["choices"] == [{"name": "Europe/Paris", "value": "Europe/Paris"}]
    await bot.stop()
    assert bot.tracebacks() == []
