"""Names in a text: which capitalised words are names, and every mention of a name.

A word is a name when it is capitalised where a common word would not be
(mid-sentence) more often than it appears in lower case, or capitalised at
least twice and never in lower case. A mention is a run of name words,
optionally after a title (``Mr. Athelney Jones``, ``the Mock Turtle``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.attribution.lexicon import (
    NAME_WORD,
    NOT_NAMES,
    PLACE_FIRST,
    PLACE_NOUNS,
    SPEECH_VERB_PATTERN,
    TITLE_GENDER,
)

_CAPITALISED = re.compile(rf"\b(?:{NAME_WORD}|[A-Z])(?:-[A-Za-z][a-z]+)*\b")
_LOWER_WORD = re.compile(r"\b[a-z]+(?:-[a-z]+)*\b")
_MID_SENTENCE = re.compile(rf"(?<=[a-z,;]\s){NAME_WORD}\b")
NAME_PARTICLES = "van|der|den|de|von|du|di|da|del|della|le|la"
"""Lower-case words inside a surname after a title (``Mr. van der Luyden``)."""
_PARTICLES = re.compile(rf"\.?[ \t]*\n?[ \t]*(?P<particles>(?:(?:{NAME_PARTICLES})[ \t]*\n?[ \t]*)*)")
_JOIN = re.compile(r"[ \t]*\n?[ \t]*")
ABBREVIATED_TITLES = frozenset("mr mrs ms dr rev mlle mme hon st prof capt col gen lt".split())
"""Titles written with a dot (``Mr.``); after any other a dot ends the sentence (``the Duke. New York``)."""
_NOT_NAME_PREFIXES = frozenset("to by un non good so well ever never half self re pre co".split())
"""First parts of hyphenated words that are no names (``To-day``, ``By-and-by``, ``Un-Dead``, ``Good-bye``)."""
_ARTICLE_BEFORE = re.compile(r"\b(?:the|The)\s+$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the text: ``words`` after an optional ``title``, at ``start``-``end``."""

    start: int
    end: int
    title: str | None
    words: tuple[str, ...]
    with_article: bool
    """Written after "the" (``the Hatter``)."""

    @property
    def form(self) -> str:
        """The mention as written, without its article: ``Mr. Pell``."""
        name = " ".join(self.words)
        return f"{self.title} {name}" if self.title else name


def is_place_name(words: tuple[str, ...]) -> bool:
    """Whether name ``words`` name a place by a generic word (``Kensington Gardens``, ``Port Burdock``)."""
    return len(words) > 1 and (words[-1] in PLACE_NOUNS or words[0] in PLACE_FIRST)


_MID_SENTENCE_PAIR = re.compile(rf"(?<=[a-z,;]\s)({NAME_WORD})[ \t]+({NAME_WORD})\b")
NAME_PAIR_MIN = 3


def learn_name_pairs(text: str, name_words: frozenset[str]) -> frozenset[tuple[str, str]]:
    """A name followed by a common word capitalised as part of it, at least
    :data:`NAME_PAIR_MIN` times mid-sentence (``the Invisible Man``)."""
    pairs = Counter(_MID_SENTENCE_PAIR.findall(text))
    return frozenset(
        (first, second)
        for (first, second), count in pairs.items()
        if count >= NAME_PAIR_MIN and first in name_words and second not in name_words and second not in NOT_NAMES
    )


def learn_name_words(text: str) -> frozenset[str]:
    """Capitalised words of ``text`` that are names (see the module's docstring)."""
    lower_case = Counter(_LOWER_WORD.findall(text))
    mid_sentence = Counter(_MID_SENTENCE.findall(text))
    anywhere = Counter(_CAPITALISED.findall(text))

    def is_name(word: str, count: int) -> bool:
        if word in NOT_NAMES or word.lower() in TITLE_GENDER or len(word) < 2:
            return False
        if word.split("-")[0].lower() in _NOT_NAME_PREFIXES:
            return False
        in_lower_case = lower_case[word.lower()]
        return mid_sentence[word] > in_lower_case or (count >= 2 and not in_lower_case)

    return frozenset(word for word, count in anywhere.items() if is_name(word, count))


