"""Question analysis: what a reader's question asks for, and which of its words are evidence.

A question's *form* carries no evidence: "why did", "who is", "what does ... mean"
never appear in the answer, so question words, auxiliaries and function words
are dropped and only the *focus* words are searched for. Each focus word is
analysed against the work's vocabulary like a quote's word (spelling
corrections, related forms, synonyms, IDF weight, see :mod:`bot.search.analysis`).
Capitalised words inside the question are *names*: an answer must mention them
(in its sentence or next to it). The question word picks the *cues* that mark an
answering sentence ("why" → because, so that, in order to ...).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from wordfreq import zipf_frequency

from bot.ask.answer_types import TRADE_TERMS, AnswerType, answer_type
from bot.ask.cues import ATTRIBUTES, CUES, QuestionKind, measure_cues
from bot.search.analysis import Query, QueryWord, analyse, spoken
from bot.search.textnorm import FUNCTION_TERMS, SYNONYMS, term, words
from bot.search.vocabulary import Vocabulary

QUESTION_WORDS: dict[str, QuestionKind] = {
    "who": QuestionKind.WHO,
    "whom": QuestionKind.WHO,
    "whose": QuestionKind.WHO,
    "what": QuestionKind.WHAT,
    "which": QuestionKind.WHAT,
    "where": QuestionKind.WHERE,
    "when": QuestionKind.WHEN,
    "why": QuestionKind.WHY,
    "how": QuestionKind.HOW,
}
FORM_WORDS = frozenset(
    """
    do does did done is are was were be been am has have had will would shall should can could may might must
    happen happens happened tell explain mean means meant kind sort type like exactly really
    chapter someone something somebody anyone anything narrator
    """.split()
)
"""Words that shape a question but are never evidence of its answer ("the narrator" is "I" in the text)."""
WORK_WORDS = frozenset({"story", "book", "novel"})
"""Words naming the work itself after "the"/"this" ("at the end of the book"), but a thing of it otherwise ("What
was the only book he read?")."""
THE_WORK = frozenset({"the", "this", "that"})
NAME_WEIGHT = 2.5
"""Most weight of a name: a name says whom the question is about, but answers often say "he", "she" or,
in a first-person narration, "I" ("Victor" is rare in Frankenstein, and in few of its answers)."""
MEASURE_ASKERS = frozenset({"how", "what"})
"""Words that, before an attribute ("how long", "what colour"), ask for a measure rather than name what is measured."""
TYPO_FLOOR = 0.9
"""Least credit of a spelling correction kept for a word the work does not have (one edit): in a
question, a correction two edits away names something else more often than it fixes a typo."""
MIN_CORRECTED_LENGTH = 6
"""Shortest word the work lacks that is taken for a typo: "dog" is not "do", nor "smell" "small"."""
NAMES_KEPT = 65_536
"""Sentences whose names are remembered: the candidates of one work's questions recur."""
SENTENCE_WORDS = 20
ZIPF_PER_BILLION = 9
"""A Zipf frequency is log10 of a word's occurrences per billion words."""
COUNT_ASKERS = frozenset({"many", "much"})
COPULAS = frozenset({"is", "was", "are", "were"})
LOOK = term("look")
NAME = term("name")

_AFTER_TITLE = "|".join(rf"(?<={title}\.\s)" for title in ("Mr", "Mrs", "Ms", "Dr", "St"))
_CAPITALISED = re.compile(rf"\b(?=[A-Z])(?:{_AFTER_TITLE}|(?<![.?!]\s)(?<!^))[A-Z][\w’'-]*")
"""A capitalised word not opening a sentence (a title's full stop opens none: "Mrs. Walker")."""
_READER_FRAME = re.compile(
    r"\b(?:when|where)\s+(?:we|you|the\s+reader)\s+(?:first\s+)?(?:meet|see|encounter|hear\s+of)\s+(?:him|her|them|it)\b"
    r"|\b(?:at|in)\s+the\s+(?:very\s+)?(?:start|beginning|opening|outset)(?:\s+of\s+the\s+(?:book|story|novel|tale))?\b",
    re.I,
)
"""Where the reader stands, not what the text says: "when we first meet him", "at the start" name no word of the
answer ("Where was Tom sitting when we first meet him?" is answered by "Tom was sitting in a ditch")."""
_TRADE_QUESTION = re.compile(
    r"\b(?:job|occupation|profession|career)\b"
    r"|(?:['’]s|\b(?:his|her|their|its|my|your|our|the|a|what|which|by))\s+(?:trade|calling)\b"
    r"|\bdo(?:es)?\s+for\s+(?:a\s+)?(?:living|work)\b"
    r"|^\W*what\s+(?:does|do)\s+(?:[\w'’.-]+\s+){1,4}do\W*$",
    re.I,
)
"""A question asking what someone's job is: "What was Mary's job?", "What did her father do for a living?", "What does
Gino's father do?", "What was his trade?" (a trade or a calling only as a noun: not "Who was calling?"; and "What
did Gino do?" asks what he did, not his job)."""
TRADE_WORDS = frozenset("job occupation profession trade career calling living work".split())
"""Words of a trade question that name no trade: never evidence of its answer."""
_APPOSITION = re.compile(r"\b([A-Z][\w'’-]+), (?:a|an|the|[a-z]+ of)\b")
"""A name followed by a comma and a noun phrase describing it ("Kirwin, a magistrate", "Krempe, professor of")."""


@dataclass(frozen=True, slots=True)
class FocusWord:
    """A word the answer should contain: its stand-ins in the work (term -> credit), its weight, and
    whether it is a name. A word with no stand-in is *unknown*: the work never mentions it."""

    word: str
    alternatives: dict[str, float]
    weight: float
    is_name: bool

    related: dict[str, float] = field(default_factory=dict)
    """Words the thesaurus lists beside it (term -> credit), not among `alternatives`: they help rank a sentence
    that says the question in other words, but never count as the word for deciding whether the work answers."""

    @property
    def known(self) -> bool:
        return bool(self.alternatives)


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    kind: QuestionKind
    focus: tuple[FocusWord, ...]
    names: frozenset[str]
    cues: frozenset[str]
    defines: bool = False
    """A "who is X" or "what was X" question: answered by a sentence saying what X is."""
    attribute: str | None = None
    """What a MEASURE question asks for ("tall", "old", "colour")."""
    query: Query | None = None
    """The focus words as a quote query: what the quote engine's rescoring compares a sentence with."""
    answer_type: AnswerType | None = None
    """What an answer must hold (a place for where...; see :mod:`bot.ask.answer_types`)."""
    counted: frozenset[str] = frozenset()
    """For "how many N": the stand-ins of N; for "what is the name of N": those of N."""

    total_weight: float = field(init=False, repr=False, compare=False)
    search_terms: frozenset[str] = field(init=False, repr=False, compare=False)
    """Every term that stands for a focus word (what the candidate search asks the index for)."""

    def __post_init__(self) -> None:
        # Both are read for every candidate sentence ranked: worked out once.
        object.__setattr__(self, "total_weight", sum(word.weight for word in self.focus) or 1.0)
        object.__setattr__(self, "search_terms", frozenset(t for word in self.focus for t in word.alternatives))

    @property
    def unknown_share(self) -> float:
        """0-1: the weighted share of the focus words the work never mentions."""
        return sum(word.weight for word in self.focus if not word.known) / self.total_weight


def asked_attribute(question_words: list[str]) -> str | None:
    """The attribute a measure question asks for ("how tall" -> "tall", "what colour" -> "colour"), if any."""
    return next(
        (second for first, second in pairwise(question_words) if first in MEASURE_ASKERS and second in ATTRIBUTES),
        None,
    )


def question_kind(question_words: list[str]) -> QuestionKind:
    """The kind the first question word gives ("so why did..." is WHY), OTHER without one.

    "How old", "how many", "what age", "what colour"... ask for a MEASURE.
    """
    if asked_attribute(question_words) is not None:
        return QuestionKind.MEASURE
    return next((QUESTION_WORDS[w] for w in question_words if w in QUESTION_WORDS), QuestionKind.OTHER)


def _asks_what_it_is_like(question_words: list[str]) -> bool:
    """ "What did X look like?": a description is asked for, as by "what was X?"."""
    return any(term(word) == LOOK and following == "like" for word, following in pairwise(question_words))


def focus_words(question_words: list[str]) -> list[str]:
    """The words that are evidence: question words, auxiliaries and function words dropped, one per term."""
    kept = [
        w
        for position, w in enumerate(question_words)
        if w not in QUESTION_WORDS
        and w not in FORM_WORDS
        and not (w in WORK_WORDS and question_words[position - 1 : position] and question_words[position - 1] in THE_WORK)
        and not (w in ATTRIBUTES and question_words[position - 1 : position] in (["how"], ["what"]))
        and not (term(w) == LOOK and question_words[position + 1 : position + 2] == ["like"])
    ]
    by_term: dict[str, str] = {}
    for word in kept:
        if term(word) not in FUNCTION_TERMS:
            by_term.setdefault(term(word), word)
    return list(by_term.values())


@lru_cache(maxsize=NAMES_KEPT)
def names_in(text: str) -> frozenset[str]:
    """Normalised words capitalised inside a sentence (not at its start): likely names ("I" is none)."""
    return frozenset(
        w for found in _CAPITALISED.findall(text) for w in words(found) if term(w) not in FUNCTION_TERMS
    )


def described_names(text: str) -> frozenset[str]:
    """Terms of the names `text` describes in apposition: "Krempe, professor of natural philosophy"."""
    return frozenset(term(name) for found in _APPOSITION.findall(text) for name in words(found))


def parse_question(text: str, vocabulary: Vocabulary) -> Question | None:
    """The question's kind and focus words; ``None`` if nothing in it can be searched for."""
    text = _READER_FRAME.sub(" ", text)
    question_words = words(text)
    trade = _TRADE_QUESTION.search(text) is not None
    focus = [w for w in focus_words(question_words) if not (trade and w in TRADE_WORDS)]
    query = analyse(focus, vocabulary, related=False) if focus else None  # the thesaurus only ranks (`related`)
    if query is None:
        return None
    names = names_in(text)
    kind = question_kind(question_words)
    loose = analyse(focus, vocabulary, related=True)
    found = [
        _focus_word(word, analysed, vocabulary, word in names, related.alternatives)
        for word, analysed, related in zip(focus, query.words, loose.words if loose else query.words, strict=True)
    ]
    asks_about = bool(COPULAS & set(question_words)) or _asks_what_it_is_like(question_words)
    defines = kind in (QuestionKind.WHO, QuestionKind.WHAT) and len(found) <= 2 and asks_about
    attribute = asked_attribute(question_words)
    cues = measure_cues(attribute) if attribute is not None else CUES.get(kind, frozenset())
    cues = TRADE_TERMS if trade else cues
    wanted = answer_type(
        kind,
        attribute,
        {t for word in found for t in word.alternatives},
        whose="whose" in question_words,
        asked_noun=_asked_noun(question_words),
        trade=trade,
    )
    counted = (
        _counted(question_words, found)
        if wanted is AnswerType.COUNT
        else _named_thing(found)
        if wanted is AnswerType.NAME
        else frozenset()
    )
    return Question(text, kind, tuple(found), frozenset(names), cues, defines, attribute, query, wanted, counted)


def _asked_noun(question_words: list[str]) -> str | None:
    """The term of the word after "which" or "what" ("street" in "which street was it on?"), if any."""
    return next((term(second) for first, second in pairwise(question_words) if first in ("which", "what")), None)


def _named_thing(found: list[FocusWord]) -> frozenset[str]:
    """The stand-ins of what a "what was the name of ..." question names: its focus words other than names and
    "name" itself ("dog" in "what was the name of Martha's dog?")."""
    return frozenset(t for word in found if not word.is_name for t in word.alternatives) - {NAME}


def _counted(question_words: list[str], found: list[FocusWord]) -> frozenset[str]:
    """The stand-ins of the noun a "how many" question counts ("teeth" in "how many teeth does..."), if any."""
    nouns = {second for first, second in pairwise(question_words) if first in COUNT_ASKERS}
    return frozenset(t for word in found if word.word in nouns for t in word.alternatives)


def _focus_word(
    word: str, analysed: QueryWord, vocabulary: Vocabulary, is_name: bool, loose: dict[str, float]
) -> FocusWord:
    """`word` as evidence: a word the work never mentions weighs as such a word does (not as a correction
    of it that was dropped), a name at most :data:`NAME_WEIGHT`; `loose` are its alternatives with the thesaurus's
    (a name has none)."""
    stand_ins = _stand_ins(word, analysed, vocabulary, is_name)
    weight = analysed.weight if stand_ins else unknown_weight(word, vocabulary)
    related = {} if is_name else {t: c for t, c in loose.items() if t not in stand_ins and t not in FUNCTION_TERMS}
    return FocusWord(word, stand_ins, min(weight, NAME_WEIGHT) if is_name else weight, is_name, related)


def unknown_weight(word: str, vocabulary: Vocabulary) -> float:
    """The weight of a word the work never mentions: the IDF it would have over sentences of general English
    (about :data:`SENTENCE_WORDS` words each, by its frequency there), at most that of a word of the work found
    once. A common word the text lacks ("put") is more likely said otherwise in it than a rare one ("dragon")."""
    per_word = 10 ** (zipf_frequency(word, "en") - ZIPF_PER_BILLION)
    estimated = -math.log(SENTENCE_WORDS * per_word) if per_word else math.inf
    return max(1.0, min(estimated, vocabulary.idf_for(0)))


def _stand_ins(word: str, analysed: QueryWord, vocabulary: Vocabulary, is_name: bool) -> dict[str, float]:
    """The analysed alternatives; for a word the work lacks, only its close corrections (one edit, a word of
    six letters or more), its chat-speak meaning and their synonyms, never a function word.

    A name the work knows stands for itself only: "William" is not "will", nor "Victor" "victory". A word
    the work lacks is not stood for by a word it begins ("football" is not "foot") or by a synonym of a
    far correction ("team" is not "word" through "term")."""
    if vocabulary.knows(term(word)):
        return {term(word): 1.0} if is_name else analysed.alternatives
    close = {
        t
        for t, credit in vocabulary.corrections(word).items()
        if credit >= TYPO_FLOOR and len(word) >= MIN_CORRECTED_LENGTH
    }
    close.add(term(spoken(word, vocabulary)))
    meant = close | {synonym for source in (term(word), *close) for synonym in SYNONYMS.get(source, ())}
    return {t: c for t, c in analysed.alternatives.items() if t in meant and t not in FUNCTION_TERMS}
