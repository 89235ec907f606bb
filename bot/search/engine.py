"""Quote lookup: find the sentence a reader half-remembers.

A lookup runs in two stages, so its cost depends on the query, not on the
length of the work:

1. **Candidates.** Query words are analysed against the work's vocabulary
   (:mod:`bot.search.analysis`); the rarer ones (and their spelling
   corrections, related forms and synonyms) pick the units worth a closer look.
   In the bot that is the database's full-text index
   (:class:`bot.storage.quote_index.QuoteIndexStore`); :class:`QuoteIndex`
   here does it in memory, from posting lists, for tests and the benchmark.
2. **Rescoring** (:mod:`bot.search.scoring`): the best candidates get a 0-100 score.

Scores at or above :data:`CONFIDENT_SCORE` are matches unless another line comes close (:data:`CONFIDENT_LEAD`);
a best line below it may still be the answer on other evidence (:func:`_clear_winner`); the next best are
returned as "did you mean" suggestions.

A query of one to four words is first searched as a phrase
(:mod:`bot.search.phrases`): a rare one's occurrences are the matches, a
common one's are listed as occurrences, and only a phrase the work does not
hold goes through the two stages above.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from rapidfuzz import fuzz

from bot.search.analysis import Query, analyse, selective_terms
from bot.search.phrases import (
    MAX_OCCURRENCES,
    RARE_OCCURRENCES,
    Occurrences,
    occurrences,
    phrase_query,
)
from bot.search.scoring import QuoteMatch, Unit, best_first, rank
from bot.search.textnorm import sentence_parts, words
from bot.search.vocabulary import Vocabulary, vocabulary_entries

CONFIDENT_SCORE: float = 70.0
"""Lowest score reported as a confident match.

