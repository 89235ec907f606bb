"""The passage of the day: each server's schedule, and its days: claimed, posted, or released to retry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.storage.database import Database

CLAIMED, DONE, RELEASED = "claimed", "done", "released"
"""A day's states (migration 10): being posted by ``claimed_by``; posted; its post failed, retried later."""


@dataclass(frozen=True, slots=True)
class DailySchedule:
    guild_id: int
    channel_id: int
    hour: int
    """Local hour (0-23) to post at."""
    timezone: str
    """An IANA zone name ("Europe/Paris")."""
    starts_after: date
    """The last local day that is not posted: the day of the set-up when its hour had passed."""


class DailyStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def set_schedule(self, schedule: DailySchedule) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO daily_schedules (guild_id, channel_id, hour, timezone, starts_after) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, hour = excluded.hour,"
                " timezone = excluded.timezone, starts_after = excluded.starts_after",
                (
                    schedule.guild_id,
                    schedule.channel_id,
                    schedule.hour,
                    schedule.timezone,
                    schedule.starts_after.isoformat(),
                ),
            )

    async def remove_schedule(self, guild_id: int) -> bool:
        """Stop a server's passage of the day; False if it had none."""
        async with self._database.transaction() as db:
            found = await db.fetch_one("SELECT 1 FROM daily_schedules WHERE guild_id = ?", (guild_id,))
            await db.execute("DELETE FROM daily_schedules WHERE guild_id = ?", (guild_id,))
        return found is not None

    async def schedules(self) -> list[DailySchedule]:
        rows = await self._database.fetch_all(
            "SELECT guild_id, channel_id, hour, timezone, starts_after FROM daily_schedules ORDER BY guild_id"
        )
        return [DailySchedule(row[0], row[1], row[2], row[3], date.fromisoformat(row[4])) for row in rows]

    async def schedule(self, guild_id: int) -> DailySchedule | None:
        """One server's schedule; None if it has no passage of the day."""
        row = await self._database.fetch_one(
            "SELECT guild_id, channel_id, hour, timezone, starts_after FROM daily_schedules WHERE guild_id = ?",
            (guild_id,),
        )
        return DailySchedule(row[0], row[1], row[2], row[3], date.fromisoformat(row[4])) if row else None

    async def last_posted(self, guild_id: int, *, claims_since: float = float("-inf")) -> date | None:
        """The latest day posted, or claimed at or after ``claims_since`` (a claim being posted now)."""
        row = await self._database.fetch_one(
            "SELECT MAX(day) FROM daily_posts WHERE guild_id = ? AND (status = ? OR (status = ? AND claimed_at >= ?))",
            (guild_id, DONE, CLAIMED, claims_since),
        )
        return date.fromisoformat(row[0]) if row and row[0] else None

    async def claim(
        self, guild_id: int, day: date, *, by: str = "", now: float = 0.0, stale_before: float = float("-inf")
    ) -> bool:
        """Claim `day` for posting; False if it is posted, or claimed since ``stale_before`` (by any process),
        or released until later. A claim older than ``stale_before`` (its process died) is taken over."""
        async with self._database.transaction() as db:
            claimed = await db.fetch_one(
                "INSERT INTO daily_posts (guild_id, day, status, claimed_by, claimed_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, day) DO UPDATE SET status = excluded.status,"
                " claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at"
                " WHERE (daily_posts.status = ? AND daily_posts.retry_at <= excluded.claimed_at)"
                " OR (daily_posts.status = ? AND daily_posts.claimed_at < ?)"
                " RETURNING day",
                (guild_id, day.isoformat(), CLAIMED, by, now, RELEASED, CLAIMED, stale_before),
            )
        return claimed is not None

    async def mark_posted(self, guild_id: int, day: date, passage_id: int) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "UPDATE daily_posts SET status = ?, passage_id = ? WHERE guild_id = ? AND day = ?",
                (DONE, passage_id, guild_id, day.isoformat()),
            )

    async def release(self, guild_id: int, day: date, *, retry_at: float) -> None:
        """Give a claimed day back after a failed post: it is claimed again from ``retry_at`` on."""
        async with self._database.transaction() as db:
            await db.execute(
                "UPDATE daily_posts SET status = ?, retry_at = ?, attempts = attempts + 1 WHERE guild_id = ? AND day = ?",
                (RELEASED, retry_at, guild_id, day.isoformat()),
            )
