"""The public pages' process (``run_bot.py web``) beside the bot, on the same database, with a clock tests move."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from multidict import CIMultiDict

from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.bot_process import BotProcess, database_env
from tests.fake_discord.harness import Harness

READY = r"Folio web ready on (http://\S+)"
PAGE_LINK = re.compile(r"https?://\S+/s/([A-Za-z0-9_-]{20,})")
EPHEMERAL = 1 << 6
PAST_THE_CACHE = 31
"""Seconds after which the site reads tokens and pages afresh (its cache keeps them 30)."""


@dataclass
class Fetched:
    status: int
    text: str
    headers: CIMultiDict[str]
    body: bytes


@dataclass
class WebSite:
    process: BotProcess
    base: str
    clock: BotClock
    session: aiohttp.ClientSession

    async def get(self, path: str, headers: dict[str, str] | None = None) -> Fetched:
        async with self.session.get(self.base + path, headers=headers or {}) as response:
            body = await response.read()
            return Fetched(response.status, body.decode(errors="replace"), CIMultiDict(response.headers), body)

    def expire_caches(self) -> None:
        """Move the site's clock past its caches: what it serves next is read from the database."""
        self.clock.advance(seconds=PAST_THE_CACHE)


def web_env(database: Path | str, clock: BotClock) -> dict[str, str]:
    """The web process's environment: no Discord variables at all, the bot's database, the test's clock."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_") and k not in ("DATABASE_PATH",)}
    env.update(database_env(database), FOLIO_CLOCK_FILE=str(clock.path), LOG_LEVEL="INFO", PYTHONUNBUFFERED="1")
    return env


@asynccontextmanager
async def running_site(database: Path | str, clock: BotClock) -> AsyncIterator[WebSite]:
    """``run_bot.py web --port 0`` until the block ends; it must then exit 0 on SIGTERM."""
    process = await BotProcess.start(web_env(database, clock), args=["web", "--port", "0"])
    try:
        line = await process.wait_for_log(READY, timeout=30)
        base = re.search(READY, line).group(1)  # type: ignore[union-attr]
        async with aiohttp.ClientSession() as session:
            yield WebSite(process, base, clock, session)
        assert await process.stop() == 0, process.tail()
    finally:
        await process.kill()


async def web_command(folio: Harness, name: str, user: payloads.Person = payloads.MOD) -> str:
    """Run ``/web <name>``; the reply's text, which must be private."""
    callback = await folio.interact(payloads.slash_command(f"web {name}", user=user))
    data = callback.json["data"]
    assert data["flags"] & EPHEMERAL, data
    return data["content"]


async def publish(folio: Harness) -> str:
    """``/web on`` by a moderator; the page's token."""
    reply = await web_command(folio, "on")
    match = PAGE_LINK.search(reply)
    assert match, reply
    return match.group(1)
