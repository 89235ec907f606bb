"""Passage ranking for a question: which sentence, read with its neighbours, answers it.

An answer rarely repeats the question: "why did Victor leave Ingolstadt?" may be
answered by a sentence that names only "he" and gives the reason, where Victor is
named in the sentence before. So each candidate sentence is scored on the focus
words found in it and, at :data:`CONTEXT_CREDIT`, in the sentences next to it in
its paragraph (at :data:`NEARBY_CREDIT` in the paragraphs next to it); a word the
thesaurus lists beside a focus word ("conceal" for "hide") earns its credit for ranking
only, never towards deciding that the work answers; a name
found nowhere near costs a fifth of its coverage. Small bonuses
then favour what an answer looks like: a cue of the question's kind
("because" for why, a name for who), words the question does not already hold
(the answer itself), and a sentence that is mostly about the question's words.

To these, the quote engine's own rescoring of the sentence against the focus
words (:func:`bot.search.scoring.features`: the words close together, the
wording, how specific the match is) adds :data:`MATCH_WEIGHT` of its 0-100 score.

A sentence is good enough to answer (:func:`answers`) when it holds enough of the question's words itself
(:data:`MIN_OWN_COVERAGE`), lacking no important one nearby (:data:`MAX_MISSING_SHARE`), with the place or
time asked for next to them (:data:`NEAR_TYPES`), and the work mentions enough of the question's words
(:data:`MAX_UNKNOWN_SHARE`). Whether /ask claims its best sentence as the answer or declines is decided in
:mod:`bot.ask.decision`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.ask.answer_types import AnswerType, holds_type, said_near
from bot.ask.cues import ATTRIBUTES, COUNTED, NUMBERS, is_number, word_terms
from bot.ask.question import FocusWord, Question, QuestionKind
from bot.search.scoring import Unit, features
from bot.search.textnorm import FUNCTION_TERMS, term
from bot.search.vocabulary import Vocabulary

BE = term("is")
CONTEXT_CREDIT = 0.6
"""Share of a focus word's credit earned when it is in a neighbouring sentence of the paragraph, not the candidate."""
NEARBY_CREDIT = 0.3
"""The same for a sentence close by in the paragraph before or after (a reply, a speaker's tag)."""
MISSING_NAME_FACTOR = 0.8
"""A candidate with a name of the question nowhere near keeps this share of its coverage."""
OWN_SHARE = 0.25
"""Part of the similarity from the focus words in the sentence itself (the rest counts its neighbours too)."""
CUE_BONUS = 8.0
"""Points for a cue of the question's kind in the sentence ("because" for why, a new name for who)."""
MEASURE_BONUS = 16.0
"""Points for the number and the measure word that answer a MEASURE question ("eight feet" for how tall)."""
CONTEXT_CUE_SHARE = 0.5
"""Share of :data:`CUE_BONUS` for a cue in a neighbouring sentence ("After Theo hurt his dad," before "He became a hunter")."""
NEW_WORDS_BONUS = 6.0
"""Points, at most, for words the question does not hold (a sentence that only echoes it answers nothing)."""
NEW_WORDS_SATURATION = 4
FOCUS_BONUS = 10.0
"""Points, at most, for a sentence whose words are mostly the question's (short and to the point)."""
QUESTION_PENALTY = 15.0
"""Points off a sentence that is itself a question: it asks, it does not answer ("Who is Mr. Kirwin?")."""
CUE_REQUIRED = frozenset({QuestionKind.WHY, QuestionKind.WHEN, QuestionKind.MEASURE})
"""Kinds whose answers nearly always hold a cue: without one, a sentence keeps :data:`UNCUED_FACTOR` of its score."""
UNCUED_FACTOR = 0.8
DEFINITION_REACH = 3
"""Terms after a focus word within which "is"/"was" makes a sentence a definition of it ("Kirwin is a magistrate")."""
MIN_OWN_COVERAGE = 0.5
"""Least weighted share of the question's focus words an answer's sentence must hold itself (its
neighbours give context, but a sentence holding less than half the question is not its answer)."""
MAX_MISSING_SHARE = 0.34
"""Most weighted share of the question one absent focus word may carry in an answer: "Victor's favourite
food" is not answered by a sentence about Victor's favourite plan."""
MATCH_WEIGHT = 0.6
"""Share of the quote engine's 0-100 score of a sentence for the focus words added to its score (measured
with the not-answered line off: top-1 67 -> 72 of the tuned and hold-out sets' 102, blind 19 -> 22 of 53)."""
UNIT_MEASURED = frozenset({"tall", "high", "height", "big", "large", "small", "size", "far"})
"""Attributes told in units or in words of size ("six feet", "a tall man"): a number alone does not answer them,
nor a unit without a number ("he stamped his foot")."""
UNITS = word_terms("feet foot inches yards miles leagues")
NEAR_TYPES = frozenset({AnswerType.PLACE, AnswerType.TIME})
"""Types an answer must hold next to a word of the question (within :data:`bot.ask.answer_types.TYPE_REACH`)."""
MAX_UNKNOWN_SHARE = 0.45
"""Most weighted share of a question's focus words the work may never mention: a question about
a college, a birthday or a dragon the story never names is not answered by it."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may answer: its terms, the names in it, and the terms of its neighbours."""

    key: int
    terms: tuple[str, ...]
    names: frozenset[str]
    context: frozenset[str]
    asks: bool = False
    """The sentence is itself a question."""
    nearby: frozenset[str] = frozenset()
    """Terms of the sentences close to it in the paragraphs before and after."""
    described: frozenset[str] = frozenset()
    """Terms of the names the sentence describes in apposition ("Krempe, professor of natural philosophy")."""
    text: str = ""
    """The sentence as written (for the quote engine's comparison of wording)."""


