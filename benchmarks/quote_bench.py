"""Quote lookup benchmark: Folio from its database and in memory, against brute-force rapidfuzz.

For each text (the bundled story, Frankenstein, Dracula) this parses the work
with :func:`bot.text.ingest.parse_work`, builds a :class:`bot.search.engine.QuoteIndex`
over its sentences (timed, and its peak allocation traced), imports the text
into a temporary SQLite database through :class:`bot.library.service.Library`
(timed: prepare and save), then runs the reader queries of
``benchmarks/queries/<text>.yaml`` through three engines, in the same run:

* **Folio (database)**: what the bot runs, ``await Library.lookup(query,
  slug=...)`` (FTS5 candidates from the database, rescored in Python), on a
  freshly opened database, so the first query also loads the work's
  vocabulary and outline into the cache (that cold lookup is reported apart).
  A ``FolioError`` (a query the bot refuses) counts as no answer.
* **Folio (in memory)**: ``QuoteIndex.lookup``, the same engine over an index
  held in memory.

For both Folio engines an in-story query is a hit when the top *confident*
match is the expected sentence; an off-story query is rejected when there is
no confident match.
* **Brute force**: ``rapidfuzz.process.extractOne(query, sentences,
  scorer=fuzz.WRatio, processor=utils.default_process)``, the obvious
  baseline with rapidfuzz's standard preprocessing (lower case, punctuation
  to spaces), so case and punctuation do not count against it. An in-story
  query is a hit when the best-scoring sentence is the expected one,
  whatever its score (generous: the baseline has no notion of confidence); an
  off-story query is rejected when the best score is below
  :data:`BASELINE_CUTOFF`.

Latencies are per query, wall clock, after one warm-up pass (for the database
engine, inside its event loop, as the bot awaits it). ``suggest`` is timed on
the first 60% of each in-story query (a line half-typed), in memory and from
the database.

The default run covers the query sets the engine was tuned against
(:data:`~benchmarks.query_sets.QUERY_SET_NAMES`); ``--holdout`` runs the
hold-out sets instead (:data:`~benchmarks.query_sets.HOLDOUT_SET_NAMES`),
fresh queries the engine was never tuned on, for the honest figure, and
``--blind`` the blind sets (:data:`~benchmarks.query_sets.BLIND_SET_NAMES`):
two novels never used before and the bundled story, every kind of query,
frozen before the engine was changed for them. Any set can also be named.
Results are shown per group (tuned, hold-out, blind), never mixed; the "all
texts" rows sum over a group's sets. "misses among closest" counts the in-story
misses whose right line was among the closest lines offered (the baseline
offers none), "false matches" the off-story queries answered with a confident
match, and "x brute force" is an engine's mean time
per query over brute force's, measured in the same run: brute force answers each
query again beside the engine, alternately just before and just after it, and those
paired times are the divisor, so that a shared machine's load, which drifts over a
run, weighs on both alike (and neither always runs straight after the other's burst).

Two more engines can run beside them: **FTS5 BM25**, SQLite's own full-text search
over the sentences (the query's words OR-ed, best BM25 rank first; like brute force it
has no notion of confidence), and, with ``--database-url``, **Folio (PostgreSQL)**:
the bot's path on a scratch PostgreSQL database. Sets naming a ``novel`` read it from
``--corpus DIR`` (the PDNC novels, kept out of the repository).

Run: ``python run_bot.py bench [--markdown] [--corpus DIR] [--database-url URL] [--holdout | --blind | NAME ...]``.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sqlite3
import tempfile
import time
import tracemalloc
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from benchmarks.cutoff_curve import HEADER as CURVE_HEADER
from benchmarks.cutoff_curve import Scored, curve_rows
from benchmarks.query_sets import (
    BLIND_SET_NAMES,
    CALIBRATION_SET_NAMES,
    CORPUS_BLIND_SET_NAMES,
    CORPUS_DEV_SET_NAMES,
    HOLDOUT_SET_NAMES,
    IN_STORY_KINDS,
    KINDS,
    OFF_STORY,
    QUERY_SET_NAMES,
    CorpusMissing,
    Query,
    QuerySet,
    is_expected,
    load_query_set,
)
from benchmarks.report import machine_line, percentile, render_markdown, render_plain
from bot.errors import FolioError
from bot.library.service import BUNDLED_STORY_PATH, Library
from bot.search.engine import QuoteIndex
from bot.search.scoring import QuoteMatch
from bot.search.textnorm import clear_caches
from bot.storage.changes import ChangeFeed
from bot.storage.database import Database, Dialect
from bot.text.ingest import parse_work

BASELINE_CUTOFF = 90.0
"""WRatio score at or above which the baseline counts as "found". In-story hits
ignore it (generously), so it only decides which off-story queries are
rejected. The figure rests on this one choice, so the benchmark also prints
the whole curve (:mod:`benchmarks.cutoff_curve`): off-story lines rejected and
in-story lines still found at every cut-off from 80 to 95."""

SUGGEST_PREFIX_SHARE = 0.6


@dataclass(slots=True)
class EngineRun:
    """Outcome of one engine on one query set."""

    passed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    missed_but_closest: int = 0
    """In-story misses whose right line was among the closest lines offered."""
    scored: list[Scored] = field(default_factory=list)
    """Each query's best score, for an engine that gives one (the baseline's cut-off curve)."""
    beside: list[float] = field(default_factory=list)
    """Brute force's time for each query, taken beside this engine's (see :func:`_run`)."""

    def record(self, kind: str, ok: bool, seconds: float) -> None:
        self.passed[kind] = self.passed.get(kind, 0) + ok
        self.total[kind] = self.total.get(kind, 0) + 1
        self.latencies.append(seconds)

    def counts(self, *kinds: str) -> tuple[int, int]:
        """(passed, total) over ``kinds``."""
        return sum(self.passed.get(kind, 0) for kind in kinds), sum(self.total.get(kind, 0) for kind in kinds)


@dataclass(slots=True)
class DatabaseRun:
    """The text imported into a fresh SQLite database and queried through :class:`Library`."""

    text_bytes: int
    import_ms: float
    """``Library.add_text``: prepare (parse, index) and save, in one call."""
    database_bytes: int
    """What the import added to the database file (WAL checkpointed)."""
    cold_ms: float
    """The first lookup after opening the database: it loads the work's vocabulary and outline."""
    lookups: EngineRun
    suggest_latencies: list[float]


