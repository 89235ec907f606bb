"""Quote lookup: find the sentence a reader half-remembers.

A lookup runs in two stages, so its cost depends on the query, not on the
length of the work:

1. **Candidates.** Every unit (a sentence, for the bot) is reduced to
   comparison terms (:func:`bot.textnorm.term`: case, punctuation,
   contractions, tense and plural folded away) and put in an inverted index.
   Each distinct query word becomes a :class:`_QueryWord`: the terms that may
   stand for it in the text, each with a *credit* in (0, 1] (the word itself
   1.0; spelling corrections drawn from the work's own vocabulary, related
   word forms and curated synonyms less), plus an IDF *weight*. Units are
   ranked by the IDF-weighted credit they collect from terms rare enough to be
   worth a posting-list visit; the best :data:`CANDIDATE_POOL` go on.
2. **Rescoring.** Each candidate gets a 0-100 score (see :class:`_Features`)
   from *window coverage* (IDF-weighted share of the query's words found close
   together, in any order), *surface similarity* (rapidfuzz on the normalised
   strings: exact wording, word order, spelling) and *specificity* ("he said"
   matches hundreds of sentences perfectly and must not be a confident hit).

Scores at or above :data:`CONFIDENT_SCORE` are matches; the next best are
returned as "did you mean" suggestions.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.search.textnorm import FUNCTION_TERMS, SYNONYMS, sentence_parts, term, words

CONFIDENT_SCORE: float = 70.0
"""Lowest score reported as a confident match.

Calibrated with ``python -m benchmarks.quote_bench`` on a 3k-word story,
Frankenstein and Dracula: in-story queries of every kind (exact, typos,
misremembered, fragments, shuffled) nearly all score 75-100; lines from other
books, generic sentences and short generic phrases nearly all score below 60.
Between them, heavily reworded lines and lookalikes from elsewhere overlap;
70 splits that band.
"""

SUGGESTION_SCORE: float = 50.0
"""Lowest score offered as a "did you mean" suggestion."""

SHORTLIST = 150
"""Units the candidate stage keeps by rarer words' credit, before re-ranking by all words."""
MAX_SHORTLIST = 1000
"""Cap on the shortlist when many units tie at its cut."""
CANDIDATE_POOL = 30
"""How many units the candidate stage passes to rescoring."""

COMMON_TERM_SHARE = 0.04
"""Terms in more than this share of units are skipped by the candidate stage
(unless the query has nothing rarer): they would visit most postings for
nothing. Rescoring still counts them."""

TYPO_CREDIT = {1: 0.9, 2: 0.75}
"""Credit of a spelling correction by edit distance (OSA: a swapped pair is one edit)."""
MAX_TYPO_ALTERNATIVES = 8
RELATIVE_CREDIT = 0.7
"""Credit of a related form: one word extends the other ("laugh"/"laughter")."""
MIN_RELATIVE_LENGTH = 4
MAX_RELATIVE_SUFFIX = 4
SYNONYM_CREDIT = 0.8
"""Credit of a curated synonym (``data/word_lists.yaml``)."""
MAX_COMPLETIONS = 40
"""Vocabulary words a half-typed last word may stand for in :meth:`QuoteIndex.suggest`."""

WINDOW_SLACK = 3
"""Words a matching window may have beyond the query's length."""
WEIGHT_WINDOW = 0.6
WEIGHT_SURFACE = 0.4
INFO_MARGIN = 1.0
"""Nats added to ln(units) in the information scale; see :attr:`_Features.information`."""
WHOLE_UNIT_INFO = 0.5
"""Information from which a query covering a whole unit counts as specific."""
FUNCTION_WORD_IDF = 1.0
"""Cap on the IDF of function words ("the", "he", "said"), however rare in the work."""
INFO_SATURATION = 1.5
"""Information, in units of the scale, from which a match counts as fully specific."""

Hit = tuple[int, int, float]
"""(position in the unit, index of the query word, credit)."""


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    key: int
    """The caller's key for the unit (sentence ordinals, for the bot)."""
    text: str
    """The unit's text as given."""
    score: float
    """0-100, higher is better."""


