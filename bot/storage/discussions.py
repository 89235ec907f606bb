"""Passages posted for discussion: where, when, and the thread opened on each."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.database import Database


@dataclass(frozen=True, slots=True)
class Discussion:
    guild_id: int
    channel_id: int
    passage_id: int
    message_id: int
    thread_id: int | None
    origin: str
    """What posted it: "discuss" (a reader's /discuss) or "daily" (the passage of the day)."""
    created_at: float
    """Seconds since the epoch (from the bot's clock)."""


COLUMNS = "guild_id, channel_id, passage_id, message_id, thread_id, origin, created_at"


class DiscussionStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def record(self, discussion: Discussion) -> int:
        """Store the discussion; returns its row id (to add its thread once opened)."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                f"INSERT INTO discussions ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    discussion.guild_id,
                    discussion.channel_id,
                    discussion.passage_id,
                    discussion.message_id,
                    discussion.thread_id,
                    discussion.origin,
                    discussion.created_at,
                ),
            )
        assert row is not None, "INSERT ... RETURNING returns the row"
        return int(row[0])

    async def set_thread(self, discussion_id: int, thread_id: int) -> None:
        async with self._database.transaction() as db:
            await db.execute("UPDATE discussions SET thread_id = ? WHERE id = ?", (thread_id, discussion_id))

    async def latest(self, guild_id: int, passage_id: int, since: float) -> Discussion | None:
        """The newest discussion of the passage in this server posted at or after `since`."""
        row = await self._database.fetch_one(
            f"SELECT {COLUMNS} FROM discussions WHERE guild_id = ? AND passage_id = ?"
            " AND created_at >= ? ORDER BY created_at DESC, id DESC LIMIT 1",
            (guild_id, passage_id, since),
        )
        return Discussion(*row) if row else None

    async def discussed(self, guild_id: int) -> set[int]:
        """Every passage this server has discussed."""
        rows = await self._database.fetch_all(
            "SELECT DISTINCT passage_id FROM discussions WHERE guild_id = ?", (guild_id,)
        )
        return {row[0] for row in rows}

    async def claim(self, guild_id: int, passage_id: int, claimant: int, *, now: float, stale_before: float) -> bool:
        """Claim the passage's next discussion for ``claimant``; False if another holds a claim made since
        ``stale_before``. The primary key decides between simultaneous claims, in any process."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "INSERT INTO discussion_claims (guild_id, passage_id, claimant, claimed_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (guild_id, passage_id) DO UPDATE"
                " SET claimant = excluded.claimant, claimed_at = excluded.claimed_at"
                " WHERE discussion_claims.claimed_at < ? RETURNING claimant",
                (guild_id, passage_id, claimant, now, stale_before),
            )
        return row is not None and int(row[0]) == claimant

    async def release(self, guild_id: int, passage_id: int, claimant: int) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "DELETE FROM discussion_claims WHERE guild_id = ? AND passage_id = ? AND claimant = ?",
                (guild_id, passage_id, claimant),
            )