Calibrated with ``python run_bot.py bench`` on a 3k-word story, Frankenstein
and Dracula: in-story queries of every kind (exact, typos, misremembered,
fragments, shuffled) nearly all score 75-100; lines from other books, generic
sentences and short generic phrases nearly all score below 60. Between them,
heavily reworded lines and lookalikes from elsewhere overlap; 70 splits that band.
"""

UNCONTESTED_SCORE: float = 80.0
CONFIDENT_LEAD: float = 8.0
"""A best line scoring at least :data:`CONFIDENT_SCORE` but under :data:`UNCONTESTED_SCORE` is a match only when it
leads every other line by :data:`CONFIDENT_LEAD`; else it is judged as a line below the confident score is. A
generic line from elsewhere ("we went to the station to meet the train") reaches the confident band on common words
that several lines of a novel share, so a second line comes close; a line quoted or misremembered from the work
leaves the rest behind (calibrated on the tuned and development sets: no in-story line in that band led by less than
8, both off-story lines there by under 8)."""

CLEAR_WINNER_SCORE: float = 55.0
CLEAR_WINNER_GAP: float = 15.0
CLEAR_WINNER_INFORMATION: float = 2.0
"""A best line below :data:`CONFIDENT_SCORE` is still a match when it is a clear winner: it scores
at least :data:`CLEAR_WINNER_SCORE`, at least :data:`CLEAR_WINNER_GAP` more than any other line,
and the words it shares with the query carry twice the information that pins one line down
(:attr:`~bot.search.scoring.Features.information`). That is how a line retold in other words
looks: few words kept, but rare ones, and no other line close. Lines from elsewhere that come
as close share only common words, or several lines share them (calibrated on the tuned sets'
paraphrase, misremembered and off-story queries)."""

CLOSEST_MATCH_RARE_WORDS = 2
CLOSEST_MATCH_SCORE: float = 45.0
CLOSEST_MATCH_GAP: float = 5.0
CLOSEST_MATCH_INFORMATION: float = 2.0
"""A best line that is not a clear winner is still the answer, a "closest match", when it keeps at least
:data:`CLOSEST_MATCH_RARE_WORDS` of the query's rare words in their own form
(:attr:`~bot.search.scoring.Features.rare_words`), scores at least :data:`CLOSEST_MATCH_SCORE`, leads
every other line by :data:`CLOSEST_MATCH_GAP` and its shared words carry
:data:`CLOSEST_MATCH_INFORMATION` times the information that pins one line down. A paraphrase keeps its
line's names and rare words while rewording the rest; a line from another book shares at most one such
word with any line, or shares them with several. Calibrated on the tuned and development sets'
paraphrase, misremembered and off-story queries; the information bar chosen by leave-one-set-out
cross-validation over the twelve tuned and development sets (1.8 let two lines from other books through)."""

CLOSEST_MATCH_EVERYDAY_LEAD: float = 10.0
"""A closest match whose rare words are not two of them distinctive (:attr:`~bot.search.scoring.QuoteMatch.distinctive_words`:
rare in the work but everyday English, "since", "name", "before") must lead every other line by this much: a line
from another book shares such words with some line of any novel, and only then with nothing else close (the lines
from other books a closest match took on the development sets shared "since", "name", "lived" and "ship",
"before", leading by 7-9; paraphrases keep a name or a word the work favours, or leave the rest further behind)."""

REMEMBERED_WORDS_RARE: int = 3
REMEMBERED_WORDS_GAP: float = 20.0
REMEMBERED_WORDS_SCORE: float = 50.0
"""A best line is still the answer when it holds at least :data:`REMEMBERED_WORDS_RARE` of the query's rare words
in their own form, scores at least :data:`REMEMBERED_WORDS_SCORE` and leads every other line by
:data:`REMEMBERED_WORDS_GAP`: a reader giving a handful of remembered words ("Pump Room window ribbon") names
a line's rare words and little else, so the line scores low on coverage and surface, yet no other line comes near.
Lines from other books sharing three rare words with one line of a novel did so with a close runner-up (at most
13 ahead on the tuned and development sets); chosen by leave-one-set-out cross-validation over those sets."""

IN_ORDER_WORDS: int = 5
IN_ORDER_SCORE: float = 50.0
IN_ORDER_GAP: float = 10.0
IN_ORDER_INFORMATION: float = 1.0
"""A best line is still the answer when it holds every word of a query of at least :data:`IN_ORDER_WORDS` words,
as typed and in the query's order (other words may come between), scores at least :data:`IN_ORDER_SCORE`, leads
every other line by :data:`IN_ORDER_GAP` and its shared words carry :data:`IN_ORDER_INFORMATION` times the
information that pins one line down. A reader stringing together the words they remember of a line keeps them
in the line's order, though the words left out between them cost the line its coverage and surface scores; a
line from elsewhere sharing five or more of its words with one line of a novel, every one in the same order,
is the line itself. Calibrated on half of the tuned and development sets (docs/benchmarks.md): no
off-story line of five words or more had all its words in order in its best line."""

ECHO_SIMILARITY: float = 80.0
ECHO_INFORMATION: float = 0.8
"""A best line that is not a clear winner is still the answer when the query, read as a whole, is that
whole line written differently: their normalised words are at least :data:`ECHO_SIMILARITY` alike
(rapidfuzz's ratio, over all of both), the line leads every other by :data:`CLEAR_WINNER_GAP` and its shared
words carry :data:`ECHO_INFORMATION` times the information that pins one line down. A line of common words
spelt as it sounds ("she wud neva speak 2 him") keeps its shape letter for letter while its words, corrected
at partial credit, score low; a line from elsewhere sharing its words differs in the rest (at most 66 on the
tuned and development sets' off-story lines; sound-alike lines of the development novels 70-98)."""

@dataclass(frozen=True, slots=True)
class AcceptRule:
    """The accept decision's calibrated thresholds (the constants above), as one value that the calibration
    benchmark (``benchmarks/quote_calibration.py``) varies; lookups use :data:`ACCEPT_RULE`."""

    confident_lead: float = CONFIDENT_LEAD
    closest_information: float = CLOSEST_MATCH_INFORMATION
    remembered_rare: int = REMEMBERED_WORDS_RARE
    remembered_gap: float = REMEMBERED_WORDS_GAP
    closest_everyday_lead: float = CLOSEST_MATCH_EVERYDAY_LEAD


ACCEPT_RULE = AcceptRule()

SUGGESTION_SCORE: float = 50.0
"""Lowest score offered as a "did you mean" suggestion, unless the line shares a rare word with the query."""
RARE_WORD_INFORMATION: float = 0.8
"""Information (see :attr:`~bot.search.scoring.Features.information`) of a line sharing about one
rare word with the query (a word of a handful of lines): always worth offering as a closest line."""

WHOLE_QUERY_COVERAGE: float = 0.9
"""Coverage (see :attr:`~bot.search.scoring.Features.coverage`) of a line holding every word of the query, its
misspelt words corrected: always offered ("off with her hed"), however common its words."""

CANDIDATE_CREDIT: float = 0.7
"""Least credit of an alternative the candidate search looks for: a thesaurus neighbour (0.6) rarely brings
a line no other word of the query finds, and made up two thirds of the terms searched, half the postings."""

SHORTLIST = 150
"""Units the in-memory candidate stage keeps, before rescoring picks the best of them."""
INDEX_CANDIDATES = 60
"""Units the database's full-text index hands to rescoring, best BM25 rank first, when it ranks them: for
autocomplete, and for a lookup whose words very many sentences hold (a lookup otherwise takes every
matching sentence unranked and ranks them in memory, see :mod:`bot.search.units`)."""
MAX_SHORTLIST = 1000
"""Cap on the in-memory shortlist when many units tie at its cut."""


@dataclass(frozen=True, slots=True)
class LookupResult:
    matches: list[QuoteMatch]
    """Confident hits, best first; empty when the line is not in the work."""
    suggestions: list[QuoteMatch]
    """Closest other candidates, best first (below :data:`CONFIDENT_SCORE`, or contested lines above it); may be
    empty."""
    occurrences: list[QuoteMatch] = field(default_factory=list)
    """For a word or phrase search: every unit holding it, in the work's order (the matches too, if rare)."""


def phrase_result(found: Occurrences) -> LookupResult | None:
    """The answer to a word or phrase search; ``None`` if the work does not hold the phrase confidently.

    Up to :data:`~bot.search.phrases.RARE_OCCURRENCES` occurrences of a specific
    phrase as typed are each a confident match (occurrences in other word forms,
    "exhausted" for "exhausting", are only listed then); more, or those of a
    generic phrase, are only listed, none of them being *the* line.
    """
    listed = found.matches
    top = max((match.score for match in listed), default=0.0)
    if top < CONFIDENT_SCORE:
        return None
    best = [match for match in listed if match.score == top]
    rare = found.specific and len(best) <= RARE_OCCURRENCES
    return LookupResult(best if rare else [], [], listed)


def lookup_queries(text: str, vocabulary: Vocabulary) -> list[Query]:
    """The queries one lookup runs: the whole text and, for several sentences, each sentence.

    A unit holds one sentence, so a quote of several is looked up sentence by sentence too.
    """
    parts = sentence_parts(text)
    views = [text, *parts] if len(parts) > 1 else [text]
    return [query for view in views if (query := analyse(words(view), vocabulary)) is not None]


def suggest_query(partial: str, vocabulary: Vocabulary) -> Query | None:
    """The query for a line still being typed (Discord autocomplete).

    Unless ``partial`` ends in a space or punctuation, its last word may be
    unfinished: it stands for the vocabulary words it begins, and is ignored
    if it begins none (a half-typed "isn" of "isn't").
    """
    query_words = words(partial)
    prefix = query_words.pop() if query_words and partial[-1:].isalnum() else None
    return analyse(query_words, vocabulary, prefix, related=False)


def candidate_terms(query: Query, vocabulary: Vocabulary) -> set[str]:
    """The terms a full-text candidate search looks for: the alternatives of the selective words but the
    loosest (thesaurus neighbours, see :data:`CANDIDATE_CREDIT`), which rescoring still credits."""
    return {
        t
        for alternatives in selective_terms(query, vocabulary).values()
        for t, credit in alternatives.items()
        if credit >= CANDIDATE_CREDIT
    }


def combine(
    ranked_per_query: Iterable[list[QuoteMatch]], limit: int, surface: str = "", rule: AcceptRule = ACCEPT_RULE
) -> LookupResult:
    """One result from the ranked matches of each query: each unit keeps its best score. ``surface`` is the
    whole query's (:attr:`~bot.search.analysis.Query.surface`), for :data:`ECHO_SIMILARITY`."""
    best: dict[int, QuoteMatch] = {}
    for ranked in ranked_per_query:
        for match in ranked:
            if match.key not in best or best[match.key].score < match.score:
                best[match.key] = match
    ordered = sorted(best.values(), key=best_first)
    confident = [match for match in ordered if match.score >= CONFIDENT_SCORE]
    matches = confident if confident and not _contested(ordered, rule) else _clear_winner(ordered, surface, rule)
    suggestions = [m for m in ordered if m not in matches and _close(m)]
    return LookupResult(matches[:limit], suggestions[:limit])


def _contested(ordered: list[QuoteMatch], rule: AcceptRule) -> bool:
    """Whether the best line, though at the confident score, has a runner-up too close (see
    :data:`UNCONTESTED_SCORE`)."""
    best = ordered[0]
    return best.score < UNCONTESTED_SCORE and best.score - _runner_up(ordered) < rule.confident_lead


def _runner_up(ordered: list[QuoteMatch]) -> float:
    return ordered[1].score if len(ordered) > 1 else 0.0


def _close(match: QuoteMatch) -> bool:
    """Whether a line is worth offering as a closest line."""
    return (
        match.score >= SUGGESTION_SCORE
        or match.information >= RARE_WORD_INFORMATION
        or match.coverage >= WHOLE_QUERY_COVERAGE
    )


def _clear_winner(ordered: list[QuoteMatch], surface: str, rule: AcceptRule) -> list[QuoteMatch]:
    """The best line, if it is a clear winner (see :data:`CLEAR_WINNER_SCORE`), the closest match (see
    :data:`CLOSEST_MATCH_RARE_WORDS`), the query's whole line written differently (see
    :data:`ECHO_SIMILARITY`), the line of a handful of remembered words (see :data:`REMEMBERED_WORDS_RARE`) or the
    line holding the query's words in their order (see :data:`IN_ORDER_WORDS`); else nothing."""
    if not ordered:
        return []
    best = ordered[0]
    lead = best.score - _runner_up(ordered)
    clear = (
        best.score >= CLEAR_WINNER_SCORE and lead >= CLEAR_WINNER_GAP and best.information >= CLEAR_WINNER_INFORMATION
    )
    closest = (
        best.rare_words >= CLOSEST_MATCH_RARE_WORDS
        and best.score >= CLOSEST_MATCH_SCORE
        and lead >= CLOSEST_MATCH_GAP
        and best.information >= rule.closest_information
        and (best.distinctive_words >= CLOSEST_MATCH_RARE_WORDS or lead >= rule.closest_everyday_lead)
    )
    echo = (
        lead >= CLEAR_WINNER_GAP
        and best.information >= ECHO_INFORMATION
        and echo_similarity(surface, " ".join(words(best.text)), ECHO_SIMILARITY) >= ECHO_SIMILARITY
    )
    remembered = (
        best.rare_words >= rule.remembered_rare
        and best.score >= REMEMBERED_WORDS_SCORE
        and lead >= rule.remembered_gap
    )
    typed = surface.split()
    in_order = (
        len(typed) >= IN_ORDER_WORDS
        and best.score >= IN_ORDER_SCORE
        and lead >= IN_ORDER_GAP
        and best.information >= IN_ORDER_INFORMATION
        and holds_in_order(typed, words(best.text))
    )
    return [best] if clear or closest or echo or remembered or in_order else []


def echo_similarity(surface: str, line: str, cutoff: float = 0.0) -> float:
    """How alike, 0-100, the query's normalised words and a line's are, letter for letter: over all of both, or over
    the part of the line best aligned with a shorter query (a fragment of a long line spelt as it sounds); 0 when
    below ``cutoff``, which lets the alignment skip most of a very long line (an uploaded paragraph without a
    full stop) instead of scoring every window of it."""
    if len(surface) >= len(line):
        return fuzz.ratio(surface, line, score_cutoff=cutoff)
    return fuzz.partial_ratio(surface, line, score_cutoff=cutoff)


def holds_in_order(wanted: list[str], line: list[str]) -> bool:
    """Whether ``line`` holds every one of the ``wanted`` words in their order, other words between allowed."""
    remaining = iter(line)
    return all(word in remaining for word in wanted)


class QuoteIndex:
    """An in-memory quote index over units of text (usually the sentences of a work).

    Candidates come from posting lists: units are shortlisted by the credit
    they collect from the query's rarer words, keeping every unit tied at the
    cut, then rescored.
    """

    def __init__(self, units: Iterable[tuple[int, str]]) -> None:
        keyed = list(units)
        unit_terms, entries = vocabulary_entries(text for _, text in keyed)
        self.vocabulary = Vocabulary(entries, len(keyed))
        self._units = [Unit(key, text, terms) for (key, text), terms in zip(keyed, unit_terms, strict=True)]
        self._position = {unit.key: position for position, unit in enumerate(self._units)}
        self._postings: dict[str, list[int]] = {}
        """Term -> positions of the units holding it, in order."""
        for position, terms in enumerate(unit_terms):
            for t in dict.fromkeys(terms):
                self._postings.setdefault(t, []).append(position)

    def __len__(self) -> int:
        return len(self._units)

    def lookup(self, text: str, limit: int = 5) -> LookupResult:
        """The units ``text`` quotes (confident matches) and the closest others, or a phrase's occurrences."""
        phrase = phrase_query(text, self.vocabulary)
        if phrase is not None:
            found = occurrences(phrase, self.holding_all(phrase.terms))
            if (result := phrase_result(found)) is not None:
                return result
        queries = lookup_queries(text, self.vocabulary)
        return combine((self.rank_query(query) for query in queries), limit, queries[0].surface if queries else "")

    def suggest(self, partial: str, limit: int = 25) -> list[QuoteMatch]:
        """Best units for a query still being typed, best first."""
        query = suggest_query(partial, self.vocabulary)
        return self.rank_query(query)[:limit] if query is not None else []

    def holding_all(self, terms: tuple[str, ...]) -> list[Unit]:
        """The units holding every one of ``terms``, in order."""
        postings = sorted((self._postings.get(t, []) for t in set(terms)), key=len)
        common = set(postings[0]).intersection(*postings[1:])
        return [self._units[position] for position in sorted(common)[:MAX_OCCURRENCES]]

    def rank_query(self, query: Query) -> list[QuoteMatch]:
        """The shortlisted units for one analysed query, scored, best first."""
        shortlist = (self._units[position] for position in self._shortlist(query))
        return rank(shortlist, query, self.vocabulary, self._follower)

    def _follower(self, unit: Unit) -> Unit | None:
        position = self._position[unit.key] + 1
        return self._units[position] if position < len(self._units) else None

    def _shortlist(self, query: Query) -> list[int]:
        gathered: dict[int, float] = {}
        for query_word, terms in selective_terms(query, self.vocabulary).items():
            weight, earned = query_word.weight, gathered.get
            for unit, credit in self._best_credits(terms).items():
                gathered[unit] = earned(unit, 0.0) + weight * credit
        if len(gathered) <= SHORTLIST:
            return list(gathered)
        cut = heapq.nlargest(SHORTLIST, gathered.values())[-1]
        return [unit for unit, credit in gathered.items() if credit >= cut][:MAX_SHORTLIST]

    def _best_credits(self, terms: dict[str, float]) -> dict[int, float]:
        """Unit -> best credit of any of ``terms`` it contains, units in the order first found.

        Built with dictionary operations only: the units first, then the terms' credits, from the least to the most.
        """
        best = dict.fromkeys(chain.from_iterable(self._postings[t] for t in terms), 0.0)
        for t, credit in sorted(terms.items(), key=itemgetter(1)):
            best.update(dict.fromkeys(self._postings[t], credit))
        return best
