"""Who speaks an untagged quote, chosen by a learnt candidate ranker over the rules' evidence.

The hand-ordered rules (:mod:`bot.attribution.speakers`) each take one answer from one kind of
evidence (alternation, a vocative, the nearest name, a pronoun's referent). For a turn no explicit
tag names, :func:`candidates_of` gathers who might speak it (the rules' answer, the speakers of the
turns around it, whoever its neighbours address, the people the narration mentions near it) and
:func:`features_of` describes each candidate by all that evidence at once; a conditional logistic
regression (:class:`Ranker`, weights in ``data/speaker_ranker.json``, trained by
``benchmarks/train_speaker_ranker.py`` on PDNC development novels) scores them, and the best one
speaks. Its confidence is the accuracy that its probability band had on novels left out of training
(the same file). Nothing is learnt at run time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from bot.attribution.characters import NARRATOR, Character
from bot.attribution.weights_file import load_weights

WEIGHTS = Path(__file__).parents[2] / "data" / "speaker_ranker.json"
NEAR_PARAGRAPHS = 3
"""How many paragraphs before a turn the narration's mentions make candidates."""
SALIENT_PARAGRAPHS = 20
"""The scene whose mentions and speakers count as a candidate's salience."""
RULE_FAMILIES = (
    "pronoun tag", "alternation", "addressee", "nearest name", "beat", "continued speech", "described tag", "shared",
)
"""Kinds of rule whose vote is a feature of its own (the rule's own record differs by kind)."""


@dataclass(frozen=True, slots=True)
class Neighbour:
    """A turn near the one ranked: its speaker, whether a tag named it, whom it addresses, and whether it is
    part of the same conversation (no narration paragraph between)."""

    speaker: Character | None
    explicit: bool
    vocatives: tuple[Character, ...]
    joined: bool


@dataclass(frozen=True, slots=True)
class Mention:
    """A candidate named in the narration: how many paragraphs before the turn (0: the turn's own,
    before its first quote; -1: after it), and whether as the subject of its clause."""

    character: Character
    paragraphs_before: int
    subject: bool


@dataclass(frozen=True, slots=True)
class Context:
    """What is known around one untagged turn when it is ranked."""

    starts: tuple[int, ...]
    """Where the turn's quotes open."""
    rule_answer: Character | None
    rule: str
    rule_confidence: float
    pronoun_gender: str | None
    """``he`` / ``she`` in the turn's tag, if it has one."""
    vocatives: tuple[Character, ...]
    before: tuple[Neighbour | None, Neighbour | None]
    """The turn before and the one before that."""
    after: tuple[Neighbour | None, Neighbour | None]
    mentions: tuple[Mention, ...]
    """Mentions near the turn, latest first (those after its first quote last)."""
    mentioned_order: tuple[Character, ...]
    """The characters mentioned before the turn's first quote, latest first, each once."""
    scene_mentions: Callable[[Character], int]
    """How often the narration names a character in the :data:`SALIENT_PARAGRAPHS` before the turn."""
    scene_turns: dict[Character, int]
    narrator: Character | None


FEATURES = (
    "rule vote", "rule vote x logit", *(f"rule vote: {family}" for family in RULE_FAMILIES),
    "spoke last", "spoke last, tagged", "spoke before last", "spoke before last, tagged",
    "speaks next", "speaks next, tagged", "speaks after next", "speaks after next, tagged",
    "addressed last", "addressed next", "addresses itself", "addressed before last",
    "pronoun agrees", "pronoun disagrees", "gender unknown",
    "mentioned here before", "subject here before", "mentioned here after", "subject here after",
    "mentioned paragraph before", "subject paragraph before", "mentioned earlier",
    "latest mention", "second latest mention", "mention rank",
    "scene mentions", "scene turns", "described", "narrator",
)


def candidates_of(context: Context) -> list[Character]:
    """Who may speak the turn: the rules' answer, the speakers and addressees around it, and the
    people the narration names near it (each once, in that order)."""
    found: list[Character] = []

    def add(character: Character | None) -> None:
        if character is not None and character not in found and character.name != NARRATOR:
            found.append(character)

    add(context.rule_answer)
    for neighbour in (*context.before, *context.after):
        if neighbour is not None:
            add(neighbour.speaker)
            for addressed in neighbour.vocatives:
                add(addressed)
    for mention in context.mentions:
        add(mention.character)
    for speaker in context.scene_turns:
        add(speaker)
    if context.narrator is not None and context.narrator.name != NARRATOR:
        add(context.narrator)
    return found


