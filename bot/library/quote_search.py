"""Finding a quote in a loaded work: lookups (phrase first, then ranked candidates) and autocomplete.

Candidates come from the full-text index (:class:`~bot.storage.quote_index.QuoteIndexStore`) in one
trip, the hits' passages from the work's view (:class:`~bot.library.work_passages.WorkPassages`); rescoring
runs on the event loop when it is about a millisecond of work, else in a worker thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.library.views import QuoteHit, QuoteLookup, WorkView
from bot.search.analysis import Query, analysed_before
from bot.search.engine import (
    INDEX_CANDIDATES,
    LookupResult,
    candidate_terms,
    combine,
    lookup_queries,
    phrase_result,
    suggest_query,
)
from bot.search.phrases import MAX_OCCURRENCES, PhraseQuery, occurrences, phrase_query
from bot.search.query import MAX_QUERY_CHARS
from bot.search.scoring import QuoteMatch, Ranking, Unit, rank
from bot.search.textnorm import words
from bot.search.vocabulary import Vocabulary
from bot.storage.quote_index import QuoteIndexStore

MATCHING_CAP = 3000
"""Most sentences a lookup ranks in memory; a query whose words more sentences hold (a long one of common
words, in a long novel) has the full-text index rank them."""

INLINE_RESCORE_UNITS = 600
"""Candidates (summed over a lookup's queries) up to which rescoring runs on the event loop: about 1.5 ms
of work on the benchmark machine. A worker thread shares the interpreter lock, so it would free the loop
only at the interpreter's 5 ms switch interval, and the trip there and back costs most on a busy machine."""

Plan = list[tuple[Query, set[str]]]
"""A lookup's queries, each with the terms its candidate search asks the index for."""


class QuoteSearch:
    """Lookups and completions in works already loaded (see :meth:`bot.library.service.Library.load`)."""

    def __init__(self, index: QuoteIndexStore) -> None:
        self._index = index

    async def lookup(self, work: WorkView, cleaned: str, *, limit: int, sections: range | None) -> QuoteLookup:
        """Where the cleaned query is in ``work`` (only in ``sections``, the reading progress, if given)."""
        if analysed_before(words(cleaned), work.vocabulary):
            phrase, plan = _plan_lookup(cleaned, work.vocabulary)
        else:
            phrase, plan = await asyncio.to_thread(_plan_lookup, cleaned, work.vocabulary)  # spelling: up to 100 ms
        result = await self._phrase_search(work, phrase, sections) if phrase is not None else None
        if result is None:
            candidates = await self._candidates(work, plan, sections)
            if candidates.size(len(plan)) <= INLINE_RESCORE_UNITS:
                result = _rescore(plan, candidates, work, limit)
            else:
                result = await asyncio.to_thread(_rescore, plan, candidates, work, limit)
        hits = _hits(work, [*result.matches, *result.suggestions, *result.occurrences])

        def found(matches: list[QuoteMatch]) -> list[QuoteHit]:
            return [hits[match.key] for match in matches if match.key in hits]

        return QuoteLookup(work, cleaned, found(result.matches), found(result.suggestions), found(result.occurrences))

    async def suggest(self, work: WorkView, partial: str, *, limit: int, sections: range | None) -> list[str]:
        """Sentences of ``work`` that complete what a reader is typing (for autocomplete).

        Only the first :data:`MAX_QUERY_CHARS` characters count, as for a
        lookup; analysis and rescoring run in a worker thread.
        """
        query = await asyncio.to_thread(suggest_query, partial[:MAX_QUERY_CHARS], work.vocabulary)
        if query is None:
            return []
        terms = candidate_terms(query, work.vocabulary)
        units = await self._index.candidates(work.record.id, terms, INDEX_CANDIDATES, sections=sections)
        ranked = await asyncio.to_thread(rank, units, query, work.vocabulary)
        return [match.text for match in ranked[:limit]]

    async def _candidates(self, work: WorkView, plan: Plan, sections: range | None) -> Candidates:
        """The sentences holding any term of any of the plan's queries: their ids from the full-text index in
        one trip, unranked, and the units from memory (each query keeps its own in :func:`_rescore`); when
        very many hold them, the index's best-ranked :data:`INDEX_CANDIDATES` for each query."""
        every_term = set().union(*(terms for _, terms in plan))
        keys = await self._index.matching(work.record.id, every_term, MATCHING_CAP, sections)
        if keys is not None:
            return Candidates(work.units.among(keys), frozenset(every_term))
        return Candidates(
            [],
            per_query=[
                await self._index.candidates(work.record.id, terms, INDEX_CANDIDATES, sections=sections)
                for _, terms in plan
            ],
        )

    async def _phrase_search(
        self, work: WorkView, phrase: PhraseQuery, sections: range | None
    ) -> LookupResult | None:
        """Where the phrase occurs (see :func:`~bot.search.engine.phrase_result`); ``None`` if nowhere confidently."""
        units = await self._index.holding_all(work.record.id, phrase.terms, MAX_OCCURRENCES, sections)
        return phrase_result(occurrences(phrase, units))


def _hits(work: WorkView, matches: list[QuoteMatch]) -> dict[int, QuoteHit]:
    """Each match with its sentence and paragraph (from the work's view: no trip to the database), by key."""
    return {match.key: hit for match in matches if (hit := work.hit(match.key, match.score)) is not None}


def _plan_lookup(text: str, vocabulary: Vocabulary) -> tuple[PhraseQuery | None, Plan]:
    """The phrase to search for first, if any, and the lookup's queries (in one trip to a worker thread)."""
    plan = [(query, candidate_terms(query, vocabulary)) for query in lookup_queries(text, vocabulary)]
    return phrase_query(text, vocabulary), plan


@dataclass(frozen=True, slots=True)
class Candidates:
    """A lookup's candidate sentences: one list for all its queries, or the index's best for each query."""

    shared: list[Unit]
    """The sentences holding any term of any query (when ``per_query`` is None)."""
    searched: frozenset[str] = frozenset()
    """The terms the index was asked for (the shared sentences each hold one)."""
    per_query: list[list[Unit]] | None = None

    def size(self, queries: int) -> int:
        """How many units rescoring goes through for `queries` queries."""
        return len(self.shared) * queries if self.per_query is None else sum(map(len, self.per_query))

    def of(self, position: int, terms: set[str]) -> list[Unit]:
        """The candidates of the plan's query at `position`, which searched for `terms`."""
        if self.per_query is not None:
            return self.per_query[position]
        if terms >= self.searched:
            return self.shared  # every one holds a term of this query
        return [unit for unit in self.shared if not terms.isdisjoint(unit.terms)]


def _rescore(plan: Plan, candidates: Candidates, work: WorkView, limit: int) -> LookupResult:
    """Rescore each query's candidates, with runs across two sentences (the sentence after from memory),
    and combine."""
    rankings = []
    for position, (query, terms) in enumerate(plan):
        ranking = Ranking.of(candidates.of(position, terms), query, work.vocabulary)
        ranking.add_runs(work.units.following, work.vocabulary)
        rankings.append(ranking)
    return combine((ranking.ranked() for ranking in rankings), limit, plan[0][0].surface if plan else "")
