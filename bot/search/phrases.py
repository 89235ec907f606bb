"""Word and phrase search: where a short query (one to four words) occurs in the work.

A reader who types "butterflies", "misfit teenagers" or "Derek sheepishly" is
asking where those words are, not for the one sentence that best resembles
them. :func:`phrase_query` turns such a query into terms (a word the work
lacks stands for its closest spelling or sound-alike, with that credit);
:func:`occurrences` keeps the units holding them as a run, in order, or, when
no unit does and every word is a content word ("Derek sheepishly"), the units
holding them all. The engine then reports a rare phrase's occurrences as
confident matches and a common one's as a list.

A phrase of several words is only confident when its content words are
uncommon in English too (word frequencies from ``wordfreq``): in a short story
"the door" may occur twice, but it is a generic phrase, not a line a reader
is after; a single word the reader typed is searched for as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wordfreq import zipf_frequency

from bot.search.analysis import best_term, spoken
from bot.search.scoring import QuoteMatch, Unit
from bot.search.textnorm import FUNCTION_TERMS, term, words
from bot.search.vocabulary import Vocabulary

MAX_PHRASE_WORDS = 4
"""Longest query searched as a phrase; a longer one is a line, found by the quote engine."""
RARE_OCCURRENCES = 3
"""A phrase found in at most this many units is rare: each occurrence is a confident match."""
MAX_OCCURRENCES = 2000
"""Most occurrences listed (of "Holmes" in a novel, say)."""
IN_ORDER_SCORE = 100.0
INFLECTED_SCORE = 95.0
"""Score of a run of the phrase's terms in other word forms ("a veritable prison" for "a veritable prisoner")."""
TOGETHER_SCORE = 90.0
"""Score of a unit holding every word of the phrase, though not as a run, the words next to each other; a
point less for each other word between them (up to :data:`MAX_APART_PENALTY`), so that the line holding them
closest together ("heir to Sir Walter" for "heir Sir Walter") comes first."""
MAX_APART_PENALTY = 15.0
MAX_ZIPF = 8.0
"""Zipf frequency (log10 of occurrences per billion words) above any English word's."""
PHRASE_SURPRISAL = 3.5
"""Least English surprisal (sum over content words of :data:`MAX_ZIPF` - Zipf
frequency) of a specific phrase of several words: "the door" has 2.9, "the
window" 3.2, "packaged prize" 7.9, a name and a word more still."""


@dataclass(frozen=True, slots=True)
class PhraseQuery:
    words: tuple[str, ...]
    """The words typed (a chat-speak form replaced by the word it stands for)."""
    terms: tuple[str, ...]
    """The phrase's terms, in order."""
    credit: float
    """Least credit of any of its words (1.0 when the work has every word as typed)."""

    @property
    def content_only(self) -> bool:
        """Whether every word is a content word: such a phrase also matches its words apart."""
        return not FUNCTION_TERMS.intersection(self.terms)

    @property
    def specific(self) -> bool:
        """Whether occurring rarely in the work pins lines down: a single word, or a phrase of uncommon words."""
        content = [word for word, t in zip(self.words, self.terms, strict=True) if t not in FUNCTION_TERMS]
        surprisal = sum(MAX_ZIPF - zipf_frequency(word, "en") for word in content)
        return len(self.words) == 1 or surprisal >= PHRASE_SURPRISAL


@dataclass(frozen=True, slots=True)
class Occurrences:
    matches: list[QuoteMatch]
    """Units holding the phrase, in the work's order, each scored 0-100."""
    specific: bool
    """Whether a few occurrences are each a confident match (see :attr:`PhraseQuery.specific`)."""


def phrase_query(text: str, vocabulary: Vocabulary) -> PhraseQuery | None:
    """The phrase to search for, or ``None`` if ``text`` is not a short phrase of words the work has.

    A phrase of function words only ("I will be back") is left to the quote engine.
    """
    typed = [spoken(word, vocabulary) for word in words(text)]
    if not 1 <= len(typed) <= MAX_PHRASE_WORDS:
        return None
    terms, credit = [], 1.0
    for word in typed:
        own = term(word)
        alternatives = {own: 1.0} if vocabulary.knows(own) else vocabulary.corrections(word)
        if not alternatives:
            return None
        best = best_term(alternatives)
        terms.append(best)
        credit = min(credit, alternatives[best])
    if FUNCTION_TERMS.issuperset(terms):
        return None
    return PhraseQuery(tuple(typed), tuple(terms), credit)


def occurrences(query: PhraseQuery, holding_all: Iterable[Unit]) -> Occurrences:
    """Where the phrase is among ``holding_all``, the units (in the work's order) that hold all its terms."""
    units = list(holding_all)
    in_order = [unit for unit in units if _holds_run(unit.terms, query.terms)]
    if in_order or not query.content_only:
        typed = f" {' '.join(query.words)} "
        scored = [(unit, IN_ORDER_SCORE if typed in f" {unit.normalised()} " else INFLECTED_SCORE) for unit in in_order]
    else:
        scored = [(unit, TOGETHER_SCORE - min(_words_between(unit.terms, query.terms), MAX_APART_PENALTY)) for unit in units]
    matches = [QuoteMatch(unit.key, unit.text, score * query.credit) for unit, score in scored]
    return Occurrences(matches, query.specific)


def _holds_run(unit_terms: tuple[str, ...], run: tuple[str, ...]) -> bool:
    width = len(run)
    return any(unit_terms[start : start + width] == run for start in range(len(unit_terms) - width + 1))


def _words_between(unit_terms: tuple[str, ...], wanted: tuple[str, ...]) -> int:
    """Fewest other words in a stretch of the unit holding every one of ``wanted`` (all of them held)."""
    needed = set(wanted)
    last_seen: dict[str, int] = {}
    fewest = len(unit_terms)
    for position, t in enumerate(unit_terms):
        if t in needed:
            last_seen[t] = position
            if len(last_seen) == len(needed):
                fewest = min(fewest, position - min(last_seen.values()) + 1 - len(needed))
    return fewest
