"""SQLite through aiosqlite, in WAL mode with foreign keys on: one writer, a pool of readers.

The writer's transactions take turns (BEGIN IMMEDIATE); under WAL a reader sees
the last committed state and never waits for a writer, so a big import never
stalls a `/quote`. Another process's write (a worker's import, the CLI) waits
up to :data:`BUSY_TIMEOUT_MS` for ours.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from bot.errors import DatabaseUnavailable
from bot.storage.database import Database, Dialect, Row
from bot.storage.migrations import Migration

READERS = 2
"""Reader connections in the pool: enough for 2 cores (SQLite releases the GIL while it works)."""
BUSY_TIMEOUT_MS = 30_000
"""How long a write waits for another process's write transaction (a big import) to finish."""
_READABLE_PRAGMAS = frozenset({"journal_mode", "foreign_keys", "user_version", "busy_timeout"})


class SqliteSession:
    """One aiosqlite connection, as repositories use it."""

    dialect = Dialect.SQLITE

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def fetch_one(self, query: str, params: Sequence[object] = ()) -> Row | None:
        async with self._connection.execute(query, tuple(params)) as cursor:
            return await cursor.fetchone()

    async def fetch_all(self, query: str, params: Sequence[object] = ()) -> list[Row]:
        # One trip to the connection's thread (execute, fetch and close a cursor there), not three.
        return list(await self._connection.execute_fetchall(query, tuple(params)))

    async def execute(self, query: str, params: Sequence[object] = ()) -> None:
        await self._connection.execute(query, tuple(params))

    async def executemany(self, query: str, rows: Iterable[Sequence[object]]) -> None:
        await self._connection.executemany(query, rows)

    async def lock_library(self) -> None:
        """Nothing to do: BEGIN IMMEDIATE already made this the only writer."""


class SqliteDatabase(Database):
    """An open SQLite database with the schema migrated to the newest version."""

    dialect = Dialect.SQLITE

    def __init__(self, path: Path, writer: aiosqlite.Connection, readers: list[aiosqlite.Connection]) -> None:
        self.target = path
        self._writer = writer
        self._turn = asyncio.Lock()  # the writer's transactions never nest or interleave
        self._all_readers = readers
        self._idle_readers: asyncio.Queue[aiosqlite.Connection] = asyncio.Queue()
        for reader in readers:
            self._idle_readers.put_nowait(reader)

    @classmethod
    async def connect(cls, path: Path, *, readers: int = READERS) -> SqliteDatabase:
        """Open (creating if needed) the database at `path` and migrate it.

        Raises :class:`DatabaseUnavailable`, naming the path and the problem,
        when it cannot be used; an unusable file is left as it was.
        """
        _prepare_folder(path)
        opened: list[aiosqlite.Connection] = []
        try:
            writer = await _connect(path, opened)
            await writer.execute("PRAGMA journal_mode = WAL")
            database = cls(path, writer, [])
            await database.migrate()
            for _ in range(readers):
                reader = await _connect(path, opened)
                await reader.execute("PRAGMA query_only = ON")
                database._all_readers.append(reader)
                database._idle_readers.put_nowait(reader)
        except sqlite3.DatabaseError as error:
            await _close_all(opened)
            raise _unusable(path, error) from error
        except BaseException:
            await _close_all(opened)
            raise
        return database

    async def close(self) -> None:
        await _close_all([self._writer, *self._all_readers])

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[SqliteSession]:
        async with self._turn:
            await self._begin()
            try:
                yield SqliteSession(self._writer)
            except BaseException:
                await self._writer.execute("ROLLBACK")
                raise
            await self._writer.execute("COMMIT")

    async def _begin(self) -> None:
        """BEGIN IMMEDIATE; a transaction left open by a cancelled task's BEGIN (which the connection's
        thread ran after all, e.g. at shutdown) is rolled back first."""
        try:
            await self._writer.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            if not self._writer.in_transaction:
                raise
            await self._writer.execute("ROLLBACK")
            await self._writer.execute("BEGIN IMMEDIATE")

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[SqliteSession]:
        if not self._all_readers:
            async with self._turn:
                yield SqliteSession(self._writer)
            return
        connection = await self._idle_readers.get()
        try:
            yield SqliteSession(connection)
        finally:
            self._idle_readers.put_nowait(connection)

    async def pragma(self, name: str) -> object:
        """The value of a read-only setting such as `journal_mode` or `foreign_keys`."""
        if name not in _READABLE_PRAGMAS:
            raise ValueError(f"unknown pragma {name!r}")
        async with self._turn, self._writer.execute(f"PRAGMA {name}") as cursor:
            row = await cursor.fetchone()
        return row[0] if row else None

    async def table_exists(self, name: str) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?"
        return await self.fetch_one(query, (name,)) is not None

    async def schema_version(self) -> int:
        return int(await self.pragma("user_version") or 0)

    async def _apply(self, migration: Migration) -> None:
        if migration.rebuilds_tables:
            # A dropped table's rows must not cascade to the tables that reference it; the
            # setting can only change outside a transaction (SQLite's "12 steps" of ALTER TABLE).
            await self._writer.execute("PRAGMA foreign_keys = OFF")
        try:
            async with self.transaction() as session:
                row = await session.fetch_one("PRAGMA user_version")
                if row is not None and int(row[0]) >= migration.version:
                    return  # another process (a second shard starting at once) got there first
                for statement in migration.sqlite:
                    await session.execute(statement)
                if await session.fetch_one("PRAGMA foreign_key_check") is not None:
                    raise sqlite3.IntegrityError(f"migration {migration.version} broke a foreign key")
                # PRAGMA takes no parameters; the version is an int from our own table.
                await session.execute(f"PRAGMA user_version = {int(migration.version)}")
        finally:
            await self._writer.execute("PRAGMA foreign_keys = ON")


async def _connect(path: Path, opened: list[aiosqlite.Connection]) -> aiosqlite.Connection:
    """A configured connection to `path`, remembered in `opened` so a failed open can close it."""
    try:
        connection = await aiosqlite.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise _unusable(path, error) from error
    opened.append(connection)
    connection.row_factory = aiosqlite.Row
    await connection.execute("PRAGMA foreign_keys = ON")
    await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


async def _close_all(connections: list[aiosqlite.Connection]) -> None:
    for connection in connections:
        await connection.close()


def _prepare_folder(path: Path) -> None:
    """Create the database's folder; refuse a path that is a folder or lies under a file, before SQLite tries it."""
    if path.is_dir():
        raise DatabaseUnavailable(f"Can't use the database at {path}: it is a folder, not a database file.")
    blocking_file = next((parent for parent in path.parents if parent.exists() and not parent.is_dir()), None)
    if blocking_file is not None:
        raise DatabaseUnavailable(f"Can't use the database at {path}: {blocking_file} is a file, not a folder.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unusable(path, error) from error


def _problem(path: Path, error: BaseException) -> str:
    reason = str(error)
    if "readonly" in reason or isinstance(error, PermissionError):
        return "it is read-only, and Folio needs to write to it and its folder (check their permissions)"
    if "not a database" in reason:
        return "it is not a SQLite database (or it is damaged)"
    if isinstance(error, OSError):
        return error.strerror or reason
    return reason


def _unusable(path: Path, error: BaseException) -> DatabaseUnavailable:
    """Explain why the database at `path` cannot be used, in words an operator can act on."""
    return DatabaseUnavailable(f"Can't use the database at {path}: {_problem(path, error)}.")
