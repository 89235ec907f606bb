"""The offline command line: the same library and engine as the bot, no Discord.

    python run_bot.py works [--json]
    python run_bot.py outline [--work S] [--json]        (see bot/cli_structure.py)
    python run_bot.py add-work PATH [--slug S] [--title T]
    python run_bot.py remove-work SLUG
    python run_bot.py quote [--work S] [--json] [TEXT]
    python run_bot.py trivia [--work S] [--kind K] [--count N] [--seed N] [--json]
    python run_bot.py ask [--work S] [--json] [QUESTION]
    python run_bot.py speakers [--work S] [--json]      (see bot/cli_attribution.py)
    python run_bot.py characters [--work S] [--json]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.ask.service import AskResult, StoryAsker
from bot.cli_attribution import COMMANDS as ATTRIBUTION_COMMANDS
from bot.cli_attribution import add_attribution_commands, run_attribution_command
from bot.cli_structure import COMMANDS as STRUCTURE_COMMANDS
from bot.cli_structure import add_structure_commands, run_structure_command
from bot.errors import EmptyQuery, EmptyQuestion, FolioError, UnknownWork
from bot.library.service import Library, LibraryOptions
from bot.library.views import QuoteHit, QuoteLookup
from bot.progress.cli import add_upto_option
from bot.progress.tracker import sections_upto
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.trivia import TriviaStore
from bot.text.excerpt import excerpt_around
from bot.trivia.cli import add_trivia_command, run_trivia

MAX_PASSAGE_CHARS = 1200


def add_offline_commands(subcommands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `works`, `add-work`, `remove-work`, `quote` and `ask` on the entry point's parser."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-v", "--verbose", action="store_true", help="log what happens (default: warnings only, or LOG_LEVEL)"
    )
    add_structure_commands(subcommands, common)

    add = subcommands.add_parser(
        "add-work", parents=[common], help="import a text (plain, AO3 download or Project Gutenberg)"
    )
    add.add_argument("path", type=Path, help="the text file to import")
    add.add_argument("--slug", help="short id for the work (default: from the file name); re-adding replaces it")
    add.add_argument("--title", help="title to show (default: detected from the text)")

    remove = subcommands.add_parser("remove-work", parents=[common], help="remove a work from the library")
    remove.add_argument("slug", help="the work's slug, as `works` lists it")

    quote = subcommands.add_parser("quote", parents=[common], help="look up a half-remembered line")
    quote.add_argument(
        "text",
        nargs="?",
        help="the line to look up; without it, one query per line from stdin (a blank line gets an error line)",
    )
    quote.add_argument("--work", help="slug of the work to search (default: the bundled story)")
    quote.add_argument("--json", action="store_true", help="print one JSON object per query")
    quote.add_argument("--limit", type=_positive_int, default=5, help="most matches to show (default 5)")
    add_upto_option(quote)
    add_trivia_command(subcommands, common)

    ask = subcommands.add_parser("ask", parents=[common], help="ask the story a question (who, what, where, why...)")
    ask.add_argument("question", nargs="?", help="the question; without it, one question per line from stdin")
    ask.add_argument("--work", help="slug of the work to ask (default: the bundled story)")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    add_upto_option(ask)
    add_attribution_commands(subcommands, common)


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


CLI_HINTS: dict[type[FolioError], str] = {
    UnknownWork: "Run: python run_bot.py works",
    EmptyQuery: 'For example: python run_bot.py quote "hello from the other side"',
    EmptyQuestion: 'For example: python run_bot.py ask "why did Derek come back?"',
}
"""What to add, on the command line, to an error's plain message."""


async def run_offline_command(args: argparse.Namespace, settings: Settings) -> int:
    """Run one offline command; returns the process exit code."""
    try:
        async with Database.opened(settings.database_target) as database:
            library = Library(database, options=LibraryOptions.from_settings(settings))
            if args.command == "trivia":
                return await run_trivia(library, TriviaStore(database), args)
            if args.command == "ask":
                return await _ask(StoryAsker(library, database), library, args)
            return await _run(library, args)
    except FolioError as error:
        print(f"error: {cli_text(error)}", file=sys.stderr)
    except sqlite3.Error as error:
        print(f"error: the database at {settings.database_path} failed: {error}.", file=sys.stderr)
    return 1


async def _run(library: Library, args: argparse.Namespace) -> int:
    if args.command in STRUCTURE_COMMANDS:
        return await run_structure_command(library, args)
    if args.command == "add-work":
        return await _add_work(library, args)
    if args.command == "remove-work":
        return await _remove_work(library, args.slug)
    if args.command in ATTRIBUTION_COMMANDS:
        return await run_attribution_command(library, args)
    return await _quote(library, args)


def cli_text(error: FolioError) -> str:
    """A domain error's message for the terminal, with a hint naming a CLI command if one helps."""
    hint = next((hint for kind, hint in CLI_HINTS.items() if isinstance(error, kind)), None)
    return f"{error} {hint}" if hint else str(error)