@dataclass(frozen=True, slots=True)
class Answer:
    key: int
    score: float
    coverage: float
    """0-1: weighted share of the question's focus words found in or next to the sentence."""
    missing: float = 0.0
    """0-1: the largest weighted share of one focus word found neither in nor next to the sentence."""
    own: float = 1.0
    """0-1: weighted share of the question's focus words found in the sentence itself."""
    cued: bool = True
    """The sentence holds a cue of the question's kind (for a measure, its number or measure word)."""
    typed: bool = True
    """The sentence holds what the question asks for: a place for where, a time for when... (see
    :mod:`bot.ask.answer_types`)."""
    placed: bool = True
    """For a where (when) question: the place (time) stands next to a word of the question in the sentence, as it
    does in a sentence that answers ("born in Bolingbroke") and rarely in one that only mentions both."""


def answers(question: Question, answer: Answer) -> bool:
    """Whether `answer` is good enough to show as the work's answer to `question`."""
    return (
        answer.typed
        and answer.placed
        and answer.missing <= MAX_MISSING_SHARE
        and answer.own >= MIN_OWN_COVERAGE
        and question.unknown_share <= MAX_UNKNOWN_SHARE  # last: it sums over the question's words
    )


def best_credit(word: FocusWord, terms: frozenset[str]) -> float:
    """The highest credit of `word`'s stand-ins among `terms` (a loop: it runs for every candidate and word)."""
    best = 0.0
    for stand_in, credit in word.alternatives.items():
        if credit > best and stand_in in terms:
            best = credit
    return best


def _related_only(word: FocusWord, terms: frozenset[str]) -> float:
    """The highest credit of `word`'s related words (not its stand-ins) among `terms`."""
    related = word.related
    if related.keys().isdisjoint(terms):  # the usual case, found without building a set
        return 0.0
    return max(credit for t, credit in related.items() if t in terms)


def _found(own: float, context: float, nearby: float) -> float:
    """The credit a word earns in the candidate (`own`) or, less, next to it (in its `context` or `nearby`)."""
    return max(own, CONTEXT_CREDIT * context, NEARBY_CREDIT * nearby)


def score(question: Question, candidate: Candidate) -> Answer:
    """`candidate` scored as an answer to `question`, before the quote engine's match (see :func:`rank`)."""
    own_terms = frozenset(candidate.terms)
    own = loose_own = near = 0.0
    names_missing = False
    missing = unnamed = 0.0
    for word in question.focus:
        in_sentence, in_context = best_credit(word, own_terms), best_credit(word, candidate.context)
        in_nearby = best_credit(word, candidate.nearby)
        found = _found(in_sentence, in_context, in_nearby)
        names_missing |= word.is_name and found == 0.0
        missing = max(missing, word.weight if found == 0.0 else 0.0)
        unnamed += word.weight if word.is_name and found == 0.0 else 0.0
        own += word.weight * in_sentence
        if word.related and found < 1.0:  # the thesaurus's words, for ranking only
            in_sentence = max(in_sentence, _related_only(word, own_terms))
            found = _found(
                in_sentence,
                max(in_context, _related_only(word, candidate.context)),
                max(in_nearby, _related_only(word, candidate.nearby)),
            )
        loose_own += word.weight * in_sentence
        near += word.weight * found
    coverage = near / question.total_weight * (MISSING_NAME_FACTOR if names_missing else 1.0)
    similarity = (1 - OWN_SHARE) * coverage + OWN_SHARE * loose_own / question.total_weight
    cue = _cue_bonus(question, candidate, own_terms)
    bonus = cue + _new_words_bonus(question, own_terms) + _focus_bonus(question, candidate)
    penalty = QUESTION_PENALTY if candidate.asks else 0.0
    factor = UNCUED_FACTOR if question.kind in CUE_REQUIRED and not cue else 1.0
    score = factor * (100.0 * similarity + bonus) - penalty
    own_share = own / question.total_weight
    typed = question.answer_type is None or holds_type(
        question.answer_type,
        candidate.text,
        candidate.terms,
        candidate.names - question.names,
        question.counted,
        question.search_terms | question.names,
    )
    missing = max(missing, unnamed)  # "Caroline Abbott" absent is one person absent, not two small words
    placed = question.answer_type not in NEAR_TYPES or _said_near(question, candidate)
    return Answer(candidate.key, score, coverage, missing / question.total_weight, own_share, bool(cue), typed, placed)


