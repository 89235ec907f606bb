"""Query analysis: what each word a reader typed may stand for in the work, and how much it weighs.

Each distinct query word becomes a :class:`QueryWord`: the terms that may
stand for it in the text, each with a *credit* in (0, 1] (the word itself 1.0;
chat-speak forms, spelling corrections and sound-alikes drawn from the work's
own vocabulary, related word forms and synonyms less), plus an IDF *weight*.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from wordfreq import zipf_frequency

from bot.search.textnorm import CHAT_SPEAK, FUNCTION_TERMS, SYNONYMS, lemma, term
from bot.search.thesaurus import related_words
from bot.search.vocabulary import Vocabulary

RELATIVE_CREDIT = 0.7
"""Credit of a related form: one word extends the other ("laugh"/"laughter")."""
SYNONYM_CREDIT = 0.8
"""Credit of a curated synonym (``data/word_lists.yaml``)."""
THESAURUS_CREDIT = 0.6
"""Credit of a word Roget's Thesaurus lists beside the query word (looser than a curated synonym)."""
MIN_ADVERB_STEM = 5
"""Letters an adverb's stem needs before "-ly" to stand for an adjective ("quick-ly", not "ear-ly")."""
CHAT_CREDIT = 0.9
"""Credit of the word a chat-speak form stands for ("u" -> "you")."""
ANALYSED_WORDS_KEPT = 20_000
"""Analysed words remembered per work (see :func:`_analysed_word`) before the memo starts afresh."""
MIN_EXACT_SEARCHED = 2
"""Words of the work, as typed, that a candidate search always includes (see :func:`selective_terms`)."""
EVERYDAY_ZIPF = 5.5
"""Zipf frequency (``wordfreq``: log10 of occurrences per billion words) from which a word is everyday English
("name", "since", "before", "days"; about one word in 3,000 or more): a word a novel holds rarely may still be one
any other book's line holds too (see :attr:`QueryWord.everyday`)."""
COMMON_TERM_SHARE = 0.04
"""Terms in more than this share of units are not worth a candidate search
(unless the query has nothing rarer): they would visit most units for
nothing. Rescoring still counts them."""


@dataclass(frozen=True, slots=True, eq=False)
class QueryWord:
    """One distinct word of a query and the terms that may stand for it (hashed by identity)."""

    alternatives: dict[str, float]
    """Term -> credit (1.0 for the word itself)."""
    weight: float
    """IDF of the word (of its best stand-in when the word is not in the work)."""
    everyday: bool = False
    """Whether the word is everyday English (:data:`EVERYDAY_ZIPF`): sharing it with a line is weak evidence
    that the query came from this work, however rare the word is in the work."""


@dataclass(frozen=True, slots=True)
class Query:
    words: list[QueryWord]
    length: int
    """Number of words typed, repeats included."""
    window: int
    """Words of a unit a match may span (see :func:`window_for`)."""
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
    def build(cls, analysed: list[QueryWord], typed: list[str]) -> Query:
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
            window=window_for(typed),
            surface=" ".join(typed),
            total_weight=sum(query_word.weight for query_word in analysed),
            term_index=term_index,
            term_gain=term_gain,
            terms=frozenset(term_index),
        )


def window_for(typed: list[str]) -> int:
    """Words of a unit a match may span: the query's length, plus one word for each word beyond three times
    its function words. A quote keeps about as many function words as content words; a few remembered words
    ("thousand florins twelve numbers") leave out the function words between them. (Widening for a query of
    a third function words or more also let lines from other books gather scattered rare words.)"""
    function_words = sum(term(word) in FUNCTION_TERMS for word in typed)
    return len(typed) + max(0, len(typed) - 3 * function_words)


def analyse(
    query_words: list[str], vocabulary: Vocabulary, prefix: str | None = None, *, related: bool = True
) -> Query | None:
    """Analyse the words of a query; ``None`` if nothing can be searched for.

    ``prefix`` is a half-typed last word: it stands for the vocabulary words
    it begins, and is ignored if it begins none. ``related`` takes in words
    the thesaurus lists beside each query word (for a whole quote, not for
    autocomplete, whose suggestions should hold what is being typed).
    """
    distinct: dict[str, QueryWord] = {}
    for word in query_words:
        if term(word) not in distinct:
            distinct[term(word)] = _analysed_word(word, vocabulary, related)
    analysed, typed = list(distinct.values()), [spoken(word, vocabulary) for word in query_words]
    if prefix is not None and (prefix_word := _analyse_prefix(prefix, vocabulary)).alternatives:
        analysed.append(prefix_word)
        typed.append(prefix)
    if not typed or not vocabulary.units:
        return None
    return Query.build(analysed, typed)


def analysed_before(query_words: list[str], vocabulary: Vocabulary) -> bool:
    """Whether each of the words has been analysed for this work before (as a whole quote's, see
    :func:`analyse`), and the phrase search's corrections of those the work lacks are still remembered
    (see :func:`~bot.search.phrases.phrase_query`): analysing them again is then a dictionary look-up
    each, no work for a thread."""
    memo = _ANALYSED.get(vocabulary)
    return memo is not None and all(
        (word, True) in memo and (vocabulary.knows(term(meant)) or vocabulary.corrected_before(meant))
        for word, meant in ((word, spoken(word, vocabulary)) for word in query_words)
    )


