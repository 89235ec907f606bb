"""Reading-progress benchmark: /quote and /ask with the spoiler filter against the same commands without it.

Dracula and Frankenstein are imported into a temporary SQLite database (or the
PostgreSQL database given with ``--database-url``); a server's progress is set
to chapter 3 and to the middle of each work. Then, in the same run, each query
of the tuned query sets (``benchmarks/queries/<work>.yaml`` for /quote,
``benchmarks/questions/frankenstein.yaml`` for /ask) goes through:

* **today**: what the commands ran before progress existed, ``Library.lookup``
  / ``StoryAsker.ask`` over the whole work;
* **with progress**: what the cogs run now: for /quote, the lookup over the
  whole work and, meanwhile, the progress in force (one database query), then
  the split of the result into what is read and what lies further on
  (:mod:`bot.progress.quotes`);
  for /ask, the progress, then the candidate search kept to the chapters read.

The modes alternate query by query, after a warm-up pass, so both see the same
caches and machine load. Times are wall clock per command, in milliseconds.
Only speed is measured here: which lines are found is the quote and ask
benchmarks' business.

Run: ``python run_bot.py bench progress [--markdown] [--rounds N] [--database-url URL]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.ask_bench import load_question_set
from benchmarks.query_sets import load_query_set
from bot.ask.service import StoryAsker
from bot.clock import SystemClock
from bot.library.service import Library
from bot.library.views import QuoteLookup
from bot.progress.chapters import section_filter
from bot.progress.quotes import split_by_progress
from bot.progress.tracker import Audience, ReadingTracker, work_chapters
from bot.storage.database import Database
from bot.storage.progress import ProgressKey, Scope

GUILD = 1
CHANNEL = 2
QUOTE_WORKS = ("dracula", "frankenstein")
ASK_SET = "frankenstein"
Command = Callable[[str], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Timing:
    label: str
    queries: int
    today_ms: list[float]
    with_progress_ms: list[float]

    def row(self) -> tuple[str, int, str, str, str, str, str]:
        today, after = statistics.mean(self.today_ms), statistics.mean(self.with_progress_ms)
        return (
            self.label,
            self.queries,
            f"{today:.1f}",
            f"{after:.1f}",
            f"{_p95(self.today_ms):.1f}",
            f"{_p95(self.with_progress_ms):.1f}",
            f"{after / today:.2f}x",
        )


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


async def timed(commands: tuple[Command, Command], texts: list[str], rounds: int) -> tuple[list[float], list[float]]:
    """Each text through both commands, alternating, after a warm-up pass; per-call times in ms."""
    for text in texts:
        for command in commands:
            await command(text)
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(rounds):
        for text in texts:
            order = (0, 1) if round_ % 2 == 0 else (1, 0)
            for which in order:
                started = time.perf_counter()
                await commands[which](text)
                times[which].append((time.perf_counter() - started) * 1000)
    return times


class ProgressRun:
    """A library with the works, a server whose progress the benchmark moves, and the commands."""

    def __init__(self, database: Database) -> None:
        self.library = Library(database)
        self.tracker = ReadingTracker(database, SystemClock())
        self.asker = StoryAsker(self.library, database)
        self.readers = Audience(GUILD, (CHANNEL,))

    async def at_chapter(self, slug: str, position: int) -> str:
        work = await self.library.load(slug)
        chapter = work_chapters(work).at(position)
        await self.tracker.set(ProgressKey(GUILD, Scope.SERVER, 0, slug), chapter, set_by=0)
        return chapter.label

    def quote_commands(self, slug: str) -> tuple[Command, Command]:
        async def today(text: str) -> object:
            return await _quietly(self.library.lookup(text, slug=slug, guild_id=GUILD))

        async def with_progress(text: str) -> object:
            work = await self.library.load(slug, guild_id=GUILD)
            everywhere, horizon = await asyncio.gather(
                _quietly(self.library.lookup(text, slug=slug, guild_id=GUILD)), self.tracker.horizon(work, self.readers)
            )
            return split_by_progress(everywhere, horizon) if isinstance(everywhere, QuoteLookup) else None

        return today, with_progress

    def ask_commands(self, slug: str) -> tuple[Command, Command]:
        async def today(text: str) -> object:
            return await _quietly(self.asker.ask(text, slug=slug, guild_id=GUILD))

        async def with_progress(text: str) -> object:
            work = await self.library.load(slug, guild_id=GUILD)
            horizon = await self.tracker.horizon(work, self.readers)
            return await _quietly(self.asker.ask(text, slug=slug, guild_id=GUILD, sections=section_filter(horizon)))

        return today, with_progress


async def _quietly(call: Awaitable[object]) -> object:
    """A command's result, or None where the bot answers with an error message."""
    from bot.errors import FolioError

    try:
        return await call
    except FolioError:
        return None


async def measure(target: Path | str, rounds: int) -> list[Timing]:
    async with Database.opened(target) as database:
        run = ProgressRun(database)
        for slug in QUOTE_WORKS:
            await run.library.add_work(Path(load_query_set(slug).text_path), slug=slug)
        timings = []
        for slug in QUOTE_WORKS:
            texts = [query.text for query in load_query_set(slug).queries]
            timings += await at_two_places(run, slug, "/quote", run.quote_commands(slug), texts, rounds)
        questions = [question.text for question in load_question_set(ASK_SET).questions]
        timings += await at_two_places(run, ASK_SET, "/ask", run.ask_commands(ASK_SET), questions, rounds)
        await run.library.close()
        return timings


async def at_two_places(
    run: ProgressRun, slug: str, name: str, commands: tuple[Command, Command], texts: list[str], rounds: int
) -> list[Timing]:
    """The commands timed with the server at chapter 3 of the work, then half-way through it."""
    timings = []
    chapters = len(work_chapters(await run.library.load(slug)))
    for position in (3, chapters // 2):
        label = await run.at_chapter(slug, position)
        today, after = await timed(commands, texts, rounds)
        timings.append(Timing(f"{name} {slug}, at {label}", len(texts), today, after))
    return timings


def report(timings: list[Timing], markdown: bool, backend: str) -> str:
    header = ("command, progress", "queries", "today ms", "with progress ms", "today p95", "with progress p95", "ratio")
    rows = [header, *(timing.row() for timing in timings)]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {backend}"
    if markdown:
        lines = ["| " + " | ".join(map(str, row)) + " |" for row in rows]
        lines.insert(1, "|" + "---|" * len(header))
        return "\n".join([*lines, "", f"Machine: {machine}."])
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    return "\n".join([*lines, "", f"Machine: {machine}"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench progress", description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over each query set (default 3)")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (it gets the works); default: SQLite")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        target: Path | str = args.database_url or Path(scratch) / "progress-bench.sqlite3"
        timings = asyncio.run(measure(target, args.rounds))
    print(report(timings, args.markdown, "PostgreSQL" if args.database_url else "SQLite"))
    return 0
