"""The passage of the day's schedules: setting them up, and claiming each day that comes due once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.clock import Clock
from bot.discuss.schedule import due_day, latest_slot, zone
from bot.storage.daily import DailySchedule, DailyStore
from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class DueDay:
    schedule: DailySchedule
    day: date


class DailyPlanner:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._store = DailyStore(database)
        self._clock = clock

    async def set_up(self, guild_id: int, channel_id: int, hour: int, timezone: str) -> datetime:
        """Post every day at `hour` in `timezone` (checked); returns when the first post comes (UTC)."""
        tz = zone(timezone)
        starts_after = latest_slot(self._clock.now(), hour, tz)
        await self._store.set_schedule(DailySchedule(guild_id, channel_id, hour, tz.key, starts_after))
        last = await self._store.last_posted(guild_id)
        first_day = max(starts_after, last or starts_after) + timedelta(days=1)
        return datetime.combine(first_day, time(hour), tz)

    async def turn_off(self, guild_id: int) -> bool:
        return await self._store.remove_schedule(guild_id)

    async def claim_due(self) -> list[DueDay]:
        """The schedules due now, each with its day claimed: no process will post that day again."""
        now = self._clock.now()
        claimed = []
        for schedule in await self._store.schedules():
            last = await self._store.last_posted(schedule.guild_id)
            day = due_day(now, schedule.hour, zone(schedule.timezone), schedule.starts_after, last)
            if day is not None and await self._store.claim(schedule.guild_id, day):
                claimed.append(DueDay(schedule, day))
        return claimed

    async def posted(self, due: DueDay, passage_id: int) -> None:
        await self._store.set_passage(due.schedule.guild_id, due.day, passage_id)
