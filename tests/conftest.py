"""Shared fixtures: the real bot process run against a loopback FakeDiscord.

Tests are packages under ``tests`` (pytest's ``pythonpath`` puts the repository root on
``sys.path``), so they import the harness and each other by full name
(``from tests.fake_discord import payloads``).

End-to-end test modules run in one event loop per module, and share one bot::

    import pytest
    from tests.fake_discord import payloads
    from tests.fake_discord.harness import Harness

    pytestmark = pytest.mark.asyncio(loop_scope="module")

    async def test_quote_answers(folio: Harness) -> None:
        callback = await folio.interact(payloads.slash_command("quote", {"text": "tea"}))
        assert callback.json["type"] == 4

The database backend: with ``FOLIO_TEST_DATABASE_URL`` unset the suite runs on
SQLite; set to a PostgreSQL server (``.ci/run`` starts one), ``database_target``,
``folio`` and ``start_bot`` use a fresh PostgreSQL database instead, and tests
marked ``sqlite_only`` are skipped. See ``tests/postgres.py``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator, Mapping
from pathlib import Path

import pytest
import pytest_asyncio

from tests import postgres
from tests.fake_discord import FakeDiscord
from tests.fake_discord.bot_process import BotProcess, bot_env
from tests.fake_discord.harness import HEARTBEAT_INTERVAL_MS, Harness, StartBot, running_folio

SQLITE_ONLY_REASON = "SQLite only, and this run is on PostgreSQL (FOLIO_TEST_DATABASE_URL is set)"
POSTGRES_OFF_LINE = "PostgreSQL half skipped: FOLIO_TEST_DATABASE_URL is not set (.ci/run sets it; see README)"
_SERVER_VERSION = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """Shield subprocesses from a real ``DATABASE_URL``; with PostgreSQL on, insist the server works.

    Tests that start ``run_bot.py`` with a copy of this process's environment must
    never reach a developer's own PostgreSQL database (from their shell or from
    ``.env``, which only fills in absent variables): ``DATABASE_URL`` is set to
    ``""``, which the bot reads as unset. A test that wants PostgreSQL passes its
    ``database_target`` URL explicitly.
    """
    os.environ["DATABASE_URL"] = ""
    if postgres.enabled() and not config.option.help:
        try:
            config.stash[_SERVER_VERSION] = postgres.run_sync(postgres.check_server())
        except postgres.ServerUnavailable as error:
            raise pytest.UsageError(str(error)) from None


def pytest_report_header(config: pytest.Config) -> str:
    if postgres.TEST_DATABASE_URL is None:
        return "database backend: SQLite (FOLIO_TEST_DATABASE_URL is not set)"
    version = config.stash.get(_SERVER_VERSION, "?")
    return f"database backend: PostgreSQL {version} at {postgres.redacted(postgres.TEST_DATABASE_URL)}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not postgres.enabled():
        return
    skip = pytest.mark.skip(reason=SQLITE_ONLY_REASON)
    for item in items:
        if item.get_closest_marker("sqlite_only") is not None:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config) -> None:
    if postgres.TEST_DATABASE_URL is None:
        terminalreporter.write_line(POSTGRES_OFF_LINE, yellow=True, bold=True)
    else:
        url = postgres.redacted(postgres.TEST_DATABASE_URL)
        terminalreporter.write_line(f"Database backend: PostgreSQL at {url}; sqlite_only tests skipped", bold=True)


@pytest.fixture
def database_target(tmp_path: Path) -> Iterator[postgres.DatabaseTarget]:
    """Where this test's database lives: ``tmp_path / "folio.sqlite3"`` (a Path) on SQLite,
    or the URL (a str) of a fresh, empty PostgreSQL database, dropped after the test,
    when ``FOLIO_TEST_DATABASE_URL`` is set. ``Database.open`` and ``bot_env`` take either.
    """
    with postgres.target_database_sync(tmp_path / "folio.sqlite3") as target:
        yield target


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def folio(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    """The bot, started once per test module against its own FakeDiscord and database
    (SQLite, or a fresh PostgreSQL database when ``FOLIO_TEST_DATABASE_URL`` is set).

    After the module's last test, once the bot has stopped (so its whole log is
    in), the run must have been clean: no traceback in the log, and no request
    the fake did not know or failed to handle. Whatever order the tests ran in,
    this sees what all of them did. On PostgreSQL the bot must have created its
    tables in the database it was given.
    """
    sqlite_path = tmp_path_factory.mktemp("folio-e2e") / "folio.sqlite3"
    async with postgres.target_database(sqlite_path) as database:
        async with running_folio(database) as harness:
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()
        assert [str(request) for request in harness.fake.unknown_requests] == []
        assert [str(request) for request in harness.fake.failed_requests] == []
        if isinstance(database, str):  # a bot that ignored DATABASE_URL would quietly use data/folio.sqlite3
            unused = f"the bot left {postgres.redacted(database)} empty: is DATABASE_URL used?"
            assert await postgres.table_count(database) > 0, unused


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake() -> AsyncIterator[FakeDiscord]:
    """A FakeDiscord shared by one module's tests, for in-process discord.py clients."""
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.close()


@pytest_asyncio.fixture(loop_scope="module")
async def fake_server() -> AsyncIterator[FakeDiscord]:
    """A fresh FakeDiscord for one test, for starting the bot by hand with ``start_bot``."""
    fake = FakeDiscord(heartbeat_interval_ms=HEARTBEAT_INTERVAL_MS)
    await fake.start()
    yield fake
    await fake.close()


@pytest_asyncio.fixture(loop_scope="module")
async def start_bot(fake_server: FakeDiscord, database_target: postgres.DatabaseTarget) -> AsyncIterator[StartBot]:
    """A function starting the bot against ``fake_server`` and ``database_target``, with environment overrides.

    Every bot one test starts shares that test's database, so a restarted bot sees what the first one stored.

    ``await start_bot({"DISCORD_TOKEN": ""})`` returns the :class:`BotProcess` at once;
    wait on it as the test needs. Bots still running at teardown are killed.
    """
    started: list[BotProcess] = []

    async def start(overrides: Mapping[str, str | None]) -> BotProcess:
        bot = await BotProcess.start(bot_env(fake_server, database_target, overrides))
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await bot.kill()
