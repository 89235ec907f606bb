"""The bot's clock, seen from a test: a file the bot reads (``FOLIO_CLOCK_FILE``) and the test moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

FAST_TICK_SECONDS = "0.05"
"""How often the bot's background loops look at the clock under test (``FOLIO_TICK_SECONDS``)."""


class BotClock:
    """Sets the time a bot started with :meth:`env` sees; starts at ``start`` (UTC)."""

    def __init__(self, path: Path, start: datetime = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)) -> None:
        self.path = path
        self.set(start)

    def env(self) -> dict[str, str]:
        """Variables for :func:`running_folio`'s overrides: this clock, and fast ticks."""
        return {"FOLIO_CLOCK_FILE": str(self.path), "FOLIO_TICK_SECONDS": FAST_TICK_SECONDS}

    def now(self) -> datetime:
        return datetime.fromtimestamp(float(self.path.read_text(encoding="ascii")), UTC)

    def set(self, moment: datetime) -> None:
        """Jump to ``moment`` (timezone-aware); written atomically so the bot never reads half a number."""
        partial = self.path.with_suffix(".partial")
        partial.write_text(repr(moment.timestamp()), encoding="ascii")
        partial.replace(self.path)

    def advance(self, **delta: float) -> datetime:
        """Move forward by ``timedelta(**delta)``; returns the new time."""
        moment = self.now() + timedelta(**delta)
        self.set(moment)
        return moment
