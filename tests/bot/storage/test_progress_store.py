"""Reading progress storage, on SQLite or PostgreSQL: one row per server, channel or reader and work."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.storage.database import Database
from bot.storage.progress import ProgressKey, ProgressStore, Scope, StoredProgress

pytestmark = pytest.mark.asyncio

GUILD = 1_300_000_000_000_000_100
CHANNEL = 1_300_000_000_000_000_200
READER = 1_300_000_000_000_000_401


async def test_progress_is_replaced_found_by_whose_it_is_and_cleared(database_target: Path | str) -> None:
    async with Database.opened(database_target) as database:
        store = ProgressStore(database)
        server = ProgressKey(GUILD, Scope.SERVER, 0, "dracula")
        channel = ProgressKey(GUILD, Scope.CHANNEL, CHANNEL, "dracula")
        await store.save(StoredProgress(server, 2, "Chapter II", READER, 10.0))
        await store.save(StoredProgress(server, 3, "Chapter III", READER, 20.0))
        await store.save(StoredProgress(channel, 5, "Chapter V", READER, 30.0))
        await store.save(StoredProgress(ProgressKey(GUILD, Scope.READER, READER, "dracula"), 9, "Chapter IX", 1, 40.0))
        found = await store.for_work(GUILD, "dracula", [(Scope.SERVER, 0), (Scope.CHANNEL, CHANNEL)])
        assert sorted((p.key.scope, p.position, p.label) for p in found) == [
            (Scope.CHANNEL, 5, "Chapter V"),
            (Scope.SERVER, 3, "Chapter III"),
        ]
        assert await store.for_work(GUILD, "frankenstein", [(Scope.SERVER, 0)]) == []
        assert [p.key.scope for p in await store.in_server(GUILD)] == [Scope.SERVER, Scope.CHANNEL]
        assert await store.clear(channel)
        assert not await store.clear(channel)
        assert [p.key.scope for p in await store.in_server(GUILD)] == [Scope.SERVER]
