"""Fair use as the bot applies it: admit a costly command or say how long to wait, per server's limits.

Cooldowns and running work are kept in the memory of the process that owns the server's shard
(every interaction of a server reaches that one process; those of direct messages all reach shard 0's,
where a member's cooldowns are kept under :data:`DIRECT_MESSAGES`). A restarted process starts with
none: a member may use each costly command once more right after their server's process restarts.
Limits are read once per server and forgotten when a moderator changes them, in any process
(:class:`~bot.storage.changes.ChangeFeed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.fair_use.limits import DEFAULT_COOLDOWNS, HeavyWork, MemberCooldowns, ServerLimits, checked, seconds_text
from bot.storage.changes import EVERYTHING, ChangeFeed
from bot.storage.database import Database
from bot.storage.fair_use import TOPIC, FairUseStore

DIRECT_MESSAGES = 0
"""Where cooldowns of commands used in direct messages are kept (no server has id 0)."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a costly command does not run now, for the member who asked (a private note)."""

    message: str
    retry_after: float


@dataclass(frozen=True, slots=True)
class Admission:
    """A costly command let in: hand it back to :meth:`FairUse.finished` when it ends."""

    guild_id: int | None


class FairUse:
    def __init__(self, database: Database, clock: Clock, changes: ChangeFeed) -> None:
        self._store = FairUseStore(database)
        self._clock = clock
        self._limits: dict[int, ServerLimits] = {}
        self._cooldowns = MemberCooldowns()
        self._heavy = HeavyWork()
        changes.subscribe(TOPIC, self._changed_elsewhere)

    @staticmethod
    def is_costly(command: str) -> bool:
        return command in DEFAULT_COOLDOWNS

    async def limits(self, guild_id: int) -> ServerLimits:
        if guild_id not in self._limits:
            self._limits[guild_id] = ServerLimits.from_overrides(await self._store.overrides(guild_id))
        return self._limits[guild_id]

    async def admit(self, guild_id: int | None, user_id: int, command: str) -> Admission | Refusal:
        """Let ``command`` run for ``user_id`` now (in ``guild_id``, or None: a direct message, with the
        default cooldowns and no limit of work at once), or say why not and for how long."""
        place = DIRECT_MESSAGES if guild_id is None else guild_id
        limits = ServerLimits() if guild_id is None else await self.limits(guild_id)
        now = self._clock.timestamp()
        wait = self._cooldowns.wait(place, command, user_id, limits.cooldowns[command], now)
        if wait > 0:
            return Refusal(f"You can use /{command} again in {seconds_text(wait)}.", wait)
        if guild_id is not None and not self._heavy.try_start(guild_id, limits.at_once):
            return Refusal(
                f"I'm already working on {limits.at_once} costly requests for this server. "
                f"Please try /{command} again in a few seconds.",
                5.0,
            )
        self._cooldowns.use(place, command, user_id, now)
        return Admission(guild_id)

    def finished(self, admission: Admission) -> None:
        if admission.guild_id is not None:
            self._heavy.finish(admission.guild_id)

    async def change(self, guild_id: int, name: str, value: float | None, *, user_id: int) -> ServerLimits:
        """A moderator sets a limit (checked against its bounds) or, with None, resets it."""
        stored = None if value is None else checked(name, value)
        await self._store.set(guild_id, name, stored, user_id=user_id, now=self._clock.timestamp())
        self._limits.pop(guild_id, None)
        return await self.limits(guild_id)

    def _changed_elsewhere(self, key: str) -> None:
        if key == EVERYTHING:
            self._limits.clear()
        else:
            self._limits.pop(int(key), None)
