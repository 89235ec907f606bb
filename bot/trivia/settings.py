"""A server's trivia settings, which its moderators change, and what they make of a game's rules."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.errors import FolioError
from bot.trivia.game import GameRules
from bot.trivia.question import ASKED_ONLY_BY_NAME, DEFAULT_KINDS, Category, QuestionKind

TIMEOUT_RANGE = (10, 300)
ROUNDS_RANGE = (1, 50)
POINTS_RANGE = (1, 100)
SCORE_TO_WIN_RANGE = (1, 10_000)
UNANSWERED_RANGE = (1, 50)


class InvalidSetting(FolioError):
    """A trivia setting out of range."""


class TriviaRefused(FolioError):
    """A trivia action that cannot happen here or now (a game already running, trivia off in the channel…)."""


def chosen_kinds(allowed: frozenset[QuestionKind], kind: str | None, category: str | None) -> list[QuestionKind]:
    """The kinds a game may ask: the one chosen, or the allowed ones of the category chosen (or all),
    without those asked only by name (:data:`~bot.trivia.question.ASKED_ONLY_BY_NAME`) unless nothing else
    is allowed."""
    if kind:
        if QuestionKind(kind) not in allowed:
            raise TriviaRefused(f"The moderators turned {kind} questions off here.")
        return [QuestionKind(kind)]
    kinds = [k for k in QuestionKind if k in allowed and (category is None or k.category is Category(category))]
    kinds = [k for k in kinds if k not in ASKED_ONLY_BY_NAME] or kinds
    if not kinds:
        raise TriviaRefused(f"The moderators turned every kind of {category} question off here.")
    return kinds


@dataclass(frozen=True, slots=True)
class TriviaSettings:
    timeout_seconds: int = 30
    rounds: int = 10
    points: int = 10
    score_to_win: int | None = None
    max_unanswered: int | None = 3
    kinds: frozenset[QuestionKind] = DEFAULT_KINDS
    """The kinds of question games here may ask."""
    channels: frozenset[int] = frozenset()
    """Channels where trivia may be played; empty: every channel."""

    def rules(self, rounds: int | None = None) -> GameRules:
        """A game's rules: these settings, with ``rounds`` if the player chose a number."""
        return GameRules(
            rounds=rounds or self.rounds,
            timeout_seconds=float(self.timeout_seconds),
            points=self.points,
            speed_bonus=max(1, self.points // 2),
            streak_bonus=max(1, self.points // 5),
            max_streak_bonus=max(1, self.points // 2),
            score_to_win=self.score_to_win,
            max_unanswered=self.max_unanswered,
        )

    def allows_channel(self, channel_id: int) -> bool:
        return not self.channels or channel_id in self.channels

    def changed(self, **changes: object) -> TriviaSettings:
        """These settings with ``changes`` (``None`` values are left as they are); checked."""
        updated = replace(self, **{key: value for key, value in changes.items() if value is not None})
        updated.check()
        return updated

    def switched(self, *, score_to_win: int | None, max_unanswered: int | None) -> TriviaSettings:
        """These settings with the stop rules given (0: off; ``None``: as they are); checked."""
        updated = replace(
            self,
            score_to_win=self.score_to_win if score_to_win is None else score_to_win or None,
            max_unanswered=self.max_unanswered if max_unanswered is None else max_unanswered or None,
        )
        updated.check()
        return updated

    def check(self) -> None:
        for name, (low, high) in {
            "timeout_seconds": TIMEOUT_RANGE,
            "rounds": ROUNDS_RANGE,
            "points": POINTS_RANGE,
            "score_to_win": SCORE_TO_WIN_RANGE,
            "max_unanswered": UNANSWERED_RANGE,
        }.items():
            value = getattr(self, name)
            if value is not None and not low <= value <= high:
                raise InvalidSetting(f"{name.replace('_', ' ')} must be between {low} and {high}, not {value}.")
        if not self.kinds:
            raise InvalidSetting("At least one kind of question must stay on.")
