"""Migrations: every older schema upgrades to the newest with its rows, on the backend under test,
and SQLite and PostgreSQL end with the same tables and columns."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from bot.storage.database import Database, DatabaseTarget, is_postgres
from bot.storage.migrations import MIGRATIONS
from bot.storage.postgres import PostgresDatabase
from bot.storage.sqlite import SqliteDatabase
from tests import postgres

NEWEST = MIGRATIONS[-1].version
WORK = "(SELECT id FROM works WHERE slug = 'kept')"
PASSAGE = "(SELECT MIN(id) FROM passages)"

SEEDS: dict[int, tuple[str, ...]] = {
    1: (
        "INSERT INTO works (slug, title, author, layout, content_hash, source_text, added_at)"
        " VALUES ('kept', 'Kept', NULL, 'plain', 'h', 'Some text.', '2026-01-01')",
    ),
    2: (f"INSERT INTO guild_settings (guild_id, default_work_id) VALUES (111, {WORK})",),
    3: (
        "INSERT INTO passages (work_id, kind, ordinal, start_offset, end_offset, text, section, paragraph,"
        f" speaker, title, fingerprint) VALUES ({WORK}, 'paragraph', 0, 0, 10, 'Some text.', 0, 0, NULL, NULL, 'f')",
        f"INSERT INTO vocabulary (work_id, word, term, spread) VALUES ({WORK}, 'some', 'some', 1)",
    ),
    4: (
        "INSERT INTO capability_switches (guild_id, channel_id, capability, enabled) VALUES (111, 0, 'quote', 0)",
        "INSERT INTO config_audit (guild_id, user_id, setting, channel_id, old_value, new_value, changed_at)"
        " VALUES (111, 222, 'quote', NULL, 'on', 'off', '2026-01-01T00:00:00+00:00')",
    ),
    5: (
        "INSERT INTO trivia_settings (guild_id, timeout_seconds, rounds, points) VALUES (111, 30, 10, 10)",
        "INSERT INTO trivia_players (guild_id, player_id, name, points) VALUES (111, 222, 'Reader', 12)",
        "INSERT INTO trivia_games (guild_id, channel_id, work_slug, status, started_at)"
        " VALUES (111, 333, 'kept', 'finished', 1.0)",
    ),
    6: (
        "INSERT INTO discussions (guild_id, channel_id, passage_id, message_id, origin, created_at)"
        f" VALUES (111, 333, {PASSAGE}, 444, 'discuss', 1.0)",
        "INSERT INTO daily_schedules (guild_id, channel_id, hour, timezone, starts_after)"
        " VALUES (111, 333, 9, 'UTC', '2026-01-01')",
        "INSERT INTO daily_posts (guild_id, day, passage_id) VALUES (111, '2026-01-02', NULL)",
    ),
    7: (
        "INSERT INTO passage_messages (message_id, guild_id, channel_id, passage_id, kind, requested_by, shown_at)"
        f" VALUES (555, 111, 333, {PASSAGE}, 'quote', 222, '2026-01-01')",
        "INSERT INTO reaction_settings (guild_id, count_own_requests) VALUES (111, 0)",
        "INSERT INTO hall_of_fame (guild_id, channel_id, emojis, threshold, below_action)"
        " VALUES (111, 333, '⭐', 3, 'mark')",
    ),
}
"""Rows a server of each version would hold, written once that version's tables exist.
Migrations added later need no seed here: their upgrade is still tested, with the rows above."""


def _seeded_tables(version: int) -> list[str]:
    return sorted({statement.split()[2] for seed, statements in SEEDS.items() if seed <= version for statement in statements})


@asynccontextmanager
async def _at_version(target: DatabaseTarget, version: int) -> AsyncIterator[Database]:
    """The database at `target`, migrated only up to `version` (0: empty)."""
    older = tuple(migration for migration in MIGRATIONS if migration.version <= version)
    if is_postgres(target):
        pool = await asyncpg.create_pool(str(target), min_size=1, max_size=2)
        database: Database = PostgresDatabase(str(target), pool)
    else:
        connection = await aiosqlite.connect(Path(target), isolation_level=None)
        await connection.execute("PRAGMA journal_mode = WAL")
        await connection.execute("PRAGMA foreign_keys = ON")
        database = SqliteDatabase(Path(target), connection, [])
    try:
        assert await database.migrate(older) == version
        yield database
    finally:
        await database.close()


async def _count(database: Database, table: str) -> int:
    async with database.transaction() as session:  # a bare SqliteDatabase has no readers
        row = await session.fetch_one(f"SELECT COUNT(*) FROM {table}")
    assert row is not None
    return int(row[0])


@pytest.mark.parametrize("version", [0, *(migration.version for migration in MIGRATIONS[:-1])])
async def test_every_older_version_upgrades_to_the_newest_with_its_rows(
    database_target: DatabaseTarget, version: int
) -> None:
    async with _at_version(database_target, version) as old:
        for seed in range(1, version + 1):
            async with old.transaction() as session:
                for statement in SEEDS.get(seed, ()):
                    await session.execute(statement)
        before = {table: await _count(old, table) for table in _seeded_tables(version)}
    assert all(before.values()), before

    async with Database.opened(database_target) as upgraded:
        assert await upgraded.schema_version() == NEWEST
        assert {table: await _count(upgraded, table) for table in before} == before
        if version >= 1:
            row = await upgraded.fetch_one("SELECT title, parser_version FROM works WHERE slug = 'kept'")
            assert row is not None and tuple(row) == ("Kept", 0)
        assert await upgraded.migrate() == NEWEST  # a second start applies nothing


SQLITE_ONLY_TABLES = {"sqlite_sequence"}
"""SQLite's own bookkeeping (AUTOINCREMENT)."""
POSTGRES_ONLY_TABLES = {"schema_version"}
"""PostgreSQL records the schema's version in a table; SQLite in ``PRAGMA user_version``."""
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
"""FTS5 keeps a virtual table's index in shadow tables named after it."""
DIALECT_COLUMNS = {"sentence_terms": {"id", "work_id"}}
"""The quote index: a PostgreSQL table keyed by passage id with the work's id; on SQLite an FTS5 table
whose rowid is the passage id and whose terms carry the work's id. Both hold `terms` and `bare`."""


