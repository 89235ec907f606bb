"""Rescoring: a 0-100 score for each candidate unit a lookup's candidate stage found.

The score (see :class:`Features`) combines *window coverage* (IDF-weighted
share of the query's words found close together, in any order), *surface
similarity* (rapidfuzz on the normalised strings: exact wording, word order,
spelling) and *specificity* ("he said" matches hundreds of sentences perfectly
and must not be a confident hit). Only the best :data:`CANDIDATE_POOL`
candidates by a cheap bag-of-words credit are scored in full.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from bot.search.analysis import Query
from bot.search.textnorm import term, words
from bot.search.vocabulary import Vocabulary

CANDIDATE_POOL = 20
"""How many candidates are scored in full (20 found the same lines as 30 on the
tuned and hold-out sets, a third faster)."""
RUN_CANDIDATES = 3
"""How many of the best units are also scored together with the sentence after them."""
RUN_GAIN = 10.0
"""How much more two units must score together than either alone to be a run: each must add
much of the query, not merely a word or two."""
WINDOW_SLACK = 3
"""Words a matching window may have beyond the query's window (:attr:`~bot.search.analysis.Query.window`)."""
WEIGHT_WINDOW = 0.6
WEIGHT_SURFACE = 0.4
WHOLE_UNIT_INFO = 0.5
"""Information from which a query covering a whole unit counts as specific."""
INFO_SATURATION = 1.5
"""Information, in units of the scale, from which a match counts as fully specific."""
RARE_WORD_WEIGHT = 0.4
"""A query word is *rare* in a work when its IDF is at least this share of the information that pins one
unit down (:attr:`~bot.search.vocabulary.Vocabulary.info_scale`): held by about 2% of a novel's sentences
or fewer. See :attr:`Features.rare_words`."""

Hit = tuple[int, int, float]
"""(position in the unit, index of the query word, credit)."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of text as rescoring sees it."""

    key: int
    """The caller's key for the unit (a sentence's passage id, for the bot)."""
    text: str
    terms: tuple[str, ...]
    """The terms of the unit's words, in order."""
    surface: str | None = None
    """The unit's normalised words, joined; worked out from `text` when needed if not given."""

    @classmethod
    def of(cls, key: int, text: str) -> Unit:
        unit_words = words(text)
        return cls(key, text, tuple(map(term, unit_words)), " ".join(unit_words))

    def normalised(self) -> str:
        return self.surface if self.surface is not None else _surface_of(self.text)


@lru_cache(maxsize=16384)
def _surface_of(text: str) -> str:
    """A unit's normalised words, joined (cached: the same candidates come back query after query)."""
    return " ".join(words(text))


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    key: int
    """The caller's key for the unit."""
    text: str
    """The unit's text as given."""
    score: float
    """0-100, higher is better."""
    information: float = 0.0
    """How much the matched words pin the unit down (see :attr:`Features.information`)."""
    coverage: float = 0.0
    """0-1: how much of the query (IDF-weighted, spelling corrections credited) the unit holds in one window."""
    rare_words: int = 0
    """How many of the query's rare words the unit holds in the same form (see :attr:`Features.rare_words`)."""
    distinctive_words: int = 0
    """How many of those are not everyday English (see :attr:`Features.distinctive_words`)."""


