"""Reading progress: how far a server, one of its channels or one reader has read a work."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.storage.database import Database, Row

COLUMNS = "guild_id, scope, target_id, work_slug, position, label, set_by, updated_at"


class Scope(StrEnum):
    SERVER = "server"
    CHANNEL = "channel"
    READER = "reader"


@dataclass(frozen=True, slots=True)
class ProgressKey:
    """Whose progress: a server's (``target_id`` 0), a channel's or a reader's, in one work."""

    guild_id: int
    scope: Scope
    target_id: int
    work_slug: str


@dataclass(frozen=True, slots=True)
class StoredProgress:
    key: ProgressKey
    position: int
    """The chapter's 1-based position in reading order."""
    label: str
    """The chapter's label ("Chapter III")."""
    set_by: int
    updated_at: float


class ProgressStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def save(self, progress: StoredProgress) -> None:
        key = progress.key
        async with self._database.transaction() as db:
            await db.execute(
                f"INSERT INTO reading_progress ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, scope, target_id, work_slug) DO UPDATE SET position = excluded.position,"
                " label = excluded.label, set_by = excluded.set_by, updated_at = excluded.updated_at",
                (
                    key.guild_id,
                    str(key.scope),
                    key.target_id,
                    key.work_slug,
                    progress.position,
                    progress.label,
                    progress.set_by,
                    progress.updated_at,
                ),
            )

    async def clear(self, key: ProgressKey) -> bool:
        """Forget one progress; False if there was none."""
        where = "guild_id = ? AND scope = ? AND target_id = ? AND work_slug = ?"
        params = (key.guild_id, str(key.scope), key.target_id, key.work_slug)
        async with self._database.transaction() as db:
            found = await db.fetch_one(f"SELECT 1 FROM reading_progress WHERE {where}", params)
            await db.execute(f"DELETE FROM reading_progress WHERE {where}", params)
        return found is not None

    async def for_work(self, guild_id: int, work_slug: str, whose: list[tuple[Scope, int]]) -> list[StoredProgress]:
        """The progress stored for ``work_slug`` by each of ``whose`` (scope and target id) that has one."""
        if not whose:
            return []
        either = " OR ".join("(scope = ? AND target_id = ?)" for _ in whose)
        rows = await self._database.fetch_all(
            f"SELECT {COLUMNS} FROM reading_progress WHERE guild_id = ? AND work_slug = ? AND ({either})",
            (guild_id, work_slug, *(value for scope, target in whose for value in (str(scope), target))),
        )
        return [_from_row(row) for row in rows]

    async def in_server(self, guild_id: int) -> list[StoredProgress]:
        """Every server and channel progress of a server (not readers'), oldest change first."""
        rows = await self._database.fetch_all(
            f"SELECT {COLUMNS} FROM reading_progress WHERE guild_id = ? AND scope <> ? ORDER BY updated_at",
            (guild_id, str(Scope.READER)),
        )
        return [_from_row(row) for row in rows]


def _from_row(row: Row) -> StoredProgress:
    key = ProgressKey(row["guild_id"], Scope(row["scope"]), row["target_id"], row["work_slug"])
    return StoredProgress(key, row["position"], row["label"], row["set_by"], row["updated_at"])
