"""An upload on SQLite whose import worker is killed (kill -9) while it writes: the moderator is told it
failed, nothing of it is visible or left in the database, and the same upload then succeeds."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from bot.storage.work_staging import STAGED_OWNER, STAGED_PREFIX
from cogs.core.failures import GENERIC_FAILURE
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON

pytestmark = [pytest.mark.asyncio(loop_scope="module"), pytest.mark.sqlite_only]

DRACULA = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "dracula.txt"
IMPORT_TIMEOUT = 300.0
"""Parsing three Draculas in a fresh worker on a loaded 2-core machine: generous."""


def read(database: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute(query).fetchall()


async def staged_slug(database: Path) -> str:
    """The slug of the work being staged, once the worker has begun writing it."""
    deadline = time.monotonic() + IMPORT_TIMEOUT
    while time.monotonic() < deadline:
        rows = await asyncio.to_thread(read, database, f"SELECT slug FROM works WHERE guild_id = {STAGED_OWNER}")
        if rows:
            return str(rows[0][0])
        await asyncio.sleep(0.02)
    raise AssertionError("the import never began writing")


async def add(folio: Harness, command: JSON) -> str:
    mark = folio.fake.mark()
    await folio.interact(command)
    followup = await folio.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{command['token']}", since=mark, timeout=IMPORT_TIMEOUT
    )
    body = followup.json or {}
    return body.get("content") or ((body.get("embeds") or [{}])[0].get("title") or "")


def add_dracula(folio: Harness, text: bytes) -> JSON:
    attachment = folio.fake.host_attachment("dracula.txt", text)
    return payloads.slash_command("library add", {"slug": "dracula"}, user=payloads.MOD, attachments={"file": attachment})


async def test_a_killed_import_worker_leaves_nothing_and_the_upload_then_succeeds(tmp_path: Path) -> None:
    database = tmp_path / "folio.sqlite3"
    text = DRACULA.read_bytes() * 3
    async with running_folio(database) as folio:
        before = read(database, "SELECT COUNT(*) FROM passages")
        command = add_dracula(folio, text)
        adding = asyncio.ensure_future(add(folio, command))
        slug = await staged_slug(database)
        os.kill(int(slug.removeprefix(STAGED_PREFIX).partition("-")[0]), signal.SIGKILL)
        assert await adding == GENERIC_FAILURE
        assert read(database, f"SELECT COUNT(*) FROM works WHERE guild_id = {STAGED_OWNER} OR slug = 'dracula'") == [(0,)]
        assert read(database, "SELECT COUNT(*) FROM passages") == before
        assert (await add(folio, add_dracula(folio, text))).startswith("Added Dracula")
    assert [str(request) for request in folio.fake.failed_requests] == []
