"""Fair use through the fake Discord, on the bot's clock: a member's cooldown on a costly command, said
privately with when to try again; other members unaffected; moderators change it within bounds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import postgres
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON, Person

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE = 4
EPHEMERAL = 1 << 6
QUESTION = "Why did Derek come back?"


async def run(folio: Harness, name: str, options: dict[str, object], user: Person) -> JSON:
    return (await folio.interact(payloads.slash_command(name, options, user=user))).json


def refused(body: JSON) -> str:
    assert body["type"] == MESSAGE and body["data"]["flags"] & EPHEMERAL, body
    return body["data"]["content"]


async def test_a_member_waits_between_two_asks_and_moderators_can_change_it(tmp_path: Path) -> None:
    clock = BotClock(tmp_path / "clock")
    async with postgres.target_database(tmp_path / "folio.sqlite3") as database:
        async with running_folio(database, {**clock.env(), "FOLIO_FAIR_USE": "1"}) as folio:
            first = await run(folio, "ask", {"question": QUESTION}, payloads.ALICE)
            assert "again in" not in str(first)
            assert refused(await run(folio, "ask", {"question": QUESTION}, payloads.ALICE)) == (
                "You can use /ask again in 10 seconds."
            )
            assert "again in" not in str(await run(folio, "ask", {"question": QUESTION}, payloads.BOB))
            clock.advance(seconds=4)
            assert refused(await run(folio, "ask", {"question": QUESTION}, payloads.ALICE)).endswith("in 6 seconds.")
            clock.advance(seconds=6)
            assert "again in" not in str(await run(folio, "ask", {"question": QUESTION}, payloads.ALICE))

            not_mod = refused(await run(folio, "limits cooldown", {"command": "ask", "seconds": 0}, payloads.ALICE))
            assert not_mod.startswith("Only moderators")
            saved = await run(folio, "limits cooldown", {"command": "ask", "seconds": 0}, payloads.MOD)
            assert saved["data"]["flags"] & EPHEMERAL
            assert "/ask: no cooldown per member (default 10 s)" in saved["data"]["embeds"][0]["description"]
            for _ in range(2):
                assert "again in" not in str(await run(folio, "ask", {"question": QUESTION}, payloads.ALICE))
            await run(folio, "limits cooldown", {"command": "ask"}, payloads.MOD)  # back to the default
            await run(folio, "ask", {"question": QUESTION}, payloads.ALICE)
            assert "again in" in refused(await run(folio, "ask", {"question": QUESTION}, payloads.ALICE))
        assert folio.bot.tracebacks() == []
        assert [str(request) for request in folio.fake.failed_requests] == []
