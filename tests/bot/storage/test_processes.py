"""Processes sharing one database, on either backend: leases, identify turns, and the games of a gone process."""

import asyncio
from pathlib import Path

import pytest

from bot.storage.database import Database
from bot.storage.processes import ProcessStore
from bot.storage.trivia import TriviaStore

GUILD, CHANNEL = 11, 21


@pytest.fixture
async def database(database_target: Path | str):
    db = await Database.open(database_target)
    yield db
    await db.close()


async def test_a_lease_lives_while_renewed_and_ends_when_released(database: Database) -> None:
    store = ProcessStore(database)
    await store.register("a", 2, [0], now=100.0)
    await store.register("b", 2, [1], now=100.0)
    await store.heartbeat("a", now=150.0)
    assert await store.alive(since=120.0) == {"a"}
    await store.unregister("a")
    assert await store.alive(since=0.0) == {"b"}
    await store.forget_dead(before=120.0)
    assert await store.alive(since=0.0) == set()


async def test_identify_turns_of_a_bucket_are_an_interval_apart_across_processes(database_target: Path | str) -> None:
    async with Database.opened(database_target) as first, Database.opened(database_target) as second:
        turns = await asyncio.gather(
            *(ProcessStore(db).reserve_identify(0, now=1000.0, interval=5.0) for db in (first, second, first)),
            ProcessStore(second).reserve_identify(1, now=1000.0, interval=5.0),
        )
    assert sorted(turns[:3]) == [1000.0, 1005.0, 1010.0]
    assert turns[3] == 1000.0  # another bucket does not wait
    async with Database.opened(database_target) as later:
        assert await ProcessStore(later).reserve_identify(0, now=2000.0, interval=5.0) == 2000.0


async def test_only_the_games_of_gone_processes_are_orphaned(database: Database) -> None:
    store = TriviaStore(database)
    mine = await store.start_game(GUILD, CHANNEL, "story", now=1.0, owner="alive")
    theirs = await store.start_game(GUILD, CHANNEL + 1, "story", now=1.0, owner="killed")
    legacy = await store.start_game(GUILD, CHANNEL + 2, "story", now=1.0)  # from before owners were kept
    orphaned = await store.orphaned_games({"alive"})
    assert sorted(game.id for game in orphaned) == sorted([theirs, legacy])
    assert mine not in {game.id for game in orphaned}
