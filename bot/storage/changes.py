"""Telling the other processes what changed, so their caches forget it at once.

On PostgreSQL a change is a ``NOTIFY folio_changes, '<topic>:<key>'`` (ids only, never
content), sent inside the writing transaction so it is delivered when, and only if,
it commits. Every process listens on one dedicated connection and calls the
callbacks subscribed to the topic. If that connection is lost, notifications may be
missed: when it is back, every subscriber is told that everything may have changed
(key ``*``). SQLite has no notifications: the feed never goes live there, and caches
fall back on reading again after a while (one process forgets what it changes itself).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable

from bot.storage.database import Database, Dialect, Session

log = logging.getLogger(__name__)

CHANNEL = "folio_changes"
EVERYTHING = "*"
"""The key a subscriber gets when it may have missed changes (the listener reconnected)."""
RECONNECT_DELAYS = (0.5, 1.0, 2.0, 5.0)
Subscriber = Callable[[str], None]
"""Called with the changed key (an id, as text) or :data:`EVERYTHING`."""


async def announce(session: Session, topic: str, key: object) -> None:
    """Inside a write transaction: tell the other processes ``topic``'s ``key`` changed, once it commits."""
    if session.dialect is Dialect.POSTGRES:
        await session.execute("SELECT pg_notify(?, ?)", (CHANNEL, f"{topic}:{key}"))


class ChangeFeed:
    """The changes other processes announce, handed to the callbacks subscribed to their topic."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._subscribers: dict[str, list[Subscriber]] = defaultdict(list)
        self._task: asyncio.Task[None] | None = None
        self._connected = False

    @property
    def live(self) -> bool:
        """Whether changes made elsewhere reach this process now (else caches must not be trusted long)."""
        return self._connected

    def subscribe(self, topic: str, callback: Subscriber) -> None:
        self._subscribers[topic].append(callback)

    async def publish(self, topic: str, key: object) -> None:
        """Announce a change made outside a transaction of its own."""
        if self._database.dialect is Dialect.POSTGRES:
            async with self._database.transaction() as session:
                await announce(session, topic, key)

    def start(self) -> None:
        if self._database.dialect is Dialect.POSTGRES and self._task is None:
            self._task = asyncio.create_task(self._listen_forever(), name="folio-change-feed")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def _deliver(self, payload: str) -> None:
        topic, _, key = payload.partition(":")
        for callback in self._subscribers.get(topic, []):
            try:
                callback(key)
            except Exception:
                log.exception("A cache failed to take a change to %s", payload)

    def _deliver_everything(self) -> None:
        for topic in list(self._subscribers):
            self._deliver(f"{topic}:{EVERYTHING}")

    async def _listen_forever(self) -> None:
        import asyncpg

        failures = 0
        while True:
            try:
                connection = await asyncpg.connect(str(self._database.target), timeout=10)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError) as error:
                delay = RECONNECT_DELAYS[min(failures, len(RECONNECT_DELAYS) - 1)]
                failures += 1
                log.warning("Cannot listen for other processes' changes (%s); trying again in %.1fs", error, delay)
                await asyncio.sleep(delay)
                continue
            failures = 0
            await self._listen(connection)

    async def _listen(self, connection) -> None:  # type: ignore[no-untyped-def]
        """Deliver notifications until ``connection`` is lost."""
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _connection: lost.set())
        try:
            await connection.add_listener(CHANNEL, lambda _c, _pid, _channel, payload: self._deliver(payload))
            self._connected = True
            self._deliver_everything()  # what changed while nobody listened
            log.info("Listening for other processes' changes")
            await lost.wait()
            log.warning("Lost the connection that listens for other processes' changes; reconnecting")
        finally:
            self._connected = False
            if not connection.is_closed():
                await connection.close(timeout=2)
