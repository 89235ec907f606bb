"""What a server's public page shows, read from the bot's tables: always one server's rows only.

Every query is bound to the server's id; passages are read only from works that
server can see (the shared ones and its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.reactions.hall import EntryState
from bot.storage.database import Database
from bot.storage.reactions import COUNTED
from bot.storage.works import PASSAGE_COLUMNS, passage_from_row
from bot.text.model import Passage

FINISHED_GAMES = "g.status <> 'running'"
"""Games whose scores have been added to the players' statistics."""


@dataclass(frozen=True, slots=True)
class WorkLine:
    id: int
    title: str
    author: str | None


@dataclass(frozen=True, slots=True)
class StoredPassage:
    """A passage with the work it belongs to."""

    passage: Passage
    work_id: int
    work_title: str


@dataclass(frozen=True, slots=True)
class PassageVotes:
    """One passage's votes with one emoji: since each moment asked for, and of all time."""

    passage_id: int
    work_id: int
    emoji: str
    since: tuple[int, ...]
    all_time: int


@dataclass(frozen=True, slots=True)
class PlayerPoints:
    player_id: int
    name: str
    """The display name the player last played under."""
    points: int


class WebContent:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def works(self, guild_id: int) -> list[WorkLine]:
        """The works the server can read: the shared ones and its own, by title."""
        rows = await self._database.fetch_all(
            "SELECT id, title, author FROM works WHERE guild_id IS NULL OR guild_id = ? ORDER BY title, id",
            (guild_id,),
        )
        return [WorkLine(*row) for row in rows]

    async def work_ids(self, guild_id: int, slugs: list[str]) -> dict[str, int]:
        """The ids of the works of these slugs that the server can read (its own before a shared one of the slug)."""
        if not slugs:
            return {}
        marks = ", ".join("?" for _ in slugs)
        rows = await self._database.fetch_all(
            f"SELECT slug, id FROM works WHERE slug IN ({marks}) AND (guild_id IS NULL OR guild_id = ?)"
            " ORDER BY guild_id IS NOT NULL",
            (*slugs, guild_id),
        )
        return {row[0]: row[1] for row in rows}  # the server's own, read last, wins

    async def hall_entries(self, guild_id: int, limit: int) -> list[tuple[int, int]]:
        """(original message, passage) of the server's hall-of-fame entries now posted, highest count first."""
        rows = await self._database.fetch_all(
            "SELECT e.original_message_id, m.passage_id FROM hall_entries e"
            " JOIN passage_messages m ON m.message_id = e.original_message_id AND m.guild_id = e.guild_id"
            " WHERE e.guild_id = ? AND e.state = ? ORDER BY e.shown_count DESC, e.original_message_id DESC LIMIT ?",
            (guild_id, str(EntryState.POSTED), limit),
        )
        return [(row[0], row[1]) for row in rows]

    async def message_votes(self, guild_id: int, message_ids: Sequence[int]) -> list[tuple[int, str, int]]:
        """(original message, emoji, voters) for these messages of the server, counting votes only."""
        if not message_ids:
            return []
        marks = ", ".join("?" * len(message_ids))
        rows = await self._database.fetch_all(
            "SELECT target_message_id, emoji, COUNT(DISTINCT user_id) FROM reaction_votes"
            f" WHERE guild_id = ? AND {COUNTED} AND target_message_id IN ({marks}) GROUP BY target_message_id, emoji",
            (guild_id, *message_ids),
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def passages(self, guild_id: int, passage_ids: Sequence[int]) -> dict[int, StoredPassage]:
        """These passages with their works, those still in a work the server can see."""
        if not passage_ids:
            return {}
        marks = ", ".join("?" * len(passage_ids))
        columns = ", ".join(f"p.{column.strip()}" for column in PASSAGE_COLUMNS.split(","))
        rows = await self._database.fetch_all(
            f"SELECT {columns}, w.id AS work_id, w.title AS work_title FROM passages p JOIN works w ON w.id = p.work_id"
            f" WHERE p.id IN ({marks}) AND (w.guild_id IS NULL OR w.guild_id = ?)",
            (*passage_ids, guild_id),
        )
        return {row["id"]: StoredPassage(passage_from_row(row), row["work_id"], row["work_title"]) for row in rows}

    async def passage_votes(self, guild_id: int, moments: Sequence[datetime]) -> list[PassageVotes]:
        """The server's counting votes per passage and emoji, since each of ``moments`` and of all time, in
        one pass (a vote counts once per person, emoji and passage, however many messages show it, dated
        by its latest reaction);
        passages of works the server cannot see are left out."""
        periods = "".join(", SUM(CASE WHEN d.latest >= ? THEN 1 ELSE 0 END)" for _ in moments)
        rows = await self._database.fetch_all(
            f"SELECT d.passage_id, p.work_id, d.emoji{periods}, COUNT(*) FROM ("
            " SELECT passage_id, user_id, emoji, MAX(voted_at) AS latest FROM reaction_votes"
            f" WHERE guild_id = ? AND {COUNTED} GROUP BY passage_id, user_id, emoji) d"
            " JOIN passages p ON p.id = d.passage_id JOIN works w ON w.id = p.work_id"
            " WHERE w.guild_id IS NULL OR w.guild_id = ? GROUP BY d.passage_id, p.work_id, d.emoji",
            (*(moment.isoformat() for moment in moments), guild_id, guild_id),
        )
        last = 3 + len(moments)
        return [PassageVotes(row[0], row[1], row[2], tuple(int(n) for n in row[3:last]), int(row[last])) for row in rows]

    async def trivia_points(self, guild_id: int, since: datetime, limit: int) -> list[PlayerPoints]:
        """Points of the server's players in games finished since ``since``, best first.

        Only players on the server's leaderboard count, so a reset leaderboard starts every period afresh.
        """
        rows = await self._database.fetch_all(
            "SELECT a.player_id, MAX(t.name), SUM(a.points) AS total FROM trivia_answers a"
            " JOIN trivia_games g ON g.id = a.game_id"
            " JOIN trivia_players t ON t.guild_id = g.guild_id AND t.player_id = a.player_id"
            f" WHERE g.guild_id = ? AND {FINISHED_GAMES} AND a.answered_at >= ?"
            " GROUP BY a.player_id HAVING SUM(a.points) > 0 ORDER BY total DESC, a.player_id LIMIT ?",
            (guild_id, since.timestamp(), limit),
        )
        return [PlayerPoints(row[0], row[1], int(row[2])) for row in rows]

    async def passage_of_the_day(self, guild_id: int) -> tuple[date, int] | None:
        """The day and passage of the server's latest passage of the day."""
        row = await self._database.fetch_one(
            "SELECT day, passage_id FROM daily_posts WHERE guild_id = ? AND passage_id IS NOT NULL"
            " ORDER BY day DESC LIMIT 1",
            (guild_id,),
        )
        return (date.fromisoformat(row[0]), row[1]) if row else None
