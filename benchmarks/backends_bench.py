"""SQLite against PostgreSQL: quote accuracy and latency, then /quote under load.

Two measurements, in one run, on a PostgreSQL server you name (the benchmark
creates its own databases there, ``folio_bench_<random>``, and drops them):

* **Quotes** (``quotes``): for each query set, the text is imported through
  :class:`bot.library.service.Library` into a fresh SQLite file and a fresh
  PostgreSQL database, and every query goes through ``Library.lookup`` on
  each. The judge is quote_bench's: an in-story query is a hit when the first
  confident hit's sentence is the expected one (:func:`~benchmarks.query_sets.is_expected`);
  an off-story query passes when there is no confident hit; a
  :class:`~bot.errors.FolioError` is no answer. Latency is wall clock per
  ``lookup`` after one warm-up pass over the set, the two backends timed
  query by query in turn, so drift in the machine's load hits both alike.
  Every query is then timed again ("settled") once PostgreSQL has merged its
  GIN index's pending list (:func:`settle`): right after an import, until
  autovacuum gets to it, every search also reads the whole list of entries
  not yet merged. The tuned sets and the hold-out sets are reported in separate tables.
* **Load** (``load``): real bot processes (``run_bot.py``), each against its own
  loopback FakeDiscord (``tests/fake_discord``). Dracula is imported once with
  ``run_bot.py add-work`` (PostgreSQL is then settled, as autovacuum would within a
  minute: see :func:`settle`); each bot answers one /quote to load the work, then
  every round fires :data:`LOAD_CONCURRENCY` /quote interactions at once, spread
  evenly over the bots (texts from the ``dracula`` query set, ``work: dracula``).
  A reply's latency runs from the dispatch of INTERACTION_CREATE to the bot's
  callback POST; Discord drops an interaction unanswered after 3 s. Configurations:
  one bot on SQLite (the baseline), one bot on PostgreSQL, two bots sharing one
  PostgreSQL database.

Run (the URL needs the right to create databases)::

    FOLIO_BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python -m benchmarks.backends_bench --markdown
    .venv/bin/python -m benchmarks.backends_bench --database-url postgresql://... quotes
    .venv/bin/python -m benchmarks.backends_bench --database-url postgresql://... load --rounds 5
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import asyncpg

from benchmarks.query_sets import (
    HOLDOUT_SET_NAMES,
    IN_STORY_KINDS,
    KINDS,
    OFF_STORY,
    QUERY_SET_NAMES,
    REPO_ROOT,
    QuerySet,
    is_expected,
    load_query_set,
)
from benchmarks.quote_bench import bot_library
from benchmarks.report import machine_line, percentile, render_markdown, render_plain
from benchmarks.scratch_postgres import scratch_database, settle
from bot.errors import FolioError
from bot.library.service import Library
from bot.library.uploads import BUNDLED_SLUG
from bot.search.engine import INDEX_CANDIDATES, candidate_terms, lookup_queries
from bot.search.query import clean_query
from bot.storage.database import Database
from bot.storage.quote_index import TS_CONFIG, QuoteIndexStore, _ts_quoted

URL_VARIABLE = "FOLIO_BENCH_DATABASE_URL"
DISCORD_DEADLINE = 3.0
"""Seconds Discord waits for an interaction's first response."""
LOAD_CONCURRENCY = 200
LOAD_ROUNDS = 3
LOAD_TIMEOUT = 60.0
"""Seconds a load reply may take before it counts as never answered (bounds the run)."""
LOAD_SET = "dracula"
LOAD_WORK = "dracula"
LOAD_TEXT = REPO_ROOT / "benchmarks" / "corpus" / "dracula.txt"
LOAD_LOG_LEVEL = "INFO"
"""The bots log as in production (the test harness's DEBUG prints every gateway payload)."""


# -- PostgreSQL databases of our own ---------------------------------------------------------


async def server_version(server_url: str) -> str:
    connection = await asyncpg.connect(server_url)
    try:
        return str(await connection.fetchval("SHOW server_version"))
    finally:
        await connection.close()


# -- 1. quote accuracy and latency -----------------------------------------------------------


