"""Per-server settings: the default work."""

from __future__ import annotations

from bot.storage.database import Database
from bot.storage.records import WorkRecord
from bot.storage.works import WORK_COLUMNS, bump_library_version, work_from_row


class GuildSettings:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def default_work(self, guild_id: int) -> WorkRecord | None:
        """The work a server chose as its default, if it chose one that still exists."""
        query = (
            f"SELECT {WORK_COLUMNS} FROM works"
            " WHERE id = (SELECT default_work_id FROM guild_settings WHERE guild_id = ?)"
        )
        row = await self._database.fetch_one(query, (guild_id,))
        return work_from_row(row) if row else None

    async def set_default_work(self, guild_id: int, work_id: int | None) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO guild_settings (guild_id, default_work_id) VALUES (?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET default_work_id = excluded.default_work_id",
                (guild_id, work_id),
            )
            await bump_library_version(db)
