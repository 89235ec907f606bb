"""The passage of the day's storage, on SQLite or PostgreSQL: a day is claimed once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.storage.daily import DailySchedule, DailyStore
from bot.storage.database import Database
from bot.storage.discussions import Discussion, DiscussionStore

pytestmark = pytest.mark.asyncio

GUILD = 1_300_000_000_000_000_100


async def test_a_day_is_claimed_once_even_by_two_connections(database_target: Path | str) -> None:
    async with Database.opened(database_target) as first, Database.opened(database_target) as second:
        assert await DailyStore(first).claim(GUILD, date(2026, 12, 1))
        assert not await DailyStore(second).claim(GUILD, date(2026, 12, 1))
        assert await DailyStore(second).claim(GUILD, date(2026, 12, 2))
        assert await DailyStore(first).last_posted(GUILD) == date(2026, 12, 2)


async def test_a_schedule_is_set_replaced_and_removed(database_target: Path | str) -> None:
    async with Database.opened(database_target) as database:
        store = DailyStore(database)
        await store.set_schedule(DailySchedule(GUILD, 1, 9, "UTC", date(2026, 11, 30)))
        await store.set_schedule(DailySchedule(GUILD, 2, 10, "Europe/Paris", date(2026, 11, 29)))
        assert await store.schedules() == [DailySchedule(GUILD, 2, 10, "Europe/Paris", date(2026, 11, 29))]
        assert await store.remove_schedule(GUILD)
        assert not await store.remove_schedule(GUILD)
        assert await store.schedules() == []


async def test_discussions_are_found_by_passage_newest_first(database_target: Path | str) -> None:
    async with Database.opened(database_target) as database:
        store = DiscussionStore(database)
        old = await store.record(Discussion(GUILD, 1, 42, 100, None, "discuss", 1000.0))
        new = await store.record(Discussion(GUILD, 1, 42, 200, None, "daily", 2000.0))
        await store.set_thread(new, 200)
        latest = await store.latest(GUILD, 42, since=1500.0)
        assert latest is not None and (latest.message_id, latest.thread_id) == (200, 200)
        assert await store.latest(GUILD, 42, since=2500.0) is None
        assert await store.latest(GUILD + 1, 42, since=0.0) is None
        assert await store.discussed(GUILD) == {42} and old != new


async def test_a_failed_post_is_released_and_claimed_again_when_due(database_target: Path | str) -> None:
    async with Database.opened(database_target) as database:
        store = DailyStore(database)
        day = date(2026, 12, 1)
        assert await store.claim(GUILD, day, by="a", now=100.0)
        await store.release(GUILD, day, retry_at=400.0)
        assert await store.last_posted(GUILD) is None, "a released day is not posted"
        assert not await store.claim(GUILD, day, by="b", now=399.0)
        assert await store.claim(GUILD, day, by="b", now=400.0)
        assert not await store.claim(GUILD, day, by="c", now=401.0)
        await store.mark_posted(GUILD, day, passage_id=7)
        assert await store.last_posted(GUILD) == day
        assert not await store.claim(GUILD, day, by="c", now=10_000.0, stale_before=9_000.0)


async def test_a_claim_whose_process_died_is_taken_over_once_stale(database_target: Path | str) -> None:
    async with Database.opened(database_target) as database:
        store = DailyStore(database)
        day = date(2026, 12, 1)
        assert await store.claim(GUILD, day, by="killed", now=100.0)
        assert await store.last_posted(GUILD, claims_since=50.0) == day
        assert await store.last_posted(GUILD, claims_since=200.0) is None
        assert not await store.claim(GUILD, day, by="next", now=150.0, stale_before=50.0)
        assert await store.claim(GUILD, day, by="next", now=800.0, stale_before=200.0)
