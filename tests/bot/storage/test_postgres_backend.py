"""The PostgreSQL backend on a real server (run when FOLIO_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from bot.storage.database import Database
from bot.storage.postgres import describe, numbered
from tests.postgres import TEST_DATABASE_URL, database_name


def test_placeholders_are_numbered() -> None:
    assert numbered("SELECT ? FROM works WHERE id = ? AND slug = ?") == "SELECT $1 FROM works WHERE id = $2 AND slug = $3"


def test_a_url_is_described_without_its_password() -> None:
    assert describe("postgresql://folio:s3cret@db.example:5433/library") == "folio@db.example:5433/library"


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs FOLIO_TEST_DATABASE_URL (set by .ci/run)")
async def test_a_read_whose_connection_was_lost_is_tried_again(database_target: str) -> None:
    async with Database.opened(database_target) as database:
        assert await database.fetch_one("SELECT version FROM library_state") is not None
        admin = await asyncpg.connect(TEST_DATABASE_URL)
        try:  # the server drops every connection the bot's pool holds
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                database_name(database_target),
            )
        finally:
            await admin.close()
        row = await database.fetch_one("SELECT version FROM library_state")
        assert row is not None and row[0] == 0


@pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs FOLIO_TEST_DATABASE_URL (set by .ci/run)")
async def test_a_write_cancelled_mid_transaction_leaves_the_pooled_connection_clean(database_target: str) -> None:
    # Connections go back to the pool without asyncpg's reset query (bot.storage.postgres._keep_session); with
    # one connection in the pool, the next reader gets the cancelled writer's and must see no half-write.
    async with Database.opened(database_target, readers=0) as database:
        task = asyncio.create_task(_write_then_hang(database))
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        row = await database.fetch_one("SELECT version FROM library_state")
        assert row is not None and row[0] == 0
        async with database.transaction() as session:
            await session.execute("UPDATE library_state SET version = version + 1")
        assert (await database.fetch_one("SELECT version FROM library_state"))[0] == 1


async def _write_then_hang(database: Database) -> None:
    async with database.transaction() as session:
        await session.execute("UPDATE library_state SET version = 99")
        await asyncio.sleep(60)
