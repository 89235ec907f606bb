"""``run_bot.py web`` (serve the public pages) and ``run_bot.py web-link GUILD_ID`` (print a server's URL)."""

from __future__ import annotations

import argparse
import asyncio
import sys

from bot.clock import clock_for
from bot.errors import DatabaseUnavailable
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.web_pages import WebPages
from bot.web.app import DEFAULT_CACHE_SECONDS

COMMANDS = ("web", "web-link")


def page_url(base_url: str, token: str) -> str:
    return f"{base_url}/s/{token}"


def add_web_commands(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    web = subcommands.add_parser("web", help="serve the servers' public pages (read-only, no Discord token needed)")
    web.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    web.add_argument("--port", type=_port, default=8080, help="port to listen on (default 8080; 0: any free port)")
    web.add_argument(
        "--cache-seconds",
        type=float,
        default=DEFAULT_CACHE_SECONDS,
        help=f"how long a page is served before it is read again (default {DEFAULT_CACHE_SECONDS:g}; at most 30)",
    )
    link = subcommands.add_parser("web-link", help="print a server's public page URL (exit 1 if not published)")
    link.add_argument("guild_id", type=_snowflake, help="the server's id")


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, got {text!r}")
    return int(text)


def _snowflake(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a numeric Discord server id, got {text!r}")
    return int(text)


def run_web_command(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "web":
        if not 0 <= args.cache_seconds <= DEFAULT_CACHE_SECONDS:
            print(f"error: --cache-seconds must be between 0 and {DEFAULT_CACHE_SECONDS:g}.", file=sys.stderr)
            return 2
        from bot.web.server import serve  # aiohttp's server only when serving

        try:
            return asyncio.run(serve(settings, args.host, args.port, cache_seconds=args.cache_seconds))
        except (DatabaseUnavailable, OSError) as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    return asyncio.run(_web_link(settings, args.guild_id))


async def _web_link(settings: Settings, guild_id: int) -> int:
    async with Database.opened(settings.database_target) as database:
        page = await WebPages(database, clock_for(settings.clock_file)).of_guild(guild_id)
    if page is None:
        print(f"Server {guild_id} has no public page. A moderator publishes it with /web on.", file=sys.stderr)
        return 1
    print(page_url(settings.web_base_url, page.token))
    return 0
