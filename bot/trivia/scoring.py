"""Which candidates are worth a game: a novel offers thousands, a game asks ten or twenty.

Judged samples failed most often on forgettable lines and trivial details ("Yes, sir.", a glance, a
walk to the door). So each kind scores its candidates and draws only from the best of them
(:func:`best`): lines of the book's main speakers holding distinctive words and names, and plot
points whose verb changes the story (:data:`PLOT_VERBS`: marrying, refusing, killing, writing to
someone), not posture, glances and comings and goings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

import lemminflect

from bot.trivia import wording

T = TypeVar("T")

BEST_SHARE = 0.3
"""A kind draws from this best share of its candidates…"""
MIN_BEST = 60
"""…and never fewer than this many (games must still vary: a channel is not asked again what it
was asked lately)."""
MAIN_SPEAKERS = 8
"""The speakers with the most lines; a reader remembers what the main characters say."""
PLOT_VERBS = frozenset(
    "marry wed engage betroth propose refuse reject accept jilt elope divorce kiss embrace "
    "kill murder shoot stab strangle poison drown die bury inherit bequeath "
    "buy sell rent lease lend borrow owe steal rob rescue save "
    "attack strike slap beat wound fight duel challenge insult threaten accuse confess betray forgive "
    "quarrel dismiss hire employ invite visit telegraph write warn arrest imprison escape flee "
    "abandon desert deceive blackmail bribe adopt nurse faint capture seize hide discover "
    "recognise recognize chase pursue promise vow swear reveal paint sing dance win lose burn "
    "destroy wreck bite sack resign baptize baptise christen insult scold punish".split()
)
"""Lemmas of the verbs of plot points: what changes the story between people."""
_VAGUE_OPENINGS = re.compile(
    r"^(?:yes|no|oh|ah|well|indeed|very well|thank you|i dare say|i suppose|i think|i don't know)\b", re.IGNORECASE
)
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")
"""A capitalised word inside a sentence: a name, which anchors a line in its scene."""


def best(candidates: Sequence[T], score: Callable[[T], float], share: float = BEST_SHARE) -> list[T]:
    """The best ``share`` of ``candidates`` by ``score`` (at least :data:`MIN_BEST`), in
    their given order (so a shuffled input stays shuffled)."""
    keep = max(MIN_BEST, round(len(candidates) * share))
    if len(candidates) <= keep:
        return list(candidates)
    scores = [score(candidate) for candidate in candidates]
    threshold = sorted(scores, reverse=True)[keep - 1]
    return [candidate for candidate, value in zip(candidates, scores, strict=True) if value >= threshold][: keep * 2]


def line_score(text: str, speaker_rank: int) -> float:
    """How memorable a spoken line is: distinctive words and names, a main speaker, a length a
    reader can take in; vague openings ("Well, I suppose…") count against it."""
    found = wording.words(text)
    lower = {word for word in found if word.islower() and len(word) >= 4}
    rare = sum(wording.zipf(word) < wording.RARE_ZIPF for word in lower)
    uncommon = sum(wording.zipf(word) < wording.MAX_BLANK_ZIPF for word in lower)
    names = len(set(_NAME.findall(text)))
    score = min(rare, 3) + 0.3 * min(uncommon, 4) + 0.5 * min(names, 2)
    if speaker_rank < 3:
        score += 1.5
    elif speaker_rank < MAIN_SPEAKERS:
        score += 1.0
    size = len(found)
    if size < 10:
        score -= 1.0
    elif size <= 45:
        score += 0.5
    if _VAGUE_OPENINGS.match(text):
        score -= 0.7
    return score


@lru_cache(maxsize=8_192)
def is_plot_verb(verb: str) -> bool:
    """Whether a past-tense verb is one of :data:`PLOT_VERBS` ("married", "quarrelled")."""
    return any(lemma in PLOT_VERBS for lemma in lemminflect.getLemma(verb.lower(), upos="VERB"))