@dataclass(frozen=True, slots=True)
class LookupResult:
    matches: list[QuoteMatch]
    """Confident hits, best first; empty when the line is not in the work."""
    suggestions: list[QuoteMatch]
    """Closest candidates below :data:`CONFIDENT_SCORE`, best first; may be empty."""


@dataclass(frozen=True, slots=True)
class _Features:
    """What rescoring measures about one candidate unit."""

    coverage: float
    """0-1: IDF-weighted credit of the query's words found within one window,
    over the query's total weight."""
    surface: float
    """0-1: character similarity of the normalised query and (the best-aligned part of) the unit."""
    information: float
    """Matched IDF over ln(units) + :data:`INFO_MARGIN`: about 1 when the matched
    words, were they independent, would occur together in one unit only."""
    unit_coverage: float
    """0-1: IDF-weighted share of the unit's own words the query matched."""

    @property
    def specificity(self) -> float:
        """1 unless the match is too generic to pin a line down ("he said", "the door").

        A match is specific when the query carries enough information, or when
        it covers a whole (short) unit with a little information: "Unclean,
        unclean!" is a sentence of its own, "Yes." is not a quote. Function
        words carry little information whatever the work (see
        :data:`FUNCTION_WORD_IDF`), so generic phrases stay unspecific even in
        a short story.
        """
        whole_unit = self.unit_coverage * min(1.0, self.information / WHOLE_UNIT_INFO)
        return min(1.0, max(self.information / INFO_SATURATION, whole_unit))

    @property
    def score(self) -> float:
        similarity = WEIGHT_WINDOW * self.coverage + WEIGHT_SURFACE * self.surface
        return 100.0 * similarity * self.specificity


@dataclass(frozen=True, slots=True, eq=False)
class _QueryWord:
    """One distinct word of a query and the terms that may stand for it (hashed by identity)."""

    alternatives: dict[str, float]
    """Term -> credit (1.0 for the word itself)."""
    weight: float
    """IDF of the word (of its best stand-in when the word is not in the work)."""


@dataclass(frozen=True, slots=True)
class _Query:
    words: list[_QueryWord]
    length: int
    """Number of words typed, repeats included."""
    surface: str
    """The typed words, normalised and joined, for character-level comparison."""
    total_weight: float
    term_index: dict[str, list[tuple[int, float]]]
    """Term -> (index into ``words``, credit) for every alternative of every word."""
    term_gain: dict[str, float]
    """Term -> the most weighted credit it earns for any query word."""
    terms: frozenset[str]
    """Every term in ``term_index``, as a set to intersect units with."""

    @classmethod
    def build(cls, analysed: list[_QueryWord], typed: list[str]) -> _Query:
        term_index: dict[str, list[tuple[int, float]]] = {}
        for index, query_word in enumerate(analysed):
            for t, credit in query_word.alternatives.items():
                term_index.setdefault(t, []).append((index, credit))
        term_gain = {
            t: max(analysed[index].weight * credit for index, credit in pairs) for t, pairs in term_index.items()
        }
        return cls(
            words=analysed,
            length=len(typed),
            surface=" ".join(typed),
            total_weight=sum(query_word.weight for query_word in analysed),
            term_index=term_index,
            term_gain=term_gain,
            terms=frozenset(term_index),
        )


