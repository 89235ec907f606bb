"""/quote and a work another process (the offline CLI) adds or removes while the bot runs.

The bot does not read the library's version on every lookup: on SQLite it is read again once
RECHECK_SECONDS of the bot's clock have passed; on PostgreSQL the change feed's notice arrives first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.library.freshness import RECHECK_SECONDS
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.bot_process import REPO_ROOT, database_env
from tests.fake_discord.harness import Harness, running_folio
from tests.postgres import target_database

pytestmark = pytest.mark.asyncio(loop_scope="module")

LIGHTHOUSE = "The Lighthouse\n\nThe keeper climbed the stairs every night to light the lamp.\n"


def cli(database: Path | str, *args: str) -> None:
    env = {**os.environ, **database_env(database), "LOG_LEVEL": "WARNING"}
    subprocess.run(
        [sys.executable, "run_bot.py", *args], cwd=REPO_ROOT, env=env, check=True, capture_output=True, timeout=60
    )


async def quote_reply(folio: Harness) -> str:
    command = payloads.slash_command("quote", {"text": "keeper climbed the stairs", "work": "lighthouse"})
    data = (await folio.interact(command)).json["data"]
    return data["embeds"][0]["title"] if data.get("embeds") else data["content"]


async def test_a_work_the_cli_adds_or_removes_is_seen_within_the_bound(tmp_path: Path) -> None:
    clock = BotClock(tmp_path / "clock")
    text = tmp_path / "lighthouse.txt"
    text.write_text(LIGHTHOUSE, encoding="utf-8")
    async with target_database(tmp_path / "folio.sqlite3") as database:
        async with running_folio(database, clock.env()) as folio:
            assert "no work called “lighthouse”" in await quote_reply(folio)  # the library is cached now
            cli(database, "add-work", str(text), "--slug", "lighthouse")
            clock.advance(seconds=RECHECK_SECONDS)
            assert await quote_reply(folio) == "The Lighthouse"
            cli(database, "remove-work", "lighthouse")
            clock.advance(seconds=RECHECK_SECONDS)
            assert "no work called “lighthouse”" in await quote_reply(folio)
            assert folio.bot.tracebacks() == [], folio.bot.tail()