@dataclass(slots=True)
class BackendRun:
    """One backend's outcome on one query set."""

    import_seconds: float = 0.0
    passed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    """Per lookup, once the database has settled (see :func:`settle`)."""
    fresh_latencies: list[float] = field(default_factory=list)
    """Per lookup, right after the import (PostgreSQL's GIN pending list not yet merged)."""
    answers: list[str | None] = field(default_factory=list)
    """The first confident hit of each query, in query order (None: no confident hit or an error)."""
    changed_answers: int = 0
    """Queries answered differently right after the import than once settled (expected: 0)."""

    def record(self, kind: str, ok: bool, seconds: float, answer: str | None) -> None:
        self.passed[kind] = self.passed.get(kind, 0) + ok
        self.total[kind] = self.total.get(kind, 0) + 1
        self.latencies.append(seconds)
        self.answers.append(answer)

    def counts(self, *kinds: str) -> tuple[int, int]:
        return sum(self.passed.get(k, 0) for k in kinds), sum(self.total.get(k, 0) for k in kinds)


@dataclass(slots=True)
class CandidateRun:
    """PostgreSQL's candidate stage on one query set: the query in bot/ now against the previous one."""

    calls: int = 0
    same_sets: int = 0
    """Calls where both queries picked the same sentences (in any order)."""
    in_story: int = 0
    found: dict[str, int] = field(default_factory=lambda: {"previous": 0, "current": 0})
    """In-story queries whose expected sentence was among the candidates of one of their searches."""
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"previous": [], "current": []})


@dataclass(slots=True)
class SetReport:
    name: str
    sqlite: BackendRun
    postgres: BackendRun
    pending_pages: int
    """GIN pending-list pages PostgreSQL merged when it settled (0: autovacuum got there first)."""
    candidates: CandidateRun

    @property
    def same_answers(self) -> int:
        return sum(a == b for a, b in zip(self.sqlite.answers, self.postgres.answers))


PREVIOUS_CANDIDATE_SQL = (
    "SELECT s.id, s.bare, p.text FROM sentence_terms s JOIN passages p ON p.id = s.id,"
    f" to_tsquery('{TS_CONFIG}', ?) AS q"
    " WHERE s.work_id = ? AND s.terms @@ q ORDER BY ts_rank_cd(s.terms, q) DESC, s.id LIMIT ?"
)
"""PostgreSQL's candidate query before this benchmark (commit 735dae0), for the before/after."""


async def first_confident(library: Library, query: str, slug: str) -> str | None:
    try:
        lookup = await library.lookup(query, slug=slug)
    except FolioError:
        return None
    return lookup.hits[0].sentence.text if lookup.hits else None


async def timed_answer(library: Library, query: str, slug: str) -> tuple[str | None, float]:
    started = time.perf_counter()
    answer = await first_confident(library, query, slug)
    return answer, time.perf_counter() - started


async def imported(library: Library, text: str, slug: str) -> float:
    """Seconds to import `text` as `slug` (the bundled story the way the bot imports it)."""
    started = time.perf_counter()
    if slug == BUNDLED_SLUG:
        await library.ensure_bundled_story()
    else:
        await library.add_text(text, slug=slug)
    return time.perf_counter() - started


async def hold_autovacuum(url: str) -> None:
    """Keep autovacuum off the scratch database's index, so "right after the import" stays that."""
    connection = await asyncpg.connect(url)
    try:
        for table in ("sentence_terms", "passages"):
            await connection.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
    finally:
        await connection.close()


async def timed_pass(
    query_set: QuerySet, libraries: Sequence[Library], runs: Sequence[BackendRun], slug: str, *, settled: bool
) -> None:
    """A warm-up pass (caches, prepared statements and their plans, pages in memory), then the timed one,
    the backends taking turns query by query."""
    for query in query_set.queries:
        for library in libraries:
            await first_confident(library, query.text, slug)
    for position, query in enumerate(query_set.queries):
        for library, run in zip(libraries, runs):
            answer, seconds = await timed_answer(library, query.text, slug)
            if not settled:
                run.fresh_latencies.append(seconds)
                run.answers.append(answer)  # replaced by the settled pass's answers below
                continue
            run.changed_answers += answer != run.answers[position]
            run.answers[position] = answer
            if query.expect is None:
                ok = answer is None
            else:
                ok = answer is not None and is_expected(answer, query.expect)
            run.passed[query.kind] = run.passed.get(query.kind, 0) + ok
            run.total[query.kind] = run.total.get(query.kind, 0) + 1
            run.latencies.append(seconds)


