"""The database fixtures themselves: ``database_target``, ``sqlite_only`` and ``bot_env``'s variables."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

import asyncpg
import pytest

from tests import postgres
from tests.fake_discord import FakeDiscord
from tests.fake_discord.bot_process import bot_env

needs_postgres = pytest.mark.skipif(not postgres.enabled(), reason="FOLIO_TEST_DATABASE_URL is not set")
FAKE = cast(
    FakeDiscord,
    SimpleNamespace(
        api_base="http://127.0.0.1:1/api",
        gateway_url="ws://127.0.0.1:1",
        guild_id=1,
        gateway=SimpleNamespace(identify_interval=0.5),
    ),
)


async def test_database_target_is_a_fresh_database_of_the_chosen_backend(
    database_target: postgres.DatabaseTarget, tmp_path: Path
) -> None:
    if not postgres.enabled():
        assert database_target == tmp_path / "folio.sqlite3"
        assert isinstance(database_target, Path) and not database_target.exists()
        return
    assert isinstance(database_target, str) and database_target.startswith("postgresql://")
    assert postgres.database_name(database_target).startswith(postgres.DATABASE_PREFIX)
    assert await postgres.table_count(database_target) == 0
    connection = await asyncpg.connect(database_target)
    try:
        assert await connection.fetchval("SELECT current_database()") == postgres.database_name(database_target)
        assert await connection.fetchval("SHOW server_encoding") == "UTF8"
        await connection.execute("CREATE TABLE works (slug text PRIMARY KEY, title text NOT NULL)")
        await connection.execute("INSERT INTO works VALUES ($1, $2)", "dracula", "Dracula — Bram Stoker")
        assert await connection.fetchval("SELECT title FROM works") == "Dracula — Bram Stoker"
    finally:
        await connection.close()
    assert await postgres.table_count(database_target) == 1


@needs_postgres
async def test_drop_database_ends_open_connections_and_is_idempotent() -> None:
    url = await postgres.fresh_database_url()
    lingering = await asyncpg.connect(url)  # as a killed bot's connection might linger
    try:
        await postgres.drop_database(url)
        admin = await asyncpg.connect(postgres.TEST_DATABASE_URL)
        try:
            exists = "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)"
            gone = not await admin.fetchval(exists, postgres.database_name(url))
        finally:
            await admin.close()
        assert gone
        await postgres.drop_database(url)
    finally:
        lingering.terminate()


def test_drop_database_refuses_anything_but_a_throwaway_database() -> None:
    for url in ("postgresql://postgres@127.0.0.1:5432/postgres", "postgresql://u@h/folio_t_1; DROP TABLE x"):
        with pytest.raises(ValueError, match="not a throwaway test database"):
            postgres.database_name(url)


@pytest.mark.sqlite_only
def test_sqlite_only_tests_run_only_when_postgres_is_off() -> None:
    assert not postgres.enabled()


def test_bot_env_points_the_bot_at_the_target(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://someone@production.example/folio")
    monkeypatch.setenv("DATABASE_PATH", "/srv/folio/folio.sqlite3")

    sqlite = bot_env(FAKE, tmp_path / "folio.sqlite3")
    assert sqlite["DATABASE_PATH"] == str(tmp_path / "folio.sqlite3")
    assert sqlite["DATABASE_URL"] == ""  # empty, so .env cannot fill it in either

    url = "postgresql://postgres@127.0.0.1:54329/folio_t_0123456789ab"
    pg = bot_env(FAKE, url)
    assert pg["DATABASE_URL"] == url
    assert "DATABASE_PATH" not in pg

    assert bot_env(FAKE, url, {"DATABASE_URL": None}).get("DATABASE_URL") is None
    assert bot_env(FAKE, str(tmp_path / "x.sqlite3"))["DATABASE_PATH"] == str(tmp_path / "x.sqlite3")
