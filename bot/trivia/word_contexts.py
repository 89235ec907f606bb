"""Which words a book uses alike: each noun's neighbours in the book's own text.

A missing word's wrong options must fit the blank in sense as well as in grammar ("the china
_____" → *tray*, not *sawmill*). Two nouns a book uses among the same words (*tray* beside *tea*,
*cups*, *table*) fit the same places; :meth:`WordContexts.similarity` measures how alike their
neighbours are, each neighbour weighed by how much more often it is near the word than chance
(positive pointwise mutual information), so words near everything ("said", "little") count for
little. The same counts tell a fixed phrase: a word that, in the book, always comes with the word
beside the blank ("for heaven's *sake*") is guessed from that word, not remembered; and a word the
book never puts after a determiner ("the", "his") is no noun there, whatever the dictionary says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable

from bot.trivia import wording

WINDOW = 4
"""Neighbours are the words this many places either side, in one sentence."""
MAX_NEIGHBOUR_ZIPF = 5.8
"""Neighbours are words rarer than this in English: "the", "and", "was" tell nothing about sense."""
DETERMINERS = frozenset("a an the his her my your our their its this that some no any every".split())
_TOKEN = re.compile(r"[a-z][a-z’'-]*[a-z]|[a-z]")


class WordContexts:
    """The neighbours of ``targets`` in ``texts`` (a book's sentences), and the words beside each word."""

    def __init__(self, texts: Iterable[str], targets: Collection[str]) -> None:
        near: dict[str, Counter[str]] = {word: Counter() for word in targets}
        frequency: Counter[str] = Counter()
        self._followers: dict[str, Counter[str]] = {}
        self._leaders: dict[str, Counter[str]] = {}
        for text in texts:
            tokens = _TOKEN.findall(text.lower())
            frequency.update(tokens)
            for at, token in enumerate(tokens):
                if at:
                    self._followers.setdefault(tokens[at - 1], Counter())[token] += 1
                    self._leaders.setdefault(token, Counter())[tokens[at - 1]] += 1
                counts = near.get(token)
                if counts is not None:
                    counts.update(tokens[max(0, at - WINDOW) : at] + tokens[at + 1 : at + 1 + WINDOW])
        total = sum(frequency.values()) or 1
        self._weights = {word: _ppmi(word, counts, frequency, total) for word, counts in near.items()}
        self._norms = {word: math.sqrt(sum(w * w for w in weights.values())) for word, weights in self._weights.items()}

    def similarity(self, first: str, second: str) -> float:
        """Cosine of the two words' weighted neighbours (0: no neighbour in common, or unknown)."""
        one, other = self._weights.get(first), self._weights.get(second)
        if not one or not other:
            return 0.0
        if len(one) > len(other):
            one, other = other, one
        dot = sum(weight * other.get(word, 0.0) for word, weight in one.items())
        return dot / (self._norms[first] * self._norms[second])

    def used_as_noun(self, word: str) -> bool:
        """Whether the book puts ``word`` right after a determiner ("the dusk", "his revolver") or
        a possessive ("Granny's carriage") at least once."""
        leaders = self._leaders.get(word, Counter())
        return any(before in DETERMINERS or before.endswith(("'s", "’s")) for before in leaders)

    def fixed_phrase(self, before: str | None, word: str, after: str | None) -> bool:
        """Whether ``word`` and a word beside it always go together in the book, which uses the
        pair more than once ("heaven's sake", "bosom friend"): a phrase that names the word for the
        reader. Function words ("the brooch") make no phrase."""
        pairs = [(first, second) for first, second in ((before, word), (word, after)) if first and second]
        return any(
            wording.zipf(first if second == word else second) < MAX_NEIGHBOUR_ZIPF
            and (_always(self._followers.get(first.lower()), second.lower()) or _always(self._leaders.get(second.lower()), first.lower()))
            for first, second in pairs
        )


def _ppmi(word: str, counts: Counter[str], frequency: Counter[str], total: int) -> dict[str, float]:
    """Positive pointwise mutual information of ``word`` with each neighbour of content."""
    weights = {}
    for neighbour, count in counts.items():
        if neighbour == word or wording.zipf(neighbour) >= MAX_NEIGHBOUR_ZIPF:
            continue
        value = math.log(count * total / (frequency[word] * frequency[neighbour] * 2 * WINDOW))
        if value > 0:
            weights[neighbour] = value
    return weights


def _always(neighbours: Counter[str] | None, word: str) -> bool:
    """Whether ``word`` is every one of ``neighbours`` (two at least): the other word's only companion."""
    total = sum(neighbours.values()) if neighbours else 0
    return total >= 2 and neighbours is not None and neighbours[word] == total
