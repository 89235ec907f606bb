"""The SQLite connection owner: migrations, WAL and readers, and database files that cannot be used."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

import aiosqlite
import pytest

from bot.errors import DatabaseUnavailable
from bot.storage.database import Database
from bot.storage.migrations import MIGRATIONS, Migration
from bot.storage.sqlite import SqliteDatabase
from bot.storage.works import WorkRepository

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
async def database(tmp_path: Path):
    db = await Database.open(tmp_path / "folio.sqlite3")
    yield db
    await db.close()


async def test_new_database_is_migrated_to_latest(database: Database) -> None:
    assert await database.schema_version() == MIGRATIONS[-1].version
    assert await database.table_exists("sentence_terms") and await database.table_exists("vocabulary")


async def test_wal_and_foreign_keys_are_on(database: Database) -> None:
    assert await database.pragma("journal_mode") == "wal"
    assert await database.pragma("foreign_keys") == 1


async def test_readers_cannot_write(database: Database) -> None:
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        await database.fetch_one("DELETE FROM works")


async def test_a_reader_is_not_held_up_by_an_open_write_transaction(database: Database) -> None:
    async with database.transaction() as db:
        await db.execute("UPDATE library_state SET version = 41 WHERE id = 1")
        row = await database.fetch_one("SELECT version FROM library_state")  # would deadlock on one connection
        assert row is not None and row[0] == 0  # the last committed state, never a half-written one
    row = await database.fetch_one("SELECT version FROM library_state")
    assert row is not None and row[0] == 41


async def test_failed_migration_leaves_nothing_behind(database: Database) -> None:
    broken_sql = ("CREATE TABLE half_done (id INTEGER)", "THIS IS NOT SQL")
    broken = Migration(MIGRATIONS[-1].version + 1, "broken", broken_sql, broken_sql)
    with pytest.raises(sqlite3.OperationalError, match="syntax error"):
        await database.migrate((*MIGRATIONS, broken))
    assert await database.schema_version() == MIGRATIONS[-1].version
    assert not await database.table_exists("half_done")


async def test_a_version_1_database_upgrades_with_its_works(tmp_path: Path) -> None:
    """A database of the first release keeps its works; they wait for the parser (parser_version 0)."""
    path = tmp_path / "old.sqlite3"
    connection = await aiosqlite.connect(path, isolation_level=None)
    await connection.execute("PRAGMA journal_mode = WAL")
    old = SqliteDatabase(path, connection, [])
    await old.migrate(MIGRATIONS[:1])
    await connection.execute(
        "INSERT INTO works (slug, title, author, layout, content_hash, source_text, added_at)"
        " VALUES ('kept', 'Kept', NULL, 'plain', 'h', 'Some text.', '2026-01-01')"
    )
    await old.close()

    upgraded = await Database.open(path)
    assert await upgraded.schema_version() == MIGRATIONS[-1].version
    works = WorkRepository(upgraded)
    kept = await works.find("kept")
    assert kept is not None and kept.title == "Kept" and kept.guild_id is None
    assert kept.parser_version == 0 and kept.source_bytes == len("Some text.")
    assert await works.source_text(kept.id) == "Some text."
    await upgraded.close()


@pytest.mark.parametrize(
    ("make_path", "problem"),
    [
        (
            lambda tmp: _write(tmp / "notes.sqlite3", b"Dear diary, this is no database.\n" * 200),
            "not a SQLite database",
        ),
        (lambda tmp: tmp, "it is a folder"),
        (lambda tmp: _write(tmp / "plain-file", b"x") / "folio.sqlite3", "plain-file is a file, not a folder"),
        (lambda tmp: _write(tmp / "plain-file", b"x") / "deeper" / "folio.sqlite3", "plain-file is a file"),
    ],
)
async def test_an_unusable_database_is_explained_and_left_untouched(
    tmp_path: Path, make_path: Callable[[Path], Path], problem: str
) -> None:
    path = make_path(tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(DatabaseUnavailable, match=problem) as raised:
        await Database.open(path)
    assert str(path) in str(raised.value)
    assert _snapshot(tmp_path) == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
