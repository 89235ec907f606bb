"""Load: thousands of interactions and tens of thousands of reaction events through the fake Discord.

The real bot (``run_bot.py``) runs against the loopback fake Discord with two guilds:
on SQLite as one unsharded process, and (with ``--database-url``) on PostgreSQL as two
processes, shard 0 and shard 1 of 2, each receiving only its guild's events. The load:

* **interactions** (default 5,000): ``/quote`` (70 %), ``/works`` and ``/trivia leaderboard``
  (15 % each), from 500 members, alternating between the guilds, at most ``--in-flight`` (32)
  unanswered at once (bounded: a member waits for the reply before the next one is sent);
* **reaction events** (default 20,000): distinct adds by 2,000 readers with 5 emoji on 20
  ``/quote`` replies showing a passage (10 per guild), sent alongside at up to ``--reaction-rate`` (120) per second.

Reported per backend: time to first response (dispatching INTERACTION_CREATE to the bot's
callback POST arriving at the fake) p50 and p99, interactions never answered within
:data:`ANSWER_TIMEOUT`, duplicate replies (a second callback for one interaction: the fake refuses
it, as Discord does), reaction events lost (dispatched but never in the database's event log),
and per process its CPU time and peak resident memory (``/proc``). Fair use is on, but none of
these commands is costly. The baseline is the idle time to first response of one ``/quote``,
measured in the same run before the load.

Run: ``python run_bot.py bench load [--markdown] [--database-url postgresql://...] [--interactions N]
[--reactions N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.live import (
    FAKE_DEADLINE,
    READY_LINE,
    BotProcess,
    FakeDiscord,
    bot_env,
    payloads,
    percentile_ms,
    progress,
    warn,
)
from benchmarks.report import machine_line, render_markdown, render_plain
from benchmarks.scratch_postgres import scratch_database
from bot.storage.database import Database, DatabaseTarget

INTERACTIONS = 5_000
REACTIONS = 20_000
IN_FLIGHT = 32
REACTION_RATE = 120.0
MEMBERS = 500
READERS = 2_000
EMOJIS = ("⭐", "❤️", "😂", "🔥", "👀")
MESSAGES_PER_GUILD = 10
ANSWER_TIMEOUT = 60.0
SETTLE_TIMEOUT = 120.0
FOUND = ("Stiles knows that.", "Hello from the other side.")
"""Lines the bundled story has: the replies readers react to show their passage."""
QUOTES = (*FOUND, "the full moon", "Derek came back", "I'm not leaving")
SHARDS = 2
GUILDS = payloads.guild_ids(SHARDS)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
HEADER = [
    "Backend",
    "Processes",
    "Interactions",
    "Reactions",
    "Idle /quote (ms)",
    "p50 (ms)",
    "p99 (ms)",
    "Unanswered",
    "Duplicate replies",
    "Events lost",
    "Wall (s)",
    "CPU per process (s)",
    "Peak memory per process (MiB)",
]


@dataclass
class LoadRun:
    backend: str
    processes: int
    interactions: int = 0
    reactions: int = 0
    idle_ms: float = 0.0
    latencies: list[float] = field(default_factory=list)
    unanswered: int = 0
    duplicates: int = 0
    events_lost: int = 0
    seconds: float = 0.0
    cpu_seconds: list[float] = field(default_factory=list)
    peak_mib: list[float] = field(default_factory=list)

    def row(self) -> list[str]:
        return [
            self.backend,
            str(self.processes),
            f"{self.interactions:,}",
            f"{self.reactions:,}",
            f"{self.idle_ms:.0f}",
            f"{percentile_ms(self.latencies, 0.5):.0f}" if self.latencies else "-",
            f"{percentile_ms(self.latencies, 0.99):.0f}" if self.latencies else "-",
            str(self.unanswered),
            str(self.duplicates),
            str(self.events_lost),
            f"{self.seconds:.0f}",
            " / ".join(f"{cpu:.0f}" for cpu in self.cpu_seconds),
            " / ".join(f"{mib:.0f}" for mib in self.peak_mib),
        ]


class CallbackWatch:
    """Resolves each dispatched interaction when its first callback reaches the fake (one scan of the log)."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.waiting: dict[str, asyncio.Future[float]] = {}
        self.callbacks: dict[str, int] = {}
        self._seen = 0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._scan())

    async def stop(self) -> None:
        assert self._task is not None
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)

    def expect(self, interaction_id: str) -> asyncio.Future[float]:
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self.waiting[interaction_id] = future
        return future

    async def _scan(self) -> None:
        while True:
            items = self.fake.requests.items
            for request in items[self._seen :]:
                if request.method == "POST" and request.path.startswith("/interactions/"):
                    interaction_id = request.path.split("/")[2]
                    self.callbacks[interaction_id] = self.callbacks.get(interaction_id, 0) + 1
                    future = self.waiting.pop(interaction_id, None)
                    if future is not None and not future.done():
                        future.set_result(time.perf_counter())
            self._seen = len(items)
            await asyncio.sleep(0.002)


