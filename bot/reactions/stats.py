"""What readers love: passages ranked by votes, periods, favourite emoji, the CSV export."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    ALL = "all"


PERIOD_LENGTH = {Period.WEEK: timedelta(days=7), Period.MONTH: timedelta(days=30), Period.YEAR: timedelta(days=365)}


def period_start(period: Period, now: datetime) -> datetime | None:
    """The first moment counted for ``period`` ending ``now``; None for all time."""
    length = PERIOD_LENGTH.get(period)
    return None if length is None else now - length


@dataclass(slots=True)
class PassageTally:
    """A passage's counting votes, per emoji."""

    passage_id: int
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def rank_passages(rows: Iterable[tuple[int, str, int]], limit: int) -> list[PassageTally]:
    """(passage, emoji, votes) rows as tallies, most-loved first (ties: the earlier passage id first)."""
    tallies: dict[int, PassageTally] = {}
    for passage_id, emoji, votes in rows:
        tallies.setdefault(passage_id, PassageTally(passage_id)).counts[emoji] += votes
    ranked = sorted(tallies.values(), key=lambda tally: (-tally.total, tally.passage_id))
    return ranked[:limit]


EXPORT_HEADER = ("event_id", "at", "action", "user_id", "emoji", "message_id", "counts_for_message_id", "passage_id")


def export_csv(rows: Sequence[Sequence[object]]) -> bytes:
    """The reaction log as CSV (UTF-8 with a BOM, so spreadsheets read the emoji right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_HEADER)
    writer.writerows([[_inert(cell) for cell in row] for row in rows])
    return buffer.getvalue().encode("utf-8-sig")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


def _inert(cell: object) -> object:
    """A text cell that a spreadsheet would run as a formula, quoted with a leading ' so it stays text."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
