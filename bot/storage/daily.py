"""The passage of the day: each server's schedule, and the days already posted (one row per day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.storage.database import Database


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

    async def last_posted(self, guild_id: int) -> date | None:
        row = await self._database.fetch_one("SELECT MAX(day) FROM daily_posts WHERE guild_id = ?", (guild_id,))
        return date.fromisoformat(row[0]) if row and row[0] else None

    async def claim(self, guild_id: int, day: date) -> bool:
        """Mark `day` posted for the server; False if it already was (by this process or another)."""
        async with self._database.transaction() as db:
            claimed = await db.fetch_one(
                "INSERT INTO daily_posts (guild_id, day) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING day",
                (guild_id, day.isoformat()),
            )
        return claimed is not None

    async def set_passage(self, guild_id: int, day: date, passage_id: int) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "UPDATE daily_posts SET passage_id = ? WHERE guild_id = ? AND day = ?",
                (passage_id, guild_id, day.isoformat()),
            )
