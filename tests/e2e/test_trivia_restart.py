"""Trivia across a restart: scores kept, the cut game closed and announced, old buttons answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import postgres
from tests.e2e.trivia_helpers import EPHEMERAL, answer, buttons, click, command, posted, start
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import running_folio

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHANNEL = 1_300_000_000_000_000_777


async def test_a_restart_closes_the_cut_game_and_keeps_the_scores(tmp_path: Path) -> None:
    clock = BotClock(tmp_path / "now")
    async with postgres.target_database(tmp_path / "folio.sqlite3") as database:
        async with running_folio(database, clock.env()) as first:
            question = await start(first, CHANNEL, rounds=5, kind="plot")
            reply = await answer(first, question, payloads.ALICE, right=True)
            assert reply["data"]["content"].startswith("✅ Right! +")
            points = int(reply["data"]["content"].split("+")[1].split()[0])
        assert first.bot.tracebacks() == []

        clock.advance(minutes=5)
        async with running_folio(database, clock.env()) as second:
            announced = await posted(second, CHANNEL, 0, "Trivia cut short by a restart")
            embed = announced["embeds"][0]
            assert "1 question(s); the game ended because the bot restarted." in embed["description"]
            assert embed["fields"][0]["value"].startswith(f"1. Alice — {points} pts (1/1 right")

            stale = await click(second, question, buttons(question)[0]["custom_id"], payloads.BOB)
            assert stale["data"]["flags"] & EPHEMERAL and "This question is over" in stale["data"]["content"]

            board = await command(second, "trivia leaderboard")
            assert board["data"]["embeds"][0]["description"].startswith(f"1. **Alice** — {points} pts")
            await start(second, CHANNEL, rounds=1, kind="plot")  # no stuck "game already running"
            await command(second, "trivia stop", channel_id=CHANNEL)
        assert second.bot.tracebacks() == []
        assert [str(request) for request in second.fake.failed_requests] == []