async def measure_candidates(query_set: QuerySet, library: Library, database: Database, slug: str) -> CandidateRun:
    """Every candidate search a lookup of the set makes, by the current query and the previous one, in turn."""
    work = await library.load(slug)
    store = QuoteIndexStore(database)
    calls: list[tuple[int, str | None, set[str]]] = []
    for position, query in enumerate(query_set.queries):
        try:
            cleaned = clean_query(query.text)
        except FolioError:
            continue
        for analysed in lookup_queries(cleaned, work.vocabulary):
            calls.append((position, query.expect, candidate_terms(analysed, work.vocabulary)))

    async def previous(terms: set[str]) -> list[tuple[int, str]]:
        if not terms:
            return []
        tsquery = " | ".join(_ts_quoted(t) for t in sorted(terms))
        rows = await database.fetch_all(PREVIOUS_CANDIDATE_SQL, (tsquery, work.record.id, INDEX_CANDIDATES))
        return [(row[0], row[2]) for row in rows]

    async def current(terms: set[str]) -> list[tuple[int, str]]:
        units = await store.candidates(work.record.id, terms, INDEX_CANDIDATES)
        return [(unit.key, unit.text) for unit in units]

    searches = {"previous": previous, "current": current}
    for _, _, terms in calls:  # warm-up
        for search in searches.values():
            await search(terms)
    run = CandidateRun()
    found: dict[str, set[int]] = {"previous": set(), "current": set()}
    for position, expect, terms in calls:
        results = {}
        for name, search in searches.items():
            started = time.perf_counter()
            results[name] = await search(terms)
            run.latencies[name].append(time.perf_counter() - started)
            if expect is not None and any(is_expected(text, expect) for _, text in results[name]):
                found[name].add(position)
        run.calls += 1
        run.same_sets += {key for key, _ in results["previous"]} == {key for key, _ in results["current"]}
    run.in_story = sum(1 for query in query_set.queries if query.expect is not None)
    run.found = {name: len(positions) for name, positions in found.items()}
    return run


async def measure_set(query_set: QuerySet, server_url: str, folder: Path) -> SetReport:
    text = query_set.text_path.read_text(encoding="utf-8")
    slug = query_set.name.removesuffix("-holdout")
    sqlite, postgres = BackendRun(), BackendRun()
    async with scratch_database(server_url) as url:
        async with (
            Database.opened(folder / f"{query_set.name}.sqlite3") as lite,
            Database.opened(url) as pg,
            bot_library(lite) as lite_library,
            bot_library(pg) as pg_library,
        ):
            libraries = (lite_library, pg_library)
            sqlite.import_seconds = await imported(libraries[0], text, slug)
            postgres.import_seconds = await imported(libraries[1], text, slug)
            await hold_autovacuum(url)
            await timed_pass(query_set, libraries, (sqlite, postgres), slug, settled=False)
            pending_pages = await settle(url)
            await timed_pass(query_set, libraries, (sqlite, postgres), slug, settled=True)
            candidates = await measure_candidates(query_set, libraries[1], pg, slug)
    return SetReport(query_set.name, sqlite, postgres, pending_pages, candidates)


QUOTE_HEADER = [
    "text",
    "backend",
    *IN_STORY_KINDS,
    "in-story",
    "off-story rejected",
    "overall",
    "p50 ms",
    "p95 ms",
    "just imported p50 ms",
    "just imported p95 ms",
    "import s",
]


def quote_rows(reports: Sequence[SetReport]) -> list[list[str]]:
    groups: list[tuple[str, list[tuple[str, BackendRun]]]] = [
        (report.name, [("SQLite", report.sqlite), ("PostgreSQL", report.postgres)]) for report in reports
    ]
    if len(reports) > 1:
        groups.append(
            (
                "all texts",
                [
                    ("SQLite", merged(report.sqlite for report in reports)),
                    ("PostgreSQL", merged(report.postgres for report in reports)),
                ],
            )
        )
    rows = []
    for name, runs in groups:
        for label, run in runs:
            rows.append(
                [
                    name,
                    label,
                    *(share(run, kind) for kind in IN_STORY_KINDS),
                    share(run, *IN_STORY_KINDS),
                    share(run, OFF_STORY),
                    share(run, *KINDS),
                    f"{percentile(run.latencies, 0.5):.2f}",
                    f"{percentile(run.latencies, 0.95):.2f}",
                    f"{percentile(run.fresh_latencies, 0.5):.2f}",
                    f"{percentile(run.fresh_latencies, 0.95):.2f}",
                    f"{run.import_seconds:.1f}",
                ]
            )
    return rows