@dataclass(frozen=True, slots=True)
class Features:
    """What rescoring measures about one candidate unit."""

    coverage: float
    """0-1: IDF-weighted credit of the query's words found within one window,
    over the query's total weight."""
    surface: float
    """0-1: character similarity of the normalised query and (the best-aligned part of) the unit."""
    information: float
    """Matched IDF over ln(units) + a margin: about 1 when the matched
    words, were they independent, would occur together in one unit only."""
    unit_coverage: float
    """0-1: IDF-weighted share of the unit's own words the query matched."""
    rare_words: int = 0
    """Distinct rare query words (:data:`RARE_WORD_WEIGHT`) the unit holds as typed or in another form of
    the same word (not a spelling correction, a synonym or a related word): what a line retold in
    other words keeps (names, rare nouns), and what a line from elsewhere seldom shares twice by chance."""
    distinctive_words: int = 0
    """Of :attr:`rare_words`, those that are not everyday English (:attr:`~bot.search.analysis.QueryWord.everyday`):
    a line from another book shares a novel's rare words that are common in any prose ("since", "name", "before"),
    seldom its names or the words it alone favours."""

    @property
    def specificity(self) -> float:
        """1 unless the match is too generic to pin a line down ("he said", "the door").

        A match is specific when the query carries enough information, or when
        it covers a whole (short) unit with a little information: "Unclean,
        unclean!" is a sentence of its own, "Yes." is not a quote. Function
        words carry little information whatever the work, so generic phrases
        stay unspecific even in a short story.
        """
        whole_unit = self.unit_coverage * min(1.0, self.information / WHOLE_UNIT_INFO)
        return min(1.0, max(self.information / INFO_SATURATION, whole_unit))

    @property
    def score(self) -> float:
        similarity = WEIGHT_WINDOW * self.coverage + WEIGHT_SURFACE * self.surface
        return 100.0 * similarity * self.specificity


Follower = Callable[[Unit], "Unit | None"]
"""The unit after a unit in the work (``None`` at the end, or when unknown)."""


def rank(
    units: Iterable[Unit], query: Query, vocabulary: Vocabulary, follower: Follower | None = None
) -> list[QuoteMatch]:
    """The most promising units by bag-of-words credit, scored in full, best first.

    With ``follower``, a query longer than one of the best units is also scored
    against that unit and the next together: a quote that runs across two
    sentences ("Welcome to my house enter freely ...") matches both.
    """
    ranking = Ranking.of(units, query, vocabulary)
    if follower is not None:
        ranking.add_runs(follower, vocabulary)
    return ranking.ranked()


@dataclass(frozen=True, slots=True)
class Ranking:
    """The full scores of a query's most promising units, before and after runs across two units.

    Split from :func:`rank` so that a caller fetching units from a database asks only for the
    units after :meth:`run_starts`, the few that may begin a run, rather than after every candidate.
    """

    query: Query
    pool: list[Unit]
    best: dict[int, QuoteMatch]

    @classmethod
    def of(cls, units: Iterable[Unit], query: Query, vocabulary: Vocabulary) -> Ranking:
        pool = heapq.nlargest(CANDIDATE_POOL, units, key=lambda unit: bag_credit(unit.terms, query))
        best: dict[int, QuoteMatch] = {}
        for unit in pool:
            found = features(unit, query, vocabulary)
            best[unit.key] = _match(unit, found)
        return cls(query, pool, best)

    def run_starts(self) -> list[Unit]:
        """The best units shorter than the query: a run may begin at each."""
        starts = heapq.nlargest(RUN_CANDIDATES, self.pool, key=lambda unit: self.best[unit.key].score)
        return [unit for unit in starts if self.query.length > len(unit.terms)]

    def add_runs(self, follower: Follower, vocabulary: Vocabulary) -> None:
        """Score each of :meth:`run_starts` together with the unit after it."""
        for unit in self.run_starts():
            if (after := follower(unit)) is not None:
                _score_run(unit, after, self.query, vocabulary, self.best)

    def ranked(self) -> list[QuoteMatch]:
        return sorted(self.best.values(), key=best_first)


def _score_run(first: Unit, second: Unit, query: Query, vocabulary: Vocabulary, best: dict[int, QuoteMatch]) -> None:
    """Score two consecutive units as one: if much better, each keeps the better of its score and theirs."""
    run = Unit(first.key, f"{first.text} {second.text}", first.terms + second.terms)
    found = features(run, query, vocabulary)
    alone = best[second.key].score if second.key in best else features(second, query, vocabulary).score
    if found.score < max(best[first.key].score, alone) + RUN_GAIN:
        return  # one of them alone explains the query about as well
    for unit in (first, second):
        if unit.key not in best or best[unit.key].score < found.score:
            best[unit.key] = _match(unit, found)


