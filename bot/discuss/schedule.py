"""When the passage of the day is due: local days and hours in a server's time zone.

A schedule posts once per local day, at its hour. :func:`due_day` is the one
rule: the latest local day whose hour has come, if it is after both the day the
schedule started after and the last day posted. After downtime that is only
the latest missed day: a catch-up posts once, never a backlog.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import FolioError, echo

DEFAULT_TIMEZONE = "UTC"
MAX_TIMEZONE_CHARS = 64


class InvalidTimezone(FolioError):
    """A time zone name that is not an IANA zone."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"I don't know the time zone {echo(name)}. Use a name like Europe/Paris, America/New_York or UTC."
        )


def zone(name: str) -> ZoneInfo:
    """The IANA time zone `name`; raises :class:`InvalidTimezone` for anything else."""
    cleaned = name.strip()
    if not cleaned or len(cleaned) > MAX_TIMEZONE_CHARS or cleaned.startswith(("/", ".")) or ".." in cleaned:
        raise InvalidTimezone(name)
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidTimezone(name) from error


@cache
def _zone_names() -> tuple[str, ...]:
    """Every IANA zone name, shortest first (read once: listing them walks the time zone database)."""
    return tuple(sorted(available_timezones(), key=lambda name: (len(name), name)))


def timezone_names(typed: str, limit: int) -> list[str]:
    """Zone names containing what was typed (for autocomplete), shortest first."""
    needle = typed.strip().casefold().replace(" ", "_")
    return [name for name in _zone_names() if needle in name.casefold()][:limit]


def latest_slot(now: datetime, hour: int, tz: ZoneInfo) -> date:
    """The latest local day whose posting hour has come by `now`."""
    local = now.astimezone(tz)
    return local.date() if local.hour >= hour else local.date() - timedelta(days=1)


def due_day(now: datetime, hour: int, tz: ZoneInfo, starts_after: date, last_posted: date | None) -> date | None:
    """The local day to post for now, or None if it is not time (see the module's doc)."""
    slot = latest_slot(now, hour, tz)
    if slot <= starts_after or (last_posted is not None and slot <= last_posted):
        return None
    return slot
