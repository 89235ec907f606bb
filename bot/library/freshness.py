"""When a process must read the library's version again before trusting what it cached about the library.

A :class:`~bot.library.service.Library` caches the works each server sees and each server's default.
Reading the library's version before every lookup kept that cache exact, but cost a database trip per
lookup (a third of a `/quote`'s trips). Instead:

- a change **this process** makes forgets the cache at once (:meth:`Freshness.forget`), so a work it
  removed is never served again;
- on PostgreSQL, while the change feed (:class:`~bot.storage.changes.ChangeFeed`, LISTEN/NOTIFY) is
  live, **other processes'** changes arrive as notifications, which forget the cache when they arrive
  (milliseconds after the change commits): no version is read at all;
- otherwise (SQLite, which has no notifications; PostgreSQL while the feed reconnects), the version is
  read again at most every :data:`RECHECK_SECONDS` by the injected clock: another process's change is
  seen within that long.
"""

from __future__ import annotations

from typing import Protocol

from bot.clock import Clock

RECHECK_SECONDS = 2.0
"""Longest a process trusts its cached view of the library without reading the version, when no change
feed tells it of other processes' changes: a work added, replaced or removed elsewhere (the CLI, another
bot process) is seen within this long."""


class Feed(Protocol):
    """What :class:`Freshness` asks of a change feed: whether other processes' changes reach us now."""

    @property
    def live(self) -> bool: ...


class Freshness:
    """Whether the library's version must be read before the cache is used."""

    def __init__(self, clock: Clock, recheck_seconds: float = RECHECK_SECONDS) -> None:
        self._clock = clock
        self._recheck_seconds = recheck_seconds
        self._feed: Feed | None = None
        self._checked_at: float | None = None
        self._check_started = 0.0

    def follow(self, feed: Feed) -> None:
        """Trust ``feed`` to tell of other processes' changes while it is live."""
        self._feed = feed

    def must_check(self) -> bool:
        """Whether the version must be read now (never while the feed is live)."""
        if self._feed is not None and self._feed.live:
            return False
        now = self._clock.timestamp()
        if self._checked_at is not None and 0 <= now - self._checked_at < self._recheck_seconds:
            return False  # (a clock set back counts as due)
        self._check_started = now
        return True

    def checked(self) -> None:
        """The version asked for by the last :meth:`must_check` was read and the cache agrees with it; the
        next check is due :data:`RECHECK_SECONDS` after that ask (so the bound holds however long the read took)."""
        self._checked_at = self._check_started

    def forget(self) -> None:
        """The cache was dropped: read the version before trusting it again."""
        self._checked_at = None
