"""The passage of the day's schedules: setting them up, and posting each day that comes due once
(claimed, posted, marked done; a failed post is released and tried again)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.clock import Clock
from bot.discuss.schedule import due_day, latest_slot, zone
from bot.storage.daily import DailySchedule, DailyStore
from bot.storage.database import Database

RETRY_SECONDS = 300.0
"""How long after a failed post the day is tried again."""
STALE_CLAIM_SECONDS = 600.0
"""A day claimed this long ago and still not posted was claimed by a process that died: claim it again."""


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

    async def claim_due(self, owns: Callable[[int], bool], claimer: str) -> list[DueDay]:
        """The schedules of the servers ``owns`` accepts that are due now, each with its day claimed by
        ``claimer``: no process posts that day unless the post fails (:meth:`failed`) or the claim goes
        stale (its process died before posting)."""
        now = self._clock.now()
        stamp = now.timestamp()
        stale_before = stamp - STALE_CLAIM_SECONDS
        claimed = []
        for schedule in await self._store.schedules():
            if not owns(schedule.guild_id):
                continue
            last = await self._store.last_posted(schedule.guild_id, claims_since=stale_before)
            day = due_day(now, schedule.hour, zone(schedule.timezone), schedule.starts_after, last)
            if day is not None and await self._store.claim(
                schedule.guild_id, day, by=claimer, now=stamp, stale_before=stale_before
            ):
                claimed.append(DueDay(schedule, day))
        return claimed

    async def posted(self, due: DueDay, passage_id: int) -> None:
        await self._store.mark_posted(due.schedule.guild_id, due.day, passage_id)

    async def failed(self, due: DueDay) -> float:
        """Release a day whose post failed; returns when it will be tried again (epoch seconds)."""
        retry_at = self._clock.timestamp() + RETRY_SECONDS
        await self._store.release(due.schedule.guild_id, due.day, retry_at=retry_at)
        return retry_at
