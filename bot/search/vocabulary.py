"""A work's vocabulary: its words, their terms, and how many units (sentences) hold each term.

This is all a lookup needs to know about a work besides the candidate units
themselves: it weighs query words (IDF), corrects their spelling against the
work's own words, completes half-typed words and finds related forms. It is
built once, at import, from the work's sentences (:func:`vocabulary_entries`),
stored beside the work, and loaded into memory while the work is in use.
"""

from __future__ import annotations

import heapq
import math
import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.search.textnorm import FUNCTION_TERMS, term, words

TYPO_CREDIT = {1: 0.9, 2: 0.75}
"""Credit of a spelling correction by edit distance (OSA: a swapped pair is one edit)."""
SOUND_CREDIT = 0.75
"""Credit of a word that sounds the same (same Metaphone key, same first letter) but is further away in spelling."""
MIN_SOUND_LENGTH = 4
"""Shorter words share their sound with too many others ("sed": set, sat, seat, said)."""
MIN_SKELETON_LENGTH = 3
"""Fewest letters of a word typed without its vowels ("prvdnc", "mtr") looked up by its consonants: two
("tm") stand for too many words."""
VOWELS = frozenset("aeiou")
MAX_TYPO_ALTERNATIVES = 8
MIN_RELATIVE_LENGTH = 4
MAX_RELATIVE_SUFFIX = 4
CORRECTIONS_KEPT = 5000
"""Misspelt words whose corrections a vocabulary remembers before it starts afresh."""
MAX_COMPLETIONS = 40
"""Vocabulary words a half-typed last word may stand for."""
INFO_MARGIN = 1.0
"""Nats added to ln(units) in the information scale (see :attr:`Vocabulary.info_scale`)."""
RARE_SPELLING_SPREAD = 2
COMMONER_SPELLING_FACTOR = 10
"""A word of the work held by at most :data:`RARE_SPELLING_SPREAD` units may itself be a misspelling, of a
word that close in spelling (see :meth:`Vocabulary.commoner_spellings`) and held by at least this many times
as many units ("felow" once, "fellow" forty times): the reader may have typed either."""
FUNCTION_WORD_IDF = 1.0
"""Cap on the IDF of function words ("the", "he", "said"), however rare in the work."""


@dataclass(frozen=True, slots=True)
class VocabularyEntry:
    """One distinct word of a work, its term, and the number of units holding that term."""

    word: str
    term: str
    spread: int


def vocabulary_entries(units: Iterable[str]) -> tuple[list[tuple[str, ...]], list[VocabularyEntry]]:
    """The terms of each unit's words, in order, and the vocabulary of all the units."""
    unit_terms: list[tuple[str, ...]] = []
    term_of: dict[str, str] = {}
    spread: Counter[str] = Counter()
    for text in units:
        unit_words = words(text)
        terms = tuple(term(word) for word in unit_words)
        unit_terms.append(terms)
        term_of.update(zip(unit_words, terms, strict=True))
        spread.update(set(terms))
    return unit_terms, [VocabularyEntry(word, t, spread[t]) for word, t in term_of.items()]


