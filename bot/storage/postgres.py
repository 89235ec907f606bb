"""PostgreSQL through an asyncpg pool: one database shared by every Folio process.

Repositories write `?` placeholders; :class:`PostgresSession` numbers them
(`$1`, `$2`, …). Library writes take a transaction-scoped advisory lock
(:meth:`PostgresSession.lock_library`), so two processes importing at once are
decided one after the other, exactly as on SQLite. Reads that lose their
connection are retried with back-off, then fail with a friendly
:class:`~bot.errors.DatabaseUnavailable`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import socket
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from functools import lru_cache
from urllib.parse import urlsplit

import asyncpg

from bot.errors import DatabaseUnavailable
from bot.storage.database import Database, Dialect, Row
from bot.storage.migrations import Migration

log = logging.getLogger(__name__)

POOL_SIZE = 5
CLOSE_TIMEOUT = 3.0
RETRY_DELAYS = (0.1, 0.5, 2.0)
"""Seconds to wait before each new try of a read whose connection was lost."""
WRITE_RETRY_DELAYS = (0.1, 0.5, 1.0, 2.0, 4.0)
"""Seconds to wait before each new try of a write's connection (a server restart takes a few seconds)."""
LIBRARY_LOCK = 0x466F6C696F
"""The advisory lock key library writes hold ("Folio")."""
LOST_CONNECTION = (
    asyncpg.ConnectionDoesNotExistError,
    asyncpg.InterfaceError,
    asyncpg.InternalClientError,  # a connection the server cut in the middle of its protocol
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,  # "terminating connection due to administrator command"
    OSError,
)
TRY_AGAIN = "The library's database is not answering right now; please try again in a moment."
_PLACEHOLDER = re.compile(r"\?")


@lru_cache(maxsize=512)
def numbered(query: str) -> str:
    """`?` placeholders as PostgreSQL's `$1`, `$2`, … (Folio's SQL has no `?` in string literals)."""
    counter = iter(range(1, 10_000))
    return _PLACEHOLDER.sub(lambda _: f"${next(counter)}", query)


async def _keep_session(connection: asyncpg.Connection) -> None:
    """What a pooled connection needs on its way back to the pool beyond asyncpg's own clean-up (an open
    transaction rolled back, listeners dropped): nothing. asyncpg's default reset (``RESET ALL``, ``UNLISTEN *``,
    ``CLOSE ALL``, advisory unlocks) is one more round trip after every read, a third of a quote lookup's database
    time; Folio leaves no session state on pooled connections (no ``SET``, session locks, ``LISTEN`` or held
    cursors: its locks are transaction-scoped, and the change feed listens on a connection of its own)."""


class PostgresSession:
    """One pooled asyncpg connection, as repositories use it."""

    dialect = Dialect.POSTGRES

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection

    async def fetch_one(self, query: str, params: Sequence[object] = ()) -> Row | None:
        return await self._connection.fetchrow(numbered(query), *params)

    async def fetch_all(self, query: str, params: Sequence[object] = ()) -> list[Row]:
        return list(await self._connection.fetch(numbered(query), *params))

    async def execute(self, query: str, params: Sequence[object] = ()) -> None:
        await self._connection.execute(numbered(query), *params)

    async def executemany(self, query: str, rows: Iterable[Sequence[object]]) -> None:
        await self._connection.executemany(numbered(query), [tuple(row) for row in rows])

    async def lock_library(self) -> None:
        await self._connection.execute("SELECT pg_advisory_xact_lock($1)", LIBRARY_LOCK)