class _Vocabulary:
    """The distinct words of a work, searchable by spelling, prefix and word form."""

    def __init__(self, surface_words: set[str], terms: Iterable[str]) -> None:
        self.term_of = {word: term(word) for word in surface_words}
        self._by_length = sorted(surface_words, key=lambda word: (len(word), word))
        self._lengths = [len(word) for word in self._by_length]
        self._alphabetical = sorted(surface_words)
        self._terms = sorted(terms)
        self._term_set = frozenset(self._terms)

    def corrections(self, word: str) -> dict[str, float]:
        """Terms of the closest words within 1 edit (words up to 4 letters) or 2 edits."""
        if len(word) < 3 or not word.isalpha():
            return {}
        max_edits = 1 if len(word) <= 4 else 2
        start = bisect_left(self._lengths, len(word) - max_edits)
        stop = bisect_left(self._lengths, len(word) + max_edits + 1)
        hits = process.extract(
            word, self._by_length[start:stop], scorer=OSA.distance, score_cutoff=max_edits, limit=None
        )
        if not hits:
            return {}
        closest = min(distance for _, distance, _ in hits)
        nearest = [candidate for candidate, distance, _ in hits if distance == closest]
        return {self.term_of[candidate]: TYPO_CREDIT[closest] for candidate in nearest[:MAX_TYPO_ALTERNATIVES]}

    def completions(self, prefix: str, rank: dict[str, int]) -> list[str]:
        """Terms of words starting with ``prefix``, the highest ``rank`` first."""
        start = bisect_left(self._alphabetical, prefix)
        stop = bisect_left(self._alphabetical, prefix + "\uffff")
        found = {self.term_of[word] for word in self._alphabetical[start:stop]}
        return heapq.nlargest(MAX_COMPLETIONS, found, key=rank.__getitem__)

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


