"""How sure an answer is, from all the evidence around it: a learnt confidence model.

A rule's record (:mod:`bot.attribution.calibration`) says how often its kind of evidence was right on
average. A quote's own reliability depends on more: whether the conversation's alternation agrees
with the tags on either side of it, how long the conversation runs and between how many people, how
sure the candidate ranker (:mod:`bot.attribution.ranker`) was and whether it agrees with the rules,
how often the work's tags and turn-taking agree. :class:`Evidence` describes each answer by all of
that (:data:`FEATURES`), and a logistic regression (:class:`ConfidenceModel`, weights in
``data/speaker_confidence.json``, trained leave-one-novel-out by
``benchmarks/train_speaker_confidence.py`` on the PDNC development half) turns it into the chance the
answer is right. Nothing is learnt at run time.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from bot.attribution.characters import NARRATOR, Character
from bot.attribution.lexicon import TITLE_GENDER
from bot.attribution.ranking import is_tagged
from bot.attribution.turns import CONVERSATION_GAP, Turn
from bot.attribution.weights_file import load_weights

WEIGHTS = Path(__file__).parents[2] / "data" / "speaker_confidence.json"
RULE_KINDS = (
    "named tag", "narrator tag", "described tag, conversation", "described tag, kin", "described tag",
    "pronoun tag, sole candidate", "pronoun tag, conversation", "pronoun tag, recent", "pronoun tag, chained",
    "pronoun tag", "continued speech", "beat", "addressee", "alternation, both ways", "alternation, backward",
    "alternation", "nearest name", "ranked, overrules",
)
"""Kinds of evidence, the more particular first (a rule is of the first kind it is or qualifies)."""
QUALIFIERS = ("agreed", "disputed", "confirmed", "shared")
AVERAGE_AGREEMENT = 0.6
"""About the development novels' share of answers agreeing with their conversation (centres a feature)."""
PRIOR_ANSWERS = 40
"""How many answers' worth of weight the average agreement carries against a work's own."""
FEATURES = (
    "bias", *(f"rule: {kind}" for kind in RULE_KINDS), *QUALIFIERS, "unnamed speaker",
    "ranked", "ranker probability", "ranker candidates",
    "conversation turns", "conversation speakers: two", "conversation speakers: more",
    "tag before agrees", "tag before disagrees", "tag after agrees", "tag after disagrees",
    "no tag near", "turns from a tag", "own turn tagged",
    "work agreement", "speaker's share of turns", "quotes in turn", "rule's record", "name shared",
    "narrator speaks", "narrator speaks, pronoun tag", "continued, long speech",
)
NEAR_TAG = 4
"""How many turns away a tagged turn still says who speaks by the back-and-forth."""


class Scorer(Protocol):
    def confidence(self, features: Sequence[float], calibrated: float) -> float:
        """The chance an answer described by ``features`` (in the order of :data:`FEATURES`) is right
        (``calibrated``: its rule's calibrated record, :mod:`bot.attribution.calibration`)."""
        ...


class KeepCalibration:
    """A scorer that keeps each rule's calibrated record (as before the confidence model)."""

    def confidence(self, features: Sequence[float], calibrated: float) -> float:
        return calibrated


def rule_kind(rule: str) -> str:
    return next((kind for kind in RULE_KINDS if rule == kind or rule.startswith(kind + ", ")), "")


