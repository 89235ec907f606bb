"""The web process's cache: fresh values served, stale ones served while a reload runs, one load at a time."""

from __future__ import annotations

import asyncio

import pytest

from benchmarks.web_seed import START, SettableClock
from bot.web.app import TimedCache


class Loads:
    def __init__(self) -> None:
        self.count = 0
        self.gate = asyncio.Event()
        self.gate.set()

    async def __call__(self) -> int:
        self.count += 1
        await self.gate.wait()
        return self.count


async def test_a_fresh_value_is_served_without_loading_again() -> None:
    clock, load = SettableClock(START), Loads()
    cache: TimedCache[str, int] = TimedCache(clock, fresh=10)
    assert [await cache.get("k", load), await cache.get("k", load)] == [1, 1]
    clock.moment = START.replace(second=11)
    assert await cache.get("k", load) == 2


async def test_concurrent_readers_share_one_load() -> None:
    clock, load = SettableClock(START), Loads()
    load.gate.clear()
    cache: TimedCache[str, int] = TimedCache(clock, fresh=10)
    readers = [asyncio.create_task(cache.get("k", load)) for _ in range(5)]
    await asyncio.sleep(0)
    load.gate.set()
    assert await asyncio.gather(*readers) == [1] * 5 and load.count == 1


async def test_a_stale_value_is_served_while_it_reloads_then_never_past_its_limit() -> None:
    clock, load = SettableClock(START), Loads()
    cache: TimedCache[str, int] = TimedCache(clock, fresh=10, stale=10)
    await cache.get("k", load)
    clock.moment = START.replace(second=15)
    load.gate.clear()
    assert await cache.get("k", load) == 1  # stale, served at once; the reload waits on the gate
    load.gate.set()
    await asyncio.sleep(0.01)
    assert await cache.get("k", load) == 2
    clock.moment = START.replace(second=40)  # past fresh + stale of the reload at 15 s
    load.gate.clear()
    waiting = asyncio.create_task(cache.get("k", load))
    await asyncio.sleep(0.01)
    assert not waiting.done()
    load.gate.set()
    assert await waiting == 3


async def test_a_failed_load_is_not_kept() -> None:
    clock = SettableClock(START)
    cache: TimedCache[str, int] = TimedCache(clock, fresh=10)

    async def broken() -> int:
        raise OSError("database gone")

    for _ in range(2):
        with pytest.raises(OSError):
            await cache.get("k", broken)
    assert await cache.get("k", Loads()) == 1
