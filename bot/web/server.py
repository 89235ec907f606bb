"""The web process (``run_bot.py web``): the same database as the bot, no Discord token, until SIGTERM."""

from __future__ import annotations

import asyncio
import logging
import signal

from aiohttp import web

from bot.clock import clock_for
from bot.settings import Settings
from bot.storage.database import Database
from bot.web.app import DEFAULT_CACHE_SECONDS, create_app
from bot.web.gather import PageSource

log = logging.getLogger(__name__)

READY = "Folio web ready on"
"""The log line (followed by the URL it listens on) that says the site is serving."""


async def serve(
    settings: Settings, host: str, port: int, *, cache_seconds: float = DEFAULT_CACHE_SECONDS
) -> int:
    """Serve the pages until SIGINT or SIGTERM; returns the exit status."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with Database.opened(settings.database_target) as database:
        clock = clock_for(settings.clock_file)
        app = create_app(PageSource(database, clock), clock, cache_seconds=cache_seconds)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
            bound = runner.addresses[0]
            log.info("%s http://%s:%d (links: %s)", READY, bound[0], bound[1], settings.web_base_url)
            await stop.wait()
            log.info("Folio web stopping")
        finally:
            await runner.cleanup()
    return 0