LOWER_CASE_MIN = 2
"""Uses in lower case that make a word a common word of the text (``was``, ``seizing``)."""


def lower_case_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case at least :data:`LOWER_CASE_MIN` times."""
    counts = Counter(_LOWER_WORD.findall(text))
    return frozenset(word for word, count in counts.items() if count >= LOWER_CASE_MIN)


def find_mentions(
    text: str,
    name_words: frozenset[str],
    start: int = 0,
    end: int | None = None,
    name_pairs: frozenset[tuple[str, str]] = frozenset(),
) -> list[Mention]:
    """Every mention of a name in ``text[start:end]``, in reading order (``name_pairs``: see
    :func:`learn_name_pairs`)."""
    end = len(text) if end is None else end
    mentions: list[Mention] = []
    tokens = list(_CAPITALISED.finditer(text, start, end))
    index = 0
    while index < len(tokens):
        token = tokens[index]
        title = None
        words_from = index
        prefix: tuple[str, ...] = ()
        if token.group().lower() in TITLE_GENDER and index + 1 < len(tokens):
            following = tokens[index + 1]
            gap = text[token.end() : following.start()]
            dotted_ok = not gap.startswith(".") or token.group().lower() in ABBREVIATED_TITLES
            particles = _PARTICLES.fullmatch(gap)
            if following.group() in name_words and particles and dotted_ok:
                title = token.group() + ("." if gap.startswith(".") else "")
                words_from = index + 1
                prefix = tuple(particles.group("particles").split())
        if tokens[words_from].group() not in name_words:
            index += 1
            continue
        last = words_from
        while last + 1 < len(tokens) and (
            tokens[last + 1].group() in name_words or (tokens[last].group(), tokens[last + 1].group()) in name_pairs
        ):
            if not _JOIN.fullmatch(text[tokens[last].end() : tokens[last + 1].start()]):
                break
            last += 1
        words = prefix + tuple(tokens[i].group() for i in range(words_from, last + 1))
        article = bool(_ARTICLE_BEFORE.search(text[max(0, token.start() - 5) : token.start()]))
        mentions.append(Mention(token.start(), tokens[last].end(), title, words, article))
        index = last + 1
    return mentions


_CLAUSE_START = re.compile(
    r"(?:(?:^|\n\s*\n|[.!?;:“”\"‘’—(])\s*(?:(?:For|At|In|On|After|Before|Then|Now|Presently|Suddenly|"
    r"Meanwhile|Once|With|Without|Still|Yet|Here|There|So)\b(?:\s+[a-z]+){0,3},?)?"
    r"|\b(?:and|but|then|when|while|as|so|before|after|until|because|though|where|which|who))"
    r"\s*(?:[Tt]he\s+(?:[a-z]+\s+)?)?\Z"
)
_VERB_AFTER = re.compile(r"[ \t\n]+(?:[a-z]+ly\s+)?[a-z]+")


_AFTER_SPEECH_VERB = re.compile(rf"\b{SPEECH_VERB_PATTERN}\s+(?:the\s+)?\Z")


def opens_clause(text: str, mention: Mention) -> bool:
    """Whether ``mention`` starts a clause (``and Kate``, ``. Kate``), whatever follows it."""
    return bool(_CLAUSE_START.search(text, max(0, mention.start - 40), mention.start))


def is_subject(text: str, mention: Mention) -> bool:
    """The mention starts a clause and a lower-case word (its verb) follows (``Derek stared``,
    ``and Lydia said``; not ``to Derek``, not ``Derek’s hands``), or follows a speech verb
    (``said the Gryphon``)."""
    before = max(0, mention.start - 40)
    if _AFTER_SPEECH_VERB.search(text, before, mention.start):
        return True
    return bool(_VERB_AFTER.match(text, mention.end)) and opens_clause(text, mention)
