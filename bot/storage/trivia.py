"""Trivia's tables: server settings, moderators' questions, games with their rounds and answers,
and per-player statistics (the leaderboards). See migration 5."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from bot.storage.database import Database, Row
from bot.storage.works import PASSAGE_COLUMNS, passage_from_row
from bot.text.model import Passage, PassageKind
from bot.trivia.bank import CuratedQuestion
from bot.trivia.game import Answer, PlayerScore, Round
from bot.trivia.question import DEFAULT_KINDS, known_kinds
from bot.trivia.settings import TriviaSettings
from bot.trivia.stats import LeaderboardSort, PlayerStats

RUNNING, FINISHED, INTERRUPTED = "running", "finished", "interrupted"
PLAYER_COLUMNS = "player_id, name, points, games, wins, correct, answered, best_streak"
ORDER_BY: dict[LeaderboardSort, str] = {
    LeaderboardSort.POINTS: "points DESC, wins DESC",
    LeaderboardSort.WINS: "wins DESC, points DESC",
    LeaderboardSort.ACCURACY: "COALESCE(CAST(correct AS REAL) / NULLIF(answered, 0), 0) DESC, correct DESC",
    LeaderboardSort.GAMES: "games DESC, points DESC",
}


@dataclass(frozen=True, slots=True)
class GameRecord:
    id: int
    guild_id: int
    channel_id: int
    work_slug: str
    started_at: float


@dataclass(frozen=True, slots=True)
class WorkPassages:
    """The passages questions are made from."""

    dialogues: list[Passage]
    sentences: list[Passage]
    paragraphs: list[Passage]


class TriviaStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    # -- what questions are made from --------------------------------------------------------

    async def passages(self, work_id: int) -> WorkPassages:
        rows = await self._database.fetch_all(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE work_id = ? AND kind IN (?, ?, ?) ORDER BY start_offset",
            (work_id, PassageKind.DIALOGUE, PassageKind.SENTENCE, PassageKind.PARAGRAPH),
        )
        passages = [passage_from_row(row) for row in rows]
        return WorkPassages(
            dialogues=[p for p in passages if p.kind is PassageKind.DIALOGUE],
            sentences=[p for p in passages if p.kind is PassageKind.SENTENCE],
            paragraphs=[p for p in passages if p.kind is PassageKind.PARAGRAPH],
        )

    # -- settings ------------------------------------------------------------------------------

    async def settings(self, guild_id: int) -> TriviaSettings:
        row = await self._database.fetch_one("SELECT * FROM trivia_settings WHERE guild_id = ?", (guild_id,))
        if row is None:
            return TriviaSettings()
        return TriviaSettings(
            timeout_seconds=row["timeout_seconds"],
            rounds=row["rounds"],
            points=row["points"],
            score_to_win=row["score_to_win"],
            max_unanswered=row["max_unanswered"],
            kinds=known_kinds((row["kinds"] or "").split(",")) or DEFAULT_KINDS,
            channels=frozenset(int(channel) for channel in row["channels"].split(",")) if row["channels"] else frozenset(),
        )

    async def save_settings(self, guild_id: int, settings: TriviaSettings) -> None:
        kinds = None if settings.kinds == DEFAULT_KINDS else ",".join(sorted(settings.kinds))
        channels = ",".join(map(str, sorted(settings.channels))) or None
        values = (settings.timeout_seconds, settings.rounds, settings.points, settings.score_to_win,
                  settings.max_unanswered, kinds, channels)
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO trivia_settings (guild_id, timeout_seconds, rounds, points, score_to_win, max_unanswered,"
                " kinds, channels) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET"
                " timeout_seconds = excluded.timeout_seconds, rounds = excluded.rounds, points = excluded.points,"
                " score_to_win = excluded.score_to_win, max_unanswered = excluded.max_unanswered,"
                " kinds = excluded.kinds, channels = excluded.channels",
                (guild_id, *values),
            )

    # -- moderators' questions -------------------------------------------------------------------

    async def questions(self, guild_id: int, work_slug: str) -> list[CuratedQuestion]:
        rows = await self._database.fetch_all(
            "SELECT * FROM trivia_questions WHERE guild_id = ? AND work_slug = ? ORDER BY id", (guild_id, work_slug)
        )
        return [_question_from_row(row) for row in rows]

    async def add_questions(
        self, guild_id: int, work_slug: str, questions: Sequence[CuratedQuestion], added_by: int, now: float,
        *, replace: bool = False,
    ) -> list[int]:
        """Store questions for a server's work (``replace``: instead of the ones it had); their ids."""
        ids = []
        async with self._database.transaction() as db:
            if replace:
                await db.execute(
                    "DELETE FROM trivia_questions WHERE guild_id = ? AND work_slug = ?", (guild_id, work_slug)
                )
            for question in questions:
                row = await db.fetch_one(
                    "INSERT INTO trivia_questions (guild_id, work_slug, question, answer, accepted, wrong, explanation,"
                    " passage, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    (guild_id, work_slug, question.question, question.answer, json.dumps(question.accepted),
                     json.dumps(question.wrong), question.explanation, question.passage, added_by, now),
                )
                ids.append(row[0])
        return ids

    async def remove_question(self, guild_id: int, question_id: int) -> CuratedQuestion | None:
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "SELECT * FROM trivia_questions WHERE guild_id = ? AND id = ?", (guild_id, question_id)
            )
            if row is not None:
                await db.execute("DELETE FROM trivia_questions WHERE id = ?", (question_id,))
        return _question_from_row(row) if row else None

    # -- games -------------------------------------------------------------------------------------

    async def start_game(
        self, guild_id: int, channel_id: int, work_slug: str, now: float, owner: str | None = None
    ) -> int | None:
        """A new running game's id, run by process ``owner``; None if one already runs in the channel."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "INSERT INTO trivia_games (guild_id, channel_id, work_slug, status, started_at, owner)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id) WHERE status = 'running' DO NOTHING RETURNING id",
                (guild_id, channel_id, work_slug, RUNNING, now, owner),
            )
        return row[0] if row else None

    async def record_round(self, game_id: int, round_: Round) -> None:
        question = round_.question
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO trivia_rounds (game_id, number, kind, question, answer, passage_id, asked_at, deadline)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (game_id, round_.number, str(question.kind), question.text, question.answer, question.passage_id,
                 round_.asked_at, round_.deadline),
            )

    async def record_answer(self, game_id: int, answer: Answer) -> bool:
        """Store an answer; False if the player already answered this round (it is not stored)."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "INSERT INTO trivia_answers (game_id, round_number, player_id, player_name, correct, points,"
                " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING player_id",
                (game_id, answer.round_number, answer.player_id, answer.player_name, int(answer.correct),
                 answer.points, answer.answered_at),
            )
        return row is not None

    async def answers(self, game_id: int) -> list[Answer]:
        rows = await self._database.fetch_all(
            "SELECT * FROM trivia_answers WHERE game_id = ? ORDER BY round_number, answered_at", (game_id,)
        )
        return [
            Answer(row["round_number"], row["player_id"], row["player_name"], bool(row["correct"]), row["points"],
                   row["answered_at"])
            for row in rows
        ]

    async def rounds_asked(self, game_id: int) -> int:
        row = await self._database.fetch_one("SELECT COUNT(*) FROM trivia_rounds WHERE game_id = ?", (game_id,))
        return int(row[0]) if row else 0

    async def orphaned_games(self, live_owners: set[str]) -> list[GameRecord]:
        """The running games whose process is not among ``live_owners`` (killed, or stopped)."""
        rows = await self._database.fetch_all(
            "SELECT id, guild_id, channel_id, work_slug, started_at, owner FROM trivia_games WHERE status = ? ORDER BY id",
            (RUNNING,),
        )
        return [GameRecord(row[0], row[1], row[2], row[3], row[4]) for row in rows if row[5] not in live_owners]

    async def finish_game(
        self, game: GameRecord, standings: Sequence[PlayerScore], *, reason: str, now: float, interrupted: bool = False
    ) -> bool:
        """Close a running game and add its scores to the players' statistics (a win for the winner
        of a game that ended by its rules). False if it was already closed (by another process)."""
        winner = standings[0] if standings and standings[0].points > 0 and not interrupted else None
        async with self._database.transaction() as db:
            closed = await db.fetch_one(
                "UPDATE trivia_games SET status = ?, stop_reason = ?, ended_at = ?, winner_id = ?"
                " WHERE id = ? AND status = ? RETURNING id",
                (INTERRUPTED if interrupted else FINISHED, reason, now, winner.player_id if winner else None,
                 game.id, RUNNING),
            )
            if closed is None:
                return False
            await db.executemany(
                "INSERT INTO trivia_players (guild_id, player_id, name, points, games, wins, correct, answered,"
                " best_streak) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?) ON CONFLICT (guild_id, player_id) DO UPDATE SET"
                " name = excluded.name, points = trivia_players.points + excluded.points,"
                " games = trivia_players.games + 1, wins = trivia_players.wins + excluded.wins,"
                " correct = trivia_players.correct + excluded.correct,"
                " answered = trivia_players.answered + excluded.answered,"
                " best_streak = CASE WHEN excluded.best_streak > trivia_players.best_streak"
                " THEN excluded.best_streak ELSE trivia_players.best_streak END",
                [
                    (game.guild_id, p.player_id, p.name, p.points, int(p is winner), p.correct, p.answered,
                     p.best_streak)
                    for p in standings
                ],
            )
        return True

    # -- leaderboards ---------------------------------------------------------------------------------

    async def leaderboard(self, guild_id: int, sort: LeaderboardSort, limit: int) -> list[PlayerStats]:
        rows = await self._database.fetch_all(
            f"SELECT {PLAYER_COLUMNS} FROM trivia_players WHERE guild_id = ? AND answered > 0"
            f" ORDER BY {ORDER_BY[sort]}, player_id LIMIT ?",
            (guild_id, limit),
        )
        return [PlayerStats(*row) for row in rows]

    async def player(self, guild_id: int, player_id: int) -> PlayerStats | None:
        row = await self._database.fetch_one(
            f"SELECT {PLAYER_COLUMNS} FROM trivia_players WHERE guild_id = ? AND player_id = ?", (guild_id, player_id)
        )
        return PlayerStats(*row) if row else None

    async def reset_leaderboard(self, guild_id: int) -> None:
        async with self._database.transaction() as db:
            await db.execute("DELETE FROM trivia_players WHERE guild_id = ?", (guild_id,))


def _question_from_row(row: Row) -> CuratedQuestion:
    return CuratedQuestion(
        question=row["question"],
        answer=row["answer"],
        accepted=tuple(json.loads(row["accepted"])),
        wrong=tuple(json.loads(row["wrong"])),
        explanation=row["explanation"],
        passage=row["passage"],
        id=row["id"],
    )
