"""Running the real bot (``run_bot.py``) as a subprocess pointed at a FakeDiscord."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import payloads
from .journal import Journal
from .server import FakeDiscord

REPO_ROOT = Path(__file__).resolve().parents[2]
RUN_BOT = REPO_ROOT / "run_bot.py"
READY_LINE = "Folio ready"
FAKE_TOKEN = payloads.BOT_TOKEN
TRACEBACK_START = "Traceback (most recent call last):"
_OWN_VARIABLES = (
    "DATABASE_PATH", "DATABASE_URL", "LOG_LEVEL", "SHARD_COUNT", "SHARD_IDS", "SYNC_COMMANDS", "FOLIO_FAIR_USE"
)
POSTGRES_URL_PREFIX = "postgresql://"
IDENTIFY_UNLIMITED = 0.01
"""FOLIO_IDENTIFY_SECONDS when the fake does not limit identifies; else twice its limit, a margin for
a loaded machine (as the bot's default 5.5 s is for Discord's 5)."""
_LINE_LIMIT = 16 * 1024 * 1024  # debug logs print whole gateway payloads on one line


def bot_env(
    fake: FakeDiscord, database: Path | str, overrides: Mapping[str, str | None] | None = None
) -> dict[str, str]:
    """The environment for a bot talking to ``fake``; ``overrides`` set (or, with None, drop) variables.

    ``database`` is where the bot keeps its data: a ``postgresql://`` URL sets ``DATABASE_URL``
    (and no ``DATABASE_PATH``); anything else is a SQLite file, set as ``DATABASE_PATH``, with
    ``DATABASE_URL`` set to ``""`` so that neither the developer's shell nor ``.env`` can point
    the bot at a real PostgreSQL database (empty means unset, as for every setting).

    The bot publishes its commands at start (``SYNC_COMMANDS=1``), as the harness expects, and applies
    no fair-use limits (``FOLIO_FAIR_USE=0``), so tests may repeat costly commands; override either.
    Inherited ``DISCORD_*`` variables are dropped so a developer's real settings never leak in.
    To test a missing setting, override it with ``""`` rather than None: the bot also reads
    ``.env``, which only fills in variables that are absent.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_") and k not in _OWN_VARIABLES}
    env.update(
        DISCORD_TOKEN=FAKE_TOKEN,
        DISCORD_API_BASE=fake.api_base,
        DISCORD_GATEWAY_URL=fake.gateway_url,
        DISCORD_GUILD_ID=str(fake.guild_id),
        LOG_LEVEL="DEBUG",
        PYTHONUNBUFFERED="1",
        SYNC_COMMANDS="1",
        FOLIO_FAIR_USE="0",
        FOLIO_IDENTIFY_SECONDS=str(2 * fake.gateway.identify_interval or IDENTIFY_UNLIMITED),
    )
    env.update(database_env(database))
    for key, value in (overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def database_env(database: Path | str) -> dict[str, str]:
    """The variables that point the bot at ``database`` (see :func:`bot_env`)."""
    if isinstance(database, str) and database.startswith(POSTGRES_URL_PREFIX):
        return {"DATABASE_URL": database}
    return {"DATABASE_PATH": str(database), "DATABASE_URL": ""}


class BotProcess:
    """The bot as a child process; its stdout and stderr are collected line by line."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: Journal[str] = Journal()
        self._reader = asyncio.create_task(self._read_output())

    @classmethod
    async def start(cls, env: Mapping[str, str], *, script: Path = RUN_BOT, args: Sequence[str] = ()) -> BotProcess:
        """Launch ``script`` (with ``args``) with this interpreter, from the repo root, with exactly ``env``."""
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            str(script),
            *args,
            cwd=REPO_ROOT,
            env=dict(env),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            limit=_LINE_LIMIT,
        )
        return cls(process)

    @property
    def log(self) -> str:
        """Everything the process printed so far."""
        return "\n".join(self.lines.items)

    @property
    def returncode(self) -> int | None:
        """The exit status, or None while the process runs."""
        return self.process.returncode

    def tracebacks(self) -> list[str]:
        """Every Python traceback in the output, each with its exception line, as one text."""
        blocks: list[list[str]] = []
        inside = False
        for line in self.lines.items:
            if line.startswith(TRACEBACK_START):
                blocks.append([line])
                inside = True
            elif inside:
                blocks[-1].append(line)
                inside = line.startswith((" ", "\t"))
        return ["\n".join(block) for block in blocks]

    def tail(self, count: int = 40) -> str:
        """The last ``count`` lines of output, for failure messages."""
        return "\n".join(self.lines.items[-count:])

    async def wait_for_log(self, pattern: str, *, since: int = 0, timeout: float = 30.0) -> str:
        """The first output line (from index ``since``) in which regex ``pattern`` is found.

        Fails at once, with the output, if the process exits without printing it.
        """
        wanted = re.compile(pattern)
        waiter = asyncio.ensure_future(
            self.lines.wait_for(lambda line: wanted.search(line) is not None, since=since, timeout=timeout)
        )
        await asyncio.wait({waiter, self._reader}, return_when=asyncio.FIRST_COMPLETED)
        if not waiter.done():
            waiter.cancel()
            raise AssertionError(f"bot exited ({self.returncode}) without logging {pattern!r}:\n{self.tail()}")
        try:
            return waiter.result()
        except TimeoutError:
            raise AssertionError(f"bot did not log {pattern!r} within {timeout}s:\n{self.tail()}") from None

    async def wait(self, timeout: float = 30.0) -> int:
        """Wait for the process to exit by itself; returns its exit status."""
        try:
            async with asyncio.timeout(timeout):
                await self.process.wait()
                await self._reader
        except TimeoutError:
            await self.kill()
            raise AssertionError(f"bot still running after {timeout}s:\n{self.tail()}") from None
        return self.process.returncode

    async def stop(self, timeout: float = 10.0, *, signum: int = signal.SIGTERM) -> int:
        """Send ``signum`` (SIGTERM) and wait for the exit status (killing it after ``timeout``)."""
        if self.process.returncode is None:
            self.process.send_signal(signum)
        return await self.wait(timeout)

    async def kill(self) -> None:
        """SIGKILL the process if it still runs, and reap it."""
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()
        await self._reader

    async def _read_output(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            self.lines.append(raw.decode(errors="replace").rstrip("\n"))
