"""One server never reaches another's game, and the moderator role counts wherever Manage Server does."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests import postgres
from tests.e2e.trivia_helpers import EPHEMERAL, MESSAGE, UPDATE_MESSAGE, answer, buttons, click, command, start
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHANNELS = iter(range(1_300_000_000_000_000_700, 1_300_000_000_000_000_800))
OTHER_GUILD_ID = 1_300_000_000_000_009_999
OTHER_CHANNEL_ID = 1_300_000_000_000_009_200
STALE = "This question is over"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def folio(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    """The bot on its own clock (questions stay open until a test moves it); the run must stay clean."""
    clock = BotClock(tmp_path_factory.mktemp("crossing-clock") / "now")
    async with postgres.target_database(tmp_path_factory.mktemp("crossing") / "folio.sqlite3") as database:
        async with running_folio(database, clock.env()) as harness:
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()
        assert [str(request) for request in harness.fake.failed_requests] == []


def private(body: JSON) -> str:
    assert body["type"] == MESSAGE and body["data"]["flags"] & EPHEMERAL, body
    return body["data"]["content"]


def in_other_server(message: JSON) -> JSON:
    """The question message as a member of another server would forge it there."""
    forged = copy.deepcopy(message)
    forged.update(guild_id=str(OTHER_GUILD_ID), channel_id=str(OTHER_CHANNEL_ID))
    return forged


async def test_another_servers_member_cannot_answer_read_a_hint_or_submit_a_form(folio: Harness) -> None:
    question = await start(folio, next(CHANNELS), rounds=2, kind="plot")
    game = buttons(question)[0]["custom_id"].split(":")[2]
    elsewhere = in_other_server(question)
    for choice in ("0", "1", "hint", "answer"):
        buttons(elsewhere)[0]["custom_id"] = f"folio:t:{game}:1:{choice}"  # Discord delivers only ids on the message
        forged = await click(folio, elsewhere, f"folio:t:{game}:1:{choice}", payloads.BOB)
        assert STALE in private(forged), choice
    form = payloads.interaction(
        payloads.INTERACTION_MODAL_SUBMIT,
        {"custom_id": f"folio:ta:{game}:1", "components": [
            {"type": 1, "components": [{"type": 4, "custom_id": "answer", "value": "Lydia"}]}
        ]},
        user=payloads.BOB, guild_id=OTHER_GUILD_ID, channel_id=OTHER_CHANNEL_ID, message=elsewhere,
    )
    assert STALE in private((await folio.interact(form)).json)
    in_its_channel = private(await answer(folio, question, payloads.BOB, right=True))
    assert in_its_channel.startswith("✅ Right!"), in_its_channel  # Bob's forged answers did not count
    await command(folio, "trivia stop", channel_id=int(question["channel_id"]))


async def test_the_moderator_role_stops_games_and_confirms_a_reset(folio: Harness) -> None:
    set_role = await command(folio, "config set", {"setting": "moderator_role", "value": "@Book club host"},
                             user=payloads.MOD)
    assert set_role["type"] == MESSAGE, set_role
    channel = next(CHANNELS)
    await start(folio, channel, user=payloads.ALICE)
    stopped = await command(folio, "trivia stop", channel_id=channel, user=payloads.HOST)
    assert stopped["type"] == MESSAGE and "stopped the game" in stopped["data"]["content"], stopped
    asked = await folio.interact(payloads.slash_command("trivia reset", user=payloads.HOST))
    [confirm, _] = buttons(asked.response["resource"]["message"])
    done = await click(folio, asked.response["resource"]["message"], confirm["custom_id"], payloads.HOST)
    assert done["type"] == UPDATE_MESSAGE and done["data"]["content"] == "The trivia leaderboard was reset.", done


async def test_the_reset_button_obeys_the_trivia_switch(folio: Harness) -> None:
    guild_id = OTHER_GUILD_ID + 1
    asked = await folio.interact(payloads.slash_command("trivia reset", user=payloads.MOD, guild_id=guild_id))
    message = {**asked.response["resource"]["message"], "guild_id": str(guild_id)}
    off = await command(folio, "config set", {"setting": "trivia", "value": "off"}, user=payloads.MOD,
                        guild_id=guild_id)
    assert off["type"] == MESSAGE, off
    refused = await click(folio, message, buttons(message)[0]["custom_id"], payloads.MOD)
    assert "turned off on this server" in private(refused)
    assert "was reset" not in private(refused)