def member(number: int) -> payloads.Person:
    return payloads.Person(1_410_000_000_000_000_000 + number, f"member{number}")


def reader(number: int) -> payloads.Person:
    return payloads.Person(1_420_000_000_000_000_000 + number, f"reader{number}")


def interaction_for(number: int, rng: random.Random) -> dict[str, object]:
    guild_id = GUILDS[number % len(GUILDS)]
    where = {"guild_id": guild_id, "channel_id": payloads.channel_ids(guild_id)[0], "user": member(rng.randrange(MEMBERS))}
    roll = rng.random()
    if roll < 0.70:
        return payloads.slash_command("quote", {"text": rng.choice(QUOTES)}, **where)
    if roll < 0.85:
        return payloads.slash_command("works", None, **where)
    return payloads.slash_command("trivia leaderboard", None, **where)


async def timed(fake: FakeDiscord, watch: CallbackWatch, interaction: dict[str, object]) -> float | None:
    """Seconds from dispatch to the first callback; None if none came within :data:`ANSWER_TIMEOUT`."""
    arrived = watch.expect(str(interaction["id"]))
    started = time.perf_counter()
    await fake.dispatch("INTERACTION_CREATE", interaction)
    try:
        return await asyncio.wait_for(arrived, ANSWER_TIMEOUT) - started
    except TimeoutError:
        return None


async def send_interactions(fake: FakeDiscord, watch: CallbackWatch, count: int, in_flight: int, run: LoadRun) -> None:
    rng = random.Random(22)
    numbers = iter(range(count))

    async def member_loop() -> None:
        for number in numbers:
            latency = await timed(fake, watch, interaction_for(number, rng))
            if latency is None:
                run.unanswered += 1
            else:
                run.latencies.append(latency)

    await asyncio.gather(*(member_loop() for _ in range(in_flight)))
    run.interactions = count


async def send_reactions(fake: FakeDiscord, message_ids: list[str], count: int, rate: float) -> int:
    keys = itertools.product(range(READERS), EMOJIS, message_ids)
    started = time.perf_counter()
    sent = 0
    for number, emoji, message_id in itertools.islice(keys, count):
        if await fake.react(message_id, emoji, reader(number)):
            sent += 1
        ahead = sent / rate - (time.perf_counter() - started)
        if ahead > 0:
            await asyncio.sleep(ahead)
    return sent


async def logged_events(database: Database) -> int:
    row = await database.fetch_one("SELECT COUNT(*) FROM reaction_events")
    return int(row[0]) if row else 0


async def settle(database: Database, expected: int) -> int:
    """The events logged once the count stops growing (or reaches ``expected``)."""
    deadline = time.perf_counter() + SETTLE_TIMEOUT
    last, unchanged = -1, 0
    while time.perf_counter() < deadline:
        now = await logged_events(database)
        if now >= expected:
            return now
        unchanged = unchanged + 1 if now == last else 0
        if unchanged >= 20:  # ten seconds without a new event
            return now
        last = now
        await asyncio.sleep(0.5)
    return await logged_events(database)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def start_processes(fake: FakeDiscord, database: DatabaseTarget, shard_layouts: list[dict[str, str]]) -> list[BotProcess]:
    bots = []
    for number, layout in enumerate(shard_layouts):
        overrides = {"LOG_LEVEL": "INFO", "FOLIO_FAIR_USE": "1", "SYNC_COMMANDS": "1" if number == 0 else "0", **layout}
        bots.append(await BotProcess.start(bot_env(fake, database, overrides)))
    for bot in bots:
        await bot.wait_for_log(READY_LINE, timeout=600)
    return bots