def features_of(candidate: Character, context: Context) -> list[float]:
    """``candidate``'s evidence for speaking the turn, in the order of :data:`FEATURES`."""
    vote = float(candidate is context.rule_answer)
    confidence = min(max(context.rule_confidence, 0.02), 0.98)
    family = _family(context.rule)
    features = [vote, vote * math.log(confidence / (1 - confidence))]
    features += [vote * (family == name) for name in RULE_FAMILIES]
    for neighbour in (*context.before, *context.after):
        spoke = bool(neighbour and neighbour.joined and neighbour.speaker is candidate)
        features += [float(spoke), float(spoke and neighbour is not None and neighbour.explicit)]
    last, before_last = context.before
    following = context.after[0]
    features += [
        float(bool(last and last.joined and candidate in last.vocatives)),
        float(bool(following and following.joined and candidate in following.vocatives)),
        float(candidate in context.vocatives),
        float(bool(before_last and before_last.joined and candidate in before_last.vocatives)),
    ]
    gender = context.pronoun_gender
    features += [
        float(gender is not None and candidate.gender == gender),
        float(gender is not None and candidate.gender not in (None, gender)),
        float(candidate.gender is None),
    ]
    features += _mention_features(candidate, context)
    features += [
        math.log1p(context.scene_mentions(candidate)),
        math.log1p(context.scene_turns.get(candidate, 0)),
        float(candidate.described),
        float(candidate is context.narrator),
    ]
    return features


def _mention_features(candidate: Character, context: Context) -> list[float]:
    own = [m for m in context.mentions if m.character is candidate]

    def any_of(paragraphs: int, subject: bool = False) -> float:
        return float(any(m.paragraphs_before == paragraphs and (m.subject or not subject) for m in own))

    order = context.mentioned_order
    rank = order.index(candidate) + 1 if candidate in order else 0
    return [
        any_of(0), any_of(0, subject=True), any_of(-1), any_of(-1, subject=True),
        any_of(1), any_of(1, subject=True), float(any(m.paragraphs_before > 1 for m in own)),
        float(rank == 1), float(rank == 2), 1 / rank if rank else 0.0,
    ]


def _family(rule: str) -> str:
    if ", shared" in rule:
        return "shared"
    return next((family for family in RULE_FAMILIES if rule.startswith(family)), "")


@dataclass(frozen=True, slots=True)
class Ranker:
    """A conditional logistic regression over candidates, and the accuracy of each probability band on
    novels held out of its training (its confidence)."""

    weights: tuple[float, ...]
    bands: tuple[float, ...]
    """Lower bounds of the probability bands, ascending."""
    band_accuracy: tuple[float, ...]

    def choose(self, candidates: Sequence[Character], context: Context) -> tuple[Character, float, float] | None:
        """The likeliest speaker among ``candidates``, its probability, and how sure that is."""
        if not candidates:
            return None
        scores = [sum(w * x for w, x in zip(self.weights, features_of(c, context), strict=True)) for c in candidates]
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        best = scores.index(top)
        probability = exps[best] / sum(exps)
        return candidates[best], probability, self.confidence(probability)

    def confidence(self, probability: float) -> float:
        index = max(i for i, low in enumerate(self.bands) if probability >= low) if probability >= self.bands[0] else 0
        return self.band_accuracy[index]


def from_document(document: dict[str, object]) -> Ranker:
    """A :class:`Ranker` from the JSON document ``benchmarks/train_speaker_ranker.py`` writes; ValueError
    when it is not one (other features, weights missing or not one per feature, no probability bands)."""
    names = list(document["features"])  # type: ignore[call-overload]
    if names != list(FEATURES):
        raise ValueError("speaker ranker weights were trained on other features: retrain them")
    weights = tuple(float(w) for w in document["weights"])  # type: ignore[attr-defined]
    calibration = document["calibration"]
    bands = tuple(float(b) for b in calibration["bands"])  # type: ignore[index]
    accuracy = tuple(float(a) for a in calibration["accuracy"])  # type: ignore[index]
    if len(weights) != len(FEATURES) or not bands or len(bands) != len(accuracy) or list(bands) != sorted(bands):
        raise ValueError("speaker ranker weights or calibration bands do not fit its features")
    return Ranker(weights, bands, accuracy)


def load(path: Path) -> Ranker | None:
    """The ranker whose weights ``path`` holds (None without the file: the rules alone decide); a corrupt
    file is a ValueError naming it, raised here rather than at the first turn ranked."""
    return load_weights(path, from_document, "speaker ranker", "benchmarks.train_speaker_ranker")


@cache
def shipped() -> Ranker | None:
    """The ranker shipped in ``data/`` (None when there is none: the rules alone decide)."""
    return load(WEIGHTS)
