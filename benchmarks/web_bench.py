"""The public page under load, beside a static file of the same size served in the same run.

A busy server is written to a scratch database through Folio's repositories
(:func:`benchmarks.web_seed.seed_server` with :data:`BUSY`), and its page published.
Then, one after another, in the same run:

* **page** – ``run_bot.py web`` as its own process, with its normal 30 s cache;
* **page, built every time** – the same with ``--cache-seconds 0``: every request
  reads the database (about 20 queries) and renders the template, the worst case;
* **static file** – a plain aiohttp process serving a file of exactly the page's size
  with ``FileResponse``: the floor for an aiohttp process on this machine.

Each is loaded for ``--seconds`` by :data:`CLIENTS` concurrent keep-alive clients,
while a writer process records reaction events into the same database, one
transaction each, as fast as it can (the "busy database"; its rate is reported).
Latency is per request as the client sees it; p50/p95 over all requests.

Run: ``python run_bot.py bench web [--markdown] [--seconds S] [--database-url postgresql://...]``
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from benchmarks.query_sets import REPO_ROOT
from benchmarks.report import machine_line, render_markdown, render_plain
from benchmarks.scratch_postgres import scratch_database
from benchmarks.web_seed import START, Activity, SettableClock, seed_server
from bot.reactions.votes import ReactionEvent, VoteKey
from bot.storage.database import Database, DatabaseTarget, is_postgres
from bot.storage.reactions import ReactionLedger

GUILD = 1_300_000_000_000_000_100
BUSY = Activity(messages=1500, readers=400, max_votes=25, hall_entries=60, games=300, days=90)
CLIENTS = 8
DEFAULT_SECONDS = 10.0
WRITING = "busy writer started"
READY = re.compile(r"Folio web ready on (http://\S+)")
STATIC_SERVER = """
import sys
from aiohttp import web
path = sys.argv[1]
async def serve(request):
    return web.FileResponse(path, headers={"Cache-Control": "public, max-age=20"})