async def _sqlite_schema(path: Path) -> dict[str, set[str]]:
    async with aiosqlite.connect(path) as connection:
        names = [row[0] for row in await connection.execute_fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")]
        schema = {}
        for name in names:
            rows = await connection.execute_fetchall(f'PRAGMA table_info("{name}")')
            schema[name] = {row[1] for row in rows}
    fts = {name for name in schema if any(f"{name}{suffix}" in schema for suffix in FTS_SHADOW_SUFFIXES)}
    shadows = {f"{name}{suffix}" for name in fts for suffix in FTS_SHADOW_SUFFIXES}
    return {name: columns for name, columns in schema.items() if name not in SQLITE_ONLY_TABLES | shadows}


async def _postgres_schema(url: str) -> dict[str, set[str]]:
    connection = await asyncpg.connect(url)
    try:
        rows = await connection.fetch(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"
        )
    finally:
        await connection.close()
    schema: dict[str, set[str]] = {}
    for row in rows:
        if row["table_name"] not in POSTGRES_ONLY_TABLES:
            schema.setdefault(row["table_name"], set()).add(row["column_name"])
    return schema


def _without_dialect_columns(schema: dict[str, set[str]]) -> dict[str, set[str]]:
    return {name: columns - DIALECT_COLUMNS.get(name, set()) for name, columns in schema.items()}


@pytest.mark.skipif(not postgres.enabled(), reason="needs FOLIO_TEST_DATABASE_URL: compares both backends")
async def test_both_backends_end_with_the_same_tables_and_columns(database_target: DatabaseTarget, tmp_path: Path) -> None:
    sqlite_path = tmp_path / "parity.sqlite3"
    async with Database.opened(sqlite_path), Database.opened(database_target):
        pass
    sqlite = _without_dialect_columns(await _sqlite_schema(sqlite_path))
    postgresql = _without_dialect_columns(await _postgres_schema(str(database_target)))
    assert sorted(sqlite) == sorted(postgresql)
    assert {name: sorted(columns) for name, columns in sqlite.items()} == {
        name: sorted(columns) for name, columns in postgresql.items()
    }


async def test_the_sqlite_schema_reader_sees_tables_columns_and_hides_fts_shadows(tmp_path: Path) -> None:
    path = tmp_path / "schema.sqlite3"
    async with Database.opened(path):
        pass
    schema = await _sqlite_schema(path)
    assert "sentence_terms" in schema and not any(name.startswith("sentence_terms_") for name in schema)
    assert {"slug", "title", "guild_id", "parser_version"} <= schema["works"]


async def _insert_work(database: Database, slug: str, guild_id: int | None) -> None:
    async with database.transaction() as session:
        await session.execute(
            "INSERT INTO works (slug, title, layout, content_hash, source_text, added_at, guild_id)"
            " VALUES (?, 'T', 'plain', 'h', 'Some text.', '2026-01-02', CAST(? AS BIGINT))",
            (slug, guild_id),
        )


async def test_v15_makes_slugs_per_server_keeping_every_id_and_reference(database_target: DatabaseTarget) -> None:
    async with _at_version(database_target, 14) as old:
        async with old.transaction() as session:
            for seed in range(1, 8):
                for statement in SEEDS[seed]:
                    await session.execute(statement)
            await session.execute("UPDATE works SET guild_id = 111")
        before = await old.fetch_one(f"SELECT {WORK}, {PASSAGE}")
    assert before is not None

    async with Database.opened(database_target) as upgraded:
        assert tuple(await upgraded.fetch_one(f"SELECT {WORK}, {PASSAGE}") or ()) == tuple(before)
        default = "SELECT default_work_id FROM guild_settings WHERE guild_id = 111"
        assert tuple(await upgraded.fetch_one(default) or ()) == (before[0],)
        await _insert_work(upgraded, "kept", 222)  # another server may now use the slug
        await _insert_work(upgraded, "shared", None)
        for slug, owner in (("kept", 111), ("shared", None)):  # one owner still may not use it twice
            with pytest.raises((aiosqlite.IntegrityError, asyncpg.UniqueViolationError)):
                await _insert_work(upgraded, slug, owner)
        async with upgraded.transaction() as session:  # foreign keys still act on the rebuilt table
            await session.execute("DELETE FROM works WHERE id = ?", (before[0],))
        assert await _count(upgraded, "passages") == 0
        assert tuple(await upgraded.fetch_one(default) or ()) == (None,)
        if not is_postgres(database_target):
            assert await upgraded.pragma("foreign_keys") == 1