def _matched(question: Question, candidate: Candidate, answer: Answer, vocabulary: Vocabulary) -> Answer:
    """`answer` with :data:`MATCH_WEIGHT` of the quote engine's 0-100 score of the sentence for the focus words."""
    if question.query is None:
        return answer
    match = features(Unit(candidate.key, candidate.text, candidate.terms), question.query, vocabulary).score
    factor = UNCUED_FACTOR if question.kind in CUE_REQUIRED and not answer.cued else 1.0
    return replace(answer, score=answer.score + factor * MATCH_WEIGHT * match)


def rank(question: Question, candidates: Iterable[Candidate], limit: int, vocabulary: Vocabulary) -> list[Answer]:
    """The best `limit` answers, best first (ties: earliest sentence); `vocabulary` is the work's.

    The quote engine's match adds at most :data:`MATCH_WEIGHT` x 100 points, so it is measured only for the
    candidates it could lift to the top (it costs most of the ranking's time on a long novel)."""
    scored = [(candidate, score(question, candidate)) for candidate in candidates]
    reach = max((answer.score for _, answer in scored), default=0.0) - MATCH_WEIGHT * 100.0
    matched = (
        _matched(question, candidate, answer, vocabulary) if answer.score >= reach else answer
        for candidate, answer in scored
    )
    return heapq.nsmallest(limit, matched, key=lambda answer: (-answer.score, answer.key))


def _cue_bonus(question: Question, candidate: Candidate, own_terms: frozenset[str]) -> float:
    if question.defines:
        described = _defines(question, candidate.terms) or bool(question.search_terms & candidate.described)
        return CUE_BONUS if described else 0.0
    new_name = bool(candidate.names - question.names)
    if question.kind is QuestionKind.WHO:
        return CUE_BONUS if new_name or question.cues & own_terms - question.search_terms else 0.0
    if question.answer_type is AnswerType.PLACE:
        return CUE_BONUS * (bool(new_name) + _said_near(question, candidate))
    if question.attribute is not None:
        return _measure_bonus(question.attribute, own_terms - question.search_terms)  # "giant" asked about is no size
    if question.cues & own_terms:
        return CUE_BONUS * (1 + (question.answer_type is AnswerType.TIME and _said_near(question, candidate)))
    return CONTEXT_CUE_SHARE * CUE_BONUS if question.cues & candidate.context else 0.0


def _said_near(question: Question, candidate: Candidate) -> bool:
    """Whether the candidate holds the place or time asked for next to a word of the question (not a name)."""
    near = question.search_terms - {term(name) for name in question.names}
    wanted = question.answer_type
    return wanted is not None and said_near(wanted, candidate.text, near, question.search_terms | question.names)


def _measure_bonus(attribute: str, own_terms: frozenset[str]) -> float:
    """:data:`MEASURE_BONUS` for the number and the word of the attribute that answer a measure question
    ("eight feet" for how tall), half for one of them; for "what colour", a colour; for a size or a distance,
    nothing for a number alone ("every one" says nothing of how tall anyone is)."""
    named = ATTRIBUTES[attribute]
    parts = [bool(named & own_terms)] if named else []
    if attribute not in COUNTED:
        parts.append(bool(NUMBERS & own_terms) or any(map(is_number, own_terms)))
    if attribute in UNIT_MEASURED and not (named & own_terms - UNITS or all(parts)):
        return 0.0
    return MEASURE_BONUS * sum(parts) / len(parts)


def _new_words_bonus(question: Question, own_terms: frozenset[str]) -> float:
    asked = question.search_terms
    new = sum(1 for t in own_terms if t not in asked and t not in FUNCTION_TERMS and t not in question.cues)
    return NEW_WORDS_BONUS * min(new, NEW_WORDS_SATURATION) / NEW_WORDS_SATURATION


def _focus_bonus(question: Question, candidate: Candidate) -> float:
    """Up to :data:`FOCUS_BONUS` for the share of the sentence's content words that are the question's."""
    content = [t for t in candidate.terms if t not in FUNCTION_TERMS]
    asked = question.search_terms
    return FOCUS_BONUS * sum(1 for t in content if t in asked) / len(content) if content else 0.0


def _defines(question: Question, terms: tuple[str, ...]) -> bool:
    """Whether a focus word is followed closely by "is" or "was" (their term is "be")."""
    focus_terms = question.search_terms
    return any(
        t in focus_terms and BE in terms[position + 1 : position + 1 + DEFINITION_REACH]
        for position, t in enumerate(terms)
    )