@dataclass(slots=True)
class TextReport:
    name: str
    words: int
    sentences: int
    parse_ms: float
    build_ms: float
    build_peak_mib: float
    folio: EngineRun
    """Folio's engine over an index held in memory."""
    baseline: EngineRun
    suggest_latencies: list[float]
    database: DatabaseRun
    fts5: EngineRun
    """SQLite's own FTS5 with its BM25 ranking over the sentences: the best-ranked sentence."""
    postgres: EngineRun | None = None
    """The bot's path on PostgreSQL (``Library.lookup``), when a server was given."""


def measure(query_set: QuerySet, postgres_url: str | None = None) -> TextReport:
    """Build the index for one text, import it into a database, and run its queries through every engine."""
    source_text = query_set.text_path.read_text(encoding="utf-8")
    started = time.perf_counter()
    work = parse_work(source_text)
    parse_ms = 1000.0 * (time.perf_counter() - started)
    units = [(sentence.ordinal, sentence.text) for sentence in work.sentences]
    clear_caches()
    started = time.perf_counter()
    index = QuoteIndex(units)
    build_ms = 1000.0 * (time.perf_counter() - started)
    texts = [text for _, text in units]
    baseline = Baseline.over(texts)
    return TextReport(
        name=query_set.name,
        words=sum(len(text.split()) for text in texts),
        sentences=len(units),
        parse_ms=parse_ms,
        build_ms=build_ms,
        build_peak_mib=_build_peak_mib(units),
        folio=_run(query_set, lambda query: _folio_answer(index, query), baseline.answer),
        baseline=_run(query_set, baseline.answer),
        suggest_latencies=_suggest_latencies(index, query_set),
        database=measure_database(query_set, source_text, baseline.answer),
        fts5=_run(query_set, Fts5Baseline(texts).answer, baseline.answer),
        postgres=measure_postgres(query_set, source_text, postgres_url, baseline.answer) if postgres_url else None,
    )


def _build_peak_mib(units: list[tuple[int, str]]) -> float:
    clear_caches()
    tracemalloc.start()
    QuoteIndex(units)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


@dataclass(frozen=True, slots=True)
class Answer:
    text: str | None
    """The sentence the engine offers as the answer (Folio: only a confident one)."""
    confident: bool
    closest: tuple[str, ...] = ()
    """The closest lines offered when nothing is confident (Folio's suggestions)."""
    score: float | None = field(default=None, compare=False)
    """The best line's score, for the baseline (whose confidence is only a cut-off)."""


