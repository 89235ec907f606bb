"""How sure an attribution is: the share of quotes its evidence got right on novels not used to
measure it.

Every quote's rule names its evidence, most general first (``named tag, agreed, confirmed``: an
explicit tag naming a character, that the alternation of the conversation expected, and that the
turns after it confirm). :data:`~bot.attribution.calibration_table.MEASURED` holds, for each rule,
how many quotes of the development half of the PDNC novels it attributed and how many rightly
(written by ``run_bot.py bench speakers --half dev --calibrate``; the check half is never used).
A rule's confidence is its measured accuracy, drawn toward its family's (the rule and every rule that
qualifies it, each drawn toward its parent's) when it was seen on few quotes, so a rare combination
is not over- or under-trusted.

One novel is not another: where a work's tags and turn-taking agree less often than on the novels
measured (its ``, agreed`` against its ``, disputed`` answers), every rule is less often right in it.
:meth:`Calibration.for_work` moves each confidence on the log-odds scale by the work's agreement
against the measured novels' average (the slope fitted on the development half, and tested there
novel by novel, each confidence measured on the other novels).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.attribution.calibration_table import AGREEMENT, MEASURED

SHOWN_CONFIDENCE = 0.88
"""Readers see a speaker as a fact (``/quote``'s Speaker field, a character's lines, trivia) when the
attribution is at least this sure: the lowest confidence from which the average development novel,
each measured with a calibration from the *other* development novels (cross-validated), keeps its
confident subset right ≥ 97%, as ``run_bot.py bench speakers`` chooses it (it prints what it gives
on the check half too); below it readers are shown no speaker."""
PRIOR_QUOTES = 20
"""How many quotes' worth of weight a rule's family accuracy carries against its own record."""
PRIOR_TURNS = 40
"""How many answers' worth of weight the measured novels' average agreement carries against a
work's own (a short text is read as an average novel)."""


@dataclass(frozen=True, slots=True)
class Agreement:
    """How a work's agreement between tags and turn-taking moves confidence: the measured novels'
    average agreement, and the slope on the log-odds scale."""

    average: float = 0.5
    slope: float = 0.0

    def of_work(self, agreed: int, disputed: int) -> float:
        """A work's share of agreeing answers, drawn toward the average when it has few."""
        return (agreed + PRIOR_TURNS * self.average) / (agreed + disputed + PRIOR_TURNS)


@dataclass(slots=True)
class Calibration:
    """Confidence per rule from records of (right, quotes), and the agreement adjustment."""

    measured: Mapping[str, tuple[int, int]]
    agreement: Agreement = field(default_factory=Agreement)
    _cache: dict[str, float] = field(default_factory=dict, repr=False)

    def confidence(self, rule: str) -> float:
        """How sure ``rule``'s answer is, from 0 to 1, on an average work."""
        if rule not in self._cache:
            right, total = self.measured.get(rule, (0, 0))
            self._cache[rule] = (right + PRIOR_QUOTES * self._family(rule)) / (total + PRIOR_QUOTES)
        return self._cache[rule]

    def for_work(self, confidence: float, agreed: int, disputed: int) -> float:
        """``confidence`` moved by how often the work's tags and turn-taking agree."""
        if confidence <= 0 or confidence >= 1 or not self.agreement.slope:
            return confidence
        shift = self.agreement.slope * (self.agreement.of_work(agreed, disputed) - self.agreement.average)
        return 1 / (1 + math.exp(-(math.log(confidence / (1 - confidence)) + shift)))

    def _family(self, rule: str) -> float:
        """The accuracy of ``rule`` and every rule qualifying it (``""``: of every rule), drawn toward
        its own family's when measured on few quotes."""
        key = "family:" + rule
        if key not in self._cache:
            members = [record for name, record in self.measured.items() if _descends(name, rule)]
            right, total = sum(r for r, _ in members), sum(t for _, t in members)
            if not rule:
                found = right / total if total else 0.5
            else:
                found = (right + PRIOR_QUOTES * self._family(_parent(rule))) / (total + PRIOR_QUOTES)
            self._cache[key] = found
        return self._cache[key]


MEASURED_CALIBRATION = Calibration(MEASURED, Agreement(*AGREEMENT))
"""The calibration Folio uses: the whole development half's record."""


def confidence(rule: str) -> float:
    """How sure ``rule``'s answer is on an average work, from 0 to 1 (rounded to 3 places)."""
    return round(MEASURED_CALIBRATION.confidence(rule), 3)


def _parent(rule: str) -> str:
    return rule.rpartition(", ")[0]


def _descends(name: str, rule: str) -> bool:
    return not rule or name == rule or name.startswith(rule + ", ")