def merged(runs: Iterable[BackendRun]) -> BackendRun:
    total = BackendRun()
    for run in runs:
        total.import_seconds += run.import_seconds
        for kind in KINDS:
            total.passed[kind] = total.passed.get(kind, 0) + run.passed.get(kind, 0)
            total.total[kind] = total.total.get(kind, 0) + run.total.get(kind, 0)
        total.latencies.extend(run.latencies)
        total.fresh_latencies.extend(run.fresh_latencies)
        total.answers.extend(run.answers)
        total.changed_answers += run.changed_answers
    return total


def share(run: BackendRun, *kinds: str) -> str:
    passed, total = run.counts(*kinds)
    return f"{100 * passed / total:.1f}% ({passed}/{total})" if total else "–"  # a kind the set lacks


CANDIDATE_HEADER = [
    "text",
    "searches",
    "previous p50 ms",
    "previous p95 ms",
    "current p50 ms",
    "current p95 ms",
    "same sentences",
    "expected among candidates (previous / current)",
]


def candidate_rows(reports: Sequence[SetReport]) -> list[list[str]]:
    rows = []
    for report in reports:
        run = report.candidates
        rows.append(
            [
                report.name,
                str(run.calls),
                f"{percentile(run.latencies['previous'], 0.5):.2f}",
                f"{percentile(run.latencies['previous'], 0.95):.2f}",
                f"{percentile(run.latencies['current'], 0.5):.2f}",
                f"{percentile(run.latencies['current'], 0.95):.2f}",
                f"{run.same_sets}/{run.calls}",
                f"{run.found['previous']}/{run.in_story} / {run.found['current']}/{run.in_story}",
            ]
        )
    return rows


# -- 2. /quote under load ---------------------------------------------------------------------


