"""What kind of thing an answer must hold, by the kind of question, and whether a sentence holds it.

"Where" is answered by a place, "when" by a time, "how many" by a number, "who did"
by a person other than those the question names, "what is the name of" by a name.
A sentence holding the question's words but no such thing only echoes the question
("Where does the Rabbit buy his gloves?" is not answered by "she had put on one of
the Rabbit's gloves"), so /ask does not take it for an answer. Questions of other
kinds (what, why, how) ask for no particular type. Small tables of general English.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Sequence
from enum import StrEnum
from functools import lru_cache

from bot.ask.answers import SENTENCES_KEPT
from bot.ask.cues import CUES, NUMBERS, OCCUPATIONS, ROLE_NOUNS, QuestionKind, is_number, word_terms
from bot.attribution.lexicon import SPEECH_VERB_PATTERN
from bot.search.textnorm import FUNCTION_TERMS, term, words


class AnswerType(StrEnum):
    PLACE = "place"
    TIME = "time"
    COUNT = "count"
    """How many N: a number before N (or any number, without N)."""
    AGE = "age"
    PERSON = "person"
    OWNER = "owner"
    """Whose: a person other than those asked about, or a possessive ("it was his fault")."""
    NAME = "name"
    """What is the name of / what was X called: a name the question does not hold."""
    TRADE = "trade"
    """What was X's job / what did X do for a living: a trade or a post the question does not hold."""


PLACE_TERMS = CUES[QuestionKind.WHERE] | word_terms(
    "here there home abroad away upstairs downstairs outside inside indoors outdoors door window bed table"
    " field valley wall gate bridge station harbour port bank beach coast desert camp farm court prison jail"
    " cemetery churchyard grave tower palace hotel villa apartment flat office kitchen parlour drawing-room"
    " library study cellar attic stairs corridor passage square market north south east west"
)
"""Nouns and adverbs of place (beside a name the question does not hold, usually a place's)."""
TIME_TERMS = (CUES[QuestionKind.WHEN] - word_terms("when while since")) | word_terms(
    "afterward afterwards then soon once yesterday today tomorrow tonight hour minute moment o'clock"
    " christmas easter birthday wedding funeral time age childhood youth early late next last first"
    " century decade fortnight sunset sunrise dusk twilight"
)
"""Words of a time ("the next morning", "after the trial", "in 1789"): "when" and "while" alone are not."""
TRADE_TERMS = frozenset(map(term, OCCUPATIONS))
"""Terms of the trades and posts (:data:`bot.ask.cues.OCCUPATIONS`) that answer a job question."""
ROLE_TERMS = frozenset(map(term, ROLE_NOUNS)) | word_terms("teenager kid people folk crowd family")
"""What names a person without a name ("an older woman", "misfit teenagers")."""
_LOCATIVE = (
    r"\b(?:into|inside|onto|toward|towards|within|outside|beneath|behind|across)\s+"
    r"(?:the|a|an|his|her|their|its|my|our|your)\s"
    r"|\b(?:in|at|on|under)\s+(?:the|a|an|his|her|their|its|my|our|your)\s+(?!(?:other|same|one)\b)"
    r"|\b(?:in|into|at|to|from|near|toward|towards|inside|outside|reach(?:ed)?)\s+(?:the\s+)?(?P<place>[A-Z][\w'’-]*)"
)
LOCATIVE = re.compile(_LOCATIVE)
"""A preposition of place before a noun phrase or a name: "into the loft", "in a tin box", "to Beacon Hills"."""
PLACE_NOUNS = CUES[QuestionKind.WHERE] | word_terms("street square lodging lodgings quarter part district parish county")
"""Nouns after "which"/"what" that make the question a where question ("Which street...?", "In what town...?")."""
TIME_NOUNS = word_terms("time year month day hour date season age")
"""The same for a when question ("What time was it when...?", "In which year...?")."""
_NAME = r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
SPEAKER_TAG = re.compile(rf"\b{SPEECH_VERB_PATTERN}\s+(?P<after>{_NAME})|(?P<before>{_NAME})\s+{SPEECH_VERB_PATTERN}")
"""A speaker's tag ("said Winterbourne", "Derek stated"): who speaks a line is not who the line is about."""
POSSESSIVES = word_terms("his her hers their theirs my mine your yours our ours")
VAGUE_NUMBERS = word_terms("few several half score")
"""Number words that do not count: "a few words" does not say how many children."""
COUNTS = NUMBERS - VAGUE_NUMBERS
AGE_WORDS = word_terms("year age aged old birthday born")
"""Words beside a number that make it an age ("seven-and-twenty years of age", "aged twelve")."""
AGE_REACH = 3
COUNT_REACH = 3
"""Words before the counted noun, function words aside, within which its number stands ("seven teeth", "three of the
fragments", "six of the finest pearls")."""
COUNT_SPAN = 12
"""The most terms, function words included, between a number and the noun it counts."""
TYPE_REACH = 6
"""Words between a word of a where (when) question and the place (time) that answers it ("lodgings, in Rivers
Street")."""
NAME_REACH = 4
"""Terms between a name and the word for what it names ("his horse, a grey called Pilot")."""
OF = term("of")
_TIME_CLAUSE = re.compile(
    r"\b(?:when|whenever|after|before|until|till|since|once|as\s+soon\s+as)\s+"
    r"[a-z][\w'’-]*\s+"
    r"(?:[\w'’-]+\s+){0,3}?(?:was|were|had|has|is|came|went|died|left|[a-z]+ed)\b[^,;:.!?—]*",
    re.I,
)
"""A clause of time: a conjunction, a word opening its subject (any word: "when Tibby was born", "after dinner was
over", "since rivalry between the sisters had ceased") and a verb within four words ("after his father was almost
killed"): the time of an event told by another event, which answers "when?" as a date does."""
TITLE_WORDS = frozenset({"mr", "mrs", "ms", "dr"})