class QuoteIndex:
    """An in-memory quote index over units of text (usually the sentences of a work)."""

    def __init__(self, units: Iterable[tuple[int, str]]) -> None:
        self._keys: list[int] = []
        self._texts: list[str] = []
        self._unit_terms: list[tuple[str, ...]] = []
        self._surfaces: list[str] = []
        self._postings: dict[str, list[int]] = {}
        surface_words: set[str] = set()
        for key, text in units:
            surface_words.update(self._add_unit(key, text))
        self._vocabulary = _Vocabulary(surface_words, self._postings)
        self._spread = {t: len(posting) for t, posting in self._postings.items()}
        self._idf = {t: self._idf_for(spread, t in FUNCTION_TERMS) for t, spread in self._spread.items()}
        self._info_scale = INFO_MARGIN + math.log(max(len(self._keys), 1))
        self._unit_weight = [sum(self._idf[t] for t in set(terms)) or 1.0 for terms in self._unit_terms]

    def _add_unit(self, key: int, text: str) -> list[str]:
        unit = len(self._keys)
        unit_words = words(text)
        unit_terms = tuple(term(word) for word in unit_words)
        self._keys.append(key)
        self._texts.append(text)
        self._unit_terms.append(unit_terms)
        self._surfaces.append(" ".join(unit_words))
        for t in set(unit_terms):
            self._postings.setdefault(t, []).append(unit)
        return unit_words

    def _idf_for(self, spread: int, function_word: bool = False) -> float:
        """BM25's IDF for a term found in ``spread`` units (always positive), capped for function words."""
        idf = math.log(1.0 + (len(self._keys) - spread + 0.5) / (spread + 0.5))
        return min(idf, FUNCTION_WORD_IDF) if function_word else idf

    def __len__(self) -> int:
        return len(self._keys)

    def lookup(self, query: str, limit: int = 5) -> LookupResult:
        """The units ``query`` quotes (confident matches) and the closest others.

        A query of several sentences is also looked up sentence by sentence,
        since a unit holds one: each unit keeps its best score.
        """
        parts = sentence_parts(query)
        views = [query, *parts] if len(parts) > 1 else [query]
        best: dict[int, QuoteMatch] = {}
        for view in views:
            for match in self._rank(self._parse(words(view))):
                if match.key not in best or best[match.key].score < match.score:
                    best[match.key] = match
        ranked = sorted(best.values(), key=_best_first)
        matches = [match for match in ranked if match.score >= CONFIDENT_SCORE]
        suggestions = [match for match in ranked if SUGGESTION_SCORE <= match.score < CONFIDENT_SCORE]
        return LookupResult(matches[:limit], suggestions[:limit])

    def suggest(self, partial: str, limit: int = 25) -> list[QuoteMatch]:
        """Best units for a query still being typed (Discord autocomplete), best first.

        Unless ``partial`` ends in a space or punctuation, its last word may be
        unfinished: it stands for the vocabulary words it begins, and is
        ignored if it begins none (a half-typed "isn" of "isn't").
        """
        query_words = words(partial)
        prefix = query_words.pop() if query_words and partial[-1:].isalnum() else None
        return self._rank(self._parse(query_words, prefix))[:limit]

    # -- query analysis -----------------------------------------------------

    def _parse(self, query_words: list[str], prefix: str | None = None) -> _Query | None:
        """Analyse the words of a query; ``None`` if nothing can be searched for."""
        distinct: dict[str, _QueryWord] = {}
        for word in query_words:
            if term(word) not in distinct:
                distinct[term(word)] = self._analyse_word(word)
        analysed, typed = list(distinct.values()), list(query_words)
        if prefix is not None and (prefix_word := self._analyse_prefix(prefix)).alternatives:
            analysed.append(prefix_word)
            typed.append(prefix)
        if not typed or not self._keys:
            return None
        return _Query.build(analysed, typed)

    def _analyse_word(self, word: str) -> _QueryWord:
        own_term = term(word)
        if own_term in self._idf:
            alternatives = {own_term: 1.0}
        else:
            alternatives = self._vocabulary.corrections(word)
        for relative in self._vocabulary.relatives(own_term):
            alternatives.setdefault(relative, RELATIVE_CREDIT)
        for source in [own_term, *alternatives]:
            for synonym in SYNONYMS.get(source, ()):
                if synonym in self._idf and synonym not in alternatives:
                    alternatives[synonym] = SYNONYM_CREDIT * alternatives.get(source, 1.0)
        return _QueryWord(alternatives, self._weight(own_term, alternatives))

    def _analyse_prefix(self, prefix: str) -> _QueryWord:
        """A half-typed word: it may be complete already or begin a longer word."""
        own_term = term(prefix)
        alternatives = {own_term: 1.0} if own_term in self._idf else {}
        for completion in self._vocabulary.completions(prefix, rank=self._spread):
            alternatives.setdefault(completion, 1.0)
        return _QueryWord(alternatives, self._weight(own_term, alternatives))

    def _weight(self, own_term: str, alternatives: dict[str, float]) -> float:
        if own_term in self._idf:
            return self._idf[own_term]
        if alternatives:
            return self._idf[_best_term(alternatives)]
        return self._idf_for(0, own_term in FUNCTION_TERMS)

    # -- candidate stage ----------------------------------------------------

    def _rank(self, query: _Query | None) -> list[QuoteMatch]:
        if query is None:
            return []
        ranked = [
            QuoteMatch(self._keys[unit], self._texts[unit], self._features(unit, query).score)
            for unit in self._candidates(query)
        ]
        ranked.sort(key=_best_first)
        return ranked

    def _candidates(self, query: _Query) -> list[int]:
        """The units most worth rescoring.

        Units are shortlisted by the credit they collect from the query's
        rarer words (cheap: short posting lists), keeping every unit tied at
        the cut, then re-ranked with all terms, so common words break ties.
        """
        gathered: dict[int, float] = {}
        for query_word, terms in self._selective_terms(query).items():
            for unit, credit in self._best_credits(terms).items():
                gathered[unit] = gathered.get(unit, 0.0) + query_word.weight * credit
        shortlist = list(gathered)
        if len(shortlist) > SHORTLIST:
            cut = gathered[heapq.nlargest(SHORTLIST, shortlist, key=gathered.__getitem__)[-1]]
            shortlist = [unit for unit in shortlist if gathered[unit] >= cut][:MAX_SHORTLIST]
        return heapq.nlargest(CANDIDATE_POOL, shortlist, key=lambda unit: self._bag_credit(unit, query))

    def _selective_terms(self, query: _Query) -> dict[_QueryWord, dict[str, float]]:
        """Words worth a posting-list visit, each with its alternatives that are.

        A word whose own (best) term is common is left out even if a synonym
        is rare: the synonym alone would stand for the word. A query of common
        words only ("to be or not to be") falls back to its two rarest words
        with all their alternatives.
        """
        common = COMMON_TERM_SHARE * len(self._keys)
        selective = {}
        for query_word in query.words:
            if query_word.alternatives and self._spread[_best_term(query_word.alternatives)] <= common:
                selective[query_word] = {t: c for t, c in query_word.alternatives.items() if self._spread[t] <= common}
        if selective:
            return selective
        rarest = heapq.nlargest(2, (w for w in query.words if w.alternatives), key=lambda w: w.weight)
        return {query_word: query_word.alternatives for query_word in rarest}

    def _bag_credit(self, unit: int, query: _Query) -> float:
        """IDF-weighted credit of the query's terms found anywhere in the unit, common ones included.

        Cheap rather than exact: a unit holding two stand-ins for one query
        word is credited for both.
        """
        found = query.terms.intersection(self._unit_terms[unit])
        return sum(map(query.term_gain.__getitem__, found))

    def _best_credits(self, terms: dict[str, float]) -> dict[int, float]:
        """Unit -> best credit of any of ``terms`` it contains."""
        best: dict[int, float] = {}
        for t, credit in terms.items():
            for unit in self._postings[t]:
                if best.get(unit, 0.0) < credit:
                    best[unit] = credit
        return best

    # -- rescoring ----------------------------------------------------------

    def _features(self, unit: int, query: _Query) -> _Features:
        hits = [
            (position, index, credit)
            for position, t in enumerate(self._unit_terms[unit])
            for index, credit in query.term_index.get(t, ())
        ]
        window_credit = _window_credit(hits, query)
        return _Features(
            coverage=window_credit / query.total_weight,
            surface=_surface_similarity(query.surface, self._surfaces[unit]),
            information=window_credit / self._info_scale,
            unit_coverage=self._unit_coverage(unit, hits),
        )

    def _unit_coverage(self, unit: int, hits: list[Hit]) -> float:
        """IDF-weighted share of the unit's own terms that the query matched."""
        unit_terms = self._unit_terms[unit]
        matched: dict[str, float] = {}
        for position, _, credit in hits:
            if matched.get(unit_terms[position], 0.0) < credit:
                matched[unit_terms[position]] = credit
        return sum(self._idf[t] * credit for t, credit in matched.items()) / self._unit_weight[unit]