def fake_discord_harness() -> SimpleNamespace:
    """The loopback fake Discord and the bot-process helpers, which live with the tests."""
    tests = str(REPO_ROOT / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    from fake_discord import FakeDiscord, payloads
    from fake_discord.bot_process import READY_LINE, BotProcess, bot_env
    from fake_discord.harness import COMMAND_SYNC, HEARTBEAT_INTERVAL_MS
    from fake_discord.interactions import UNKNOWN_INTERACTION

    return SimpleNamespace(
        FakeDiscord=FakeDiscord,
        payloads=payloads,
        READY_LINE=READY_LINE,
        BotProcess=BotProcess,
        bot_env=bot_env,
        COMMAND_SYNC=COMMAND_SYNC,
        HEARTBEAT_INTERVAL_MS=HEARTBEAT_INTERVAL_MS,
        UNKNOWN_INTERACTION=UNKNOWN_INTERACTION,
    )


@dataclass(slots=True)
class LoadReport:
    label: str
    bots: int
    import_seconds: float
    warmup_seconds: list[float]
    latencies: list[float] = field(default_factory=list)
    """Seconds to the callback POST, for every reply that came (within LOAD_TIMEOUT)."""
    sent: int = 0
    unanswered: int = 0
    late: int = 0
    """Callbacks the fake refused as Discord does after 3 s: 404, code 10062 (Unknown interaction)."""
    not_messages: int = 0
    """Other callbacks that were not an accepted message reply (type 4)."""
    tracebacks: int = 0
    harness_cpu: float = 0.0
    """CPU seconds this process (the fake Discords, the clients) spent during the rounds."""
    bots_cpu: float = 0.0
    """CPU seconds the bot processes spent during the rounds."""
    machine_busy: float = 0.0
    """Share of the machine's CPU time (all cores, every process: PostgreSQL and anything else
    running) that was busy during the rounds."""


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of process `pid` so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far, all cores (Linux /proc/stat)."""
    values = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cli_add_work(env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "run_bot.py", "add-work", str(LOAD_TEXT), "--slug", LOAD_WORK],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return time.perf_counter() - started


def cli_env(database: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    env.update(database, LOG_LEVEL="WARNING")
    return env


def load_texts(count: int, round_number: int) -> list[str]:
    """`count` query texts from the load set, each used once before any repeats, shuffled (fixed per round)."""
    texts = [query.text for query in load_query_set(LOAD_SET).queries]
    random.Random(round_number).shuffle(texts)
    return [texts[i % len(texts)] for i in range(count)]


async def measure_load(label: str, database: dict[str, str], bots: int, rounds: int, folder: Path) -> LoadReport:
    """Start `bots` bot processes on `database` (env overrides), each with its own FakeDiscord, and load them."""
    h = fake_discord_harness()
    import_seconds = cli_add_work(cli_env({k: v for k, v in database.items() if v is not None}))
    if database.get("DATABASE_URL"):
        await settle(database["DATABASE_URL"])
    started: list[tuple[Any, Any]] = []  # (FakeDiscord, BotProcess)
    try:
        for _ in range(bots):
            fake = h.FakeDiscord(heartbeat_interval_ms=h.HEARTBEAT_INTERVAL_MS)
            await fake.start()
            env = h.bot_env(fake, folder / "unused.sqlite3", {**database, "LOG_LEVEL": LOAD_LOG_LEVEL})
            bot = await h.BotProcess.start(env)
            started.append((fake, bot))
            await bot.wait_for_log(h.READY_LINE, timeout=120)
            await fake.wait_for_request("PUT", h.COMMAND_SYNC, since=0)

        async def one(fake: Any, text: str) -> tuple[float | None, str]:
            """Seconds from dispatch to the callback POST (None: none came), and what it was."""
            command = h.payloads.slash_command("quote", {"text": text, "work": LOAD_WORK})
            begun = time.perf_counter()
            try:
                callback = await fake.interact(command, timeout=LOAD_TIMEOUT)
            except AssertionError:  # the fake's "no callback within timeout"
                return None, "none"
            elapsed = time.perf_counter() - begun
            if callback.refusal is not None and callback.refusal.code == h.UNKNOWN_INTERACTION:
                return elapsed, "late"
            return elapsed, "reply" if callback.json.get("type") == 4 and callback.status < 300 else "other"

        warmups = [(await one(fake, "For the dead travel fast"))[0] or LOAD_TIMEOUT for fake, _ in started]
        report = LoadReport(label, bots, import_seconds, warmups)
        pids = [bot.process.pid for _, bot in started]
        harness_before, bots_before = own_cpu(), sum(process_cpu(pid) for pid in pids)
        busy_before, total_before = machine_ticks()
        for round_number in range(rounds):
            texts = load_texts(LOAD_CONCURRENCY, round_number)
            jobs = [one(started[i % bots][0], text) for i, text in enumerate(texts)]
            outcomes = await asyncio.gather(*jobs)
            report.sent += len(outcomes)
            answered = [seconds for seconds, _ in outcomes if seconds is not None]
            report.latencies.extend(answered)
            report.unanswered += len(outcomes) - len(answered)
            report.late += sum(1 for _, what in outcomes if what == "late")
            report.not_messages += sum(1 for _, what in outcomes if what == "other")
        report.harness_cpu = own_cpu() - harness_before
        report.bots_cpu = sum(process_cpu(pid) for pid in pids) - bots_before
        busy_after, total_after = machine_ticks()
        report.machine_busy = (busy_after - busy_before) / max(1, total_after - total_before)
    finally:
        for fake, bot in started:
            status = await bot.stop(timeout=30)
            unexpected = [trace for trace in bot.tracebacks() if "Unknown interaction" not in trace]
            if status != 0 or unexpected:
                print(f"warning: {label}: a bot exited {status}, log:\n{bot.tail()}", file=sys.stderr)
            await fake.close()
    report.tracebacks = sum(
        1 for _, bot in started for trace in bot.tracebacks() if "Unknown interaction" not in trace
    )
    return report


LOAD_HEADER = [
    "configuration",
    "bots",
    "callbacks",
    "late (10062)",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "max ms",
    "within 3 s",
    "first reply ms",
    "CPU ms per reply: bots / harness",
    "machine CPU busy",
    "add-work s",
]


def load_rows(reports: Sequence[LoadReport]) -> list[list[str]]:
    rows = []
    for report in reports:
        within = sum(1 for seconds in report.latencies if seconds <= DISCORD_DEADLINE)
        answered = len(report.latencies)
        rows.append(
            [
                report.label,
                str(report.bots),
                f"{answered}/{report.sent}" + (f" ({report.not_messages} not a message)" if report.not_messages else ""),
                f"{report.late}",
                f"{percentile(report.latencies, 0.5):.0f}" if answered else "-",
                f"{percentile(report.latencies, 0.95):.0f}" if answered else "-",
                f"{percentile(report.latencies, 0.99):.0f}" if answered else "-",
                f"{1000 * max(report.latencies):.0f}" if answered else "-",
                f"{100 * within / report.sent:.1f}% ({within}/{report.sent})",
                " / ".join(f"{1000 * seconds:.0f}" for seconds in report.warmup_seconds),
                f"{1000 * report.bots_cpu / report.sent:.1f} / {1000 * report.harness_cpu / report.sent:.1f}",
                f"{100 * report.machine_busy:.0f}%",
                f"{report.import_seconds:.1f}",
            ]
        )
    return rows


# -- the run ----------------------------------------------------------------------------------


def machine_description(pg_version: str) -> str:
    memory = "?"
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB RAM"
    except OSError:
        pass
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{date.today().isoformat()}; {machine_line()}, {memory}; PostgreSQL {pg_version}; load average {load}"


async def run(args: argparse.Namespace) -> int:
    render = render_markdown if args.markdown else render_plain
    version = await server_version(args.database_url)
    print(machine_description(version))
    print()
    with tempfile.TemporaryDirectory(prefix="folio-backends-") as scratch:
        folder = Path(scratch)
        if "quotes" in args.parts:
            for title, names in (("tuned sets", QUERY_SET_NAMES), ("hold-out sets", HOLDOUT_SET_NAMES)):
                reports = [await measure_set(load_query_set(name), args.database_url, folder) for name in names]
                print(f"Quotes, {title}:")
                print()
                print(render(QUOTE_HEADER, quote_rows(reports)))
                print()
                answers = sum(len(report.sqlite.answers) for report in reports)
                same = sum(report.same_answers for report in reports)
                print(f"Same first confident answer (or none) on both backends: {same}/{answers} queries.")
                pending = ", ".join(f"{report.name} {report.pending_pages}" for report in reports)
                print(f"GIN pending-list pages merged when PostgreSQL settled: {pending}.")
                changed = sum(r.sqlite.changed_answers + r.postgres.changed_answers for r in reports)
                if changed:
                    print(f"warning: {changed} answers changed between the two passes")
                print()
                print(f"PostgreSQL candidate searches, {title} (settled database):")
                print()
                print(render(CANDIDATE_HEADER, candidate_rows(reports)))
                print()
        if "load" in args.parts:
            reports = []
            reports.append(
                await measure_load(
                    "SQLite, 1 bot", {"DATABASE_PATH": str(folder / "load.sqlite3"), "DATABASE_URL": None}, 1, args.rounds, folder
                )
            )
            async with scratch_database(args.database_url) as url:
                pg = {"DATABASE_URL": url, "DATABASE_PATH": None}
                reports.append(await measure_load("PostgreSQL, 1 bot", pg, 1, args.rounds, folder))
            async with scratch_database(args.database_url) as url:
                pg = {"DATABASE_URL": url, "DATABASE_PATH": None}
                reports.append(await measure_load("PostgreSQL, 2 bots", pg, 2, args.rounds, folder))
            print(
                f"/quote under load: {args.rounds} rounds of {LOAD_CONCURRENCY} concurrent interactions "
                f"(spread evenly over the bots), work: {LOAD_WORK}:"
            )
            print()
            print(render(LOAD_HEADER, load_rows(reports)))
            print()
            if any(report.tracebacks for report in reports):
                print("warning: unexpected tracebacks in the bots' logs (see stderr)")
    print(f"load average after the run: {' / '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.backends_bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "parts",
        nargs="*",
        help="what to measure: quotes, load (default: both)",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(URL_VARIABLE) or None,
        help=f"a PostgreSQL server URL allowed to create databases (default: ${URL_VARIABLE})",
    )
    parser.add_argument("--rounds", type=int, default=LOAD_ROUNDS, help=f"load rounds (default {LOAD_ROUNDS})")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/benchmarks.md)")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error(f"give --database-url or set {URL_VARIABLE}")
    if unknown := sorted(set(args.parts) - {"quotes", "load"}):
        parser.error(f"unknown part(s): {', '.join(unknown)} (choose from quotes, load)")
    if not args.parts:
        args.parts = ["quotes", "load"]
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return asyncio.run(run(args))


if __name__ == "__main__":
    raise SystemExit(main())