async def _add_work(library: Library, args: argparse.Namespace) -> int:
    added = await library.add_work(args.path, slug=args.slug, title=args.title)
    print(f"{added.outcome} {added.record.slug}: {added.record.title}")
    return 0


async def _remove_work(library: Library, slug: str) -> int:
    record = await library.remove_work(slug, guild_id=None)
    print(f"Removed {record.slug}: {record.title}")
    return 0


async def _quote(library: Library, args: argparse.Namespace) -> int:
    queries: Iterable[str] = [args.text] if args.text is not None else (line.rstrip("\n") for line in sys.stdin)
    work = await library.load(args.work)  # an unknown --work fails once, before any query
    args.sections = sections_upto(work, args.upto)
    for query in queries:
        await _answer(library, query, args, sys.stdout)
    return 0


async def _answer(library: Library, query: str, args: argparse.Namespace, out: TextIO) -> None:
    try:
        lookup = await library.lookup(query, slug=args.work, limit=args.limit, sections=args.sections)
    except FolioError as error:
        if args.json:
            _print_json(out, {"query": query, "matches": [], "suggestions": [], "error": cli_text(error)})
        else:
            print(f"> {query}\n  {cli_text(error)}", file=out)
        return
    if args.json:
        _print_json(out, _lookup_json(query, lookup))
    else:
        _print_human(out, lookup, args.limit)


def _lookup_json(query: str, lookup: QuoteLookup) -> dict[str, object]:
    """`matches` (confident, best first) and `suggestions`; a word or phrase search lists every
    occurrence in `matches`, in the work's order, and says how many there are in `occurrences`."""
    if not lookup.occurrences:
        return {"query": query, "matches": _hits_json(lookup.hits), "suggestions": _hits_json(lookup.suggestions)}
    matches = _hits_json(lookup.occurrences)
    return {"query": query, "matches": matches, "suggestions": [], "occurrences": len(matches)}


def _hits_json(hits: list[QuoteHit]) -> list[dict[str, object]]:
    return [_match_json(hit) for hit in hits]


def _match_json(hit: QuoteHit) -> dict[str, object]:
    return {
        "text": excerpt_around(hit.paragraph.text, hit.sentence.text, MAX_PASSAGE_CHARS).text,
        "match": hit.sentence.text,
        "score": round(hit.score, 1),
        "passage_id": hit.paragraph.id,
        "sentence_id": hit.sentence.id,
        "work": hit.work.slug,
        "location": str(hit.location),
    }


def _print_json(out: TextIO, answer: dict[str, object]) -> None:
    print(json.dumps(answer, ensure_ascii=False), file=out)


def _print_human(out: TextIO, lookup: QuoteLookup, limit: int) -> None:
    print(f"> {lookup.query}", file=out)
    if lookup.occurrences and not lookup.hits:
        print(f"  In {len(lookup.occurrences)} sentences of {lookup.work.title}; the first {limit}:", file=out)
        for hit in lookup.occurrences[:limit]:
            print(f"  {hit.sentence.text}", file=out)
            print(f"          {hit.location} · passage {hit.paragraph.id}", file=out)
        return
    for hit in lookup.hits:
        print(f"  [{hit.score:5.1f}] {hit.sentence.text}", file=out)
        print(f"          {hit.location} · passage {hit.paragraph.id}", file=out)
    if not lookup.hits:
        print(f"  Not in {lookup.work.title}.", file=out)
        if not lookup.suggestions:
            print("  No line comes close; try a few distinctive words from the line you remember.", file=out)
        for hit in lookup.suggestions:
            print(f"  closest [{hit.score:5.1f}] {hit.sentence.text}", file=out)
            print(f"          {hit.location} · passage {hit.paragraph.id}", file=out)


async def _ask(asker: StoryAsker, library: Library, args: argparse.Namespace) -> int:
    questions: Iterable[str] = (
        [args.question] if args.question is not None else (line.rstrip("\n") for line in sys.stdin)
    )
    work = await library.load(args.work)  # an unknown --work fails once, before any question
    sections = sections_upto(work, args.upto)
    for question in questions:
        try:
            result = await asker.ask(question, slug=args.work, sections=sections)
        except FolioError as error:
            _print_failed_question(sys.stdout, question, cli_text(error), args.json)
            continue
        if args.json:
            _print_json(
                sys.stdout, {"question": question, "answered": result.answered, "answers": _hits_json(result.answers)}
            )
        else:
            _print_answers(sys.stdout, result)
    return 0


def _print_failed_question(out: TextIO, question: str, message: str, as_json: bool) -> None:
    if as_json:
        _print_json(out, {"question": question, "answered": False, "answers": [], "error": message})
    else:
        print(f"? {question}\n  {message}", file=out)


def _print_answers(out: TextIO, result: AskResult) -> None:
    print(f"? {result.question}", file=out)
    if not result.answered:
        print(f"  {result.work.title} does not say.", file=out)
    for hit in result.answers:
        print(f"  [{hit.score:5.1f}] {hit.sentence.text}", file=out)
        print(f"          {hit.location} · passage {hit.paragraph.id}", file=out)
