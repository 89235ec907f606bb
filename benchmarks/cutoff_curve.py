"""The brute-force baseline's off-story rejection as a curve over cut-offs, not one point.

The baseline (rapidfuzz WRatio) has no notion of confidence: the quote tables count an
off-story query as rejected when its best score is below one cut-off, and count every
in-story query whose best sentence is the right one, whatever its score. Both figures
rest on that choice, so this table shows, for each cut-off, how many off-story lines
it rejects and how many in-story lines the baseline would still find if its answers
had to clear the same cut-off (as Folio's must clear its confidence threshold).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

CUTOFFS = tuple(range(80, 96))
"""Every whole cut-off from 80 to 95."""
HEADER = ["cut-off", "off-story rejected", "in-story found, held to the cut-off", "in-story found at any score"]


@dataclass(frozen=True, slots=True)
class Scored:
    """One query's best baseline score, and whether its best sentence was the expected one."""

    score: float
    hit: bool | None
    """``None`` for an off-story query."""


def curve_rows(scored: Iterable[Scored], cutoffs: Iterable[int] = CUTOFFS) -> list[list[str]]:
    """One row per cut-off: off-story rejected (score below it), in-story found with and without it."""
    scored = list(scored)
    off_story = [entry.score for entry in scored if entry.hit is None]
    in_story = [entry for entry in scored if entry.hit is not None]
    found_anyhow = sum(bool(entry.hit) for entry in in_story)
    rows = []
    for cutoff in cutoffs:
        rejected = sum(score < cutoff for score in off_story)
        held = sum(bool(entry.hit) and entry.score >= cutoff for entry in in_story)
        rows.append(
            [
                str(cutoff),
                _share(rejected, len(off_story)),
                _share(held, len(in_story)),
                _share(found_anyhow, len(in_story)),
            ]
        )
    return rows


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "–"
