"""Throwaway PostgreSQL databases for tests, on the server FOLIO_TEST_DATABASE_URL names (.ci/run starts one)."""

from __future__ import annotations

import os
import secrets

import asyncpg

TEST_DATABASE_URL = os.environ.get("FOLIO_TEST_DATABASE_URL") or None


async def fresh_database_url() -> str:
    assert TEST_DATABASE_URL is not None
    name = f"folio_t_{secrets.token_hex(6)}"
    connection = await asyncpg.connect(TEST_DATABASE_URL)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return TEST_DATABASE_URL.rsplit("/", 1)[0] + "/" + name


async def drop_database(url: str) -> None:
    assert TEST_DATABASE_URL is not None
    name = url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(TEST_DATABASE_URL)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
