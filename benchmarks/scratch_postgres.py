"""Throwaway PostgreSQL databases for the benchmarks: one created and dropped around a run, and settled as
autovacuum would settle it after an import."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit, urlunsplit

import asyncpg


def database_url(server_url: str, name: str) -> str:
    """``server_url`` with its database replaced by ``name`` (user, host and options kept)."""
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


@asynccontextmanager
async def scratch_database(server_url: str) -> AsyncIterator[str]:
    """A new, empty database on the server (dropped afterwards, connections and all); yields its URL."""
    name = f"folio_bench_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(server_url)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield database_url(server_url, name)
    finally:
        admin = await asyncpg.connect(server_url)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


async def settle(url: str) -> int:
    """Do now what autovacuum does within a minute or so of an import: merge the GIN index's
    pending list into the index, VACUUM and ANALYZE. Returns the pending-list pages merged
    (0: autovacuum had already done it)."""
    connection = await asyncpg.connect(url)
    try:
        pages = await connection.fetchval("SELECT gin_clean_pending_list('sentence_terms_search')")
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    return int(pages)
