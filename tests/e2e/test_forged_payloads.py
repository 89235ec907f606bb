"""Payloads Discord would never send: each is answered "This request isn't valid" privately, and the bot goes on."""

from __future__ import annotations

import pytest

from tests.e2e.test_bad_input import direct_message_command
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE = 4
EPHEMERAL = 1 << 6
INVALID = "This request isn't valid"
FOREIGN_CHANNEL_ID = 1_300_000_000_000_008_888
OTHER_GUILD_ID = 1_300_000_000_000_009_999
OTHER_CHANNEL_ID = 1_300_000_000_000_009_200


def hall_setup(options: dict[str, object], channel: JSON | None = None) -> JSON:
    channel = channel or payloads.resolved_channel(payloads.HALL_CHANNEL_ID, "hall-of-fame")
    return payloads.slash_command("halloffame setup", options, user=payloads.MOD, channels={"channel": channel})


def daily_setup(options: dict[str, object], channel: JSON | None = None, guild_id: int = payloads.GUILD_ID) -> JSON:
    channel = channel or payloads.resolved_channel(payloads.CHANNEL_ID, "story")
    return payloads.slash_command(
        "daily setup", options, user=payloads.MOD, channels={"channel": channel}, guild_id=guild_id,
        channel_id=OTHER_CHANNEL_ID if guild_id != payloads.GUILD_ID else payloads.CHANNEL_ID,
    )


FORGED = {
    "invalid choice": lambda: payloads.slash_command("trivia start", {"kind": "no-such-kind"}),
    "invalid literal": lambda: hall_setup({"when_below": "explode"}),
    "hour 99": lambda: daily_setup({"hour": 99}),
    "2^63": lambda: payloads.slash_command("trivia question remove", {"number": 2**63}, user=payloads.MOD),
    "text for a number": lambda: daily_setup({"hour": "seven"}),
    "dm of a guild-only group": lambda: direct_message_command("trivia leaderboard", {}),
    "dm of a guild-only command": lambda: direct_message_command("discuss", {}),
    "this server's channel, chosen in another": lambda: daily_setup({"hour": 7}, guild_id=OTHER_GUILD_ID),
    "another server's channel": lambda: daily_setup(
        {"hour": 7}, {**payloads.resolved_channel(FOREIGN_CHANNEL_ID, "elsewhere"), "guild_id": "1300000000000009999"}
    ),
}


@pytest.mark.parametrize("case", sorted(FORGED))
async def test_a_forged_command_is_refused_privately(folio: Harness, case: str) -> None:
    callback = await folio.interact(FORGED[case](), validate=False)
    assert callback.json["type"] == MESSAGE, callback.json
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert INVALID in callback.json["data"]["content"], callback.json["data"]["content"]
    assert folio.bot.tracebacks() == [], folio.bot.tail()


async def test_a_member_permissions_string_that_is_not_a_number_is_refused_and_the_bot_goes_on(folio: Harness) -> None:
    forged = payloads.slash_command("works", permissions="abc")
    callback = await folio.interact(forged, validate=False)
    assert INVALID in callback.json["data"]["content"]
    assert callback.json["data"]["flags"] & EPHEMERAL
    after = await folio.interact(payloads.slash_command("works"))
    assert after.json["type"] == MESSAGE
    assert folio.bot.tracebacks() == [], folio.bot.tail()