app = web.Application()
app.router.add_get("/page.html", serve)
runner = web.AppRunner(app, access_log=None)
import asyncio
async def main():
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    host, port = runner.addresses[0][:2]
    print(f"Folio web ready on http://{host}:{port}", flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""


@dataclass(frozen=True, slots=True)
class Load:
    name: str
    latencies: list[float]
    seconds: float
    errors: int
    writes: int

    def row(self) -> list[str]:
        ordered = sorted(self.latencies)
        p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0
        return [
            self.name,
            f"{statistics.median(ordered) * 1000:.1f}" if ordered else "-",
            f"{p95 * 1000:.1f}",
            f"{len(ordered) / self.seconds:.0f}",
            str(self.errors),
            f"{self.writes / self.seconds:.0f}",
        ]


HEADER = ["Served", "p50 ms", "p95 ms", "req/s", "errors", "DB writes/s meanwhile"]


@asynccontextmanager
async def server(args: list[str], env: dict[str, str]) -> AsyncIterator[str]:
    """A server process (``args`` after the interpreter) until the block ends; yields its base URL."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, *args, cwd=REPO_ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        assert process.stdout is not None
        async with asyncio.timeout(60):
            base = await _ready_url(process.stdout)
        drain = asyncio.create_task(process.stdout.read())
        yield base
        drain.cancel()
    finally:
        with suppress(ProcessLookupError):
            process.terminate()
        await process.wait()


async def _ready_url(output: asyncio.StreamReader) -> str:
    while line := (await output.readline()).decode():
        if match := READY.search(line):
            return match.group(1)
    raise RuntimeError("the server exited before it was ready")


async def busy_writer(target: DatabaseTarget, seconds: float) -> int:
    """Reaction events, one transaction each, for ``seconds``; returns how many were written."""
    async with Database.opened(target) as database:
        ledger = ReactionLedger(database, SettableClock(START))
        message_id = BUSY.message_base + GUILD % 1000 * 10_000
        target_row = await ledger.target_of(message_id)
        assert target_row is not None, "the seeded server's first message"
        print(WRITING, flush=True)
        written, order, deadline = 0, 10_000_000, time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            order += 1
            key = VoteKey(message_id, BUSY.user_base + 1_000 + written % 5_000, "⭐")
            await ledger.record_many([ReactionEvent(key, written % 2 == 0, order)], target_row)
            written += 1
    return written


async def load(name: str, url: str, target: DatabaseTarget, seconds: float, env: dict[str, str]) -> Load:
    """``CLIENTS`` clients on ``url`` for ``seconds``, while a writer process keeps the database busy."""
    latencies: list[float] = []
    errors = 0
    writer = await asyncio.create_subprocess_exec(
        sys.executable, "run_bot.py", "bench", "web", "--write-for", str(seconds), "--target", str(target),
        cwd=REPO_ROOT, env=env, stdout=asyncio.subprocess.PIPE,
    )
    assert writer.stdout is not None
    while (line := (await writer.stdout.readline()).decode()) and WRITING not in line:
        pass
    deadline = time.perf_counter() + seconds

    async def client(session: aiohttp.ClientSession) -> None:
        nonlocal errors
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            async with session.get(url) as response:
                await response.read()
                if response.status != 200:
                    errors += 1
            latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CLIENTS)) as session:
        await asyncio.gather(*(client(session) for _ in range(CLIENTS)))
    elapsed = time.perf_counter() - began
    written = int((await writer.stdout.read()).decode().split()[-1])
    await writer.wait()
    return Load(name, latencies, elapsed, errors, written)


async def measure(target: DatabaseTarget, seconds: float) -> tuple[list[Load], int]:
    async with Database.opened(target) as database:
        published = await seed_server(database, GUILD, "The Busy Book Club", activity=BUSY)
    env = {**os.environ, "LOG_LEVEL": "INFO", "PYTHONUNBUFFERED": "1"}
    env.update({"DATABASE_URL": target} if isinstance(target, str) else {"DATABASE_PATH": str(target), "DATABASE_URL": ""})
    env.pop("FOLIO_CLOCK_FILE", None)
    path = f"/s/{published.token}"
    results = []
    async with server(["run_bot.py", "web", "--port", "0"], env) as base:
        async with aiohttp.ClientSession() as session, session.get(base + path) as response:
            page = await response.read()
        results.append(await load("page (30 s cache)", base + path, target, seconds, env))
    async with server(["run_bot.py", "web", "--port", "0", "--cache-seconds", "0"], env) as base:
        results.append(await load("page, built every request", base + path, target, seconds, env))
    with tempfile.TemporaryDirectory() as scratch:
        static = Path(scratch) / "page.html"
        static.write_bytes(page)
        async with server(["-c", STATIC_SERVER, str(static)], env) as base:
            results.append(await load("static file, same size", base + "/page.html", target, seconds, env))
    return results, len(page)


async def run(args: argparse.Namespace) -> str:
    sections = []
    with tempfile.TemporaryDirectory() as scratch:
        loads, size = await measure(Path(scratch) / "bench.sqlite3", args.seconds)
        sections.append(("SQLite", loads, size))
    if args.database_url:
        async with scratch_database(args.database_url) as url:
            loads, size = await measure(url, args.seconds)
            sections.append(("PostgreSQL", loads, size))
    render = render_markdown if args.markdown else render_plain
    out = []
    for backend, loads, size in sections:
        out.append(f"{backend}: page {size / 1024:.1f} KB, {CLIENTS} clients, {args.seconds:g} s each")
        out.append(render(HEADER, [result.row() for result in loads]))
        out.append("")
    out.append(f"Machine: {machine_line()}. Clients, writer and server share the machine.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench web", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS, help="load time per case")
    parser.add_argument("--database-url", help="a PostgreSQL server URL: also measure on a scratch database there")
    parser.add_argument("--write-for", type=float, help=argparse.SUPPRESS)  # the busy writer's own process
    parser.add_argument("--target", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_for is not None:
        target = args.target if is_postgres(args.target) else Path(args.target)
        print(asyncio.run(busy_writer(target, args.write_for)))
        return 0
    print(asyncio.run(run(args)))
    return 0
