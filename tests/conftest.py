"""Shared fixtures: the real bot process run against a loopback FakeDiscord.

Being the root conftest also puts ``tests/`` on ``sys.path``, which is how test
modules import the harness (``from fake_discord import payloads``).

End-to-end test modules run in one event loop per module, and share one bot::

    import pytest
    from fake_discord import payloads
    from fake_discord.harness import Harness

    pytestmark = pytest.mark.asyncio(loop_scope="module")

    async def test_quote_answers(folio: Harness) -> None:
        callback = await folio.interact(payloads.slash_command("quote", {"text": "tea"}))
        assert callback.json["type"] == 4
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from pathlib import Path

import pytest
import pytest_asyncio

from fake_discord import FakeDiscord
from fake_discord.bot_process import BotProcess, bot_env
from fake_discord.harness import HEARTBEAT_INTERVAL_MS, Harness, StartBot, running_folio


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def folio(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    """The bot, started once per test module against its own FakeDiscord and database.

    After the module's last test, once the bot has stopped (so its whole log is
    in), the run must have been clean: no traceback in the log, and no request
    the fake did not know or failed to handle. Whatever order the tests ran in,
    this sees what all of them did.
    """
    database = tmp_path_factory.mktemp("folio-e2e") / "folio.sqlite3"
    async with running_folio(database) as harness:
        yield harness
    assert harness.bot.tracebacks() == [], harness.bot.tail()
    assert [str(request) for request in harness.fake.unknown_requests] == []
    assert [str(request) for request in harness.fake.failed_requests] == []


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
async def start_bot(fake_server: FakeDiscord, tmp_path: Path) -> AsyncIterator[StartBot]:
    """A function starting the bot against ``fake_server`` with environment overrides.

    ``await start_bot({"DISCORD_TOKEN": ""})`` returns the :class:`BotProcess` at once;
    wait on it as the test needs. Bots still running at teardown are killed.
    """
    started: list[BotProcess] = []

    async def start(overrides: Mapping[str, str | None]) -> BotProcess:
        bot = await BotProcess.start(bot_env(fake_server, tmp_path / "folio.sqlite3", overrides))
        started.append(bot)
        return bot

    yield start
    for bot in started:
        await bot.kill()
