"""What happens in a chapter: its most central sentences, an extractive summary.

A sentence is central when it shares the chapter's weighty words with many of
its other sentences (degree centrality over TF-IDF cosine similarity, as in
LexRank): the chapter's recurring people, places and events. Short lines,
headings and lines of dialogue make poor summaries and are weighed down; a
sentence too like one already chosen is skipped, so the summary covers more of
the chapter. For "how does it end?" the later sentences weigh more, for "how does
it begin?" the earlier ones.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.ask.answers import is_non_answer
from bot.search.textnorm import FUNCTION_TERMS, term, words

MIN_WORDS = 6
DIALOGUE_FACTOR = 0.6
"""Weight of a sentence that opens a quotation: what someone says is rarely the gist of a chapter."""
MAX_OVERLAP = 0.5
"""A sentence this similar (cosine) to one already chosen is not chosen too."""
POSITION_WEIGHT = 1.5
"""How much more the last (ending) or first (opening) sentence weighs than the other end of the chapter."""

Position = Callable[[float], float]
"""A sentence's weight by where it is in the chapter (0 = first, 1 = last)."""


def even(_: float) -> float:
    return 1.0


def towards_end(share: float) -> float:
    return 1.0 + (POSITION_WEIGHT - 1.0) * share


def towards_start(share: float) -> float:
    return 1.0 + (POSITION_WEIGHT - 1.0) * (1.0 - share)


@dataclass(frozen=True, slots=True)
class Central:
    key: int
    score: float


def summarise(
    sentences: Sequence[tuple[int, str]], idf: Callable[[str], float], limit: int, position: Position = even
) -> list[Central]:
    """Up to `limit` of `sentences` (key, text; in the work's order) that sum their chapter up, best first."""
    vectors = [_vector(text, idf) for _, text in sentences]
    total: Counter[str] = Counter()
    for vector in vectors:
        total.update(vector)
    count = len(sentences)
    scored = []
    for index, (key, text) in enumerate(sentences):
        if len(words(text)) < MIN_WORDS or is_non_answer(text) or not vectors[index]:
            continue
        # the sum of its cosines with every other sentence: its dot product with their sum (unit vectors)
        centrality = _cosine(vectors[index], total) - 1.0
        weight = DIALOGUE_FACTOR if text.lstrip()[:1] in "\"“'‘" else 1.0
        scored.append((centrality * weight * position(index / max(count - 1, 1)), index, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[float, int, int]] = []
    for item in scored:
        if len(chosen) == limit:
            break
        if all(_cosine(vectors[item[1]], vectors[other[1]]) <= MAX_OVERLAP for other in chosen):
            chosen.append(item)
    return [Central(key, score) for score, _, key in chosen]


def _vector(text: str, idf: Callable[[str], float]) -> dict[str, float]:
    counts = Counter(t for t in map(term, words(text)) if t not in FUNCTION_TERMS)
    vector = {t: n * idf(t) for t, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def _cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(value * second.get(t, 0.0) for t, value in first.items())
