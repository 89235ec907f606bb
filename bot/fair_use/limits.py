"""The rules of fair use, with no Discord and no SQL: which commands cost, how long a member waits
between two uses, and how many costly commands one server may run at once.

Each server's moderators may change these within :data:`COOLDOWN_BOUNDS` and :data:`AT_ONCE_BOUNDS`.
Time is whatever clock the caller passes (seconds), so tests move it instead of sleeping.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.errors import FolioError

DEFAULT_COOLDOWNS: dict[str, float] = {
    "ask": 10.0,
    "reactions map": 20.0,
    "character": 5.0,
    "trivia start": 15.0,
    "library add": 30.0,
    "discuss": 10.0,
}
"""Seconds a member waits between two uses of each costly command (by its full name)."""
COOLDOWN_BOUNDS = (0.0, 600.0)
"""What moderators may set a cooldown to (0 turns it off)."""
AT_ONCE = "at once"
"""The name of the per-server limit on costly commands running at the same time."""
DEFAULT_AT_ONCE = 3
AT_ONCE_BOUNDS = (1, 10)
MEMBERS_KEPT = 50_000
"""Past uses remembered before expired ones are swept (bounds memory under a flood of members)."""


class LimitOutOfBounds(FolioError):
    """A moderator's value outside what a limit allows; the message says what is allowed."""


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """One server's limits: the defaults, with its moderators' changes."""

    cooldowns: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_COOLDOWNS))
    at_once: int = DEFAULT_AT_ONCE

    @classmethod
    def from_overrides(cls, overrides: Mapping[str, float]) -> ServerLimits:
        cooldowns = {name: overrides.get(name, default) for name, default in DEFAULT_COOLDOWNS.items()}
        return cls(cooldowns, int(overrides.get(AT_ONCE, DEFAULT_AT_ONCE)))


def checked(name: str, value: float) -> float:
    """``value`` for the limit ``name``, or :class:`LimitOutOfBounds` saying what is allowed."""
    if name == AT_ONCE:
        low, high = AT_ONCE_BOUNDS
        if value != int(value) or not low <= value <= high:
            raise LimitOutOfBounds(f"Costly commands at once must be a whole number from {low} to {high}.")
        return float(value)
    if name not in DEFAULT_COOLDOWNS:
        raise LimitOutOfBounds(f"There is no cooldown for {name}; the costly commands are {', '.join(DEFAULT_COOLDOWNS)}.")
    shortest, longest = COOLDOWN_BOUNDS
    if not shortest <= value <= longest:
        raise LimitOutOfBounds(f"A cooldown is from {shortest:.0f} to {longest:.0f} seconds (0 turns it off).")
    return float(value)


class MemberCooldowns:
    """When each member last used each costly command in each server."""

    def __init__(self, kept: int = MEMBERS_KEPT) -> None:
        self._last: dict[tuple[int, str, int], float] = {}
        self._kept = kept

    def wait(self, guild_id: int, command: str, user_id: int, cooldown: float, now: float) -> float:
        """Seconds ``user_id`` must still wait before using ``command`` again (0: they may now)."""
        last = self._last.get((guild_id, command, user_id))
        if last is None or cooldown <= 0:
            return 0.0
        return max(0.0, last + cooldown - now)

    def use(self, guild_id: int, command: str, user_id: int, now: float) -> None:
        if len(self._last) >= self._kept:
            self._sweep(now)
        self._last[(guild_id, command, user_id)] = now

    def _sweep(self, now: float) -> None:
        """Forget uses older than the longest cooldown allowed; if still full, the oldest half."""
        horizon = now - COOLDOWN_BOUNDS[1]
        self._last = {key: at for key, at in self._last.items() if at > horizon}
        if len(self._last) >= self._kept:
            newest = sorted(self._last.items(), key=lambda item: item[1])[len(self._last) // 2 :]
            self._last = dict(newest)


class HeavyWork:
    """How many costly commands each server has running now."""

    def __init__(self) -> None:
        self._running: dict[int, int] = {}

    def try_start(self, guild_id: int, limit: int) -> bool:
        """Count one more running in ``guild_id`` unless ``limit`` already run; whether it was counted."""
        running = self._running.get(guild_id, 0)
        if running >= limit:
            return False
        self._running[guild_id] = running + 1
        return True

    def finish(self, guild_id: int) -> None:
        running = self._running.get(guild_id, 0) - 1
        if running > 0:
            self._running[guild_id] = running
        else:
            self._running.pop(guild_id, None)

    def running(self, guild_id: int) -> int:
        return self._running.get(guild_id, 0)


def seconds_text(seconds: float) -> str:
    """A wait as a reader reads it: "1 second", "12 seconds", "2 minutes"."""
    whole = max(1, math.ceil(seconds))
    if whole < 120:
        return f"{whole} second{'s' if whole != 1 else ''}"
    return f"{math.ceil(whole / 60)} minutes"
