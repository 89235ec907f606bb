"""How sure an attribution is: the share of quotes its evidence got right on the development half.

Every quote's rule names its evidence, most general first (``named tag, agreed, confirmed``: an
explicit tag naming a character, that the alternation of the conversation expected, and that the
turns after it confirm). :data:`~bot.attribution.calibration_table.MEASURED` holds, for each rule,
how many quotes of the development half of the PDNC novels it attributed and how many rightly
(written by ``run_bot.py bench speakers --half dev --calibrate``; the check half is never used).
A rule's confidence is its measured accuracy, drawn toward its family's (the rule and every rule that
qualifies it, each drawn toward its parent's) when it was seen on few quotes, so a rare combination
is not over- or under-trusted.
"""

from __future__ import annotations

from functools import cache

from bot.attribution.calibration_table import MEASURED

SHOWN_CONFIDENCE = 0.86
"""Readers see a speaker as a fact (``/quote``'s Speaker field, a character's lines, trivia) when the
attribution is at least this sure: the lowest confidence whose subset is right ≥ 97% on the
development half, as ``run_bot.py bench speakers`` chooses it (it prints what it gives on the check
half too); below it readers are shown no speaker."""
PRIOR_QUOTES = 20
"""How many quotes' worth of weight a rule's family accuracy carries against its own record."""


@cache
def confidence(rule: str) -> float:
    """How sure ``rule``'s answer is, from 0 to 1."""
    right, total = MEASURED.get(rule, (0, 0))
    return round((right + PRIOR_QUOTES * _family(rule)) / (total + PRIOR_QUOTES), 3)


@cache
def _family(rule: str) -> float:
    """The accuracy of ``rule`` and every rule qualifying it (``""``: of every rule), drawn toward
    its own family's when measured on few quotes."""
    members = [record for name, record in MEASURED.items() if _descends(name, rule)]
    right, total = sum(r for r, _ in members), sum(t for _, t in members)
    if not rule:
        return right / total if total else 0.5
    return (right + PRIOR_QUOTES * _family(_parent(rule))) / (total + PRIOR_QUOTES)


def _parent(rule: str) -> str:
    return rule.rpartition(", ")[0]


def _descends(name: str, rule: str) -> bool:
    return not rule or name == rule or name.startswith(rule + ", ")