def _match(unit: Unit, found: Features) -> QuoteMatch:
    return QuoteMatch(
        unit.key, unit.text, found.score, found.information, found.coverage, found.rare_words, found.distinctive_words
    )


def bag_credit(unit_terms: Iterable[str], query: Query) -> float:
    """IDF-weighted credit of the query's terms found anywhere in the unit, common ones included.

    Cheap rather than exact: a unit holding two stand-ins for one query word is credited for both.
    """
    found = query.terms.intersection(unit_terms)
    return sum(map(query.term_gain.__getitem__, found))


def best_first(match: QuoteMatch) -> tuple[float, int]:
    """Sort key: highest score first, then earliest unit."""
    return (-match.score, match.key)


def features(unit: Unit, query: Query, vocabulary: Vocabulary) -> Features:
    hits = [
        (position, index, credit)
        for position, t in enumerate(unit.terms)
        for index, credit in query.term_index.get(t, ())
    ]
    window_credit = _window_credit(hits, query)
    rare = _rare_words(hits, query, vocabulary)
    return Features(
        coverage=window_credit / query.total_weight,
        surface=_surface_similarity(query.surface, unit.normalised()),
        information=window_credit / vocabulary.info_scale,
        unit_coverage=_unit_coverage(unit, hits, vocabulary),
        rare_words=len(rare),
        distinctive_words=sum(not query.words[index].everyday for index in rare),
    )


def _rare_words(hits: list[Hit], query: Query, vocabulary: Vocabulary) -> set[int]:
    """The distinct rare query words among ``hits`` in their own form, by index (see :attr:`Features.rare_words`)."""
    least = RARE_WORD_WEIGHT * vocabulary.info_scale
    query_words = query.words
    return {index for _, index, credit in hits if credit >= 1.0 and query_words[index].weight >= least}


def _unit_coverage(unit: Unit, hits: list[Hit], vocabulary: Vocabulary) -> float:
    """IDF-weighted share of the unit's own terms that the query matched."""
    matched: dict[str, float] = {}
    for position, _, credit in hits:
        if matched.get(unit.terms[position], 0.0) < credit:
            matched[unit.terms[position]] = credit
    return sum(vocabulary.idf(t) * credit for t, credit in matched.items()) / vocabulary.unit_weight(unit.terms)


def _window_credit(hits: list[Hit], query: Query) -> float:
    """Most IDF-weighted credit of distinct query words within one window of the unit.

    The window is a little longer than the query, so a fragment of a long
    sentence or a shuffled line scores fully, while common words scattered
    through a long sentence do not add up.
    """
    everything = _credit_of(hits, query)
    span = query.window + WINDOW_SLACK
    if not hits or hits[-1][0] - hits[0][0] < span:
        return everything
    best = 0.0
    end = scored_end = 0  # hits before `end` start less than `span` words after the window's start
    for first in range(len(hits)):
        start = hits[first][0]
        while end < len(hits) and hits[end][0] - start < span:
            end += 1
        if end == scored_end:
            continue  # the window holds no hit the window before lacked: it cannot hold more
        scored_end = end
        best = max(best, _credit_of(hits[first:end], query))
        if best >= everything or end == len(hits):
            break  # no window can hold more than all the hits, or than those from here to the end
    return best


def _credit_of(hits: list[Hit], query: Query) -> float:
    """IDF-weighted credit of the distinct query words among ``hits`` (each word's best credit)."""
    best: dict[int, float] = {}
    for _, index, credit in hits:
        if best.get(index, 0.0) < credit:
            best[index] = credit
    query_words = query.words
    return sum([query_words[index].weight * credit for index, credit in best.items()])


def _surface_similarity(query: str, unit: str) -> float:
    """Character similarity 0-1 of the query and the best-aligned part of the unit."""
    if len(query) < len(unit):
        return fuzz.partial_ratio(query, unit) / 100.0
    return fuzz.ratio(query, unit) / 100.0
