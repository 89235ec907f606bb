"""Where Folio reads the time: the system clock, or a file that tests move forward.

Everything that depends on time (trivia timeouts, the passage of the day, expiry)
asks a :class:`Clock` for ``now()`` instead of calling :func:`time.time` or
sleeping until a moment. Background loops poll every ``tick`` seconds and compare
``now()`` with their deadlines, so a test that moves a :class:`FileClock` forward
sees the effect on the next tick without waiting the real time.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    """The current time, as a timezone-aware UTC datetime and as seconds since the epoch."""

    def timestamp(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real time."""

    def timestamp(self) -> float:
        return time.time()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp(), UTC)


class FileClock:
    """The time written in a file (seconds since the epoch), read afresh on every call.

    Only for tests (``FOLIO_CLOCK_FILE``): a test process writes the file to move the
    bot's time forward. A missing or unreadable file is an error, never the real time.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def timestamp(self) -> float:
        return float(self.path.read_text(encoding="ascii").strip())

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.timestamp(), UTC)


def clock_for(path: Path | None) -> Clock:
    """A :class:`FileClock` on ``path`` if one is given, else the :class:`SystemClock`."""
    return SystemClock() if path is None else FileClock(path)
