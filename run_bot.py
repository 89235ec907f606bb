#!/usr/bin/env python3
"""Folio's entry point.

    python run_bot.py              start the Discord bot (needs DISCORD_TOKEN)
    python run_bot.py sync-commands   publish the slash commands to Discord, then exit
    python run_bot.py works        list the library
    python run_bot.py add-work PATH [--slug S] [--title T]
    python run_bot.py remove-work SLUG
    python run_bot.py quote [--work S] [--json] [TEXT]
    python run_bot.py trivia [--work S] [--kind K] [--count N] [--seed N] [--json]
    python run_bot.py speakers [--work S] [--json]
    python run_bot.py characters [--work S] [--json]
    python run_bot.py invite-url   the link that invites the bot (DISCORD_APPLICATION_ID or the token's id)
    python run_bot.py bench [--markdown] [--corpus DIR] [--database-url URL] [--holdout | --blind | NAME ...]
    python run_bot.py bench memory [--markdown] [--before PATH]
    python run_bot.py bench import-stall [--markdown] [--before PATH]
    python run_bot.py bench ask [--markdown] [--misses] [--corpus DIR] [--holdout | --blind | NAME ...]
    python run_bot.py bench ask-semantic [--corpus DIR] [--half A|B] [NAME ...]   (needs the `semantic` extra)
    python run_bot.py bench speakers [--markdown] [NAME ...]
    python run_bot.py bench reactions [--markdown] [--database-url URL] [--sample PNG]
    python run_bot.py bench structure [--shared DIR] [--markdown] [NAME ...]
    python run_bot.py bench import [--before PATH] [--shared DIR] [--repeat N] [NAME ...]
    python run_bot.py bench import-writes [--markdown] [--upload-mb 20]
    python run_bot.py bench pg-restart [--markdown]
    python run_bot.py bench load [--markdown] [--database-url URL] [--interactions N] [--reactions N]
    python run_bot.py bench progress [--markdown] [--rounds N] [--database-url URL]
    python run_bot.py bench web [--markdown] [--seconds S] [--database-url URL]
    python run_bot.py web [--host 127.0.0.1] [--port 8080]    serve the public server pages
    python run_bot.py web-link GUILD_ID
    python run_bot.py bench trivia-sample --text PATH [--count N] [--seed N] [--json]
    python run_bot.py bench trivia-funnel --text PATH [--text PATH ...]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import os
import sys

from bot.cli import add_offline_commands, run_offline_command
from bot.invite import print_invite_url
from bot.settings import Settings, SettingsError
from bot.web.cli import COMMANDS as WEB_COMMANDS
from bot.web.cli import add_web_commands, run_web_command

BENCHMARKS = {
    "memory": "benchmarks.memory_bench",
    "import-stall": "benchmarks.import_stall_bench",
    "ask": "benchmarks.ask_bench",
    "ask-semantic": "benchmarks.semantic_probe",
    "speakers": "benchmarks.speakers_bench",
    "reactions": "benchmarks.reactions_bench",
    "structure": "benchmarks.structure_bench",
    "import": "benchmarks.import_bench",
    "load": "benchmarks.load_bench",
    "import-writes": "benchmarks.import_writes_bench",
    "pg-restart": "benchmarks.pg_restart_bench",
    "progress": "benchmarks.progress_bench",
    "web": "benchmarks.web_bench",
    "trivia-sample": "benchmarks.trivia_sample",
    "trivia-funnel": "benchmarks.trivia_funnel",
}
"""`bench NAME ...` runs these; any other `bench ...` is the quote benchmark's."""
LOG_FORMAT = "%(asctime)s %(levelname)-8s %(name)s: %(message)s"
MISSING_TOKEN = """\
Folio needs a Discord bot token to connect, and DISCORD_TOKEN is not set.

  1. Open https://discord.com/developers/applications, pick (or create) your app,
     go to Bot -> Reset Token, and copy the token.
  2. Put it in a file named .env next to run_bot.py (copy .env.example):
         DISCORD_TOKEN=your-token-here
     or export DISCORD_TOKEN in your shell.

No token? The offline commands use the same library and search engine:
  .venv/bin/python run_bot.py works
  .venv/bin/python run_bot.py quote "hello from the other side"
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="run_bot.py", description="Folio: story quotes, trivia and discussion.")
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    subcommands.add_parser("run", help="start the Discord bot (the default)")
    subcommands.add_parser(
        "sync-commands", help="publish the slash commands to Discord (globally, or to DISCORD_GUILD_ID), then exit"
    )
    add_offline_commands(subcommands)
    subcommands.add_parser("invite-url", help="print the link that invites the bot, with the permissions it needs")
    add_web_commands(subcommands)
    subcommands.add_parser(
        "bench",
        help="benchmark the quote engine against brute-force rapidfuzz (bench --help for options); "
        "bench memory, bench import-stall and bench reactions measure the running bot",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:  # the benchmarks parse their own options
        if argv[1:2] and argv[1] in BENCHMARKS:
            return importlib.import_module(BENCHMARKS[argv[1]]).main(argv[2:])
        from benchmarks.quote_bench import main as bench_main

        return bench_main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    if args.command == "invite-url":
        return print_invite_url(os.environ)
    bot_runs = args.command in (None, "run", "sync-commands")
    serves = bot_runs or args.command == "web"
    logging.basicConfig(level=_log_level(settings, args, serves), format=LOG_FORMAT)
    if bot_runs:
        return start_bot(settings, sync_only=args.command == "sync-commands")
    if args.command in WEB_COMMANDS:
        return run_web_command(args, settings)
    return asyncio.run(run_offline_command(args, settings))


def _log_level(settings: Settings, args: argparse.Namespace, bot_runs: bool) -> str:
    """LOG_LEVEL if set; else the bot tells what it does (INFO), the CLI only what went wrong."""
    if getattr(args, "verbose", False):
        return "INFO"
    return settings.log_level or ("INFO" if bot_runs else "WARNING")


def start_bot(settings: Settings, *, sync_only: bool = False) -> int:
    if not settings.discord_token:
        print(MISSING_TOKEN, file=sys.stderr)
        return 2
    from bot.folio_bot import run_discord_bot, sync_commands_once  # imports discord only when the bot runs

    return asyncio.run(sync_commands_once(settings) if sync_only else run_discord_bot(settings))


def main_in_a_pipe(argv: list[str] | None = None) -> int:
    """:func:`main`, ended quietly when the reader of its output goes away (`| head -n 1`)."""
    try:
        status = main(argv)
        sys.stdout.flush()  # what is still buffered fails here, not in the interpreter's exit
    except BrokenPipeError:
        # Nothing more can be written; point stdout at /dev/null so the exit's flush says nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status


if __name__ == "__main__":
    sys.exit(main_in_a_pipe())
