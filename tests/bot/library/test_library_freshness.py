"""How soon a process sees the library another process changed, without reading its version on every lookup."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import UnknownWork
from bot.library.freshness import RECHECK_SECONDS, Freshness
from bot.library.service import Library, LibraryOptions
from bot.library.uploads import BUNDLED_SLUG
from bot.storage.changes import ChangeFeed
from bot.storage.database import Database
from bot.storage.works import WorkRepository

KEEPER = "The Keeper\n\nThe keeper climbed the stairs every night.\n\nHe lit the great lamp at dusk.\n"


class ManualClock:
    """Time that moves only when the test says so."""

    def __init__(self) -> None:
        self.seconds = 1_000_000.0

    def timestamp(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.seconds, UTC)


class Feed:
    def __init__(self, live: bool) -> None:
        self.live = live


@pytest.fixture
def version_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each read of the library's version, as it happens (the real read, counted)."""
    reads: list[int] = []
    read = WorkRepository.library_version

    async def counted(self: WorkRepository) -> int:
        reads.append(await read(self))
        return reads[-1]

    monkeypatch.setattr(WorkRepository, "library_version", counted)
    return reads


async def slugs(library: Library) -> list[str]:
    return [summary.work.slug for summary in await library.works()]


def test_the_version_is_read_again_only_once_the_last_read_is_old() -> None:
    clock = ManualClock()
    freshness = Freshness(clock, recheck_seconds=2.0)
    assert freshness.must_check()
    freshness.checked()
    clock.seconds += 1.99
    assert not freshness.must_check()
    clock.seconds += 0.01
    assert freshness.must_check()
    freshness.checked()
    clock.seconds -= 60  # a clock set back never stretches the bound
    assert freshness.must_check()
    freshness.checked()
    freshness.forget()
    assert freshness.must_check()


def test_a_live_feed_is_trusted_and_a_lost_one_is_not() -> None:
    clock, feed = ManualClock(), Feed(live=True)
    freshness = Freshness(clock, recheck_seconds=2.0)
    freshness.follow(feed)
    assert not freshness.must_check()
    clock.seconds += 3600
    assert not freshness.must_check()
    feed.live = False
    assert freshness.must_check()


async def test_another_process_s_change_is_seen_within_the_bound(
    database_target: Path | str, version_reads: list[int]
) -> None:
    """No change feed (SQLite; PostgreSQL while it reconnects): the version is read at most every RECHECK_SECONDS."""
    clock = ManualClock()
    async with Database.opened(database_target) as here_db, Database.opened(database_target) as there_db:
        elsewhere, here = Library(there_db), Library(here_db, options=LibraryOptions(clock=clock))
        assert await slugs(here) == [BUNDLED_SLUG]
        reads = len(version_reads)
        await elsewhere.add_text(KEEPER, slug="keeper")
        for _ in range(3):
            assert await slugs(here) == [BUNDLED_SLUG]  # trusted, unread, for up to RECHECK_SECONDS
        assert len(version_reads) == reads
        clock.seconds += RECHECK_SECONDS
        assert await slugs(here) == [BUNDLED_SLUG, "keeper"]
        assert (await here.lookup("he lit the great lamp", slug="keeper")).hits
        await elsewhere.remove_work("keeper", guild_id=None)
        clock.seconds += RECHECK_SECONDS
        with pytest.raises(UnknownWork):
            await here.lookup("he lit the great lamp", slug="keeper")


async def test_a_work_this_process_removed_is_never_served_again(database_target: Path | str) -> None:
    clock = ManualClock()  # never moves: the removal itself must drop the cache
    async with Database.opened(database_target) as database:
        library = Library(database, options=LibraryOptions(clock=clock))
        await library.add_text(KEEPER, slug="keeper")
        assert (await library.lookup("he lit the great lamp", slug="keeper")).hits
        await library.remove_work("keeper", guild_id=None)
        with pytest.raises(UnknownWork):
            await library.lookup("he lit the great lamp", slug="keeper")
        assert await slugs(library) == [BUNDLED_SLUG]


async def test_a_list_read_while_the_library_changed_is_not_kept(
    database_target: Path | str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change announced while a list of works is being read may postdate that read: the list is used once."""
    async with Database.opened(database_target) as database:
        library = Library(database, options=LibraryOptions(clock=ManualClock()))
        await library.works()
        reads: list[int | None] = []
        visible = WorkRepository.visible

        async def counted(self: WorkRepository, guild_id: int | None = None):  # type: ignore[no-untyped-def]
            reads.append(guild_id)
            return await visible(self, guild_id)

        monkeypatch.setattr(WorkRepository, "visible", counted)
        reading = asyncio.create_task(library.works(5))
        while not reads:  # until the read is under way
            await asyncio.sleep(0)
        library.forget_cached()  # as a notification arriving meanwhile
        await reading
        await library.works(5)
        assert reads == [5, 5]


async def test_with_a_live_feed_no_version_is_read_and_changes_arrive_as_notices(
    database_target: Path | str, version_reads: list[int]
) -> None:
    if isinstance(database_target, Path):
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's")
    clock = ManualClock()  # never moves: only the notification can tell
    async with Database.opened(database_target) as here_db, Database.opened(database_target) as there_db:
        elsewhere, here = Library(there_db), Library(here_db, options=LibraryOptions(clock=clock))
        feed = ChangeFeed(here_db)
        here.follow(feed)
        feed.start()
        async with asyncio.timeout(5):
            while not feed.live:
                await asyncio.sleep(0.02)
        reads = len(version_reads)
        assert await slugs(here) == [BUNDLED_SLUG]
        await elsewhere.add_text(KEEPER, slug="keeper")
        async with asyncio.timeout(5):
            while await slugs(here) != [BUNDLED_SLUG, "keeper"]:  # until the notice arrives (milliseconds)
                await asyncio.sleep(0.02)
        found = (await here.lookup("he lit the great lamp", slug="keeper")).hits
        assert found and len(version_reads) == reads
        await feed.close()  # the feed lost: the version is read again
        await WorkRepository(there_db).delete(found[0].work.record.id)  # as `remove-work` does, no version read
        with pytest.raises(UnknownWork):
            await here.lookup("he lit the great lamp", slug="keeper")
        assert len(version_reads) == reads + 1
