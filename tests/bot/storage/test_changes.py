"""Changes announced by one process reach the others' caches at once (PostgreSQL LISTEN/NOTIFY)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config.service import ServerConfigs
from bot.storage.changes import EVERYTHING, ChangeFeed, announce
from bot.storage.database import Database

GUILD, MOD = 11, 21


class FixedClock:
    def timestamp(self) -> float:
        return 1_000.0

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp(), UTC)


async def until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.02)


async def test_sqlite_has_no_feed_and_caches_fall_back_on_their_age(database_target: Path | str) -> None:
    if not isinstance(database_target, Path):
        pytest.skip("SQLite only")
    async with Database.opened(database_target) as database:
        feed = ChangeFeed(database)
        feed.start()
        await feed.publish("config", GUILD)  # nothing to tell, nobody to tell it to
        assert not feed.live
        await feed.close()


async def test_a_change_committed_elsewhere_is_delivered_once_and_a_rollback_never(database_target: Path | str) -> None:
    if isinstance(database_target, Path):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    async with Database.opened(database_target) as listening, Database.opened(database_target) as writing:
        feed = ChangeFeed(listening)
        heard: list[str] = []
        feed.subscribe("config", heard.append)
        feed.start()
        await until(lambda: feed.live)
        assert heard == [EVERYTHING], "a (re)connected feed first says anything may have changed"
        with pytest.raises(RuntimeError):
            async with writing.transaction() as session:
                await announce(session, "config", 7)
                raise RuntimeError("rolled back")
        async with writing.transaction() as session:
            await announce(session, "config", GUILD)
        await until(lambda: len(heard) == 2)
        assert heard == [EVERYTHING, str(GUILD)]
        await feed.close()
        assert not feed.live


async def test_a_settings_change_in_one_process_is_seen_by_the_other_at_once(database_target: Path | str) -> None:
    if isinstance(database_target, Path):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    async with Database.opened(database_target) as first, Database.opened(database_target) as second:
        feed = ChangeFeed(second)
        here, there = ServerConfigs(first, FixedClock()), ServerConfigs(second, FixedClock(), changes=feed)
        feed.start()
        await until(lambda: feed.live)
        assert (await there.get(GUILD)).enabled("quote")  # cached there, on a clock that never moves
        await here.switch_capability(GUILD, "quote", False, channel_id=None, user_id=MOD)
        async with asyncio.timeout(5):
            while (await there.get(GUILD)).enabled("quote"):  # until the notification arrives: no 60 s wait
                await asyncio.sleep(0.02)
        await feed.close()
