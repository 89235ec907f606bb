"""Per-player statistics in a server, and how leaderboards sort them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

DAY_SECONDS = 86_400


class Period(StrEnum):
    """What a leaderboard counts: answers of the last week or month, or all of them."""

    WEEK = "week"
    MONTH = "month"
    ALL = "all"

    def start(self, now: float) -> float:
        """The earliest answer counted, as a timestamp (0 for all time)."""
        return {Period.WEEK: now - 7 * DAY_SECONDS, Period.MONTH: now - 30 * DAY_SECONDS}.get(self, 0.0)


class LeaderboardSort(StrEnum):
    POINTS = "points"
    WINS = "wins"
    ACCURACY = "accuracy"
    GAMES = "games"


@dataclass(frozen=True, slots=True)
class PlayerStats:
    player_id: int
    name: str
    points: int
    games: int
    wins: int
    correct: int
    answered: int
    best_streak: int

    @property
    def accuracy(self) -> float:
        return self.correct / self.answered if self.answered else 0.0
