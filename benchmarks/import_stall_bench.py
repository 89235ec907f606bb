"""Latency during an import: /quote while a 20 MB upload is imported through /library add.

Dracula is imported with the checkout's ``run_bot.py add-work`` into a fresh
database, the bot (``run_bot.py``, default settings, logging at INFO) is
started against the loopback fake Discord, and Dracula is quoted a few times
(so it is in memory). Then, with the same pacing (a /quote starts every
:data:`INTERVAL` seconds, or as soon as the previous one is answered if that
takes longer; one at a time), readers quote Dracula (the lines of
``benchmarks/queries/dracula.yaml``, in turn):

1. **idle**: :data:`IDLE_QUOTES` quotes with nothing else happening (the
   baseline, measured in the same run);
2. **during import**: a moderator runs ``/library add`` with a 20 MB upload
   (:func:`benchmarks.live.bench_work_text`; Dracula and Frankenstein in turn),
   and quotes go on until the bot's follow-up saying the work was added
   arrives, or :data:`MAX_IMPORT_QUOTES` quotes were sent.

A /quote's latency is the time from dispatching INTERACTION_CREATE on the
fake's gateway to the bot's callback POST (its first response) arriving at
the fake. The import's time is from dispatching ``/library add`` to that
follow-up. Memory: the bot's peak resident memory (VmHWM) before and after
the import, and the largest any process the bot started (the import worker)
was seen with, sampled every 50 ms.

``--before PATH`` runs the same measurement, in the same run, on another
checkout, e.g. the commit before "Core for many servers"::

    git worktree add /tmp/before dc9eddf
    python run_bot.py bench import-stall --before /tmp/before --markdown

Everything runs on this machine: the fake Discord (in the benchmark's
process), the bot, and its import worker share its cores.

Run: ``python run_bot.py bench import-stall [--markdown] [--upload-mb 20] [--before PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.live import (
    ANSWER_DEADLINE,
    CORPUS,
    MB,
    LiveBot,
    PeakSampler,
    add_work_with_cli,
    bench_work_text,
    checkout_label,
    payloads,
    percentile_ms,
    progress,
    running_bot,
    warn,
)
from benchmarks.query_sets import REPO_ROOT, load_query_set
from benchmarks.report import machine_line, render_markdown, render_plain

INTERVAL = 0.1
IDLE_QUOTES = 100
MAX_IMPORT_QUOTES = 600
WARM_UP_QUOTES = 5
STALL_MS = 100.0
"""The goal: /quote's p99 during an import at most this."""
UPLOAD_SLUG = "bench-upload"
DEFERRED = 5


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    offsets: list[float] = field(default_factory=list)
    """When each quote started, in seconds from the start of the phase."""
    errors: int = 0


@dataclass
class StallRun:
    label: str
    upload_bytes: int
    idle: Phase = field(default_factory=Phase)
    during: Phase = field(default_factory=Phase)
    defer_seconds: float = 0.0
    import_seconds: float = 0.0
    outcome: str = ""
    hwm_before_mib: float = 0.0
    hwm_after_mib: float = 0.0
    rss_after_mib: float = 0.0
    worker_peak_mib: float = 0.0


def reader_lines() -> list[str]:
    return [query.text for query in load_query_set("dracula").queries]


async def _paced_quotes(live: LiveBot, lines: itertools.cycle[str], phase: Phase, *, count: int, until: asyncio.Future[object] | None = None) -> None:
    """Up to `count` quotes of Dracula, one at a time, one starting every INTERVAL seconds; stops once `until` is done."""
    start = time.perf_counter()
    for turn in range(count):
        if until is not None and until.done():
            return
        due = start + turn * INTERVAL
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        offset = time.perf_counter() - start
        seconds, callback = await live.quote(next(lines), "dracula")
        phase.latencies.append(seconds)
        phase.offsets.append(offset)
        if callback.status != 200 or (callback.json or {}).get("type") != 4:
            phase.errors += 1
            warn(f"{checkout_label(live.checkout)}: /quote answered {callback}")


async def _import_upload(live: LiveBot, data: bytes, run: StallRun) -> None:
    """/library add with `data`; returns once the bot's follow-up arrived."""
    attachment = live.fake.host_attachment(f"{UPLOAD_SLUG}.txt", data)
    command = payloads.slash_command(
        "library add", {"slug": UPLOAD_SLUG}, user=payloads.MOD, attachments={"file": attachment}
    )
    mark = live.fake.mark()
    started = time.perf_counter()
    callback = await live.fake.interact(command, timeout=120)
    run.defer_seconds = time.perf_counter() - started
    if callback.json.get("type") != DEFERRED:
        raise RuntimeError(f"/library add was answered {callback}: {callback.json}")
    followup = await live.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark, timeout=1800)
    run.import_seconds = time.perf_counter() - started
    embeds = (followup.json or {}).get("embeds") or [{}]
    run.outcome = embeds[0].get("title") or str(followup.json)[:200]


