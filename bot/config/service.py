"""Server configurations as the bot reads them on every interaction: cached, and forgotten on change.

Every command and click asks whether its capability is on, and every moderator
command whether the member holds the moderator role, so each server's
configuration is kept in memory once read. A change made through this process
forgets the cached copy at once, and is announced on the :class:`ChangeFeed`, so
the other processes sharing the database (PostgreSQL) forget theirs as soon as it
commits. Only while the feed is down (its connection lost) is a copy trusted for
at most ``max_age`` seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config.audit import AuditEntry
from bot.config.capabilities import ServerConfig
from bot.config.changes import DEFAULT_WORK
from bot.library.service import Library
from bot.storage.changes import EVERYTHING, ChangeFeed
from bot.storage.database import Database
from bot.storage.records import WorkRecord
from bot.storage.server_config import ServerConfigStore

DEFAULT_MAX_AGE = 60.0
"""Seconds a cached configuration is trusted, while changes from other processes cannot be heard."""
TOPIC = "config"


@dataclass(frozen=True, slots=True)
class _Cached:
    config: ServerConfig
    read_at: float


class ServerConfigs:
    """Read and change server configurations; every change is audited."""

    def __init__(
        self, database: Database, clock: Clock, *, changes: ChangeFeed | None = None, max_age: float = DEFAULT_MAX_AGE
    ) -> None:
        self._store = ServerConfigStore(database)
        self._clock = clock
        self._max_age = max_age
        self._cache: dict[int, _Cached] = {}
        self._changes = changes or ChangeFeed(database)
        self._changes.subscribe(TOPIC, self._changed_elsewhere)

    async def get(self, guild_id: int) -> ServerConfig:
        """A server's configuration, from memory unless it is missing or (while the feed is down) too old."""
        now = self._clock.timestamp()
        cached = self._cache.get(guild_id)
        trusted = cached is not None and (self._changes.live or 0 <= now - cached.read_at < self._max_age)
        if cached is None or not trusted:
            cached = _Cached(await self._store.load(guild_id), now)
            self._cache[guild_id] = cached
        return cached.config

    def forget(self, guild_id: int) -> None:
        self._cache.pop(guild_id, None)

    async def _changed(self, guild_id: int) -> None:
        self.forget(guild_id)
        await self._changes.publish(TOPIC, guild_id)

    def _changed_elsewhere(self, key: str) -> None:
        if key == EVERYTHING:
            self._cache.clear()
        else:
            self.forget(int(key))

    async def switch_capability(
        self, guild_id: int, capability: str, enabled: bool | None, *, channel_id: int | None, user_id: int
    ) -> AuditEntry:
        """Turn `capability` on, off or back to the default, for the server or (with `channel_id`) one channel."""
        entry = await self._store.switch_capability(
            guild_id, capability, enabled, channel_id=channel_id, user_id=user_id, at=self._clock.now()
        )
        await self._changed(guild_id)
        return entry

    async def set_moderator_role(self, guild_id: int, role_id: int | None, *, user_id: int) -> AuditEntry:
        entry = await self._store.set_moderator_role(guild_id, role_id, user_id=user_id, at=self._clock.now())
        await self._changed(guild_id)
        return entry

    async def set_default_work(
        self, library: Library, guild_id: int, slug: str, *, user_id: int
    ) -> tuple[WorkRecord, AuditEntry]:
        """Choose the server's default work (the library stores it) and audit the change."""
        old = await library.default_work(guild_id)
        new = await library.set_default_work(guild_id, slug)
        entry = AuditEntry(guild_id, user_id, DEFAULT_WORK, old.slug, new.slug, self._clock.now())
        await self._store.record(entry)
        return new, entry

    async def recent_changes(self, guild_id: int, limit: int, *, skip: int = 0) -> list[AuditEntry]:
        return await self._store.recent_changes(guild_id, limit, skip=skip)
