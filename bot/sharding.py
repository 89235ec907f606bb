"""Several Folio processes on one database: who owns which server, who is alive, and identify turns.

A server's events reach only the process running its shard, ``(guild_id >> 22) % SHARD_COUNT``
(:meth:`Settings.owns_guild`), so per-server jobs started by events (a trivia game, a hall
edit) already run there. Jobs started by the clock (the passage of the day, closing the
games of a killed process) ask :meth:`Settings.owns_guild` first. A process proves it is
alive with a lease in the database (:class:`ProcessLease`): work owned by a process whose
lease lapsed is taken over by the process that now owns its servers.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable

from bot.clock import Clock
from bot.settings import Settings
from bot.storage.database import Database
from bot.storage.processes import ProcessStore

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 10.0
"""How often (on the bot's clock) a process renews its lease."""
LEASE_SECONDS = 3 * HEARTBEAT_SECONDS
"""A process whose last heartbeat is older than this is taken for dead."""
FORGOTTEN_AFTER_SECONDS = 86_400.0
"""A dead process's row is deleted a day after its last heartbeat (its games are orphaned either way)."""


class ProcessLease:
    """This process's row in ``folio_processes``: registered at start, renewed, removed at a clean stop."""

    def __init__(self, database: Database, settings: Settings, clock: Clock) -> None:
        self.instance = uuid.uuid4().hex
        self._store = ProcessStore(database)
        self._settings = settings
        self._clock = clock
        self._renewed_at = 0.0
        self.registered = False

    async def register(self) -> None:
        now = self._clock.timestamp()
        await self._store.register(self.instance, self._settings.shard_count, self._settings.shard_ids, now)
        self._renewed_at = now
        self.registered = True

    async def renew_if_due(self) -> None:
        """Renew the lease when :data:`HEARTBEAT_SECONDS` passed since the last renewal."""
        now = self._clock.timestamp()
        if now - self._renewed_at >= HEARTBEAT_SECONDS:
            await self._store.heartbeat(self.instance, now)
            await self._store.forget_dead(before=now - FORGOTTEN_AFTER_SECONDS)
            self._renewed_at = now

    async def release(self) -> None:
        self.registered = False
        await self._store.unregister(self.instance)

    async def live_instances(self) -> set[str]:
        """Every process whose lease still holds (this one included)."""
        return await self._store.alive(self._clock.timestamp() - LEASE_SECONDS) | {self.instance}


class IdentifyGate:
    """Discord's identify rate limit, shared by every process through the database.

    Discord lets ``max_concurrency`` sessions IDENTIFY per 5 seconds: shard ``n`` is in bucket
    ``n % max_concurrency``, and each bucket's turns are ``interval`` apart, whichever process
    takes them. This uses the wall clock, as Discord does.
    """

    def __init__(self, database: Database, interval: float, wall_clock: Callable[[], float] = time.time) -> None:
        self._store = ProcessStore(database)
        self._interval = interval
        self._wall_clock = wall_clock
        self.max_concurrency = 1

    async def wait_turn(self, shard_id: int) -> None:
        bucket = shard_id % max(1, self.max_concurrency)
        now = self._wall_clock()
        slot = await self._store.reserve_identify(bucket, now, self._interval)
        if slot > now:
            log.info("Shard %d waits %.1fs for its identify turn (bucket %d)", shard_id, slot - now, bucket)
            await asyncio.sleep(slot - now)
