"""The database, whichever it is: SQLite (embedded, the default) or PostgreSQL (shared by processes).

:meth:`Database.open` picks the backend from its target: a path is SQLite
(:mod:`bot.storage.sqlite`), a ``postgresql://`` URL is PostgreSQL
(:mod:`bot.storage.postgres`). Repositories (one module per capability beside
this one) write their SQL once, with ``?`` placeholders, against a
:class:`Session`; where the dialects differ they ask ``session.dialect``. The
schema grows by the versioned migrations in :mod:`bot.storage.migrations`,
one list of versions with each backend's statements.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from bot.storage.migrations import MIGRATIONS, Migration

log = logging.getLogger(__name__)

Row = Any
"""A result row: read by column name or position (aiosqlite's Row, asyncpg's Record)."""
DatabaseTarget = Path | str
"""A SQLite file, or a ``postgresql://`` URL."""
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Dialect(StrEnum):
    SQLITE = "sqlite"
    POSTGRES = "postgres"


class Session(Protocol):
    """A connection as repositories use it, inside a transaction or for reads."""

    dialect: Dialect

    async def fetch_one(self, query: str, params: Sequence[object] = ()) -> Row | None: ...

    async def fetch_all(self, query: str, params: Sequence[object] = ()) -> list[Row]: ...

    async def execute(self, query: str, params: Sequence[object] = ()) -> None: ...

    async def executemany(self, query: str, rows: Iterable[Sequence[object]]) -> None: ...

    async def lock_library(self) -> None:
        """Make this transaction the only one changing the library until it ends (across processes)."""
        ...


def is_postgres(target: DatabaseTarget) -> bool:
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


class Database:
    """An open database with the schema migrated to the newest version."""

    dialect: Dialect
    target: DatabaseTarget
    """What it was opened from (a worker process opens its own connection to the same)."""

    @staticmethod
    async def open(target: DatabaseTarget, *, readers: int | None = None) -> Database:
        """Open the database at `target` and migrate it; raises DatabaseUnavailable if it cannot be used."""
        if is_postgres(target):
            from bot.storage.postgres import PostgresDatabase

            return await PostgresDatabase.connect(str(target), readers=readers)
        from bot.storage.sqlite import READERS, SqliteDatabase

        return await SqliteDatabase.connect(Path(target), readers=READERS if readers is None else readers)

    @staticmethod
    @asynccontextmanager
    async def opened(target: DatabaseTarget, *, readers: int | None = None) -> AsyncIterator[Database]:
        """The database at `target`, open for the body of a `with` and closed after it."""
        database = await Database.open(target, readers=readers)
        try:
            yield database
        finally:
            await database.close()

    async def close(self) -> None:
        raise NotImplementedError

    def transaction(self) -> AbstractAsyncContextManager[Session]:
        """One write transaction for the body: all of it lands, or none; readers see all or none of it."""
        raise NotImplementedError

    def reader(self) -> AbstractAsyncContextManager[Session]:
        """A session for reads, which never waits for a writer."""
        raise NotImplementedError

    async def fetch_one(self, query: str, params: Sequence[object] = ()) -> Row | None:
        async with self.reader() as session:
            return await session.fetch_one(query, params)

    async def fetch_all(self, query: str, params: Sequence[object] = ()) -> list[Row]:
        async with self.reader() as session:
            return await session.fetch_all(query, params)

    async def schema_version(self) -> int:
        raise NotImplementedError

    async def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> int:
        """Apply every migration newer than the stored schema version; return the new version."""
        current = await self.schema_version()
        for migration in migrations:
            if migration.version <= current:
                continue
            await self._apply(migration)
            log.info("Database migrated to v%d: %s", migration.version, migration.description)
            current = migration.version
        return current

    async def _apply(self, migration: Migration) -> None:
        """Run one migration's statements and record its version, in one transaction."""
        raise NotImplementedError
