"""What the capability gate costs every command: the server's configuration cached, against read each time.

Every slash command, autocomplete and ◀ ▶ click asks whether its capability is
on where it is used (:class:`cogs.core.gating.FolioTree`). The bot keeps each
server's configuration in memory (:class:`bot.config.service.ServerConfigs`);
the baseline, measured in the same run on the same database, reads it from
the database for every check (:meth:`bot.storage.server_config.ServerConfigStore.load`),
as a gate without a cache would. The server has a moderator role, three server
switches and two channel overrides. Times are per check, wall clock, after a warm-up.

Run: ``python -m benchmarks.config_gate_bench [--checks 2000] [--database-url postgresql://...]``
(the PostgreSQL URL names an empty database the benchmark may write to).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.clock import SystemClock
from bot.config.capabilities import ServerConfig
from bot.config.service import ServerConfigs
from bot.storage.database import Database, DatabaseTarget
from bot.storage.server_config import ServerConfigStore

GUILD, CHANNEL, OTHER_CHANNEL, MOD, ROLE = 1_300_000_000_000_000_100, 200, 201, 403, 301
WARM_UP = 50


async def seed(database: Database) -> None:
    store, now = ServerConfigStore(database), SystemClock().now()
    await store.set_moderator_role(GUILD, ROLE, user_id=MOD, at=now)
    for capability, enabled in (("trivia", False), ("reactions", False), ("ask", True)):
        await store.switch_capability(GUILD, capability, enabled, channel_id=None, user_id=MOD, at=now)
    await store.switch_capability(GUILD, "trivia", True, channel_id=CHANNEL, user_id=MOD, at=now)
    await store.switch_capability(GUILD, "quote", False, channel_id=OTHER_CHANNEL, user_id=MOD, at=now)


async def timed(check: Callable[[], Awaitable[ServerConfig]], count: int) -> list[float]:
    """Seconds per call of `check` (deciding "quote" in CHANNEL with what it returns)."""
    for _ in range(WARM_UP):
        (await check()).decide("quote", [CHANNEL, None])
    times = []
    for _ in range(count):
        start = time.perf_counter()
        (await check()).decide("quote", [CHANNEL, None])
        times.append(time.perf_counter() - start)
    return times


async def measure(target: DatabaseTarget, count: int) -> dict[str, list[float]]:
    async with Database.opened(target) as database:
        await seed(database)
        store, configs = ServerConfigStore(database), ServerConfigs(database, SystemClock())
        return {
            "read each time (baseline)": await timed(lambda: store.load(GUILD), count),
            "cached (the bot)": await timed(lambda: configs.get(GUILD), count),
        }


def table(backend: str, results: dict[str, list[float]]) -> list[str]:
    rows = []
    for name, times in results.items():
        ordered = sorted(times)
        p99 = ordered[int(len(ordered) * 0.99) - 1]
        median, mean = statistics.median(times), statistics.mean(times)
        rows.append(f"| {backend} | {name} | {median * 1e6:,.1f} | {mean * 1e6:,.1f} | {p99 * 1e6:,.1f} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks.config_gate_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=2000, help="checks timed per configuration")
    parser.add_argument("--database-url", help="also measure on this (empty) PostgreSQL database")
    args = parser.parse_args(argv)
    lines = [
        "| backend | configuration | median µs per check | mean µs | p99 µs |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    with tempfile.TemporaryDirectory() as folder:
        lines += table("SQLite", asyncio.run(measure(Path(folder) / "bench.sqlite3", args.checks)))
    if args.database_url:
        lines += table("PostgreSQL", asyncio.run(measure(args.database_url, args.checks)))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
