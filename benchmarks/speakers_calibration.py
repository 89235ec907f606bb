"""Calibrating speaker confidence on the development half, and testing it novel by novel.

:func:`calibration_of` turns novels' tallies into a :class:`~bot.attribution.calibration.Calibration`:
each rule's pooled record, and the slope by which a work's agreement between tags and turn-taking
moves confidence (fitted by likelihood on those novels). :func:`cross_validated` scores each
development novel with a calibration measured on the *other* development novels only, so its
figures say what the calibration gives on a novel it was not measured on; the confident threshold
is chosen on them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from benchmarks.speakers_gold import Novel, Tally, at_threshold, score
from bot.attribution.calibration import Agreement, Calibration
from bot.attribution.confidence_model import WEIGHTS, load

SLOPES = tuple(step / 4 for step in range(0, 25))
"""Slopes tried for the agreement adjustment (log-odds per unit of agreement)."""


def agreement_counts(tally: Tally) -> tuple[int, int]:
    """A novel's answers that agreed with, and that disputed, the alternation of their conversation."""
    agreed = sum(count for rule, count in tally.rule_total.items() if ", agreed" in rule)
    disputed = sum(count for rule, count in tally.rule_total.items() if ", disputed" in rule)
    return agreed, disputed


def pooled_records(tallies: Sequence[Tally]) -> dict[str, tuple[int, int]]:
    """Each rule's (right, quotes) over ``tallies`` (quotes left unattributed aside)."""
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for tally in tallies:
        right.update(tally.rule_right)
        total.update(tally.rule_total)
    return {rule: (right[rule], count) for rule, count in sorted(total.items()) if rule != "none"}


def calibration_of(tallies: Sequence[Tally]) -> Calibration:
    """The calibration measured on ``tallies`` (one per novel): pooled records, and the agreement
    slope that makes the novels' answers likeliest."""
    base = Calibration(pooled_records(tallies))
    counts = [agreement_counts(tally) for tally in tallies]
    rates = [agreed / (agreed + disputed) for agreed, disputed in counts if agreed + disputed]
    average = sum(rates) / len(rates) if rates else 0.5
    best = max(SLOPES, key=lambda slope: _likelihood(base, Agreement(average, slope), tallies, counts))
    return Calibration(base.measured, Agreement(average, best))


def _likelihood(
    base: Calibration, agreement: Agreement, tallies: Sequence[Tally], counts: Sequence[tuple[int, int]]
) -> float:
    calibration = Calibration(base.measured, agreement)
    total = 0.0
    for tally, (agreed, disputed) in zip(tallies, counts, strict=True):
        for rule, quotes in tally.rule_total.items():
            if rule == "none":
                continue
            sure = min(max(calibration.for_work(base.confidence(rule), agreed, disputed), 1e-4), 1 - 1e-4)
            right = tally.rule_right[rule]
            total += right * math.log(sure) + (quotes - right) * math.log(1 - sure)
    return total


def cross_validated(novels: Sequence[Novel], tallies: dict[str, Tally]) -> dict[str, Tally]:
    """Each novel scored again with a calibration measured on the others only (and the confidence model
    fitted without it, when the shipped one was trained on it)."""
    found = {}
    for novel in novels:
        others = [tally for name, tally in tallies.items() if name != novel.name]
        found[novel.name] = score(novel, calibration_of(others), load(WEIGHTS, fold=novel.name))
    return found


def novel_average(tallies: Sequence[Tally], low: float) -> float:
    """How often the confident subset (confidence ``low`` and above) is right in the average novel
    (novels with no confident quote aside; 1 if none has one)."""
    shares = [right / total for right, total in (at_threshold(tally, low) for tally in tallies) if total]
    return sum(shares) / len(shares) if shares else 1.0


def novel_threshold(tallies: Sequence[Tally], accuracy: float) -> float | None:
    """The lowest confidence from which every higher threshold too keeps the average novel's
    confident subset right at least ``accuracy`` of the time; None if even the highest does not."""
    levels = sorted({c for tally in tallies for c in tally.confidence_total if c > 0}, reverse=True)
    chosen = None
    for level in levels:
        if novel_average(tallies, level) < accuracy:
            break
        chosen = level
    return chosen