class Evidence:
    """The features of every answer of one reading's turns (after ranking)."""

    def __init__(
        self,
        turns: Sequence[Turn],
        ranked: dict[int, tuple[float, int]],
        characters: Sequence[Character] = (),
        narrator: Character | None = None,
    ) -> None:
        self._turns = turns
        self._narrator = narrator
        self._name_words: dict[str, set[Character]] = {}
        for character in characters:
            if character.person and not character.described:
                for word in _name_words(character):
                    self._name_words.setdefault(word, set()).add(character)
        self._ranked = ranked
        self._tagged = [any(is_tagged(rule) for rule in turn.rules) and turn.speaker is not None for turn in turns]
        self._runs = _conversations(turns)
        rules = [rule for turn in turns for rule in turn.rules]
        agreed, disputed = sum(", agreed" in r for r in rules), sum(", disputed" in r for r in rules)
        self._agreement = (agreed + PRIOR_ANSWERS * AVERAGE_AGREEMENT) / (agreed + disputed + PRIOR_ANSWERS)
        self._spoken = Counter(turn.speaker for turn in turns if turn.speaker is not None)

    def features(self, index: int, speaker: Character, rule: str, calibrated: float) -> list[float]:
        """What is known of turn ``index``'s answer ``speaker`` by ``rule`` (``calibrated``: the rule's
        record), in the order of :data:`FEATURES`."""
        turn = self._turns[index]
        kind = rule_kind(rule)
        qualifiers = rule.split(", ")
        found = [1.0, *(float(kind == name) for name in RULE_KINDS), *(float(q in qualifiers) for q in QUALIFIERS)]
        found.append(float(speaker.described or speaker.name == NARRATOR))
        probability, candidates = self._ranked.get(id(turn), (None, 0))
        if probability is None:
            found += [0.0, 0.0, 0.0]
        else:
            found += [1.0, _logit(probability), math.log1p(candidates)]
        found += self._conversation(index, speaker)
        found += [
            self._agreement - AVERAGE_AGREEMENT,
            self._spoken[speaker] / max(1, len(self._turns)) * 10,
            float(len(turn.quotes) > 1),
            _logit(calibrated),
            float(any(len(self._name_words.get(word, ())) > 1 for word in _name_words(speaker))),
        ]
        narrates = speaker is self._narrator
        found += [float(narrates), float(narrates and kind.startswith("pronoun tag"))]
        found.append(float(kind == "continued speech" and self._continued_run(index) > 2))
        return found

    def _continued_run(self, index: int) -> int:
        """How many turns in a row up to ``index`` go on with one speech (paragraphs whose quote is left open)."""
        count = 0
        while index > 0 and self._turns[index].rules and rule_kind(self._turns[index].rules[0]) == "continued speech":
            count += 1
            index -= 1
        return count

    def _conversation(self, index: int, speaker: Character) -> list[float]:
        start, end = self._runs[index]
        speakers = {t.speaker for t in self._turns[start:end] if t.speaker is not None}
        before = next((j for j in range(index - 1, max(start, index - NEAR_TAG) - 1, -1) if self._tagged[j]), None)
        after = next((j for j in range(index + 1, min(end, index + NEAR_TAG + 1)) if self._tagged[j]), None)
        distances = [abs(index - j) for j in (before, after) if j is not None]
        found = [math.log(end - start), float(len(speakers) == 2), float(len(speakers) > 2)]
        for other in (before, after):
            agrees = other is not None and self._parity_agrees(index, other, speaker)
            found += [float(agrees), float(other is not None and not agrees)]
        found += [float(not distances), math.log1p(min(distances)) if distances else 0.0, float(self._tagged[index])]
        return found

    def _parity_agrees(self, index: int, other: int, speaker: Character) -> bool:
        """Whether ``speaker`` at ``index`` fits a back-and-forth with the tagged turn ``other``: the same
        speaker an even number of turns away, another one an odd number."""
        same = self._turns[other].speaker is speaker
        return same if (index - other) % 2 == 0 else not same


def _logit(probability: float) -> float:
    clipped = min(max(probability, 0.02), 0.98)
    return math.log(clipped / (1 - clipped))


def _name_words(character: Character) -> set[str]:
    """The capitalised words of a character's names, titles aside (``Mr. John Dashwood``: john, dashwood)."""
    return {
        word.lower() for name in (character.name, *character.aliases) for word in re.findall(r"[A-Z][a-z]+", name)
        if word.lower() not in TITLE_GENDER and len(word) > 2
    }


def _conversations(turns: Sequence[Turn]) -> list[tuple[int, int]]:
    """For each turn, the turns (start, end) of the conversation it belongs to."""
    found: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(turns) + 1):
        if index == len(turns) or turns[index].paragraph - turns[index - 1].paragraph > CONVERSATION_GAP + 1:
            found += [(start, index)] * (index - start)
            start = index
    return found


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """A logistic regression over :data:`FEATURES`. An answer is as sure as the lower of its rule's record
    and the regression's chance: held out on the development half, the lower of the two keeps more
    answers ≥ 97% right than either alone (the regression alone ranks the surest answers less well)."""

    weights: tuple[float, ...]

    def chance(self, features: Sequence[float]) -> float:
        """The regression's chance that the answer ``features`` describe is right."""
        score = sum(w * x for w, x in zip(self.weights, features, strict=True))
        return 1 / (1 + math.exp(-max(min(score, 30.0), -30.0)))

    def confidence(self, features: Sequence[float], calibrated: float) -> float:
        return min(self.chance(features), calibrated)


def from_document(document: dict[str, object], fold: str | None = None) -> ConfidenceModel:
    """The model of the JSON document ``benchmarks/train_speaker_confidence.py`` writes (``fold``: the one
    that never saw that novel: fitted without it, or the whole model if not trained on it); ValueError when
    it is not one."""
    if list(document["features"]) != list(FEATURES):  # type: ignore[call-overload]
        raise ValueError("speaker confidence weights were trained on other features: retrain them")
    folds: dict[str, object] = document.get("folds") or {}  # type: ignore[assignment]
    weights = folds[fold] if fold in folds else document["weights"]
    found = tuple(float(w) for w in weights)  # type: ignore[attr-defined]
    if len(found) != len(FEATURES):
        raise ValueError("speaker confidence weights do not fit its features")
    return ConfidenceModel(found)


def load(path: Path, fold: str | None = None) -> ConfidenceModel | None:
    """The model ``path`` holds (None without the file: each rule's calibrated record stands); a corrupt
    file is a ValueError naming it."""
    return load_weights(
        path, lambda document: from_document(document, fold), "speaker confidence model",
        "benchmarks.train_speaker_confidence",
    )


@cache
def shipped() -> ConfidenceModel | None:
    """The model shipped in ``data/`` (None when there is none)."""
    return load(WEIGHTS)