def _folio_answer(index: QuoteIndex, query: str) -> Answer:
    result = index.lookup(query)
    return Answer(result.matches[0].text if result.matches else None, bool(result.matches), _texts(result.suggestions))


def _texts(found: Iterable[QuoteMatch]) -> tuple[str, ...]:
    return tuple(match.text for match in found)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Brute-force rapidfuzz over every sentence.

    Answers as ``process.extractOne(query, sentences, scorer=fuzz.WRatio,
    processor=utils.default_process)`` does, but preprocesses the sentences
    once, up front (as Folio builds its index once), so a query pays only for
    its own preprocessing and the matching.
    """

    sentences: tuple[str, ...]
    processed: tuple[str, ...]

    @classmethod
    def over(cls, sentences: Sequence[str]) -> Baseline:
        return cls(tuple(sentences), tuple(utils.default_process(sentence) for sentence in sentences))

    def answer(self, query: str) -> Answer:
        _, score, position = process.extractOne(utils.default_process(query), self.processed, scorer=fuzz.WRatio)
        return Answer(self.sentences[position], score >= BASELINE_CUTOFF, score=score)


class Fts5Baseline:
    """SQLite's FTS5 (porter stemming) over every sentence: the query's words OR-ed, the best BM25 rank first.
    Like brute force it answers every in-story query with its best sentence; it rejects an off-story query
    only when no sentence shares a word with it."""

    def __init__(self, sentences: Sequence[str]) -> None:
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute("CREATE VIRTUAL TABLE s USING fts5(text, tokenize='porter unicode61')")
        self.connection.executemany("INSERT INTO s (text) VALUES (?)", ((text,) for text in sentences))

    def answer(self, query: str) -> Answer:
        tokens = {token.replace('"', '""') for token in utils.default_process(query).split()}
        if not tokens:
            return Answer(None, False)
        match = " OR ".join(f'"{token}"' for token in sorted(tokens))
        row = self.connection.execute("SELECT text FROM s WHERE s MATCH ? ORDER BY rank LIMIT 1", (match,)).fetchone()
        return Answer(row[0] if row else None, row is not None)


def _passed(query: Query, result: Answer) -> bool:
    if query.expect is None:
        return not result.confident
    return result.text is not None and is_expected(result.text, query.expect)


Beside = Callable[[str], object] | None
"""The baseline, timed on each query beside the engine under test, alternately just before and just after it
(``None``: not timed beside it)."""


def _run(query_set: QuerySet, answer: Callable[[str], Answer], beside: Beside = None) -> EngineRun:
    for query in query_set.queries:
        answer(query.text)
    run = EngineRun()
    for position, query in enumerate(query_set.queries):
        _time_beside(run, beside if position % 2 == 0 else None, query.text)
        started = time.perf_counter()
        result = answer(query.text)
        elapsed = time.perf_counter() - started
        _time_beside(run, beside if position % 2 == 1 else None, query.text)
        _record(run, query, result, elapsed)
    return run


def _record(run: EngineRun, query: Query, result: Answer, seconds: float) -> None:
    ok = _passed(query, result)
    run.record(query.kind, ok, seconds)
    if result.score is not None:
        hit = None if query.expect is None else result.text is not None and is_expected(result.text, query.expect)
        run.scored.append(Scored(result.score, hit))
    if not ok and query.expect is not None and any(is_expected(text, query.expect) for text in result.closest):
        run.missed_but_closest += 1


async def _run_awaited(
    query_set: QuerySet, answer: Callable[[str], Awaitable[Answer]], beside: Beside = None
) -> EngineRun:
    """:func:`_run` for an engine that is awaited; each query is timed inside the event loop."""
    for query in query_set.queries:
        await answer(query.text)
    run = EngineRun()
    for position, query in enumerate(query_set.queries):
        _time_beside(run, beside if position % 2 == 0 else None, query.text)
        started = time.perf_counter()
        result = await answer(query.text)
        elapsed = time.perf_counter() - started
        _time_beside(run, beside if position % 2 == 1 else None, query.text)
        _record(run, query, result, elapsed)
    return run


def _time_beside(run: EngineRun, beside: Beside, query: str) -> None:
    if beside is not None:
        started = time.perf_counter()
        beside(query)
        run.beside.append(time.perf_counter() - started)


def _partials(query_set: QuerySet) -> list[str]:
    """The first 60% of each in-story query: a line half-typed, as autocomplete sees it."""
    return [
        query.text[: max(1, int(len(query.text) * SUGGEST_PREFIX_SHARE))]
        for query in query_set.queries
        if query.expect is not None
    ]


def _suggest_latencies(index: QuoteIndex, query_set: QuerySet) -> list[float]:
    latencies = []
    for partial in _partials(query_set):
        started = time.perf_counter()
        index.suggest(partial)
        latencies.append(time.perf_counter() - started)
    return latencies


# -- the database engine --------------------------------------------------------


def measure_database(query_set: QuerySet, source_text: str, beside: Beside = None) -> DatabaseRun:
    """Import ``source_text`` into a temporary database and run the queries through ``Library.lookup``."""
    with tempfile.TemporaryDirectory(prefix="folio-bench-") as folder:
        return asyncio.run(_measure_database(Path(folder) / "bench.sqlite3", query_set, source_text, beside))


def database_slug(query_set: QuerySet) -> str:
    """The slug the benchmark stores a text under (never the bundled story's own)."""
    return f"bench-{query_set.name}"[:40].rstrip("-")


async def _measure_database(path: Path, query_set: QuerySet, source_text: str, beside: Beside) -> DatabaseRun:
    slug = database_slug(query_set)
    if source_text != BUNDLED_STORY_PATH.read_text(encoding="utf-8"):  # a library holds one copy of a text
        async with Database.opened(path) as database:
            await Library(database).ensure_bundled_story()  # every library has it; not counted
    empty_bytes = _database_bytes(path)
    async with Database.opened(path) as database:
        clear_caches()
        started = time.perf_counter()
        await Library(database).add_text(source_text, slug=slug)
        import_ms = 1000.0 * (time.perf_counter() - started)
    database_bytes = _database_bytes(path) - empty_bytes
    # As a process that never saw the work:
    async with Database.opened(path) as database, bot_library(database) as library:
        clear_caches()
        first = next(query for query in query_set.queries if query.expect is not None)
        started = time.perf_counter()
        await library.lookup(first.text, slug=slug)
        cold_ms = 1000.0 * (time.perf_counter() - started)
        lookups = await _run_awaited(query_set, lambda query: _database_answer(library, slug, query), beside)
        suggest_latencies = []
        for partial in _partials(query_set):
            started = time.perf_counter()
            await library.suggest(partial, slug=slug)
            suggest_latencies.append(time.perf_counter() - started)
    return DatabaseRun(
        text_bytes=len(source_text.encode("utf-8")),
        import_ms=import_ms,
        database_bytes=database_bytes,
        cold_ms=cold_ms,
        lookups=lookups,
        suggest_latencies=suggest_latencies,
    )


def measure_postgres(query_set: QuerySet, source_text: str, server_url: str, beside: Beside = None) -> EngineRun:
    """The text imported into a scratch PostgreSQL database (settled, as autovacuum would) and the queries
    run through ``Library.lookup``, as on SQLite."""
    return asyncio.run(_measure_postgres(query_set, source_text, server_url, beside))


async def _measure_postgres(query_set: QuerySet, source_text: str, server_url: str, beside: Beside) -> EngineRun:
    from benchmarks.scratch_postgres import scratch_database, settle  # asyncpg only when PostgreSQL is asked for

    slug = database_slug(query_set)
    async with scratch_database(server_url) as url:
        async with Database.opened(url) as database:
            await Library(database).add_text(source_text, slug=slug)
        await settle(url)
        async with Database.opened(url) as database, bot_library(database) as library:
            return await _run_awaited(query_set, lambda query: _database_answer(library, slug, query), beside)


@asynccontextmanager
async def bot_library(database: Database) -> AsyncIterator[Library]:
    """A library as the bot holds one: following the change feed, live before the first lookup on PostgreSQL
    (see :mod:`bot.library.freshness`)."""
    feed, library = ChangeFeed(database), Library(database)
    library.follow(feed)
    feed.start()
    try:
        while database.dialect is Dialect.POSTGRES and not feed.live:
            await asyncio.sleep(0.01)
        yield library
    finally:
        await feed.close()
        await library.close()


async def _database_answer(library: Library, slug: str, query: str) -> Answer:
    try:
        lookup = await library.lookup(query, slug=slug)
    except FolioError:
        return Answer(None, False)
    hits, closest = lookup.hits, tuple(hit.sentence.text for hit in lookup.suggestions)
    return Answer(hits[0].sentence.text if hits else None, bool(hits), closest)


def _database_bytes(path: Path) -> int:
    """The database's size on disk: its file and any write-ahead log left."""
    return sum(part.stat().st_size for part in (path, path.with_name(path.name + "-wal")) if part.exists())


# -- rendering ----------------------------------------------------------------

INDEX_HEADER = ["text", "words", "sentences", "parse ms", "build ms", "build peak MiB", "suggest p50 ms", "suggest p95 ms"]
DATABASE_HEADER = [
    "text",
    "text MiB",
    "import ms",
    "database MiB",
    "first lookup ms",
    "suggest p50 ms",
    "suggest p95 ms",
]
RESULT_TAIL = [
    "in-story",
    "misses among closest",
    "off-story rejected",
    "false matches",
    "p50 ms",
    "p95 ms",
    "x brute force",
]
DATABASE_ENGINE, MEMORY_ENGINE, BASELINE_ENGINE = "folio (database)", "folio (in memory)", "brute force"
POSTGRES_ENGINE, FTS5_ENGINE = "folio (PostgreSQL)", "FTS5 BM25"


def index_rows(reports: list[TextReport]) -> list[list[str]]:
    return [
        [
            report.name,
            f"{report.words:,}",
            f"{report.sentences:,}",
            f"{report.parse_ms:.0f}",
            f"{report.build_ms:.0f}",
            f"{report.build_peak_mib:.1f}",
            f"{percentile(report.suggest_latencies, 0.5):.2f}",
            f"{percentile(report.suggest_latencies, 0.95):.2f}",
        ]
        for report in reports
    ]


def database_rows(reports: list[TextReport]) -> list[list[str]]:
    return [
        [
            report.name,
            f"{report.database.text_bytes / 2**20:.2f}",
            f"{report.database.import_ms:,.0f}",
            f"{report.database.database_bytes / 2**20:.1f}",
            f"{report.database.cold_ms:.0f}",
            f"{percentile(report.database.suggest_latencies, 0.5):.2f}",
            f"{percentile(report.database.suggest_latencies, 0.95):.2f}",
        ]
        for report in reports
    ]


def cutoff_rows(reports: list[TextReport]) -> list[list[str]]:
    """The baseline's off-story cut-off curve over every set run."""
    return curve_rows(entry for report in reports for entry in report.baseline.scored)


def measured_kinds(reports: list[TextReport]) -> list[str]:
    """The in-story kinds any of ``reports`` has queries of (older sets have fewer kinds)."""
    return [kind for kind in IN_STORY_KINDS if any(report.folio.total.get(kind) for report in reports)]


def result_header(reports: list[TextReport]) -> list[str]:
    return ["text", "engine", *measured_kinds(reports), *RESULT_TAIL]


def result_rows(reports: list[TextReport]) -> list[list[str]]:
    kinds = measured_kinds(reports)
    rows = []
    for name, engines in _engine_groups(reports):
        baseline_mean = _mean(engines[-1][1].latencies)
        for label, run in engines:
            passed, total = run.counts(OFF_STORY)
            rows.append(
                [
                    name,
                    label,
                    *(_share(run, kind) for kind in kinds),
                    _share(run, *kinds),
                    f"{run.missed_but_closest}/{run.counts(*kinds)[1] - run.counts(*kinds)[0]}",
                    _share(run, OFF_STORY),
                    str(total - passed),
                    f"{percentile(run.latencies, 0.5):.2f}",
                    f"{percentile(run.latencies, 0.95):.2f}",
                    f"{_mean(run.latencies) / (_mean(run.beside) if run.beside else baseline_mean):.3f}",
                ]
            )
    return rows


def _mean(seconds: Sequence[float]) -> float:
    return sum(seconds) / len(seconds)


def _engines(report: TextReport) -> list[tuple[str, EngineRun]]:
    """An report's engines, brute force last (the others' times are given as a share of its)."""
    postgres = [(POSTGRES_ENGINE, report.postgres)] if report.postgres is not None else []
    return [
        (DATABASE_ENGINE, report.database.lookups),
        *postgres,
        (MEMORY_ENGINE, report.folio),
        (FTS5_ENGINE, report.fts5),
        (BASELINE_ENGINE, report.baseline),
    ]


def _engine_groups(reports: list[TextReport]) -> list[tuple[str, list[tuple[str, EngineRun]]]]:
    groups = [(report.name, _engines(report)) for report in reports]
    if len(reports) > 1:
        labels = [label for label, _ in groups[0][1]]
        merged = [_merged(dict(engines)[label] for _, engines in groups) for label in labels]
        groups.append(("all texts", list(zip(labels, merged, strict=True))))
    return groups


def _merged(runs: Iterable[EngineRun]) -> EngineRun:
    merged = EngineRun()
    for run in runs:
        for kind in KINDS:
            merged.passed[kind] = merged.passed.get(kind, 0) + run.passed.get(kind, 0)
            merged.total[kind] = merged.total.get(kind, 0) + run.total.get(kind, 0)
        merged.latencies.extend(run.latencies)
        merged.missed_but_closest += run.missed_but_closest
        merged.scored.extend(run.scored)
        merged.beside.extend(run.beside)
    return merged


def _share(run: EngineRun, *kinds: str) -> str:
    passed, total = run.counts(*kinds)
    return f"{100 * passed / total:.1f}% ({passed}/{total})" if total else "–"


def _peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


KNOWN_SET_NAMES = (
    *QUERY_SET_NAMES,
    *CALIBRATION_SET_NAMES,
    *CORPUS_DEV_SET_NAMES,
    *HOLDOUT_SET_NAMES,
    *BLIND_SET_NAMES,
    *CORPUS_BLIND_SET_NAMES,
)
SET_GROUPS = (
    ("tuned sets", (*QUERY_SET_NAMES, *CALIBRATION_SET_NAMES, *CORPUS_DEV_SET_NAMES)),
    ("hold-out sets", HOLDOUT_SET_NAMES),
    ("blind sets", BLIND_SET_NAMES),
    ("blind sets on novels no one tuned for (issue 19)", CORPUS_BLIND_SET_NAMES),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "names",
        nargs="*",
        help=f"query sets to run: {', '.join(KNOWN_SET_NAMES)} (default: the tuned sets, {', '.join(QUERY_SET_NAMES)})",
    )
    parser.add_argument(
        "--holdout",
        action="store_true",
        help=f"run the hold-out sets the engine was never tuned on: {', '.join(HOLDOUT_SET_NAMES)}",
    )
    parser.add_argument(
        "--blind",
        action="store_true",
        help=f"run the blind sets, frozen before the engine changed for them: {', '.join(BLIND_SET_NAMES)}",
    )
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/benchmarks.md)")
    parser.add_argument("--corpus", type=Path, help="folder of the PDNC novels the sets naming a `novel` read")
    parser.add_argument(
        "--database-url", help="a PostgreSQL server (right to create databases) to run the bot's path on it too"
    )
    args = parser.parse_args(argv)
    if sum((args.holdout, args.blind, bool(args.names))) > 1:
        parser.error("give query set names, --holdout or --blind, only one of them")
    if unknown := sorted(set(args.names) - set(KNOWN_SET_NAMES)):
        parser.error(f"unknown query set(s): {', '.join(unknown)}")
    blind = (*BLIND_SET_NAMES, *CORPUS_BLIND_SET_NAMES)
    names = HOLDOUT_SET_NAMES if args.holdout else blind if args.blind else args.names or QUERY_SET_NAMES
    reports = []
    for name in dict.fromkeys(names):
        try:
            query_set = load_query_set(name, args.corpus)
        except CorpusMissing as missing:
            print(f"skipped {name}: its novel {missing} is read from --corpus DIR")
            continue
        reports.append(measure(query_set, args.database_url))
    render = render_markdown if args.markdown else render_plain
    print(render(INDEX_HEADER, index_rows(reports)))
    print()
    print(render(DATABASE_HEADER, database_rows(reports)))
    print()
    for title, group_names in SET_GROUPS:
        if group := [report for report in reports if report.name in group_names]:
            print(f"{title}:")
            print(render(result_header(group), result_rows(group)))
            print()
    print("The baseline's off-story cut-off (all sets run; the tables above use "
          f"{BASELINE_CUTOFF:.0f}):")
    print(render(CURVE_HEADER, cutoff_rows(reports)))
    print()
    print(
        f"hit@1 per kind; in-story = all in-story kinds; folio (database) = Library.lookup on SQLite (FTS5 "
        f"candidates, rescored in Python), folio (PostgreSQL) the same on PostgreSQL (with --database-url), "
        f"folio (in memory) = QuoteIndex.lookup; FTS5 BM25 = SQLite FTS5's best-ranked sentence for the query's "
        f"words OR-ed (porter stemming); brute force = "
        f"rapidfuzz.process.extractOne (scorer WRatio, processor default_process), off-story rejected when its "
        f"best score < {BASELINE_CUTOFF:.0f}; all three engines measured in the same run. {machine_line()}; "
        f"process peak RSS {_peak_rss_mib():.0f} MiB."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
