"""Writers during an import on SQLite: how long a reader's vote waits to be stored while a 20 MB upload
is saved by the import worker (one writer at a time: SQLite's rule).

The bot (``run_bot.py``, this checkout) runs against the loopback fake Discord on a fresh SQLite
file. Readers react to a ``/quote`` reply one at a time, a reaction every :data:`INTERVAL`
seconds: first :data:`IDLE_VOTES` with nothing else happening (the baseline, same run), then
while a moderator's ``/library add`` of a 20 MB upload runs, until its follow-up arrives. A vote's
latency is from dispatching MESSAGE_REACTION_ADD to its row appearing in ``reaction_events``
(read by this process on its own connection, every 2 ms). Nothing may be lost: every vote sent
must be stored.

``--before PATH`` runs the same measurement, in the same run, on another checkout (e.g. one made
with ``git archive``) first, as the baseline.

Run: ``python run_bot.py bench import-writes [--markdown] [--upload-mb 20] [--before PATH]``.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.live import (
    MB,
    LiveBot,
    bench_work_text,
    checkout_label,
    payloads,
    percentile_ms,
    progress,
    running_bot,
)
from benchmarks.report import machine_line, render_markdown, render_plain
from bot.storage.database import Database

INTERVAL = 0.1
IDLE_VOTES = 50
MAX_IMPORT_VOTES = 2_000
VOTE_TIMEOUT = 120.0
UPLOAD_SLUG = "bench-upload"
HEADER = ["code", "phase", "votes", "p50 ms", "p99 ms", "max ms", "over 1 s", "lost"]


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    lost: int = 0

    def row(self, code: str) -> list[str]:
        return [
            code,
            self.name,
            str(len(self.latencies) + self.lost),
            f"{percentile_ms(self.latencies, 0.5):.1f}",
            f"{percentile_ms(self.latencies, 0.99):.1f}",
            f"{1000 * max(self.latencies):.1f}",
            str(sum(latency > 1.0 for latency in self.latencies)),
            str(self.lost),
        ]


def voter(number: int) -> payloads.Person:
    return payloads.Person(1_430_000_000_000_000_000 + number, f"voter{number}")


async def stored_events(database: Database) -> int:
    row = await database.fetch_one("SELECT COUNT(*) FROM reaction_events")
    return int(row[0]) if row else 0


async def votes(live: LiveBot, database: Database, message_id: str, first: int, phase: Phase, *, count: int,
                until: asyncio.Future[object] | None = None) -> int:
    """Votes one at a time, one every INTERVAL seconds; returns the next voter number."""
    number = first
    for _ in range(count):
        if until is not None and until.done():
            break
        started = time.perf_counter()
        before = await stored_events(database)
        await live.fake.react(message_id, "⭐", voter(number))
        number += 1
        while await stored_events(database) <= before:
            if time.perf_counter() - started > VOTE_TIMEOUT:
                phase.lost += 1
                break
            await asyncio.sleep(0.002)
        else:
            phase.latencies.append(time.perf_counter() - started)
        await asyncio.sleep(max(0.0, started + INTERVAL - time.perf_counter()))
    return number


async def import_upload(live: LiveBot, data: bytes) -> str:
    attachment = live.fake.host_attachment(f"{UPLOAD_SLUG}.txt", data)
    command = payloads.slash_command("library add", {"slug": UPLOAD_SLUG}, user=payloads.MOD, attachments={"file": attachment})
    mark, started = live.fake.mark(), time.perf_counter()
    await live.fake.interact(command, timeout=120)
    followup = await live.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark, timeout=1800)
    title = ((followup.json or {}).get("embeds") or [{}])[0].get("title") or str(followup.json)[:100]
    return f"{title} in {time.perf_counter() - started:.0f} s"


async def measure(checkout: Path, upload: bytes) -> tuple[list[Phase], str]:
    idle, during = Phase("idle"), Phase("during the import")
    with tempfile.TemporaryDirectory(prefix="folio-import-writes-") as scratch:
        database_path = Path(scratch) / "folio.sqlite3"
        async with running_bot(checkout, database_path) as live:
            _, reply = await live.quote("Stiles knows that.")
            message_id = reply.response["resource"]["message"]["id"]
            async with Database.opened(database_path) as database:
                progress(f"{IDLE_VOTES} votes, idle")
                number = await votes(live, database, message_id, 0, idle, count=IDLE_VOTES)
                progress(f"votes during /library add of {len(upload) / MB:.0f} MB")
                importing = asyncio.ensure_future(import_upload(live, upload))
                await votes(live, database, message_id, number, during, count=MAX_IMPORT_VOTES, until=importing)
                outcome = await importing
    return [idle, during], outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench import-writes", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true")
    parser.add_argument("--upload-mb", type=float, default=20.0)
    parser.add_argument("--before", type=Path, help="another checkout to measure first, as the baseline")
    args = parser.parse_args(argv)
    upload = bench_work_text(1, int(args.upload_mb * MB)).encode()
    checkouts = [path.resolve() for path in (args.before, Path(__file__).resolve().parents[1]) if path is not None]
    rows, outcomes = [], []
    for checkout in checkouts:
        progress(f"checkout {checkout}")
        phases, outcome = asyncio.run(measure(checkout, upload))
        rows += [phase.row(checkout_label(checkout)) for phase in phases]
        outcomes.append(outcome)
    render = render_markdown if args.markdown else render_plain
    print(render(HEADER, rows))
    print()
    print(
        f"Votes stored one at a time while a {args.upload_mb:.0f} MB upload was imported ({'; '.join(outcomes)})."
        f" {machine_line()}."
    )
    return 0
