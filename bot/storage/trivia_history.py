"""Trivia's memory across games: what a channel was asked lately, how players did on each question,
their votes and reports, moderators' decisions, and leaderboards over a period or a work."""

from __future__ import annotations

from dataclasses import dataclass

from bot.storage.database import Database
from bot.storage.trivia import ORDER_BY, PlayerStats
from bot.trivia.quality import AnswerCounts, Status, Vote
from bot.trivia.stats import LeaderboardSort

RECENT_GAMES = 5
"""A channel is not asked again what its last this-many games asked."""
MIN_ANSWERS_FOR_ACCURACY = 10
"""Players with fewer answers are left off a leaderboard sorted by accuracy."""


@dataclass(frozen=True, slots=True)
class AskedRound:
    """A round as stored, with the game's server and channel (to check a click against)."""

    guild_id: int
    channel_id: int
    work_slug: str
    kind: str
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class ReviewedQuestion:
    """A question players reported, or moderators decided on."""

    key: str
    work_slug: str
    kind: str
    question: str
    answer: str
    status: Status | None
    reports: int
    ups: int
    downs: int


class TriviaHistory:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def recent_questions(self, channel_id: int, games: int = RECENT_GAMES) -> set[str]:
        """The questions the channel's last ``games`` games asked."""
        rows = await self._database.fetch_all(
            "SELECT question FROM trivia_rounds WHERE game_id IN"
            " (SELECT id FROM trivia_games WHERE channel_id = ? ORDER BY id DESC LIMIT ?)",
            (channel_id, games),
        )
        return {row[0] for row in rows}

    async def answer_counts(self, guild_id: int, work_slug: str) -> dict[str, AnswerCounts]:
        """How many players answered each question of the work asked in this server, and how many rightly."""
        rows = await self._database.fetch_all(
            "SELECT r.question, COUNT(*), SUM(a.correct) FROM trivia_rounds r"
            " JOIN trivia_games g ON g.id = r.game_id"
            " JOIN trivia_answers a ON a.game_id = r.game_id AND a.round_number = r.number"
            " WHERE g.guild_id = ? AND g.work_slug = ? GROUP BY r.question",
            (guild_id, work_slug),
        )
        return {row[0]: AnswerCounts(int(row[1]), int(row[2] or 0)) for row in rows}

    async def asked_round(self, game_id: int, number: int) -> AskedRound | None:
        row = await self._database.fetch_one(
            "SELECT g.guild_id, g.channel_id, g.work_slug, r.kind, r.question, r.answer FROM trivia_rounds r"
            " JOIN trivia_games g ON g.id = r.game_id WHERE r.game_id = ? AND r.number = ?",
            (game_id, number),
        )
        return AskedRound(*row) if row else None

    # -- votes, reports, decisions -----------------------------------------------------------------

    async def vote(self, guild_id: int, key: str, user_id: int, vote: Vote, now: float) -> tuple[bool, int]:
        """Record a player's vote; (whether it is new, how many players have reported the question)."""
        async with self._database.transaction() as db:
            added = await db.fetch_one(
                "INSERT INTO trivia_feedback (guild_id, question_key, user_id, vote, voted_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING user_id",
                (guild_id, key, user_id, str(vote), now),
            )
            reports = await db.fetch_one(
                "SELECT COUNT(*) FROM trivia_feedback WHERE guild_id = ? AND question_key = ? AND vote = ?",
                (guild_id, key, str(Vote.REPORT)),
            )
        return added is not None, int(reports[0]) if reports else 0

    async def status(self, guild_id: int, key: str) -> Status | None:
        row = await self._database.fetch_one(
            "SELECT status FROM trivia_question_status WHERE guild_id = ? AND question_key = ?", (guild_id, key)
        )
        return Status(row[0]) if row else None

    async def set_status(
        self, guild_id: int, key: str, asked: AskedRound, status: Status, by: int | None, now: float
    ) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO trivia_question_status (guild_id, question_key, work_slug, kind, question, answer,"
                " status, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (guild_id, question_key) DO UPDATE SET status = excluded.status,"
                " changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                (guild_id, key, asked.work_slug, asked.kind, asked.question, asked.answer, str(status), by, now),
            )

    async def change_status(self, guild_id: int, key: str, status: Status, by: int, now: float) -> bool:
        """A moderator's decision on a question already listed for review; False if it is not listed."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "UPDATE trivia_question_status SET status = ?, changed_by = ?, changed_at = ?"
                " WHERE guild_id = ? AND question_key = ? RETURNING question_key",
                (str(status), by, now, guild_id, key),
            )
        return row is not None

    async def excluded(self, guild_id: int) -> set[str]:
        """Keys of the questions not to ask in this server (retired or banned)."""
        rows = await self._database.fetch_all(
            "SELECT question_key FROM trivia_question_status WHERE guild_id = ? AND status IN (?, ?)",
            (guild_id, str(Status.RETIRED), str(Status.BANNED)),
        )
        return {row[0] for row in rows}

    async def reviewed(self, guild_id: int, limit: int) -> list[ReviewedQuestion]:
        """Questions moderators should look at: retired, banned or restored, newest decision first."""
        rows = await self._database.fetch_all(
            "SELECT s.question_key, s.work_slug, s.kind, s.question, s.answer, s.status,"
            " SUM(CASE WHEN f.vote = 'report' THEN 1 ELSE 0 END), SUM(CASE WHEN f.vote = 'up' THEN 1 ELSE 0 END),"
            " SUM(CASE WHEN f.vote = 'down' THEN 1 ELSE 0 END)"
            " FROM trivia_question_status s LEFT JOIN trivia_feedback f"
            " ON f.guild_id = s.guild_id AND f.question_key = s.question_key"
            " WHERE s.guild_id = ? GROUP BY s.question_key, s.work_slug, s.kind, s.question, s.answer, s.status,"
            " s.changed_at ORDER BY s.changed_at DESC LIMIT ?",
            (guild_id, limit),
        )
        return [
            ReviewedQuestion(row[0], row[1], row[2], row[3], row[4], Status(row[5]), int(row[6] or 0),
                             int(row[7] or 0), int(row[8] or 0))
            for row in rows
        ]

    # -- leaderboards over a period or a work ------------------------------------------------------

    async def reset(self, guild_id: int, now: float) -> None:
        """Start the server's period leaderboards afresh (with :meth:`TriviaStore.reset_leaderboard`)."""
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO trivia_leaderboard_resets (guild_id, reset_at) VALUES (?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET reset_at = excluded.reset_at",
                (guild_id, now),
            )

    async def leaderboard(
        self, guild_id: int, sort: LeaderboardSort, limit: int, *, since: float, work_slug: str | None
    ) -> list[PlayerStats]:
        """Players' results from answers given since ``since`` (and since the last reset), in games
        about ``work_slug`` (None: any work)."""
        reset = await self._database.fetch_one(
            "SELECT reset_at FROM trivia_leaderboard_resets WHERE guild_id = ?", (guild_id,)
        )
        since = max(since, float(reset[0])) if reset else since
        game_work = " AND g.work_slug = ?" if work_slug is not None else ""
        won_work = " AND w.work_slug = ?" if work_slug is not None else ""
        work_params: tuple[object, ...] = (work_slug,) if work_slug is not None else ()
        minimum = MIN_ANSWERS_FOR_ACCURACY if sort is LeaderboardSort.ACCURACY else 1
        rows = await self._database.fetch_all(
            "SELECT * FROM (SELECT a.player_id, MAX(a.player_name) AS name, SUM(a.points) AS points,"
            " COUNT(DISTINCT a.game_id) AS games,"
            " (SELECT COUNT(*) FROM trivia_games w WHERE w.winner_id = a.player_id AND w.guild_id = ?"
            f"  AND w.ended_at >= ?{won_work}) AS wins,"
            " SUM(a.correct) AS correct, COUNT(*) AS answered, 0 AS best_streak"
            " FROM trivia_answers a JOIN trivia_games g ON g.id = a.game_id"
            f" WHERE g.guild_id = ? AND a.answered_at >= ?{game_work} GROUP BY a.player_id) AS period"
            f" WHERE answered >= ? ORDER BY {ORDER_BY[sort]}, player_id LIMIT ?",
            (guild_id, since, *work_params, guild_id, since, *work_params, minimum, limit),
        )
        return [PlayerStats(*row) for row in rows]