class Vocabulary:
    """The distinct words of a work, searchable by spelling, prefix and word form, with term weights."""

    def __init__(self, entries: Iterable[VocabularyEntry], units: int) -> None:
        entries = list(entries)
        self.units = units
        self.term_of = {entry.word: entry.term for entry in entries}
        self.spread = {entry.term: entry.spread for entry in entries}
        self._idf = {t: self.idf_for(spread, t in FUNCTION_TERMS) for t, spread in self.spread.items()}
        self.info_scale = INFO_MARGIN + math.log(max(units, 1))
        """Nats of information that pin one unit down: see :attr:`bot.search.scoring.Features.information`."""
        self._by_length = sorted(self.term_of, key=lambda word: (len(word), word))
        self._lengths = [len(word) for word in self._by_length]
        self._alphabetical = sorted(self.term_of)
        self._terms = sorted(self.spread)
        self._term_set = frozenset(self._terms)
        self._unit_weights: dict[tuple[str, ...], float] = {}
        self._corrections: dict[str, dict[str, float]] = {}

    def knows(self, own_term: str) -> bool:
        return own_term in self._idf

    def idf(self, own_term: str) -> float:
        """The IDF of a term of the work (see :meth:`idf_for`)."""
        return self._idf[own_term]

    def unit_weight(self, unit_terms: tuple[str, ...]) -> float:
        """Total IDF of a unit's distinct terms (at least 1), remembered: candidates recur across queries."""
        weight = self._unit_weights.get(unit_terms)
        if weight is None:
            weight = sum(self._idf.get(t, 0.0) for t in set(unit_terms)) or 1.0
            self._unit_weights[unit_terms] = weight
        return weight

    def idf_for(self, spread: int, function_word: bool = False) -> float:
        """BM25's IDF for a term found in ``spread`` units (always positive), capped for function words."""
        idf = math.log(1.0 + (self.units - spread + 0.5) / (spread + 0.5))
        return min(idf, FUNCTION_WORD_IDF) if function_word else idf

    def estimated_bytes(self) -> int:
        """Roughly what this vocabulary takes in memory, for the cache's budget."""
        per_word = sys.getsizeof("") * 2 + 120  # two strings plus their share of the dicts and lists
        return 4096 + len(self.term_of) * per_word + len(self.spread) * 100

    def corrections(self, word: str) -> dict[str, float]:
        """Terms of the closest words within 1 edit (words up to 4 letters) or 2 edits, and of words that sound
        alike (a new dict each time; remembered: readers' misspellings recur, and finding them is the slow part
        of analysing a query)."""
        found = self._corrections.get(word)
        if found is None:
            if len(self._corrections) >= CORRECTIONS_KEPT:
                self._corrections.clear()
            found = self._corrections[word] = self._find_corrections(word)
        return dict(found)

    def corrected_before(self, word: str) -> bool:
        """Whether :meth:`corrections` of ``word`` is a dictionary look-up (remembered, or no search)."""
        return word in self._corrections or len(word) < 3 or not word.isalpha()

    def _find_corrections(self, word: str) -> dict[str, float]:
        if len(word) < 3 or not word.isalpha():
            return {}
        found = self._spelling_corrections(word)
        for t in [*self._sound_alikes(word), *self._unvowelled(word)]:
            found.setdefault(t, SOUND_CREDIT)
        return found

    def commoner_spellings(self, word: str) -> dict[str, float]:
        """For a word the work holds but rarely (see :data:`RARE_SPELLING_SPREAD`), the terms of far commoner
        words within its spelling corrections: a reader's typo may be a word the text holds once too."""
        own_spread = self.spread.get(term(word), 0)
        if not 0 < own_spread <= RARE_SPELLING_SPREAD or len(word) < 3 or not word.isalpha():
            return {}
        found = self._spelling_corrections(word)
        return {t: credit for t, credit in found.items() if self.spread[t] >= COMMONER_SPELLING_FACTOR * own_spread}

    def _sound_alikes(self, word: str) -> list[str]:
        """Terms of the work's words with the same Metaphone key and first sound ("glanst": "glanced"; "korridor":
        "corridor", see :func:`same_onset`)."""
        if len(word) < MIN_SOUND_LENGTH:
            return []
        keys = dict.fromkeys(jellyfish.metaphone(spelling) for spelling in _spoken_spellings(word))
        alike = [other for key in keys for other in self._by_sound.get(key, ())]
        return [self.term_of[other] for other in alike if same_onset(other, word)][:MAX_TYPO_ALTERNATIVES]

    @cached_property
    def _by_sound(self) -> dict[str, list[str]]:
        """Metaphone key -> the work's words with that key (built on first use); a word with "gh" also under
        its key with "gh" sounded "f", as phone spelling writes it ("enough": "enuf")."""
        by_sound: dict[str, list[str]] = {}
        for word in self.term_of:
            if word.isalpha() and word.isascii():
                for key in {jellyfish.metaphone(word), jellyfish.metaphone(word.replace("gh", "f"))}:
                    by_sound.setdefault(key, []).append(word)
        return by_sound

    def _unvowelled(self, word: str) -> list[str]:
        """For a word typed without its vowels after the first letter, as chat writes ("prvdnc", "mtr"), the terms
        of the work's words with those consonants in that order, the most widespread first (ties alphabetically, so
        that every run keeps the same ones)."""
        if len(word) < MIN_SKELETON_LENGTH or not word.isascii() or not VOWELS.isdisjoint(word[1:]):
            return []
        found = sorted({self.term_of[other] for other in self._by_skeleton.get(skeleton(word), ())})
        return heapq.nlargest(MAX_TYPO_ALTERNATIVES, found, key=self.spread.__getitem__)

    @cached_property
    def _by_skeleton(self) -> dict[str, list[str]]:
        """Consonant skeleton (see :func:`skeleton`) -> the work's words with it (built on first use)."""
        by_skeleton: dict[str, list[str]] = {}
        for word in self.term_of:
            if word.isalpha() and word.isascii() and len(word) >= MIN_SKELETON_LENGTH:
                by_skeleton.setdefault(skeleton(word), []).append(word)
        return by_skeleton

    def _spelling_corrections(self, word: str) -> dict[str, float]:
        max_edits = 1 if len(word) <= 4 else 2
        start = bisect_left(self._lengths, len(word) - max_edits)
        stop = bisect_left(self._lengths, len(word) + max_edits + 1)
        own_term = term(word)
        hits = [
            hit
            for hit in process.extract(
                word, self._by_length[start:stop], scorer=OSA.distance, score_cutoff=max_edits, limit=None
            )
            if self.term_of[hit[0]] != own_term
        ]
        if not hits:
            return {}
        closest = min(distance for _, distance, _ in hits)
        nearest = [candidate for candidate, distance, _ in hits if distance == closest]
        return {self.term_of[candidate]: TYPO_CREDIT[closest] for candidate in nearest[:MAX_TYPO_ALTERNATIVES]}

    def completions(self, prefix: str) -> list[str]:
        """Terms of words starting with ``prefix``, the most widespread first."""
        start = bisect_left(self._alphabetical, prefix)
        stop = bisect_left(self._alphabetical, prefix + "\uffff")
        found = {self.term_of[word] for word in self._alphabetical[start:stop]}
        return heapq.nlargest(MAX_COMPLETIONS, found, key=self.spread.__getitem__)

    def relatives(self, own_term: str) -> list[str]:
        """Terms that extend ``own_term`` or that it extends by a short ending."""
        if len(own_term) < MIN_RELATIVE_LENGTH:
            return []
        start = bisect_left(self._terms, own_term)
        stop = bisect_left(self._terms, own_term + "\uffff")
        longer = [t for t in self._terms[start:stop] if 0 < len(t) - len(own_term) <= MAX_RELATIVE_SUFFIX]
        shortest = max(MIN_RELATIVE_LENGTH, len(own_term) - MAX_RELATIVE_SUFFIX)
        shorter = [own_term[:end] for end in range(shortest, len(own_term)) if own_term[:end] in self._term_set]
        return longer + shorter


def same_onset(word: str, other: str) -> bool:
    """Whether two words begin with the same letter, or with letters that sound the same there (their first two
    letters' Metaphone keys agree: "co"/"ko", "ph"/"f", "kn"/"n", "ce"/"se"), as a reader spelling a word by its
    sound writes it ("kame", "fone")."""
    return word[0] == other[0] or jellyfish.metaphone(word[:2]) == jellyfish.metaphone(other[:2]) != ""


def skeleton(word: str) -> str:
    """The first letter and the consonants after it, a doubled letter once: "matter" and "mtr" -> "mtr"."""
    kept = [word[0], *(letter for letter in word[1:] if letter not in VOWELS)]
    return "".join(letter for position, letter in enumerate(kept) if position == 0 or letter != kept[position - 1])


def _spoken_spellings(word: str) -> list[str]:
    """The word and what it may spell as said without its final "r" ("neva", "afta", "betta": never, after,
    better), as phone typing writes it."""
    if word.endswith("a") and not word.endswith(("ea", "ia", "oa", "ua")):
        return [word, word[:-1] + "er"]
    return [word]
