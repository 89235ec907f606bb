"""A trivia game's rules: rounds with deadlines, one answer per player, points with a speed bonus
and streaks, stop rules, and the summary. Pure: time comes in as arguments (seconds since the
epoch, from the bot's clock), nothing is stored here (see :mod:`bot.storage.trivia`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bot.trivia.judging import is_correct
from bot.trivia.question import AnswerFormat, Question


@dataclass(frozen=True, slots=True)
class GameRules:
    rounds: int = 10
    timeout_seconds: float = 30.0
    points: int = 10
    """Points for a correct answer."""
    speed_bonus: int = 5
    """Extra points for an instant answer, falling to 0 at the deadline."""
    streak_bonus: int = 2
    """Extra points per earlier correct answer in a row, up to :attr:`max_streak_bonus`."""
    max_streak_bonus: int = 6
    score_to_win: int | None = None
    """The game ends as soon as someone has this many points."""
    max_unanswered: int | None = 3
    """The game ends after this many questions in a row nobody answered."""


HINT_COST = 2
"""A right answer after a hint scores this many times fewer points."""


class AnswerStatus(StrEnum):
    CORRECT = "correct"
    WRONG = "wrong"
    ALREADY_ANSWERED = "already answered"
    CLOSED = "closed"
    """No question is open, or its time is up."""


class StopReason(StrEnum):
    ROUNDS = "every question was asked"
    SCORE = "someone reached the winning score"
    UNANSWERED = "nobody answered for a while"
    OUT_OF_QUESTIONS = "the questions ran out"
    STOPPED = "a player stopped it"
    INTERRUPTED = "the bot restarted"
    FAILED = "the bot could not post in the channel"


@dataclass(frozen=True, slots=True)
class Answer:
    """One player's answer to one round, as scored (and as stored)."""

    round_number: int
    player_id: int
    player_name: str
    correct: bool
    points: int
    answered_at: float


@dataclass(frozen=True, slots=True)
class AnswerOutcome:
    status: AnswerStatus
    points: int = 0
    streak: int = 0


@dataclass(slots=True)
class PlayerScore:
    player_id: int
    name: str
    points: int = 0
    correct: int = 0
    answered: int = 0
    streak: int = 0
    best_streak: int = 0
    reached_at: float = 0.0
    """When the player reached their current points: ties go to whoever got there first."""

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0


@dataclass(slots=True)
class Round:
    number: int
    """From 1."""
    question: Question
    asked_at: float
    deadline: float
    answers: dict[int, Answer] = field(default_factory=dict)
    hinted: set[int] = field(default_factory=set)
    """Players who asked for a hint (their right answer scores half)."""

    def first_correct(self) -> Answer | None:
        correct = [answer for answer in self.answers.values() if answer.correct]
        return min(correct, key=lambda answer: answer.answered_at, default=None)


@dataclass(frozen=True, slots=True)
class GameSummary:
    rounds_played: int
    reason: StopReason
    standings: list[PlayerScore]

    @property
    def winner(self) -> PlayerScore | None:
        """The player with the most points (the first to reach them on a tie), if anyone scored."""
        return self.standings[0] if self.standings and self.standings[0].points > 0 else None