def answer_type(
    kind: QuestionKind,
    attribute: str | None,
    focus_terms: Collection[str],
    *,
    whose: bool = False,
    asked_noun: str | None = None,
    trade: bool = False,
) -> AnswerType | None:
    """The type an answer to a question of `kind` must hold (None: any sentence may answer); `whose`: the
    question asks whose; `asked_noun`: the term of the noun after "which"/"what" ("street" in "Which street...?");
    `trade`: the question asks what someone's job is (see :func:`bot.ask.question.asks_for_a_trade`)."""
    if trade:
        return AnswerType.TRADE
    if kind is QuestionKind.WHERE or (kind is QuestionKind.WHAT and asked_noun in PLACE_NOUNS):
        return AnswerType.PLACE
    if kind is QuestionKind.WHEN or (kind is QuestionKind.WHAT and asked_noun in TIME_NOUNS):
        return AnswerType.TIME
    if kind is QuestionKind.WHO:
        return AnswerType.OWNER if whose else AnswerType.PERSON
    if attribute in ("many", "much"):
        return AnswerType.COUNT
    if attribute in ("old", "age"):
        return AnswerType.AGE
    if kind is QuestionKind.WHAT and term("name") in focus_terms:
        return AnswerType.NAME
    return None


_A_NOUN = re.compile(r"\b(?:a|an)\s+(?P<words>(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.I)
"""An indefinite noun phrase: "a dentist", "a needy governess" (what someone is, not "the doctor" sent for)."""


def _says_a_trade(text: str, asked: frozenset[str]) -> bool:
    """Whether `text` says someone is a trade the question does not name: "he was a teacher", "a needy governess"
    (the phrase ends at a function word: not "after a while the doctor came")."""
    return any(_trade_in_phrase(match["words"].split(), asked) for match in _A_NOUN.finditer(text))


def _trade_in_phrase(phrase: list[str], asked: frozenset[str]) -> bool:
    """Whether the words after "a"/"an", up to the first function word, hold a trade the question does not name."""
    for word in phrase:
        found = term(word)
        if found in FUNCTION_TERMS:
            return False
        if found in TRADE_TERMS and found not in asked:
            return True
    return False


def holds_type(
    wanted: AnswerType,
    text: str,
    terms: Sequence[str],
    new_names: Collection[str],
    counted: Collection[str] = (),
    asked: Collection[str] = (),
) -> bool:
    """Whether a sentence (its `text`, its `terms` in order, the names in it the question does not hold) holds
    `wanted`.

    `counted`: for a count, the stand-ins of the noun counted ("teeth" in "how many teeth"), for a name, of what is
    named ("dog" in "what was the name of her dog?"); `asked`: the
    question's own terms and names, which are no answer ("Where were her lodgings in Bath?" is not answered by
    "she went to Bath" nor by "her lodgings"; "In what year...?" not by "differences of years")."""
    own = frozenset(terms)
    if wanted is AnswerType.PLACE:
        return bool(own & PLACE_TERMS - set(asked)) or any(
            place is None or place not in asked for _, place in _locatives(text)
        )
    if wanted is AnswerType.TIME:
        return bool(own & TIME_TERMS - set(asked) or any(map(is_number, own))) or bool(_time_clauses(text))
    if wanted in (AnswerType.PERSON, AnswerType.OWNER):
        people = set(new_names) - speakers(text)
        return bool(people or own & (ROLE_TERMS | (POSSESSIVES if wanted is AnswerType.OWNER else frozenset())))
    if wanted is AnswerType.NAME:
        return _named(terms, new_names, frozenset(counted))
    if wanted is AnswerType.TRADE:
        return _says_a_trade(text, frozenset(asked))
    if wanted is AnswerType.AGE:
        return any(_is_count(t) and _near(terms, position, AGE_WORDS, AGE_REACH) for position, t in enumerate(terms))
    return _counts(terms, frozenset(counted))


def said_near(wanted: AnswerType, text: str, near: Collection[str], asked: Collection[str]) -> bool:
    """Whether `text` holds a place (for PLACE) or a time (for TIME) within :data:`TYPE_REACH` words of one of the
    terms `near` (the question's words other than names): "she fell on the pavement" answers where she fell, a place
    three clauses away does not."""
    terms = _text_terms(text)
    anchors = [position for position, t in enumerate(terms) if t in near]
    if not anchors or wanted not in (AnswerType.PLACE, AnswerType.TIME):
        return False
    if wanted is AnswerType.TIME:
        found = [position for position, t in enumerate(terms) if (t in TIME_TERMS or is_number(t)) and t not in asked]
        found += [position for start, end in _time_clauses(text) for position in range(start, end)]
    else:
        found = [position for position, t in enumerate(terms) if t in PLACE_TERMS and t not in asked]
        found += [position for position, place in _locatives(text) if place is None or place not in asked]
    within_reach = {anchor + shift for anchor in anchors for shift in range(-TYPE_REACH, TYPE_REACH + 1)}
    return not within_reach.isdisjoint(found)


@lru_cache(maxsize=SENTENCES_KEPT)
def _text_terms(text: str) -> tuple[str, ...]:
    """The terms of `text`'s words, in order (as :func:`said_near` counts positions: every word, function words
    too)."""
    return tuple(term(word) for word in words(text))


@lru_cache(maxsize=SENTENCES_KEPT)
def _time_clauses(text: str) -> tuple[tuple[int, int], ...]:
    """Each clause of time in `text` (:data:`_TIME_CLAUSE`): the positions of its first word and past its last."""
    return tuple((start, start + len(words(match.group()))) for start, match in _word_positions(_TIME_CLAUSE, text))


@lru_cache(maxsize=SENTENCES_KEPT)
def _locatives(text: str) -> tuple[tuple[int, str | None], ...]:
    """Each preposition of place in `text` (:data:`LOCATIVE`): the position of its first word, and the first word of
    the name it leads to (None before a noun phrase: "into the loft")."""
    return tuple(
        (start, words(match["place"])[0] if match["place"] else None)
        for start, match in _word_positions(LOCATIVE, text)
    )


def _word_positions(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Each match of `pattern` in `text`, after the position (in :func:`words`) of its first word: counted on from
    the match before, not from the start each time (a long hostile sentence with many matches stays linear)."""
    position, counted_to = 0, 0
    for match in pattern.finditer(text):
        position += len(words(text[counted_to : match.start()]))
        counted_to = match.start()
        yield position, match


@lru_cache(maxsize=SENTENCES_KEPT)
def speakers(text: str) -> frozenset[str]:
    """Normalised words of the names in speakers' tags of `text`."""
    return frozenset(
        word
        for found in SPEAKER_TAG.finditer(text)
        for word in words(found.group("after") or found.group("before"))
        if word not in TITLE_WORDS
    )


def _is_count(own_term: str) -> bool:
    return own_term in COUNTS or is_number(own_term)


def _near(terms: Sequence[str], position: int, wanted: frozenset[str], reach: int) -> bool:
    """A term of `wanted` within `reach` terms of `position`, or "of" just before it ("a girl of seventeen")."""
    around = terms[max(0, position - reach) : position + reach + 1]
    return bool(wanted & set(around)) or tuple(terms[position - 1 : position]) == (OF,)


def _named(terms: Sequence[str], new_names: Collection[str], named: frozenset[str]) -> bool:
    """A new name, within :data:`NAME_REACH` terms of what the question says is named if the sentence holds it
    ("Her dog was named Biscuit", not "Tom Hale kept dogs and horses at the farm ... Biscuit")."""
    if not new_names:
        return False
    near = [position for position, t in enumerate(terms) if t in named]
    if not near:
        return True
    places = {term(name) for name in new_names}
    return any(t in places and any(abs(position - n) <= NAME_REACH for n in near) for position, t in enumerate(terms))


def _counts(terms: Sequence[str], counted: frozenset[str]) -> bool:
    """A number, before the counted noun if the question names one and the sentence holds it (a sentence may
    count in other words: "how much money" is answered by "twenty thousand pounds")."""
    if not counted & set(terms):
        return any(map(_is_count, terms))
    return any(t in counted and any(map(_is_count, _count_window(terms, position))) for position, t in enumerate(terms))


def _count_window(terms: Sequence[str], position: int) -> list[str]:
    """The terms before `position` within which the number of the noun there stands: :data:`COUNT_REACH` of them,
    function words not counted among them but kept ("six of the finest pearls": "six" is two words before "pearls"),
    and at most :data:`COUNT_SPAN` in all (a run of function words does not send the search back to the start)."""
    before: list[str] = []
    content = 0
    for index in range(position - 1, max(-1, position - 1 - COUNT_SPAN), -1):
        before.append(terms[index])
        content += terms[index] not in FUNCTION_TERMS or _is_count(terms[index])
        if content == COUNT_REACH:
            break
    return before