async def measure_checkout(checkout: Path, folder: Path, upload: bytes) -> StallRun:
    label = checkout_label(checkout)
    database = folder / f"folio-{label}.sqlite3"
    for part in (database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        part.unlink(missing_ok=True)
    progress(f"{label}: add-work Dracula")
    add_work_with_cli(checkout, database, CORPUS / "dracula.txt", "dracula")
    run = StallRun(label, len(upload))
    lines = itertools.cycle(reader_lines())
    async with running_bot(checkout, database) as live:
        for _ in range(WARM_UP_QUOTES):
            await live.quote(next(lines), "dracula")
        progress(f"{label}: {IDLE_QUOTES} quotes, idle")
        await _paced_quotes(live, lines, run.idle, count=IDLE_QUOTES)
        run.hwm_before_mib = live.memory().hwm_mib
        progress(f"{label}: quotes during /library add of {len(upload) / MB:.1f} MB")
        async with PeakSampler(live.pid) as workers:
            importing = asyncio.ensure_future(_import_upload(live, upload, run))
            await _paced_quotes(live, lines, run.during, count=MAX_IMPORT_QUOTES, until=importing)
            await importing
        run.worker_peak_mib = workers.max_mib
        memory = live.memory()
        run.hwm_after_mib, run.rss_after_mib = memory.hwm_mib, memory.rss_mib
    if not run.outcome.startswith("Added"):
        warn(f"{label}: the upload was not added: {run.outcome}")
    slowest = sorted(zip(run.during.latencies, run.during.offsets), reverse=True)[:5]
    progress(f"{label}: slowest during import (ms at s): " + ", ".join(f"{1000 * s:.0f} at {o:.1f}" for s, o in slowest))
    return run


# -- rendering ----------------------------------------------------------------------------

LATENCY_HEADER = [
    "code",
    "phase",
    "quotes",
    "p50 ms",
    "p99 ms",
    "max ms",
    f"over {STALL_MS:.0f} ms",
    f"over {ANSWER_DEADLINE:.0f} s",
]
IMPORT_HEADER = [
    "code",
    "upload MB",
    "/library add deferred in ms",
    "import s",
    "outcome",
    "bot peak RSS before MiB",
    "bot peak RSS after MiB",
    "import worker peak RSS MiB",
]


def latency_rows(runs: list[StallRun]) -> list[list[str]]:
    rows = []
    for run in runs:
        for name, phase in (("idle", run.idle), ("during import", run.during)):
            rows.append(
                [
                    run.label,
                    name,
                    str(len(phase.latencies)) + (f" ({phase.errors} failed)" if phase.errors else ""),
                    f"{percentile_ms(phase.latencies, 0.5):,.1f}",
                    f"{percentile_ms(phase.latencies, 0.99):,.1f}",
                    f"{1000 * max(phase.latencies):,.1f}",
                    str(sum(1000 * seconds > STALL_MS for seconds in phase.latencies)),
                    str(sum(seconds > ANSWER_DEADLINE for seconds in phase.latencies)),
                ]
            )
    return rows


def import_rows(runs: list[StallRun]) -> list[list[str]]:
    return [
        [
            run.label,
            f"{run.upload_bytes / MB:.1f}",
            f"{1000 * run.defer_seconds:,.0f}",
            f"{run.import_seconds:.1f}",
            run.outcome,
            f"{run.hwm_before_mib:,.0f}",
            f"{run.hwm_after_mib:,.0f}",
            f"{run.worker_peak_mib:,.0f}" if run.worker_peak_mib else "- (none)",
        ]
        for run in runs
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench import-stall", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/benchmarks.md)")
    parser.add_argument("--upload-mb", type=float, default=20.0, help="size of the upload in MB (default 20)")
    parser.add_argument("--before", type=Path, help="another checkout to measure in the same run, e.g. an older commit")
    args = parser.parse_args(argv)
    if args.before is not None and not (args.before / "run_bot.py").is_file():
        parser.error(f"{args.before} has no run_bot.py")
    upload = bench_work_text(100, int(args.upload_mb * MB)).encode("utf-8")
    runs = asyncio.run(_measure_all(args.before, upload))
    render = render_markdown if args.markdown else render_plain
    print(render(LATENCY_HEADER, latency_rows(runs)))
    print()
    print(render(IMPORT_HEADER, import_rows(runs)))
    print()
    print(
        f"/quote of Dracula, one at a time, one starting every {INTERVAL * 1000:.0f} ms (or when the last is "
        f"answered); latency from dispatching INTERACTION_CREATE to the callback POST arriving at the loopback fake "
        f"Discord; p99 by nearest rank; the fake, the bot and its import worker on this machine. {machine_line()}."
    )
    return 0


async def _measure_all(before: Path | None, upload: bytes) -> list[StallRun]:
    with tempfile.TemporaryDirectory(prefix="folio-import-bench-") as folder:
        runs = [await measure_checkout(REPO_ROOT, Path(folder), upload)]
        if before is not None:
            runs.append(await measure_checkout(before.resolve(), Path(folder), upload))
        return runs


if __name__ == "__main__":
    raise SystemExit(main())
