"""How good a question is, as the players of a server found it: how hard, and whether to keep asking it.

Pure rules: :mod:`bot.storage.trivia_history` supplies the counts. A question is known by its
:func:`question_key`, the same whichever game (or process) asked it, so votes, reports and answers
add up across games.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from bot.trivia.question import Question, QuestionKind

REPORTS_TO_RETIRE = 3
"""A question reported by this many players is taken out of the server's games until a moderator restores it."""
MIN_ANSWERS_FOR_DIFFICULTY = 5
"""Below this many answers, a question's difficulty is its kind's usual one."""
EASY_SHARE, HARD_SHARE = 0.7, 0.35
"""Shares of right answers above which a question is easy, and below which it is hard."""


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"


class Vote(StrEnum):
    UP = "up"
    DOWN = "down"
    REPORT = "report"


class Status(StrEnum):
    RETIRED = "retired"
    """Reported by :data:`REPORTS_TO_RETIRE` players: not asked here until a moderator decides."""
    BANNED = "banned"
    """Taken out for good by a moderator."""
    RESTORED = "restored"
    """Put back by a moderator: asked again, and reports no longer retire it."""


USUAL_DIFFICULTY: dict[QuestionKind, Difficulty] = {
    QuestionKind.TRUE_OR_FALSE: Difficulty.EASY,
    QuestionKind.WHO_SAID_IT: Difficulty.EASY,
    QuestionKind.EVENT: Difficulty.MEDIUM,
    QuestionKind.RELATION: Difficulty.MEDIUM,
    QuestionKind.MISSING_WORD: Difficulty.MEDIUM,
    QuestionKind.PLOT: Difficulty.MEDIUM,
    QuestionKind.FINISH_THE_QUOTE: Difficulty.HARD,
    QuestionKind.WHICH_CAME_FIRST: Difficulty.HARD,
}
"""A kind's difficulty before players have answered its questions: guessing one of two is easier
than recalling four words of a line."""


@dataclass(frozen=True, slots=True)
class AnswerCounts:
    answered: int
    correct: int


def question_key(work_slug: str, kind: str, text: str, answer: str) -> str:
    """A short stable key for a question of a work."""
    digest = hashlib.blake2b(f"{work_slug}\x1f{kind}\x1f{text}\x1f{answer}".encode(), digest_size=10)
    return digest.hexdigest()


def key_of(work_slug: str, question: Question) -> str:
    return question_key(work_slug, str(question.kind), question.text, question.answer)


def difficulty(kind: QuestionKind, counts: AnswerCounts | None) -> Difficulty:
    """How hard a question is: from the share of right answers once enough players answered it,
    else its kind's usual difficulty."""
    if counts is None or counts.answered < MIN_ANSWERS_FOR_DIFFICULTY:
        return USUAL_DIFFICULTY.get(kind, Difficulty.MEDIUM)
    share = counts.correct / counts.answered
    if share >= EASY_SHARE:
        return Difficulty.EASY
    return Difficulty.HARD if share < HARD_SHARE else Difficulty.MEDIUM


def retires(reports: int, status: Status | None) -> bool:
    """Whether a question with ``reports`` reports is taken out now (never one a moderator restored)."""
    return status is None and reports >= REPORTS_TO_RETIRE


@dataclass(frozen=True, slots=True)
class Admission:
    """Which generated questions a game here may ask: none its channel was asked lately, none
    retired or banned in the server, and only of the difficulty asked for (if any)."""

    work_slug: str
    recent: Collection[str] = frozenset()
    """Question texts the channel's last games asked."""
    excluded: Collection[str] = frozenset()
    """Keys of retired and banned questions."""
    wanted: Difficulty | None = None
    counts: Mapping[str, AnswerCounts] = field(default_factory=dict)
    """Answers so far, by question text."""

    def __call__(self, question: Question) -> bool:
        if question.text in self.recent or key_of(self.work_slug, question) in self.excluded:
            return False
        return self.wanted is None or difficulty(question.kind, self.counts.get(question.text)) is self.wanted

    def allowing_repeats(self) -> Admission:
        """The same rules but for the recent questions: for a game the unasked questions cannot fill."""
        return Admission(self.work_slug, frozenset(), self.excluded, self.wanted, self.counts)
