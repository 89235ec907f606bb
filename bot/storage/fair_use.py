"""Each server's fair-use limits its moderators changed (migration 10): a command's cooldown, or costly
commands at once. A limit not stored has its default."""

from __future__ import annotations

from bot.storage.changes import announce
from bot.storage.database import Database

TOPIC = "fair_use"
"""What a change is announced as (see :mod:`bot.storage.changes`)."""


class FairUseStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def overrides(self, guild_id: int) -> dict[str, float]:
        rows = await self._database.fetch_all("SELECT name, value FROM fair_use_limits WHERE guild_id = ?", (guild_id,))
        return {row[0]: float(row[1]) for row in rows}

    async def set(self, guild_id: int, name: str, value: float | None, *, user_id: int, now: float) -> None:
        """Store a limit, or (``value`` None) go back to its default."""
        async with self._database.transaction() as db:
            if value is None:
                await db.execute("DELETE FROM fair_use_limits WHERE guild_id = ? AND name = ?", (guild_id, name))
            else:
                await db.execute(
                    "INSERT INTO fair_use_limits (guild_id, name, value, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (guild_id, name) DO UPDATE SET value = excluded.value,"
                    " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                    (guild_id, name, value, user_id, now),
                )
            await announce(db, TOPIC, guild_id)
