"""The bot processes sharing the database: their leases (heartbeats) and Discord's identify slots.

See migration 10. A process inserts its row when it starts, refreshes ``heartbeat_at``
(the bot's clock) while it runs and deletes the row when it stops cleanly; a row
whose heartbeat is older than the lease belongs to a process that was killed.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage.database import Database, Dialect

IDENTIFY_LOCK = 0x466F6C6964
"""Advisory lock keys of the identify buckets start here ("Folid"); bucket n takes this + n."""


class ProcessStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def register(self, instance: str, shard_count: int | None, shard_ids: Sequence[int] | None, now: float) -> None:
        shards = None if shard_ids is None else ",".join(map(str, shard_ids))
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO folio_processes (instance, shard_count, shard_ids, started_at, heartbeat_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (instance) DO UPDATE SET heartbeat_at = excluded.heartbeat_at",
                (instance, shard_count, shards, now, now),
            )

    async def heartbeat(self, instance: str, now: float) -> None:
        async with self._database.transaction() as db:
            await db.execute("UPDATE folio_processes SET heartbeat_at = ? WHERE instance = ?", (now, instance))

    async def unregister(self, instance: str) -> None:
        async with self._database.transaction() as db:
            await db.execute("DELETE FROM folio_processes WHERE instance = ?", (instance,))

    async def alive(self, since: float) -> set[str]:
        """The processes whose last heartbeat is at or after ``since``."""
        rows = await self._database.fetch_all("SELECT instance FROM folio_processes WHERE heartbeat_at >= ?", (since,))
        return {row[0] for row in rows}

    async def forget_dead(self, before: float) -> None:
        async with self._database.transaction() as db:
            await db.execute("DELETE FROM folio_processes WHERE heartbeat_at < ?", (before,))

    async def reserve_identify(self, bucket: int, now: float, interval: float) -> float:
        """Reserve the next IDENTIFY slot of ``bucket``: returns when it is (epoch seconds, >= ``now``).

        The slots of one bucket are ``interval`` apart, whichever process takes them. On
        PostgreSQL the reservation holds the bucket's advisory lock; on SQLite the write
        transaction already makes it the only one.
        """
        async with self._database.transaction() as db:
            if db.dialect is Dialect.POSTGRES:
                await db.execute("SELECT pg_advisory_xact_lock(?)", (IDENTIFY_LOCK + bucket,))
            row = await db.fetch_one("SELECT next_at FROM identify_slots WHERE bucket = ?", (bucket,))
            slot = max(now, float(row[0])) if row else now
            await db.execute(
                "INSERT INTO identify_slots (bucket, next_at) VALUES (?, ?)"
                " ON CONFLICT (bucket) DO UPDATE SET next_at = excluded.next_at",
                (bucket, slot + interval),
            )
        return slot
