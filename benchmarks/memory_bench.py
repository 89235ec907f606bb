"""Memory benchmark: the real bot's resident memory with 1, 4 and 16 big works, and /quote latency cold and warm.

For each number of works N, works 1..N (about 12 MB each: Dracula and
Frankenstein in turn, under a header naming the work, see
:func:`benchmarks.live.bench_work_text`) are imported with the checkout's own
``run_bot.py add-work`` into a fresh database (the works of a smaller N are
kept and the rest added), then the bot (``run_bot.py``, default settings,
logging at INFO) is started against the loopback fake Discord and:

1. once it is ready and has synced its commands, and a second has passed,
   its resident memory is read (VmRSS in ``/proc/<pid>/status``): "after start";
2. work 1 is quoted with /quote (the first /quote of that work since the
   start: *cold*), then the same /quote is sent again :data:`WARM_REPEATS`
   times (*warm*);
3. works 2..N are quoted once each, in turn;
4. work 1 is quoted once more ("work 1 again": was it kept in the cache?);
5. resident memory is read again ("after quoting"), and the process's peak
   (VmHWM) since it started.

A /quote's latency is the time from dispatching INTERACTION_CREATE on the
fake's gateway to the bot's callback POST arriving at the fake (the fake's
3-second deadline is lifted, so a slow answer is measured rather than refused;
answers slower than 3 s are counted, as Discord would have refused them).
Every answer must be the work's quote embed (a confident match), else the run warns.

``--before PATH`` runs the same measurement, in the same run, on another
checkout, e.g. the commit before "Core for many servers"::

    git worktree add /tmp/before dc9eddf
    python run_bot.py bench memory --before /tmp/before --markdown

Run: ``python run_bot.py bench memory [--markdown] [--works 1,4,16] [--size-mb 12]
[--before PATH [--before-works 1,4,16]] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.live import (
    ANSWER_DEADLINE,
    MB,
    LiveBot,
    Memory,
    add_work_with_cli,
    checkout_label,
    progress,
    running_bot,
    warn,
    work_slug,
    write_bench_works,
)
from benchmarks.query_sets import REPO_ROOT
from benchmarks.report import machine_line, render_markdown, render_plain

QUOTE_LINE = "enter freely and of yuor own will"
"""A line of Dracula with a typo, so in every benchmark work; found confidently before and after the change."""
WARM_REPEATS = 10
SETTLE_SECONDS = 1.0


@dataclass
class MemoryRun:
    label: str
    works: int
    work_bytes: int
    database_bytes: int
    import_seconds: list[float]
    """`add-work` of each work added for this run (the works of a smaller run were kept)."""
    startup_seconds: float = 0.0
    after_start: Memory | None = None
    after_quoting: Memory | None = None
    cold: float = 0.0
    warm: list[float] = field(default_factory=list)
    first_quotes: list[float] = field(default_factory=list)
    """The first /quote of each work, work 1 (cold) included."""
    again: float = 0.0
    wrong_answers: int = 0


def expected_title(number: int) -> str:
    return f"Folio Benchmark Work {number}"


async def _quote_work(live: LiveBot, number: int, run: MemoryRun) -> float:
    seconds, callback = await live.quote(QUOTE_LINE, work_slug(number))
    embed = ((callback.json or {}).get("data", {}).get("embeds") or [{}])[0]
    found = embed.get("title") == expected_title(number) and embed.get("footer", {}).get("text", "").startswith("Match")
    if callback.json.get("type") != 4 or not found:
        run.wrong_answers += 1
        warn(f"{run.label}: /quote of work {number} answered {str(callback.json)[:300]}")
    return seconds


async def measure_bot(checkout: Path, database: Path, run: MemoryRun) -> None:
    """Start `checkout`'s bot on `database` and take the measurements of one run."""
    async with running_bot(checkout, database) as live:
        run.startup_seconds = live.startup_seconds
        await asyncio.sleep(SETTLE_SECONDS)
        run.after_start = live.memory()
        run.cold = await _quote_work(live, 1, run)
        run.first_quotes.append(run.cold)
        for _ in range(WARM_REPEATS):
            run.warm.append(await _quote_work(live, 1, run))
        for number in range(2, run.works + 1):
            run.first_quotes.append(await _quote_work(live, number, run))
        run.again = await _quote_work(live, 1, run)
        run.after_quoting = live.memory()


async def measure_checkout(checkout: Path, counts: list[int], work_paths: list[Path], folder: Path) -> list[MemoryRun]:
    """One run per number of works, adding works to one database as the number grows."""
    label = checkout_label(checkout)
    database = folder / f"folio-{label}.sqlite3"
    for part in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        part.unlink(missing_ok=True)  # a kept folder keeps the works, never a database
    runs = []
    stored = 0
    for count in sorted(counts):
        import_seconds = []
        for number in range(stored + 1, count + 1):
            progress(f"{label}: add-work work {number} of {count}")
            import_seconds.append(add_work_with_cli(checkout, database, work_paths[number - 1], work_slug(number)))
        stored = count
        run = MemoryRun(
            label=label,
            works=count,
            work_bytes=work_paths[0].stat().st_size,
            database_bytes=_database_bytes(database),
            import_seconds=import_seconds,
        )
        progress(f"{label}: starting the bot with {count} work(s)")
        await measure_bot(checkout, database, run)
        runs.append(run)
    return runs


