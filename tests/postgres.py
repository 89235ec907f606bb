"""Throwaway PostgreSQL databases: the PostgreSQL half of the test suite.

``FOLIO_TEST_DATABASE_URL`` names a server, and a database on it to connect to,
where that user may ``CREATE DATABASE``::

    FOLIO_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:54329/postgres make test

Unset (or empty), the suite runs on SQLite only. Set, every test that asks for
the ``database_target`` fixture (and every bot the e2e fixtures start) gets a
database of its own, ``folio_t_<random hex>``, created from ``template0`` and
dropped after the test. ``.ci/run`` starts a throwaway server and runs the suite
both ways.
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

ENV_VARIABLE = "FOLIO_TEST_DATABASE_URL"
TEST_DATABASE_URL: str | None = os.environ.get(ENV_VARIABLE) or None
"""The test server's URL, or None when the PostgreSQL half is off."""
SCHEMES = ("postgresql", "postgres")
DATABASE_PREFIX = "folio_t_"
CONNECT_TIMEOUT = 10.0

DatabaseTarget = Path | str
"""What ``Database.open`` and ``bot_env`` take: a SQLite file, or a ``postgresql://`` URL."""

_T = TypeVar("_T")


class ServerUnavailable(RuntimeError):
    """FOLIO_TEST_DATABASE_URL is set, but the server there cannot host throwaway databases."""


def enabled() -> bool:
    """Whether this run is the PostgreSQL half."""
    return TEST_DATABASE_URL is not None


def redacted(url: str) -> str:
    """``url`` with any password replaced by ``***``, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def database_url(name: str, server_url: str | None = None) -> str:
    """The URL of database ``name`` on the test server (same user, host, port and options)."""
    parts = urlsplit(server_url or _server_url())
    return urlunsplit(parts._replace(scheme="postgresql", path=f"/{name}"))


def database_name(url: str) -> str:
    """The name of the throwaway database ``url`` points at; refuses any other database."""
    name = urlsplit(url).path.lstrip("/")
    if not name.startswith(DATABASE_PREFIX) or not name[len(DATABASE_PREFIX) :].isalnum():
        raise ValueError(f"{redacted(url)} is not a throwaway test database ({DATABASE_PREFIX}<hex>)")
    return name


async def check_server() -> str:
    """Connect to the test server and check its user may create databases; returns its version.

    Raises :class:`ServerUnavailable` saying what is wrong, so a CI run that was
    meant to cover PostgreSQL fails instead of quietly testing SQLite only.
    """
    url = _server_url()
    if urlsplit(url).scheme not in SCHEMES:
        raise ServerUnavailable(f"{ENV_VARIABLE} must be a postgresql:// URL, got {redacted(url)!r}")
    try:
        connection = await _connect_admin()
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as error:
        raise ServerUnavailable(
            f"{ENV_VARIABLE}={redacted(url)} but the server cannot be reached: {type(error).__name__}: {error}. "
            f"Start it (.ci/run starts a throwaway one), or unset {ENV_VARIABLE} to run the SQLite half only."
        ) from error
    try:
        may_create = await connection.fetchval(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        )
        version = await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()
    if not may_create:
        raise ServerUnavailable(f"{ENV_VARIABLE}={redacted(url)}: this user may not CREATE DATABASE")
    return str(version)


async def fresh_database_url() -> str:
    """Create an empty database ``folio_t_<random hex>`` (UTF-8) on the test server; returns its URL."""
    name = DATABASE_PREFIX + secrets.token_hex(6)
    connection = await _connect_admin()
    try:
        await connection.execute(f"CREATE DATABASE {_quoted(name)} TEMPLATE template0 ENCODING 'UTF8'")
    finally:
        await connection.close()
    return database_url(name)


async def drop_database(url: str) -> None:
    """Drop the throwaway database at ``url``, ending any connection still open to it.

    Only ``folio_t_`` databases are dropped; anything else is a ValueError.
    Dropping one that is already gone is not an error.
    """
    name = database_name(url)
    connection = await _connect_admin()
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            name,
        )
        force = " WITH (FORCE)" if connection.get_server_version().major >= 13 else ""
        await connection.execute(f"DROP DATABASE IF EXISTS {_quoted(name)}{force}")
    finally:
        await connection.close()


async def table_count(url: str) -> int:
    """How many tables the database at ``url`` holds outside PostgreSQL's own schemas."""
    connection = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT)
    try:
        return int(
            await connection.fetchval(
                "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            )
        )
    finally:
        await connection.close()


@asynccontextmanager
async def target_database(sqlite_path: Path) -> AsyncIterator[DatabaseTarget]:
    """``sqlite_path`` when the PostgreSQL half is off; else a fresh database's URL, dropped afterwards."""
    if TEST_DATABASE_URL is None:
        yield sqlite_path
        return
    url = await fresh_database_url()
    try:
        yield url
    finally:
        await drop_database(url)


@contextmanager
def target_database_sync(sqlite_path: Path) -> Iterator[DatabaseTarget]:
    """:func:`target_database` for synchronous code (fixtures of any loop scope, plain tests)."""
    if TEST_DATABASE_URL is None:
        yield sqlite_path
        return
    url = run_sync(fresh_database_url())
    try:
        yield url
    finally:
        run_sync(drop_database(url))


def run_sync(coroutine: Coroutine[object, object, _T]) -> _T:
    """Run ``coroutine`` to completion in a new event loop on a worker thread.

    The thread keeps it apart from whatever loop the caller's thread may have,
    running or not (pytest-asyncio keeps one per test module).
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="folio-test-pg") as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _server_url() -> str:
    if TEST_DATABASE_URL is None:
        raise ServerUnavailable(f"{ENV_VARIABLE} is not set: there is no PostgreSQL server to use")
    return TEST_DATABASE_URL


async def _connect_admin() -> asyncpg.Connection:
    return await asyncpg.connect(_server_url(), timeout=CONNECT_TIMEOUT)


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'