def selective_terms(query: Query, vocabulary: Vocabulary) -> dict[QueryWord, dict[str, float]]:
    """Words worth a candidate search, each with its alternatives that are.

    A word whose own (best) term is common is left out even if a synonym is
    rare: the synonym alone would stand for the word. A query of common words
    only ("to be or not to be") falls back to its two rarest words with all
    their alternatives. Unless :data:`MIN_EXACT_SEARCHED` of the selective words
    are words of the work as typed, the rarest such words are searched too: a
    heavily misspelt line ("sory isnt enuf derek") has only guesses among its
    rare words, and its common words as typed find it.
    """
    common = COMMON_TERM_SHARE * vocabulary.units
    spread = vocabulary.spread
    selective = {}
    for query_word in query.words:
        if query_word.alternatives and spread[best_term(query_word.alternatives)] <= common:
            selective[query_word] = {t: c for t, c in query_word.alternatives.items() if spread[t] <= common}
    exact = [w for w in selective if max(w.alternatives.values()) >= 1.0]
    if len(exact) >= MIN_EXACT_SEARCHED:
        return selective
    known = (w for w in query.words if w not in selective and w.alternatives and max(w.alternatives.values()) >= 1.0)
    missing = MIN_EXACT_SEARCHED - len(exact) if selective else MIN_EXACT_SEARCHED
    for query_word in heapq.nlargest(missing, known, key=lambda w: w.weight):
        selective[query_word] = query_word.alternatives
    if selective:
        return selective
    rarest = heapq.nlargest(2, (w for w in query.words if w.alternatives), key=lambda w: w.weight)
    return {query_word: query_word.alternatives for query_word in rarest}


def best_term(alternatives: dict[str, float]) -> str:
    """The alternative with the most credit (the word itself when it is in the work)."""
    return max(alternatives, key=alternatives.__getitem__)


def spoken(word: str, vocabulary: Vocabulary) -> str:
    """The word a chat-speak form the work does not contain stands for ("u" -> "you"); else ``word``."""
    meant = CHAT_SPEAK.get(word)
    return meant if meant is not None and not vocabulary.knows(term(word)) else word


_ANALYSED: WeakKeyDictionary[Vocabulary, dict[tuple[str, bool], QueryWord]] = WeakKeyDictionary()
"""Per work (vocabulary): query words already analysed. Readers' words recur from lookup to
lookup, and analysing one (spelling corrections over the vocabulary, sound-alikes, word forms,
the thesaurus) costs far more than a dictionary look-up. A :class:`QueryWord` is never changed
once built, so lookups can share it."""


def _analysed_word(word: str, vocabulary: Vocabulary, related: bool) -> QueryWord:
    """:func:`_analyse_word`, remembered per work."""
    memo = _ANALYSED.get(vocabulary)
    if memo is None or len(memo) >= ANALYSED_WORDS_KEPT:
        memo = _ANALYSED[vocabulary] = {}
    found = memo.get((word, related))
    if found is None:
        found = memo[(word, related)] = _analyse_word(word, vocabulary, related)
    return found


def _analyse_word(word: str, vocabulary: Vocabulary, related: bool) -> QueryWord:
    own_term = term(word)
    meant = spoken(word, vocabulary)
    if vocabulary.knows(own_term):
        alternatives = {own_term: 1.0, **_informative(vocabulary.commoner_spellings(word), vocabulary, own_term)}
    elif meant != word and vocabulary.knows(term(meant)):
        alternatives = {term(meant): CHAT_CREDIT}
    else:
        alternatives = vocabulary.corrections(word)
    weight = _weight(own_term, alternatives, vocabulary)
    for relative in vocabulary.relatives(own_term):
        alternatives.setdefault(relative, RELATIVE_CREDIT)
    for source in [own_term, *alternatives]:
        for synonym in SYNONYMS.get(source, ()):
            if vocabulary.knows(synonym) and synonym not in alternatives:
                alternatives[synonym] = SYNONYM_CREDIT * alternatives.get(source, 1.0)
    if related and own_term not in FUNCTION_TERMS:
        for relative in map(term, _thesaurus_words(meant)):
            if vocabulary.knows(relative) and relative not in alternatives:
                alternatives[relative] = THESAURUS_CREDIT
    return QueryWord(alternatives, weight, zipf_frequency(meant, "en") >= EVERYDAY_ZIPF)


def _informative(guesses: dict[str, float], vocabulary: Vocabulary, own_term: str) -> dict[str, float]:
    """Commoner spellings of a rare word of the work (see :meth:`Vocabulary.commoner_spellings`), their
    credit scaled by their IDF over the word's, so that each earns no more information than it carries:
    a line holding "fellow" must not count as if it held the rare "felow" typed."""
    weight = vocabulary.idf(own_term)
    return {t: credit * min(1.0, vocabulary.idf(t) / weight) for t, credit in guesses.items()}


def _thesaurus_words(word: str) -> tuple[str, ...]:
    """The thesaurus's words beside `word`'s lemma; for an adverb it lacks ("respectfully"), beside its
    adjective ("respectful": a stem of :data:`MIN_ADVERB_STEM` letters or more)."""
    found = related_words(lemma(word))
    stem = word.removesuffix("ly")
    if found or stem == word or len(stem) < MIN_ADVERB_STEM:
        return found
    return related_words(stem)


def _analyse_prefix(prefix: str, vocabulary: Vocabulary) -> QueryWord:
    """A half-typed word: it may be complete already or begin a longer word."""
    own_term = term(prefix)
    alternatives = {own_term: 1.0} if vocabulary.knows(own_term) else {}
    for completion in vocabulary.completions(prefix):
        alternatives.setdefault(completion, 1.0)
    return QueryWord(alternatives, _weight(own_term, alternatives, vocabulary))


def _weight(own_term: str, alternatives: dict[str, float], vocabulary: Vocabulary) -> float:
    if vocabulary.knows(own_term):
        return vocabulary.idf(own_term)
    if alternatives:
        return vocabulary.idf(best_term(alternatives))
    return vocabulary.idf_for(0, own_term in FUNCTION_TERMS)