class PostgresDatabase(Database):
    dialect = Dialect.POSTGRES

    def __init__(self, url: str, pool: asyncpg.Pool) -> None:
        self.target = url
        self._pool = pool

    @classmethod
    async def connect(cls, url: str, *, readers: int | None = None) -> PostgresDatabase:
        """Connect a pool to `url` and migrate; raises DatabaseUnavailable naming the server, never the password."""
        size = POOL_SIZE if readers is None else max(1, readers + 1)
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=size, timeout=10, reset=_keep_session)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError, ValueError) as error:
            raise DatabaseUnavailable(f"Can't use the PostgreSQL database {describe(url)}: {_reason(error)}.") from error
        database = cls(url, pool)
        try:
            await database.migrate()
        except BaseException:
            await pool.close()
            raise
        return database

    async def close(self) -> None:
        """Close the pool; connections a cancelled task left busy are cut after :data:`CLOSE_TIMEOUT` seconds."""
        try:
            await asyncio.wait_for(self._pool.close(), CLOSE_TIMEOUT)
        except TimeoutError:
            log.warning("Database connections still busy after %.0fs; closing them", CLOSE_TIMEOUT)
            self._pool.terminate()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PostgresSession]:
        """A write transaction on a connection that answered just now: after the server restarted, the
        pool's old connections are replaced (waiting a little while it comes back) instead of failing."""
        async with self._writable() as connection, connection.transaction():
            yield PostgresSession(connection)

    @asynccontextmanager
    async def _writable(self) -> AsyncIterator[asyncpg.Connection]:
        for delay in (*WRITE_RETRY_DELAYS, None):
            try:
                connection = await self._answering_connection()
            except LOST_CONNECTION as error:
                if delay is None:
                    raise DatabaseUnavailable(TRY_AGAIN) from error
                log.warning("Lost the database connection (%s); trying again in %.1fs", error, delay)
                await asyncio.sleep(delay)
                continue
            try:
                yield connection
            finally:
                await self._pool.release(connection)
            return
        raise AssertionError("unreachable")

    async def _answering_connection(self) -> asyncpg.Connection:
        """A pooled connection that answers now (a new one if the server cut the old)."""
        connection = await self._pool.acquire()
        try:
            await connection.execute("SELECT 1")
        except BaseException:
            await self._pool.release(connection)
            raise
        return connection

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[PostgresSession]:
        async with self._pool.acquire() as connection:
            yield PostgresSession(connection)

    async def fetch_one(self, query: str, params: Sequence[object] = ()) -> Row | None:
        return await self._retrying(lambda session: session.fetch_one(query, params))

    async def fetch_all(self, query: str, params: Sequence[object] = ()) -> list[Row]:
        return await self._retrying(lambda session: session.fetch_all(query, params))

    async def _retrying(self, read):  # type: ignore[no-untyped-def]
        """Run a read; if the connection was lost, try again after a pause, then give up kindly."""
        for delay in (*RETRY_DELAYS, None):
            try:
                async with self.reader() as session:
                    return await read(session)
            except LOST_CONNECTION as error:
                if delay is None:
                    raise DatabaseUnavailable(TRY_AGAIN) from error
                log.warning("Lost the database connection (%s); trying again in %.1fs", error, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    async def schema_version(self) -> int:
        async with self.transaction() as session:
            await session.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = await session.fetch_one("SELECT MAX(version) FROM schema_version")
        return int(row[0] or 0) if row else 0

    async def migrate(self, migrations: Sequence[Migration] | None = None) -> int:
        """Migrate under the library lock, so processes starting together migrate once."""
        from bot.storage.migrations import MIGRATIONS

        async with self.transaction() as session:
            await session.lock_library()
            await session.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        return await super().migrate(MIGRATIONS if migrations is None else migrations)

    async def _apply(self, migration: Migration) -> None:
        async with self.transaction() as session:
            await session.lock_library()
            row = await session.fetch_one("SELECT MAX(version) FROM schema_version")
            if row and row[0] is not None and row[0] >= migration.version:
                return  # another process got there first
            for statement in migration.postgres:
                await session.execute(statement)
            await session.execute("INSERT INTO schema_version (version) VALUES (?)", (migration.version,))


def describe(url: str) -> str:
    """The server and database of `url`, never its password: `folio@db.example:5432/folio`."""
    parts = urlsplit(url)
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return f"{user}{parts.hostname or 'localhost'}{port}{parts.path or ''}"


def _reason(error: BaseException) -> str:
    if isinstance(error, asyncpg.InvalidPasswordError | asyncpg.InvalidAuthorizationSpecificationError):
        return "the server refused the user name or password"
    if isinstance(error, asyncpg.InvalidCatalogNameError):
        return "there is no such database on the server (create it first)"
    if isinstance(error, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(error, ConnectionRefusedError):
        return "the server refused the connection (is PostgreSQL running and listening there?)"
    if isinstance(error, TimeoutError):
        return "the server did not answer in time"
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return str(error).splitlines()[0] if str(error) else type(error).__name__