class TriviaGame:
    """One game in one channel. The caller asks questions, passes answers, and closes rounds
    when :meth:`due` says the deadline passed; a closed round may end the game (:attr:`stop_reason`)."""

    def __init__(self, questions: Sequence[Question], rules: GameRules) -> None:
        self.questions = list(questions)[: rules.rounds]
        self.rules = rules
        self.rounds: list[Round] = []
        self.current: Round | None = None
        self.scores: dict[int, PlayerScore] = {}
        self.stop_reason: StopReason | None = None
        self._unanswered_in_a_row = 0

    @property
    def finished(self) -> bool:
        return self.stop_reason is not None

    def ask_next(self, now: float) -> Round:
        """Open the next round; its deadline is the rules' timeout from now."""
        assert self.current is None and not self.finished, "close the open round first"
        question = self.questions[len(self.rounds)]
        self.current = Round(len(self.rounds) + 1, question, now, now + self.rules.timeout_seconds)
        self.rounds.append(self.current)
        return self.current

    def answer(self, player_id: int, name: str, guess: str, now: float) -> AnswerOutcome:
        """Score ``guess`` (an option's text, or typed text) — once per player and round."""
        round_ = self.current
        if round_ is None or now > round_.deadline:
            return AnswerOutcome(AnswerStatus.CLOSED)
        if player_id in round_.answers:
            return AnswerOutcome(AnswerStatus.ALREADY_ANSWERED)
        player = self.scores.setdefault(player_id, PlayerScore(player_id, name))
        correct = judge(round_.question, guess)
        points = self._points(player, round_, now) if correct else 0
        if player_id in round_.hinted:
            points //= HINT_COST
        answer = Answer(round_.number, player_id, name, correct, points, now)
        round_.answers[player_id] = answer
        _score(player, answer)
        return AnswerOutcome(AnswerStatus.CORRECT if correct else AnswerStatus.WRONG, points, player.streak)

    def hint(self, player_id: int, now: float) -> str | None:
        """A hint at the open question's answer for a player who has not answered yet (it halves
        their points for it); None if there is no open question or the player already answered."""
        round_ = self.current
        if round_ is None or now > round_.deadline or player_id in round_.answers:
            return None
        round_.hinted.add(player_id)
        return hint_for(round_.question.answer)

    def due(self, now: float) -> bool:
        return self.current is not None and now >= self.current.deadline

    def close_round(self) -> Round:
        """Close the open round: streaks of players who sat it out end; a stop rule may end the game."""
        round_ = self.current
        assert round_ is not None, "no round is open"
        self.current = None
        for player in self.scores.values():
            if player.player_id not in round_.answers:
                player.streak = 0
        self._unanswered_in_a_row = 0 if round_.answers else self._unanswered_in_a_row + 1
        self.stop_reason = self._stop_rule()
        return round_

    def stop(self, reason: StopReason = StopReason.STOPPED) -> None:
        self.current = None
        self.stop_reason = self.stop_reason or reason

    def summary(self) -> GameSummary:
        return GameSummary(len(self.rounds), self.stop_reason or StopReason.STOPPED, standings(self.scores.values()))

    def _points(self, player: PlayerScore, round_: Round, now: float) -> int:
        rules = self.rules
        left = max(0.0, round_.deadline - now) / rules.timeout_seconds
        streak = min(rules.streak_bonus * player.streak, rules.max_streak_bonus)
        return rules.points + round(rules.speed_bonus * left) + streak

    def _stop_rule(self) -> StopReason | None:
        rules = self.rules
        if rules.score_to_win and any(p.points >= rules.score_to_win for p in self.scores.values()):
            return StopReason.SCORE
        if rules.max_unanswered and self._unanswered_in_a_row >= rules.max_unanswered:
            return StopReason.UNANSWERED
        if len(self.rounds) >= rules.rounds:
            return StopReason.ROUNDS
        if len(self.rounds) >= len(self.questions):
            return StopReason.OUT_OF_QUESTIONS
        return None


def hint_for(answer: str) -> str:
    """Each word's first letter and a blank per other letter: "The loft" → "T__ l___"."""
    return " ".join(word[0] + "_" * (len(word) - 1) if word[0].isalnum() else word for word in answer.split())


def judge(question: Question, guess: str) -> bool:
    """Whether ``guess`` answers ``question``: an option exactly, or typed text judged fairly."""
    if question.format is not AnswerFormat.TEXT:
        return guess == question.answer
    return is_correct(guess, (question.answer, *question.accepted), (*question.rivals, *question.options))


def standings(scores: Iterable[PlayerScore]) -> list[PlayerScore]:
    """Most points first; on a tie, whoever reached their points first."""
    return sorted(scores, key=lambda player: (-player.points, player.reached_at, player.player_id))


def replay(answers: Iterable[Answer]) -> list[PlayerScore]:
    """The standings a game's stored answers add up to (for a game cut short by a restart)."""
    scores: dict[int, PlayerScore] = {}
    for answer in sorted(answers, key=lambda a: (a.round_number, a.answered_at)):
        _score(scores.setdefault(answer.player_id, PlayerScore(answer.player_id, answer.player_name)), answer)
    return standings(scores.values())


def _score(player: PlayerScore, answer: Answer) -> None:
    player.answered += 1
    if answer.correct:
        player.correct += 1
        player.points += answer.points
        player.streak += 1
        player.best_streak = max(player.best_streak, player.streak)
        player.reached_at = answer.answered_at
    else:
        player.streak = 0
