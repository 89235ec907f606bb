"""Per-player statistics in a server, and how leaderboards sort them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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
