"""Storing each work's characters and speaker attribution (as :mod:`bot.attribution.stored` encodes them)."""

from __future__ import annotations

from bot.storage.database import Database, Session


class AttributionRepository:
    """The stored attribution of each work, for the text (content hash) it was worked out from."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def load(self, work_id: int, content_hash: str) -> bytes | None:
        """The attribution stored for the work's text ``content_hash``; None if there is none for it."""
        row = await self._database.fetch_one(
            "SELECT data FROM work_attribution WHERE work_id = ? AND content_hash = ?", (work_id, content_hash)
        )
        return bytes(row[0]) if row else None

    async def save(self, work_id: int, content_hash: str, data: bytes) -> None:
        async with self._database.transaction() as db:
            await write_attribution(db, work_id, content_hash, data)


async def write_attribution(db: Session, work_id: int, content_hash: str, data: bytes) -> None:
    """Replace the work's stored attribution (inside the caller's transaction)."""
    await db.execute("DELETE FROM work_attribution WHERE work_id = ?", (work_id,))
    await db.execute(
        "INSERT INTO work_attribution (work_id, content_hash, data) VALUES (?, ?, ?)", (work_id, content_hash, data)
    )
