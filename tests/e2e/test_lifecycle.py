"""Starting and stopping the real bot: clean exits in every phase, one clear line for every failure."""

from __future__ import annotations

import asyncio
import signal
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.fake_discord import FakeDiscord, payloads
from tests.fake_discord.bot_process import READY_LINE, BotProcess
from tests.fake_discord.harness import COMMAND_SYNC, StartBot

pytestmark = pytest.mark.asyncio(loop_scope="module")

REPO_ROOT = Path(__file__).resolve().parents[2]
DRACULA = REPO_ROOT / "benchmarks" / "corpus" / "dracula.txt"
CDN_PATH = r"/cdn/attachments/\d+/[^/]+"


class SilentServer:
    """A TCP server on 127.0.0.1 that accepts connections and never answers (a host that hangs)."""

    def __init__(self) -> None:
        self.connected = asyncio.Event()
        self._server: asyncio.Server | None = None
        self._writers: list[asyncio.StreamWriter] = []

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        return self._server.sockets[0].getsockname()[1]

    async def close(self) -> None:
        for writer in self._writers:
            writer.close()
        assert self._server is not None
        self._server.close()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.append(writer)
        self.connected.set()
        await reader.read()


@pytest_asyncio.fixture(loop_scope="module")
async def silent_port() -> AsyncIterator[tuple[SilentServer, int]]:
    server = SilentServer()
    port = await server.start()
    yield server, port
    await server.close()


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def assert_stops_cleanly(bot: BotProcess, signum: int = signal.SIGTERM) -> None:
    status = await bot.stop(timeout=15, signum=signum)
    assert status == 0, bot.tail()
    assert bot.tracebacks() == [], bot.tail()


async def test_an_unreachable_discord_is_one_clear_line(start_bot: StartBot) -> None:
    api_base = f"http://127.0.0.1:{closed_port()}/api/v10"
    bot = await start_bot({"DISCORD_API_BASE": api_base})
    assert await bot.wait(timeout=30) == 1
    line = await bot.wait_for_log("Cannot reach Discord")
    assert f"Cannot reach Discord at {api_base}: " in line and "DISCORD_API_BASE" in line
    assert bot.tracebacks() == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_a_signal_while_logging_in_exits_cleanly(
    start_bot: StartBot, silent_port: tuple[SilentServer, int], signum: int
) -> None:
    server, port = silent_port
    bot = await start_bot({"DISCORD_API_BASE": f"http://127.0.0.1:{port}/api/v10"})
    await asyncio.wait_for(server.connected.wait(), timeout=30)
    await assert_stops_cleanly(bot, signum)


async def test_a_signal_while_connecting_to_the_gateway_exits_cleanly(
    start_bot: StartBot, fake_server: FakeDiscord, silent_port: tuple[SilentServer, int]
) -> None:
    server, port = silent_port
    bot = await start_bot({"DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/gateway"})
    await fake_server.wait_for_request("PUT", COMMAND_SYNC, since=0, timeout=30)
    await asyncio.wait_for(server.connected.wait(), timeout=30)
    await assert_stops_cleanly(bot)


async def test_a_signal_in_the_middle_of_an_import_exits_cleanly_and_loses_nothing(
    start_bot: StartBot, fake_server: FakeDiscord, tmp_path: Path
) -> None:
    database = tmp_path / "import.sqlite3"
    bot = await start_bot({"DATABASE_PATH": str(database)})
    await bot.wait_for_log(READY_LINE, timeout=30)
    assert "voice will NOT be supported" not in bot.log
    big_text = DRACULA.read_bytes() * 4
    attachment = fake_server.host_attachment("dracula.txt", big_text)
    mark = fake_server.mark()
    command = payloads.slash_command(
        "library add", {"slug": "dracula"}, user=payloads.MOD, attachments={"file": attachment}
    )
    await fake_server.dispatch("INTERACTION_CREATE", command)
    await fake_server.wait_for_request("GET", CDN_PATH, since=mark, timeout=10)
    await assert_stops_cleanly(bot)

    restarted = await start_bot({"DATABASE_PATH": str(database)})
    await restarted.wait_for_log(READY_LINE, timeout=30)
    assert restarted.tracebacks() == []  # the import landed whole or not at all: the library loads
    await assert_stops_cleanly(restarted)


@pytest.mark.sqlite_only
async def test_an_unusable_database_is_one_clear_line_and_left_untouched(start_bot: StartBot, tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.sqlite3"
    not_a_database.write_text("Shopping list: tea, more tea.\n" * 100)
    before = not_a_database.read_bytes()
    bot = await start_bot({"DATABASE_PATH": str(not_a_database)})
    assert await bot.wait(timeout=30) == 1
    line = await bot.wait_for_log("Can't use the database")
    assert str(not_a_database) in line and "not a SQLite database" in line
    assert bot.tracebacks() == []
    assert not_a_database.read_bytes() == before