def _best_term(alternatives: dict[str, float]) -> str:
    """The alternative with the most credit (the word itself when it is in the work)."""
    return max(alternatives, key=alternatives.__getitem__)


def _best_first(match: QuoteMatch) -> tuple[float, int]:
    """Sort key: highest score first, then earliest unit."""
    return (-match.score, match.key)


def _window_credit(hits: list[Hit], query: _Query) -> float:
    """Most IDF-weighted credit of distinct query words within one window of the unit.

    The window is a little longer than the query, so a fragment of a long
    sentence or a shuffled line scores fully, while common words scattered
    through a long sentence do not add up.
    """
    span = query.length + WINDOW_SLACK
    if not hits or hits[-1][0] - hits[0][0] < span:
        return _credit_of(((index, credit) for _, index, credit in hits), query)
    return max(_credit_of(_window(hits, first, span), query) for first in range(len(hits)))


def _window(hits: list[Hit], first: int, span: int) -> Iterator[tuple[int, float]]:
    """(query word index, credit) of the hits within ``span`` words from ``hits[first]``."""
    start = hits[first][0]
    for position, index, credit in hits[first:]:
        if position - start >= span:
            return
        yield index, credit


def _credit_of(hits: Iterable[tuple[int, float]], query: _Query) -> float:
    """IDF-weighted credit of the distinct query words among (query word index, credit) pairs."""
    best: dict[int, float] = {}
    for index, credit in hits:
        if best.get(index, 0.0) < credit:
            best[index] = credit
    return sum(query.words[index].weight * credit for index, credit in best.items())


def _surface_similarity(query: str, unit: str) -> float:
    """Character similarity 0-1 of the query and the best-aligned part of the unit."""
    if len(query) < len(unit):
        return fuzz.partial_ratio(query, unit) / 100.0
    return fuzz.ratio(query, unit) / 100.0