def _database_bytes(path: Path) -> int:
    return sum(part.stat().st_size for part in (path, path.with_name(path.name + "-wal")) if part.exists())


# -- rendering ----------------------------------------------------------------------------

MEMORY_HEADER = [
    "code",
    "works",
    "database MiB",
    "add-work s per work",
    "start-up s",
    "RSS after start MiB",
    "RSS after quoting all MiB",
    "peak RSS (VmHWM) MiB",
]
LATENCY_HEADER = [
    "code",
    "works",
    "cold /quote ms",
    "warm /quote p50 ms",
    "warm /quote max ms",
    "first /quote of each work p50 ms",
    "first /quote of each work max ms",
    "work 1 again ms",
    f"answers over {ANSWER_DEADLINE:.0f} s",
]


def memory_rows(runs: list[MemoryRun]) -> list[list[str]]:
    rows = []
    for run in runs:
        assert run.after_start and run.after_quoting
        per_work = f"{statistics.mean(run.import_seconds):.1f}" if run.import_seconds else "-"
        rows.append(
            [
                run.label,
                str(run.works),
                f"{run.database_bytes / 2**20:,.0f}",
                per_work,
                f"{run.startup_seconds:.1f}",
                f"{run.after_start.rss_mib:,.0f}",
                f"{run.after_quoting.rss_mib:,.0f}",
                f"{run.after_quoting.hwm_mib:,.0f}",
            ]
        )
    return rows


def latency_rows(runs: list[MemoryRun]) -> list[list[str]]:
    rows = []
    for run in runs:
        every = [run.cold, *run.warm, *run.first_quotes[1:], run.again]
        rows.append(
            [
                run.label,
                str(run.works),
                f"{1000 * run.cold:,.0f}",
                f"{1000 * statistics.median(run.warm):,.1f}",
                f"{1000 * max(run.warm):,.1f}",
                f"{1000 * statistics.median(run.first_quotes):,.0f}",
                f"{1000 * max(run.first_quotes):,.0f}",
                f"{1000 * run.again:,.0f}",
                str(sum(seconds > ANSWER_DEADLINE for seconds in every)),
            ]
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench memory", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/benchmarks.md)")
    parser.add_argument("--works", default="1,4,16", help="numbers of works to run with (default 1,4,16)")
    parser.add_argument("--size-mb", type=float, default=12.0, help="size of each work in MB (default 12)")
    parser.add_argument("--before", type=Path, help="another checkout to measure in the same run, e.g. an older commit")
    parser.add_argument("--before-works", help="numbers of works for --before (default: as --works)")
    parser.add_argument("--keep", type=Path, help="keep the works and databases in this folder (default: a temporary one)")
    args = parser.parse_args(argv)
    counts = _counts(parser, args.works)
    before_counts = _counts(parser, args.before_works or args.works)
    if args.before is not None and not (args.before / "run_bot.py").is_file():
        parser.error(f"{args.before} has no run_bot.py")
    runs = asyncio.run(_measure_all(args, counts, before_counts))
    render = render_markdown if args.markdown else render_plain
    print(render(MEMORY_HEADER, memory_rows(runs)))
    print()
    print(render(LATENCY_HEADER, latency_rows(runs)))
    print()
    work_mb = runs[0].work_bytes / MB
    print(
        f"Each work {work_mb:.1f} MB (Dracula and Frankenstein in turn); the bot of each checkout run against the "
        f"loopback fake Discord with default settings; RSS from /proc/<pid>/status of the bot process alone; "
        f"/quote latency from dispatching INTERACTION_CREATE to the callback POST arriving at the fake; "
        f"warm = {WARM_REPEATS} repeats. {machine_line()}."
    )
    return 0


def _counts(parser: argparse.ArgumentParser, text: str) -> list[int]:
    try:
        counts = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        parser.error(f"expected numbers of works like 1,4,16, got {text!r}")
    if not counts or counts[0] < 1:
        parser.error(f"expected numbers of works of at least 1, got {text!r}")
    return counts


async def _measure_all(args: argparse.Namespace, counts: list[int], before_counts: list[int]) -> list[MemoryRun]:
    with tempfile.TemporaryDirectory(prefix="folio-memory-bench-") as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        most = max(counts + (before_counts if args.before else []))
        work_paths = write_bench_works(folder / "works", most, int(args.size_mb * MB))
        runs = await measure_checkout(REPO_ROOT, counts, work_paths, folder)
        if args.before is not None:
            runs += await measure_checkout(args.before.resolve(), before_counts, work_paths, folder)
        return runs


if __name__ == "__main__":
    raise SystemExit(main())
