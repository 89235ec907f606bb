"""Reading the reaction log: passages ranked, votes per section, who reacts most, history, the export."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from bot.storage.database import Database
from bot.storage.reactions import COUNTED

EXPORT_LIMIT = 50_000
"""Most recent events an export holds (about 5 MB of CSV, within Discord's upload limit)."""


@dataclass(frozen=True, slots=True)
class VoteFilter:
    """Which counting votes of a server to read."""

    guild_id: int
    work_id: int | None = None
    emoji: str | None = None
    since: datetime | None = None
    user_id: int | None = None
    passage_id: int | None = None

    def sql(self) -> tuple[str, list[object]]:
        """The distinct counting votes as a subquery: one per person, emoji and passage, however many
        messages show that passage (a reader who asks for one line eight times and stars each reply
        counts once; each message keeps its own count for the hall of fame)."""
        where, params = ["guild_id = ?", COUNTED], [self.guild_id]
        for column, value in (("emoji", self.emoji), ("user_id", self.user_id), ("passage_id", self.passage_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if self.since is not None:
            where.append("voted_at >= ?")
            params.append(self.since.isoformat())
        query = (
            "SELECT DISTINCT passage_id, user_id, emoji FROM reaction_votes WHERE "
            + " AND ".join(where)
        )
        if self.work_id is not None:
            query = f"SELECT d.* FROM ({query}) d JOIN passages p ON p.id = d.passage_id AND p.work_id = ?"
            params.append(self.work_id)
        return query, params


@dataclass(frozen=True, slots=True)
class PassageHistory:
    added: int
    removed: int
    first: str | None
    last: str | None


class ReactionStats:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def passage_votes(self, votes: VoteFilter) -> list[tuple[int, str, int]]:
        """(passage, emoji, votes) for every passage with counting votes."""
        query, params = votes.sql()
        rows = await self._database.fetch_all(
            f"SELECT passage_id, emoji, COUNT(*) FROM ({query}) v GROUP BY passage_id, emoji", params
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def section_votes(self, votes: VoteFilter) -> list[tuple[int, str, int]]:
        """(section, emoji, votes) of one work (``votes.work_id``)."""
        query, params = votes.sql()
        rows = await self._database.fetch_all(
            f"SELECT p.section, v.emoji, COUNT(*) FROM ({query}) v JOIN passages p ON p.id = v.passage_id"
            " GROUP BY p.section, v.emoji",
            params,
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def reactors(self, votes: VoteFilter, limit: int = 10) -> list[tuple[int, int]]:
        """(user, votes) of who reacts most."""
        query, params = votes.sql()
        rows = await self._database.fetch_all(
            f"SELECT user_id, COUNT(*) AS n FROM ({query}) v GROUP BY user_id ORDER BY n DESC, user_id LIMIT ?",
            [*params, limit],
        )
        return [(row[0], row[1]) for row in rows]

    async def emojis(self, votes: VoteFilter) -> Counter[str]:
        query, params = votes.sql()
        rows = await self._database.fetch_all(f"SELECT emoji, COUNT(*) FROM ({query}) v GROUP BY emoji", params)
        return Counter({row[0]: row[1] for row in rows})

    async def history(self, guild_id: int, passage_id: int) -> PassageHistory:
        """How often readers reacted to a passage and took it back, and when first and last."""
        row = await self._database.fetch_one(
            "SELECT SUM(added), SUM(1 - added), MIN(at), MAX(at) FROM reaction_events"
            " WHERE guild_id = ? AND passage_id = ?",
            (guild_id, passage_id),
        )
        assert row is not None, "an aggregate always has a row"
        return PassageHistory(int(row[0] or 0), int(row[1] or 0), row[2], row[3])

    async def export_rows(self, guild_id: int, limit: int = EXPORT_LIMIT) -> list[tuple[object, ...]]:
        """The server's most recent logged events, oldest first, as export rows."""
        rows = await self._database.fetch_all(
            "SELECT id, at, CASE WHEN added = 1 THEN 'add' ELSE 'remove' END, user_id, emoji, message_id,"
            " target_message_id, passage_id FROM reaction_events WHERE guild_id = ? ORDER BY id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [tuple(row) for row in reversed(rows)]
