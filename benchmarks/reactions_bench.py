"""Reactions: how many events per second the bot absorbs with exact counts, and the map of a novel.

**Events.** The bot (``run_bot.py``, logging at INFO) runs against the loopback
fake Discord with a hall of fame on. :data:`MESSAGES` /quote replies are sent;
then readers react and take reactions back on them, :data:`EVENTS` events in all
(each reader, message and emoji at random; a reader who has the reaction takes it
back, else adds it), dispatched by the fake as fast as its gateway sends. The rate
is events over the time from the first dispatch until the bot has logged the last
(read from its database). Then every message's counts, read from the database,
must equal who reacts to it in the fake, and no message may have two hall posts.
The baseline, in the same run: the same events written straight through
:class:`~bot.storage.reactions.ReactionLedger` in this process, one at a time
(no gateway, no discord.py, no hall of fame).

**Map.** Dracula (about 160,000 words) is imported, :data:`MAP_VOTES` votes are
spread over its paragraphs, and the time of ``/reactions map``'s work is taken:
the per-chapter query, the most-loved passages, and the PNG render (median of
:data:`MAP_RUNS`). ``--sample PATH`` also writes that map.

Run: ``python run_bot.py bench reactions [--markdown] [--database-url postgresql://...] [--sample PNG]``
(with a PostgreSQL server URL, both backends are measured; each run gets a scratch database).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.live import LiveBot, _novel_body, payloads, progress, running_bot
from benchmarks.query_sets import REPO_ROOT
from benchmarks.report import machine_line, render_markdown, render_plain
from benchmarks.scratch_postgres import scratch_database
from bot.library.service import Library
from bot.reactions.reaction_map import Highlight, MapData, render_map
from bot.reactions.stats import rank_passages
from bot.reactions.votes import EventOrder, ReactionEvent, VoteKey
from bot.storage.database import Database, DatabaseTarget
from bot.storage.passage_messages import MessageKind, PassageMessages
from bot.storage.reaction_stats import ReactionStats, VoteFilter
from bot.storage.reactions import ReactionLedger

EVENTS = 20_000
MESSAGES = 300
READERS = 200
EMOJIS = ("⭐", "❤", "😂", "🔥")
HALL_THRESHOLD = 8
MAP_VOTES = 20_000
MAP_RUNS = 5
SETTLE_TIMEOUT = 900.0
POLL_SECONDS = 0.05
RESULT_HEADER = ["backend", "path", "events", "seconds", "events/s", "counts exact", "hall posts (max per message)"]
MAP_HEADER = ["backend", "work", "votes", "query + ranking ms", "render ms (median)", "total ms"]


class StillClock:
    def timestamp(self) -> float:
        return self.now().timestamp()

    def now(self) -> datetime:
        return datetime(2026, 11, 30, tzinfo=UTC)


@dataclass(frozen=True)
class EventRun:
    backend: str
    path: str
    events: int
    seconds: float
    exact: bool
    hall_posts: str = "-"


@dataclass(frozen=True)
class MapRun:
    backend: str
    sections: int
    votes: int
    query_ms: float
    render_ms: float


@dataclass(frozen=True)
class Scale:
    events: int = EVENTS
    messages: int = MESSAGES
    map_votes: int = MAP_VOTES


def planned_events(rng: random.Random, message_ids: list[str], count: int) -> list[tuple[str, str, int, bool]]:
    """(message, emoji, reader, add?) events; the truth is what they leave."""
    holding: set[tuple[str, str, int]] = set()
    events = []
    for _ in range(count):
        key = (rng.choice(message_ids), rng.choice(EMOJIS), rng.randrange(READERS))
        adding = key not in holding
        (holding.add if adding else holding.discard)(key)
        events.append((*key, adding))
    return events


def reader(number: int) -> payloads.Person:
    return payloads.Person(1_400_000_000_000_000_000 + number, f"reader{number}")


async def measure_bot(label: str, database: DatabaseTarget, scale: Scale) -> EventRun:
    async with running_bot(REPO_ROOT, database) as live:  # type: ignore[arg-type]
        hall = payloads.text_channel(payloads.HALL_CHANNEL_ID, "hall-of-fame")
        setup = payloads.slash_command(
            "halloffame setup", {"threshold": HALL_THRESHOLD}, user=payloads.MOD, channels={"channel": hall}
        )
        await live.fake.interact(setup, timeout=60)
        progress(f"{label}: sending {scale.messages} /quote replies")
        replies = [(await live.quote("Stiles knows that."))[1] for _ in range(scale.messages)]
        message_ids = [reply.response["resource"]["message"]["id"] for reply in replies]
        events = planned_events(random.Random(10), message_ids, scale.events)
        async with Database.opened(database) as db:
            logged_before = await logged(db)
            progress(f"{label}: dispatching {len(events)} reaction events")
            started = time.perf_counter()
            for message_id, emoji, number, adding in events:
                change = live.fake.react if adding else live.fake.unreact
                await change(message_id, emoji, reader(number))
            await until_logged(db, logged_before + len(events))
            seconds = time.perf_counter() - started
            exact = await counts_match(db, live, message_ids)
        return EventRun(label, "bot, through the fake Discord", len(events), seconds, exact, hall_posts(live))


async def logged(database: Database) -> int:
    row = await database.fetch_one("SELECT COUNT(*) FROM reaction_events")
    return int(row[0]) if row else 0


async def until_logged(database: Database, count: int) -> None:
    deadline = time.perf_counter() + SETTLE_TIMEOUT
    while await logged(database) < count:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the bot logged {await logged(database)} of {count} events")
        await asyncio.sleep(POLL_SECONDS)


async def counts_match(database: Database, live: LiveBot, message_ids: list[str]) -> bool:
    ledger = ReactionLedger(database, StillClock())
    for message_id in message_ids:
        truth = Counter({emoji: len(live.fake.reactors(message_id, emoji)) for emoji in EMOJIS})
        if +truth != await ledger.counts(int(message_id)):
            return False
    return True


def hall_posts(live: LiveBot) -> str:
    posts = live.fake.requests_matching("POST", rf"/channels/{payloads.HALL_CHANNEL_ID}/messages")
    originals = Counter(post.json["embeds"][0]["fields"][-1]["value"] for post in posts)
    return f"{len(posts)} ({max(originals.values(), default=0)})"


async def measure_ledger(label: str, database: DatabaseTarget, scale: Scale) -> EventRun:
    """The baseline: the same kind of events straight into the ledger, in this process."""
    async with Database.opened(database) as db:
        registry, ledger = PassageMessages(db, StillClock()), ReactionLedger(db, StillClock())
        message_ids = [str(10_000 + n) for n in range(scale.messages)]
        for message_id in message_ids:
            await registry.record(
                message_id=int(message_id), channel_id=1, guild_id=1, passage_id=1, kind=MessageKind.QUOTE
            )
        events = planned_events(random.Random(10), message_ids, scale.events)
        order = EventOrder(await ledger.next_generation())
        truth: dict[tuple[str, str, int], bool] = {}
        started = time.perf_counter()
        for message_id, emoji, number, adding in events:
            await ledger.record(ReactionEvent(VoteKey(int(message_id), number + 1, emoji), adding, order.next()))
            truth[(message_id, emoji, number)] = adding
        seconds = time.perf_counter() - started
        exact = True
        for message_id in message_ids:
            expected = Counter(e for (m, e, _), on in truth.items() if on and m == message_id)
            exact = exact and expected == await ledger.counts(int(message_id))
    return EventRun(label, "baseline: one transaction per event, no Discord", len(events), seconds, exact)


async def measure_map(label: str, database: DatabaseTarget, scale: Scale, sample: Path | None) -> MapRun:
    async with Database.opened(database) as db:
        library = Library(db)
        await library.add_text(_novel_body("dracula.txt"), slug="dracula", title="Dracula")
        view = await library.load("dracula")
        paragraphs = await db.fetch_all(
            "SELECT id FROM passages WHERE work_id = ? AND kind = 'paragraph' ORDER BY ordinal", (view.record.id,)
        )
        await spread_votes(db, [row[0] for row in paragraphs], scale.map_votes)
        runs, query_times = [], []
        png = b""
        for _ in range(MAP_RUNS):
            started = time.perf_counter()
            data = await map_data(db, library, view.record.id)
            query_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            png = await asyncio.to_thread(render_map, data)
            runs.append(time.perf_counter() - started)
        await library.close()
        if sample is not None:
            sample.write_bytes(png)
    sections = len(view.outline.sections)
    return MapRun(
        label, sections, scale.map_votes, statistics.median(query_times) * 1000, statistics.median(runs) * 1000
    )


async def spread_votes(db: Database, paragraph_ids: list[int], count: int) -> None:
    """Votes loved unevenly: a few hot scenes, a long quiet tail."""
    rng = random.Random(4)
    registry, ledger = PassageMessages(db, StillClock()), ReactionLedger(db, StillClock())
    hot = rng.sample(paragraph_ids, 12)
    order = EventOrder(await ledger.next_generation())
    for number in range(count):
        passage = rng.choice(hot) if rng.random() < 0.4 else rng.choice(paragraph_ids)
        message_id = 50_000 + passage
        if number % 500 == 0 or await registry.get(message_id) is None:
            await registry.record(
                message_id=message_id, channel_id=1, guild_id=1, passage_id=passage, kind=MessageKind.QUOTE
            )
        emoji = rng.choices(EMOJIS, weights=(6, 3, 1, 1))[0]
        await ledger.record(ReactionEvent(VoteKey(message_id, rng.randrange(2000), emoji), True, order.next()))


async def map_data(db: Database, library: Library, work_id: int) -> MapData:
    """What /reactions map gathers before rendering (as cogs/community/reaction_views.py does)."""
    stats, votes = ReactionStats(db), VoteFilter(1, work_id=work_id)
    view = await library.load("dracula")
    order = sorted(view.outline.sections)
    position = {section: index for index, section in enumerate(order)}
    by_section: dict[int, Counter[str]] = {}
    for section, emoji, count in await stats.section_votes(votes):
        by_section.setdefault(position[section], Counter())[emoji] += count
    highlights = []
    for tally in rank_passages(await stats.passage_votes(votes), 3):
        _, paragraph = await library.paragraph_near(tally.passage_id, 0, guild_id=1)
        highlights.append(Highlight(position[paragraph.section], paragraph.text, tally.total))
    names = [view.outline.sections[section].title or "" for section in order]
    return MapData("Dracula", names, by_section, highlights)


@asynccontextmanager
async def backends(folder: Path, server_url: str | None) -> AsyncIterator[list[tuple[str, DatabaseTarget]]]:
    """SQLite files, and scratch PostgreSQL databases if a server is given (three of each: bot, ledger, map)."""
    sqlite = [("SQLite", folder / f"{name}.sqlite3") for name in ("bot", "ledger", "map")]
    if server_url is None:
        yield sqlite
        return
    async with scratch_database(server_url) as bot, scratch_database(server_url) as ledger:
        async with scratch_database(server_url) as map_db:
            yield sqlite + [("PostgreSQL", url) for url in (bot, ledger, map_db)]


async def run(args: argparse.Namespace, scale: Scale) -> tuple[list[EventRun], list[MapRun]]:
    events: list[EventRun] = []
    maps: list[MapRun] = []
    with tempfile.TemporaryDirectory(prefix="folio-reactions-bench-") as scratch:
        async with backends(Path(scratch), args.database_url) as targets:
            for index in range(0, len(targets), 3):
                (label, bot), (_, ledger), (_, map_db) = targets[index : index + 3]
                events.append(await measure_bot(label, bot, scale))
                events.append(await measure_ledger(label, ledger, scale))
                progress(f"{label}: importing Dracula and timing the map")
                maps.append(await measure_map(label, map_db, scale, args.sample if index == 0 else None))
    return events, maps


def event_rows(runs: list[EventRun]) -> list[list[str]]:
    return [
        [
            r.backend,
            r.path,
            f"{r.events:,}",
            f"{r.seconds:.1f}",
            f"{r.events / r.seconds:,.0f}",
            "yes" if r.exact else "NO",
            r.hall_posts,
        ]
        for r in runs
    ]


def map_rows(runs: list[MapRun]) -> list[list[str]]:
    return [
        [
            r.backend,
            f"Dracula ({r.sections} sections)",
            f"{r.votes:,}",
            f"{r.query_ms:.0f}",
            f"{r.render_ms:.0f}",
            f"{r.query_ms + r.render_ms:.0f}",
        ]
        for r in runs
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench reactions", description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables (for docs/benchmarks.md)")
    parser.add_argument("--database-url", help="a PostgreSQL server to measure too (scratch databases are made)")
    parser.add_argument("--sample", type=Path, help="write the Dracula map (SQLite run) to this PNG")
    parser.add_argument("--events", type=int, default=EVENTS, help=f"reaction events (default {EVENTS:,})")
    parser.add_argument("--messages", type=int, default=MESSAGES, help=f"/quote replies (default {MESSAGES})")
    parser.add_argument("--map-votes", type=int, default=MAP_VOTES, help=f"votes on Dracula (default {MAP_VOTES:,})")
    args = parser.parse_args(argv)
    scale = Scale(args.events, args.messages, args.map_votes)
    events, maps = asyncio.run(run(args, scale))
    render = render_markdown if args.markdown else render_plain
    print(render(RESULT_HEADER, event_rows(events)))
    print()
    print(render(MAP_HEADER, map_rows(maps)))
    print()
    print(
        f"{scale.events:,} add/remove events from {READERS} readers over {scale.messages} /quote replies"
        f" and {len(EMOJIS)} emoji,"
        f" hall of fame at {HALL_THRESHOLD}; the fake Discord, the bot and the database on this machine."
        f" {machine_line()}."
    )
    return 0
