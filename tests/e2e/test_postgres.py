"""Folio on a PostgreSQL server shared by several processes: the CLI and two bots see each other's changes."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.fake_discord import FakeDiscord, payloads
from tests.fake_discord.bot_process import READY_LINE, BotProcess, bot_env
from tests.fake_discord.harness import COMMAND_SYNC, HEARTBEAT_INTERVAL_MS
from tests.postgres import TEST_DATABASE_URL, drop_database, fresh_database_url

pytestmark = pytest.mark.asyncio(loop_scope="module")
needs_server = pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs FOLIO_TEST_DATABASE_URL (set by .ci/run)")

REPO_ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = "The Lighthouse\n\nThe keeper climbed the stairs every night to light the lamp.\n"


@pytest_asyncio.fixture(loop_scope="module")
async def shared_url() -> AsyncIterator[str]:
    url = await fresh_database_url()
    yield url
    await drop_database(url)


def cli(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    env.update(DATABASE_URL=url, LOG_LEVEL="WARNING")
    return subprocess.run(
        [sys.executable, "run_bot.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120
    )


async def start_bot(url: str, tmp_path: Path) -> tuple[FakeDiscord, BotProcess]:
    fake = FakeDiscord(heartbeat_interval_ms=HEARTBEAT_INTERVAL_MS)
    await fake.start()
    env = bot_env(fake, url)
    bot = await BotProcess.start(env)
    await bot.wait_for_log(READY_LINE, timeout=60)
    await fake.wait_for_request("PUT", COMMAND_SYNC, since=0)
    return fake, bot


async def quote_title(fake: FakeDiscord, text: str, work: str) -> str:
    callback = await fake.interact(payloads.slash_command("quote", {"text": text, "work": work}))
    data = callback.json["data"]
    return data["embeds"][0]["title"] if data.get("embeds") else data["content"]


@needs_server
async def test_a_work_added_or_removed_anywhere_is_seen_everywhere_at_once(shared_url: str, tmp_path: Path) -> None:
    text = tmp_path / "lighthouse.txt"
    text.write_text(LIGHTHOUSE)
    bots = [await start_bot(shared_url, tmp_path / str(n)) for n in range(2)]
    try:
        added = cli("add-work", str(text), "--slug", "lighthouse", url=shared_url)
        assert added.returncode == 0, added.stderr
        for fake, _ in bots:
            assert await quote_title(fake, "keeper climbed the stairs", "lighthouse") == "The Lighthouse"
        removed = cli("remove-work", "lighthouse", url=shared_url)
        assert removed.returncode == 0, removed.stderr
        for fake, _ in bots:
            assert "no work called “lighthouse”" in await quote_title(fake, "keeper climbed", "lighthouse")
    finally:
        for fake, bot in bots:
            status = await bot.stop()
            assert status == 0 and bot.tracebacks() == [], bot.tail()
            await fake.close()


@needs_server
async def test_two_bots_uploading_one_slug_at_once_add_it_once(shared_url: str, tmp_path: Path) -> None:
    bots = [await start_bot(shared_url, tmp_path / str(n)) for n in range(2)]
    try:
        uploads = []
        for fake, _ in bots:
            attachment = fake.host_attachment("tides.txt", b"The Tides\n\nThe harbour emptied twice a day.\n")
            command = payloads.slash_command(
                "library add", {"slug": "tides"}, user=payloads.MOD, attachments={"file": attachment}
            )
            uploads.append((fake, command, fake.mark()))
        await asyncio.gather(*(fake.dispatch("INTERACTION_CREATE", command) for fake, command, _ in uploads))
        titles = []
        for fake, command, mark in uploads:
            followup = await fake.wait_for_request("POST", rf"/webhooks/\d+/{command['token']}", since=mark, timeout=60)
            titles.append(followup.json["embeds"][0]["title"])
        assert sorted(titles) == ["Added The Tides", "Unchanged The Tides"]
    finally:
        for fake, bot in bots:
            assert await bot.stop() == 0, bot.tail()
            await fake.close()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("postgresql://folio:s3cret@127.0.0.1:1/folio", "refused the connection"),
        ("postgresql://folio:s3cret@no-such-host.invalid/folio", "does not resolve"),
    ],
)
async def test_an_unusable_server_is_one_line_naming_the_host_never_the_password(url: str, problem: str) -> None:
    result = cli("works", url=url)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Can't use the PostgreSQL database folio@" in result.stderr and problem in result.stderr
    assert "s3cret" not in result.stderr


@needs_server
async def test_a_missing_database_is_one_line(shared_url: str) -> None:
    missing = shared_url.rsplit("/", 1)[0] + "/folio_no_such_database"
    result = cli("works", url=missing)
    assert result.returncode == 1 and "no such database" in result.stderr