async def measure(label: str, database: DatabaseTarget, shard_layouts: list[dict[str, str]], args: argparse.Namespace) -> LoadRun:
    fake = FakeDiscord(extra_guild_ids=GUILDS[1:], shards=SHARDS, interaction_deadline=FAKE_DEADLINE)
    await fake.start()
    run = LoadRun(label, len(shard_layouts))
    bots: list[BotProcess] = []
    try:
        progress(f"{label}: starting {len(shard_layouts)} process(es)")
        bots = await start_processes(fake, database, shard_layouts)
        watch = CallbackWatch(fake)
        watch.start()
        idle = [await timed(fake, watch, payloads.slash_command("quote", {"text": QUOTES[0]})) for _ in range(20)]
        run.idle_ms = 1000 * statistics.median(latency for latency in idle if latency is not None)
        message_ids = []
        for guild_id in GUILDS:
            for number in range(MESSAGES_PER_GUILD):
                command = payloads.slash_command(
                    "quote", {"text": FOUND[number % len(FOUND)]}, guild_id=guild_id, channel_id=payloads.channel_ids(guild_id)[0]
                )
                reply = await fake.interact(command, timeout=ANSWER_TIMEOUT)
                message_ids.append(reply.response["resource"]["message"]["id"])
        cpu_before = [cpu_seconds(bot.process.pid) for bot in bots]
        async with Database.opened(database) as db:
            before = await logged_events(db)
            progress(f"{label}: {args.interactions:,} interactions and {args.reactions:,} reaction events")
            started = time.perf_counter()
            interactions = send_interactions(fake, watch, args.interactions, args.in_flight, run)
            _, run.reactions = await asyncio.gather(
                interactions, send_reactions(fake, message_ids, args.reactions, args.reaction_rate)
            )
            logged = await settle(db, before + run.reactions)
            run.seconds = time.perf_counter() - started
            run.events_lost = run.reactions - (logged - before)
        await watch.stop()
        run.duplicates = sum(count - 1 for count in watch.callbacks.values() if count > 1)
        run.cpu_seconds = [cpu_seconds(bot.process.pid) - spent for bot, spent in zip(bots, cpu_before)]
        run.peak_mib = [peak_mib(bot.process.pid) for bot in bots]
        for bot in bots:
            if await bot.stop(timeout=60) != 0:
                warn(f"{label}: a process did not exit 0:\n{bot.tail()}")
            for traceback in bot.tracebacks():
                warn(f"{label}: a process logged a traceback:\n{traceback}")
        if refused := fake.failed_requests:
            warn(f"{label}: the fake refused {len(refused)} request(s), e.g. {refused[0]}")
    finally:
        for bot in bots:
            await bot.kill()
        await fake.close()
    return run


async def run_all(args: argparse.Namespace) -> list[LoadRun]:
    runs = []
    with tempfile.TemporaryDirectory(prefix="folio-load-bench-") as scratch:
        runs.append(await measure("SQLite", Path(scratch) / "folio.sqlite3", [{}], args))
    if args.database_url:
        async with scratch_database(args.database_url) as url:
            layouts = [{"SHARD_COUNT": str(SHARDS), "SHARD_IDS": str(shard)} for shard in range(SHARDS)]
            runs.append(await measure("PostgreSQL", url, layouts, args))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench load", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--database-url", help="a PostgreSQL server: also run two shard processes on a scratch database")
    parser.add_argument("--interactions", type=int, default=INTERACTIONS, help=f"default {INTERACTIONS:,}")
    parser.add_argument("--reactions", type=int, default=REACTIONS, help=f"default {REACTIONS:,}")
    parser.add_argument("--in-flight", type=int, default=IN_FLIGHT, help=f"unanswered interactions at most (default {IN_FLIGHT})")
    parser.add_argument("--reaction-rate", type=float, default=REACTION_RATE, help=f"events per second at most (default {REACTION_RATE:.0f})")
    args = parser.parse_args(argv)
    runs = asyncio.run(run_all(args))
    render = render_markdown if args.markdown else render_plain
    print(render(HEADER, [run.row() for run in runs]))
    print()
    print(
        f"{args.in_flight} interactions in flight at most, reactions at up to {args.reaction_rate:.0f}/s; the fake Discord,"
        f" the bot process(es) and the database on this machine. {machine_line()}."
    )
    return 0
