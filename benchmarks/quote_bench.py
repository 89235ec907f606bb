"""Quote lookup benchmark: Folio's QuoteIndex against brute-force rapidfuzz.

For each text (the bundled story, Frankenstein, Dracula) this parses the work
with :func:`bot.text.ingest.parse_work`, builds a :class:`bot.search.engine.QuoteIndex`
over its sentences (timed, and its peak allocation traced), then runs the
reader queries of ``benchmarks/queries/<text>.yaml`` through

* **Folio**: ``QuoteIndex.lookup``. An in-story query is a hit when the top
  *confident* match is the expected sentence; an off-story query is rejected
  when there is no confident match.
* **Brute force**: ``rapidfuzz.process.extractOne(query, sentences,
  scorer=fuzz.WRatio, processor=utils.default_process)``, the obvious
  baseline with rapidfuzz's standard preprocessing (lower case, punctuation
  to spaces), so case and punctuation do not count against it. An in-story
  query is a hit when the best-scoring sentence is the expected one,
  whatever its score (generous: the baseline has no notion of confidence); an
  off-story query is rejected when the best score is below
  :data:`BASELINE_CUTOFF`.

Latencies are per query, wall clock, after one warm-up pass. ``suggest`` is
timed on the first 60% of each in-story query (a line half-typed).

The default run covers the query sets the engine was tuned against
(:data:`~benchmarks.query_sets.QUERY_SET_NAMES`); ``--holdout`` runs the
hold-out sets instead (:data:`~benchmarks.query_sets.HOLDOUT_SET_NAMES`),
fresh queries the engine was never tuned on, for the honest figure. Any set
can also be named. The "all texts" rows sum over the sets that were run.

Run: ``python run_bot.py bench [--markdown] [--holdout | NAME ...]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
import tracemalloc
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from benchmarks.query_sets import (
    HOLDOUT_SET_NAMES,
    IN_STORY_KINDS,
    KINDS,
    OFF_STORY,
    QUERY_SET_NAMES,
    QuerySet,
    is_expected,
    load_query_set,
)
from bot.text.ingest import parse_work
from bot.search.engine import QuoteIndex
from bot.search.textnorm import clear_caches

BASELINE_CUTOFF = 90.0
"""WRatio score at or above which the baseline counts as "found". In-story hits
ignore it (generously), so it only decides which off-story queries are
rejected. WRatio gives 85.5 to almost any query whose words appear somewhere
in a long sentence, so a lower cutoff would reject nothing, and every cutoff
from 86 to 90 rejects the same queries. A higher one would reject a few more,
but only by demanding near-verbatim lines: held to it in-story, the baseline
would lose over 40% of its hits, so it is not a cutoff the baseline could use."""

SUGGEST_PREFIX_SHARE = 0.6


@dataclass(slots=True)
class EngineRun:
    """Outcome of one engine on one query set."""

    passed: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)

    def record(self, kind: str, ok: bool, seconds: float) -> None:
        self.passed[kind] = self.passed.get(kind, 0) + ok
        self.total[kind] = self.total.get(kind, 0) + 1
        self.latencies.append(seconds)

    def counts(self, *kinds: str) -> tuple[int, int]:
        """(passed, total) over ``kinds``."""
        return sum(self.passed.get(kind, 0) for kind in kinds), sum(self.total.get(kind, 0) for kind in kinds)


@dataclass(slots=True)
class TextReport:
    name: str
    words: int
    sentences: int
    parse_ms: float
    build_ms: float
    build_peak_mib: float
    folio: EngineRun
    baseline: EngineRun
    suggest_latencies: list[float]


def percentile(seconds: Sequence[float], share: float) -> float:
    """The ``share`` quantile of ``seconds``, in milliseconds (nearest rank)."""
    ordered = sorted(seconds)
    return 1000.0 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(query_set: QuerySet) -> TextReport:
    """Build the index for one text and run its queries through both engines."""
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
        folio=_run(query_set, lambda query: _folio_answer(index, query)),
        baseline=_run(query_set, baseline.answer),
        suggest_latencies=_suggest_latencies(index, query_set),
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


def _folio_answer(index: QuoteIndex, query: str) -> Answer:
    matches = index.lookup(query).matches
    return Answer(matches[0].text if matches else None, bool(matches))


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
        return Answer(self.sentences[position], score >= BASELINE_CUTOFF)


def _run(query_set: QuerySet, answer: Callable[[str], Answer]) -> EngineRun:
    for query in query_set.queries:
        answer(query.text)
    run = EngineRun()
    for query in query_set.queries:
        started = time.perf_counter()
        result = answer(query.text)
        elapsed = time.perf_counter() - started
        if query.expect is None:
            passed = not result.confident
        else:
            passed = result.text is not None and is_expected(result.text, query.expect)
        run.record(query.kind, passed, elapsed)
    return run


def _suggest_latencies(index: QuoteIndex, query_set: QuerySet) -> list[float]:
    partials = [
        query.text[: max(1, int(len(query.text) * SUGGEST_PREFIX_SHARE))]
        for query in query_set.queries
        if query.expect is not None
    ]
    latencies = []
    for partial in partials:
        started = time.perf_counter()
        index.suggest(partial)
        latencies.append(time.perf_counter() - started)
    return latencies


# -- rendering ----------------------------------------------------------------

INDEX_HEADER = ["text", "words", "sentences", "parse ms", "build ms", "build peak MiB", "suggest p50 ms", "suggest p95 ms"]
RESULT_HEADER = ["text", "engine", *IN_STORY_KINDS, "in-story", "off-story rejected", "p50 ms", "p95 ms"]


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


def result_rows(reports: list[TextReport]) -> list[list[str]]:
    rows = []
    for name, engines in _engine_groups(reports):
        for label, run in engines:
            rows.append(
                [
                    name,
                    label,
                    *(_share(run, kind) for kind in IN_STORY_KINDS),
                    _share(run, *IN_STORY_KINDS),
                    _share(run, OFF_STORY),
                    f"{percentile(run.latencies, 0.5):.2f}",
                    f"{percentile(run.latencies, 0.95):.2f}",
                ]
            )
    return rows


def _engine_groups(reports: list[TextReport]) -> list[tuple[str, list[tuple[str, EngineRun]]]]:
    groups = [(report.name, [("folio", report.folio), ("brute force", report.baseline)]) for report in reports]
    if len(reports) > 1:
        folio = _merged(report.folio for report in reports)
        baseline = _merged(report.baseline for report in reports)
        groups.append(("all texts", [("folio", folio), ("brute force", baseline)]))
    return groups


def _merged(runs: Iterable[EngineRun]) -> EngineRun:
    merged = EngineRun()
    for run in runs:
        for kind in KINDS:
            merged.passed[kind] = merged.passed.get(kind, 0) + run.passed.get(kind, 0)
            merged.total[kind] = merged.total.get(kind, 0) + run.total.get(kind, 0)
        merged.latencies.extend(run.latencies)
    return merged


def _share(run: EngineRun, *kinds: str) -> str:
    passed, total = run.counts(*kinds)
    return f"{100 * passed / total if total else 0:.1f}% ({passed}/{total})"


def render_plain(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def render_markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(row) + " |" for row in [header, *rows]]
    lines.insert(1, "|" + "|".join("---" for _ in header) + "|")
    return "\n".join(lines)


def machine_line() -> str:
    """Python version, CPU model and core count, for the footnote."""
    return f"Python {platform.python_version()}, {_cpu_model()}, {os.cpu_count()} CPUs"


def _cpu_model() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or platform.machine()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    return models[0] if models else platform.machine()


def _peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


KNOWN_SET_NAMES = (*QUERY_SET_NAMES, *HOLDOUT_SET_NAMES)


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
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables for the README")
    args = parser.parse_args(argv)
    if args.holdout and args.names:
        parser.error("give query set names or --holdout, not both")
    if unknown := sorted(set(args.names) - set(KNOWN_SET_NAMES)):
        parser.error(f"unknown query set(s): {', '.join(unknown)}")
    names = HOLDOUT_SET_NAMES if args.holdout else args.names or QUERY_SET_NAMES
    reports = [measure(load_query_set(name)) for name in dict.fromkeys(names)]
    render = render_markdown if args.markdown else render_plain
    print(render(INDEX_HEADER, index_rows(reports)))
    print()
    print(render(RESULT_HEADER, result_rows(reports)))
    print()
    print(
        f"hit@1 per kind; in-story = all in-story kinds; brute force = rapidfuzz.process.extractOne "
        f"(scorer WRatio, processor default_process), off-story rejected when its best score < "
        f"{BASELINE_CUTOFF:.0f}; both engines measured in the same run. {machine_line()}; "
        f"process peak RSS {_peak_rss_mib():.0f} MiB."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
