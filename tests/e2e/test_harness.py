"""The harness against the real bot: start-up, gateway protocol, shutdown, missing token.

These tests pin down what every other end-to-end test relies on: the bot logs in,
syncs its commands to the guild, completes the gateway handshake, keeps
heartbeating, resumes after a RECONNECT, and exits 0 on SIGTERM.
"""

from __future__ import annotations

import signal

import pytest

from tests.fake_discord import payloads
from tests.fake_discord.bot_process import FAKE_TOKEN, READY_LINE
from tests.fake_discord.gateway import (
    HEARTBEAT,
    IDENTIFY,
    MESSAGE_CONTENT,
    PRIVILEGED_INTENTS,
    RESUME,
)
from tests.fake_discord.harness import Harness, StartBot

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHANNEL_MESSAGE = 4


async def test_logs_in_before_anything_else(folio: Harness) -> None:
    first = [(request.method, request.path) for request in folio.fake.requests.items[:2]]
    assert first == [("GET", "/users/@me"), ("GET", "/oauth2/applications/@me")]


async def test_syncs_commands_to_the_guild(folio: Harness) -> None:
    sync = await folio.fake.wait_for_request("PUT", r"/applications/\d+/guilds/\d+/commands", since=0)
    assert sync.path == f"/applications/{payloads.APPLICATION_ID}/guilds/{payloads.GUILD_ID}/commands"
    names = {command["name"] for command in folio.fake.guild_commands()}
    assert "quote" in names
    quote = next(command for command in sync.json if command["name"] == "quote")
    assert quote["description"] and quote["options"], quote


async def test_identifies_with_the_token_and_intents(folio: Harness) -> None:
    identify = await folio.fake.wait_for_frame(IDENTIFY, since=0)
    assert identify.d["token"] == FAKE_TOKEN
    intents = identify.d["intents"]
    assert not intents & MESSAGE_CONTENT, "the README promises Folio reads no message content"
    assert not intents & PRIVILEGED_INTENTS, f"privileged intents requested: {intents & PRIVILEGED_INTENTS:#x}"
    assert folio.fake.gateway.ready


async def test_keeps_heartbeating(folio: Harness) -> None:
    since = folio.fake.gateway.received.mark()  # after start-up, so past the heartbeat HELLO prompts
    beat = await folio.fake.wait_for_frame(HEARTBEAT, since=since)
    assert beat.d is not None and beat.d >= 2  # the last sequence seen: READY and GUILD_CREATE at least


async def test_resumes_after_a_reconnect_request(folio: Harness) -> None:
    since = folio.fake.gateway.received.mark()
    await folio.fake.gateway.request_reconnect()
    resume = await folio.fake.wait_for_frame(RESUME, since=since)
    assert resume.d["token"] == FAKE_TOKEN
    await folio.fake.gateway.wait_until_ready()
    await folio.bot.wait_for_log("RESUMED")


async def test_answers_a_slash_command_after_resuming(folio: Harness) -> None:
    since = folio.fake.gateway.received.mark()
    await folio.fake.gateway.request_reconnect()  # so it resumes here, whatever ran before
    await folio.fake.wait_for_frame(RESUME, since=since)
    await folio.fake.gateway.wait_until_ready()
    callback = await folio.interact(payloads.slash_command("quote", {"text": "hello from the other side"}))
    assert callback.json["type"] == CHANNEL_MESSAGE, callback.json
    assert callback.json["data"]["embeds"][0]["title"] == "Hello From the Other Side"


async def test_log_is_clean(folio: Harness) -> None:
    """Checked after the bot has done some work, even if this test runs first."""
    callback = await folio.interact(payloads.slash_command("quote", {"text": "Stiles knows that."}))
    assert callback.status == 200
    assert folio.bot.tracebacks() == []
    assert folio.fake.unknown_requests == []
    assert folio.fake.failed_requests == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
async def test_a_signal_stops_the_bot_cleanly(start_bot: StartBot, signum: int) -> None:
    bot = await start_bot({})
    await bot.wait_for_log(READY_LINE)
    assert await bot.stop(signum=signum) == 0, bot.tail()
    assert "Folio stopped cleanly" in bot.log
    assert bot.tracebacks() == []


async def test_missing_token_exits_with_a_friendly_message(start_bot: StartBot) -> None:
    bot = await start_bot({"DISCORD_TOKEN": ""})
    status = await bot.wait(timeout=30)
    assert status == 2
    assert "DISCORD_TOKEN" in bot.log
    assert bot.tracebacks() == []


async def test_a_rejected_token_exits_with_a_friendly_message(start_bot: StartBot) -> None:
    bot = await start_bot({"DISCORD_TOKEN": "not-the-real-token"})
    status = await bot.wait(timeout=30)
    assert status == 1
    assert "Discord rejected DISCORD_TOKEN" in bot.log
    assert bot.tracebacks() == []
