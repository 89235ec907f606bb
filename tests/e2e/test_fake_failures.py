"""Failures on demand: the fake answers the next matching requests with a 429 or a 5xx, as Discord can.

discord.py retries both by itself, so a client (or the bot) must still get through.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import discord
import pytest
import pytest_asyncio

from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.inprocess import Receiver, receiving

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHANNEL_MESSAGES = rf"/channels/{p.CHANNEL_ID}/messages"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(fake: FakeDiscord) -> AsyncIterator[Receiver]:
    async with receiving(fake) as receiver:
        yield receiver


async def test_a_client_gets_through_a_rate_limit_and_a_server_error(fake: FakeDiscord, bot: Receiver) -> None:
    since = fake.mark()
    broken = fake.fail_next("POST", CHANNEL_MESSAGES, status=500)  # first: discord.py waits 1 s, later 3 s
    limited = fake.fail_next("POST", CHANNEL_MESSAGES, status=429, retry_after=0.05)
    channel = bot.client.get_channel(p.CHANNEL_ID)
    sent = await channel.send("third time lucky")
    attempts = fake.requests_matching("POST", CHANNEL_MESSAGES, since=since)
    assert [request.status for request in attempts] == [500, 429, 200]
    assert [request.injected for request in attempts] == [broken, limited, None]
    assert (limited.remaining, broken.remaining) == (0, 0)
    assert fake.messages[str(sent.id)]["content"] == "third time lucky"
    assert [request for request in fake.failed_requests if request.index >= since] == []


async def test_an_interaction_callback_gets_through_a_rate_limit(fake: FakeDiscord, bot: Receiver) -> None:
    fake.fail_next("POST", r"/interactions/\d+/[^/]+/callback", times=2)
    interaction = await bot.receive(fake, p.slash_command("anything"))
    await interaction.response.send_message("eventually")
    callbacks = fake.requests_matching("POST", rf"/interactions/{interaction.id}/[^/]+/callback")
    assert [request.status for request in callbacks] == [429, 429, 200]
    assert fake.original_response({"token": interaction.token})["content"] == "eventually"


async def test_a_rate_limit_looks_like_discords(fake: FakeDiscord, bot: Receiver) -> None:
    fake.fail_next("GET", "/gateway", retry_after=1.5)
    fake.fail_next("GET", "/gateway", scope="global")
    async with aiohttp.ClientSession() as session:
        async with session.get(fake.api_base + "/gateway") as user_limit:
            assert user_limit.status == 429
            assert await user_limit.json() == {
                "message": "You are being rate limited.",
                "retry_after": 1.5,
                "global": False,
            }
            headers = user_limit.headers
            assert (headers["Retry-After"], headers["X-RateLimit-Remaining"], headers["X-RateLimit-Reset-After"]) == (
                "2",
                "0",
                "1.500",
            )
            assert (headers["X-RateLimit-Scope"], headers["Via"]) == ("user", "1.1 google")
            assert "X-RateLimit-Global" not in headers
        async with session.get(fake.api_base + "/gateway") as global_limit:
            assert (await global_limit.json())["global"] is True
            assert (global_limit.headers["X-RateLimit-Global"], global_limit.headers["X-RateLimit-Scope"]) == (
                "true",
                "global",
            )
        async with session.get(fake.api_base + "/gateway") as served:
            assert served.status == 200


async def test_discord_py_gives_up_on_a_503_from_rest(fake: FakeDiscord, bot: Receiver) -> None:
    """discord.py's REST client retries 500, 502, 504 and 524, but not 503: a bot sees DiscordServerError."""
    fake.fail_next("POST", CHANNEL_MESSAGES, status=503)
    with pytest.raises(discord.DiscordServerError) as failed:
        await bot.client.get_channel(p.CHANNEL_ID).send("unlucky")
    assert failed.value.status == 503
    await bot.client.get_channel(p.CHANNEL_ID).send("lucky")


async def test_only_rate_limits_and_server_errors_can_be_injected(fake: FakeDiscord) -> None:
    with pytest.raises(ValueError, match="inject a 429 or a 5xx, not 404"):
        fake.fail_next("GET", "/gateway", status=404)
    with pytest.raises(ValueError, match="scope"):
        fake.fail_next("GET", "/gateway", scope="channel")
