"""Names the text itself says are one person.

* A stated identity: ``Lord Godalming (that was Arthur``, ``Miss Murray, now Mrs. Harker``,
  ``X, that is Y``, and a stated marriage: ``Miss Murray became Mrs. Harker``.
* A relation's name set beside another name (an apposition): in brackets (``Mrs. Dorrell (Aunt
  Bessie)``), or between commas before a lower-case word (``Aunt Bessie, Mrs. Dorrell, who``,
  ``Mrs. Dorrell, her aunt Bessie, a``); never in a list (``Aunt Bessie, Mrs. Dorrell, and Mrs. Hale``).
  One of the two names must be a relation's (see :data:`KIN_TITLES`) and the other not: the caller
  checks it with :func:`is_kin_name`. They are found among the mentions of names (see
  :mod:`bot.attribution.names`), so the text is not searched again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.attribution.lexicon import NAME_WORD, NOT_NAMES, TITLE_GENDER
from bot.attribution.names import Mention

KIN_TITLES = frozenset({"aunt", "uncle"})
"""Titles a relation is called by before a given name (``Aunt Bessie``)."""
_KIN = "|".join(sorted(KIN_TITLES))
NAME_RUN_WORDS = 4
"""Most name words a stated name runs to (``Sir Walter John Quill``): a longer run of capitalised
words is no single name, and an unbounded run made the search quadratic on such text."""
_NAME_RUN = rf"(?:[A-Z][a-z]+\.?\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{0,{NAME_RUN_WORDS - 1}}}"
_STATED = re.compile(
    rf"(?P<first>{_NAME_RUN})\s*(?:,|\(|—|--)\s*(?:that is|that was|now|who is now|formerly|once)\s+(?P<second>{_NAME_RUN})\b"
)
_SHORT_NAME = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?"
_BECAME = re.compile(
    rf"(?P<first>(?:(?:Miss|Mlle|Mademoiselle)\s+)?{_SHORT_NAME})\s+became\s+"
    rf"(?P<second>(?:Mrs|Lady|Madame|Mme)\.?\s+{_SHORT_NAME})\b"
)
"""A marriage the text states: ``Miss Orme became Mrs. Vane``."""
_BRACKET_OPEN = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_COMMA_OPEN = re.compile(rf",\s+(?:(?:her|his|their|your|my|our)\s+(?P<relation>{_KIN})\s+)?")
_COMMA_CLOSE = re.compile(r",\s+(?!and\b|or\b|nor\b)[a-z]")


_LEADING_WORD = re.compile(r"(\S+)\s+")


def stated(text: str) -> Iterator[tuple[str, str]]:
    """The names ``text`` says are one person's (``X, that is Y``, ``Miss X became Mrs. Y``), as written."""
    for pattern in (_STATED, _BECAME):
        for match in pattern.finditer(text):
            yield _name_only(match["first"]), _name_only(match["second"])


def _name_only(run: str) -> str:
    """A run of capitalised words without the sentence's opening words before the name (``Then Orme``
    is ``Orme``); a title stays (``Miss Orme``)."""
    word = _LEADING_WORD.match(run)
    while word and word[1] in NOT_NAMES and word[1].lower().rstrip(".") not in TITLE_GENDER:
        run = run[word.end() :]
        word = _LEADING_WORD.match(run)
    return run


def kin_appositions(mentions: list[Mention], source: str) -> Iterator[tuple[Mention, Mention, str | None]]:
    """Two mentions of ``source`` (in reading order) set in apposition, with the relation written
    between them if any (``her aunt``: ``aunt``); the caller checks that one is a relation's name."""
    for first, second in zip(mentions, mentions[1:], strict=False):
        between = source[first.end : second.start]
        bracketed = _BRACKET_OPEN.fullmatch(between) and _BRACKET_CLOSE.match(source, second.end)
        if bracketed:
            yield first, second, None
            continue
        comma = _COMMA_OPEN.fullmatch(between)
        if comma and _COMMA_CLOSE.match(source, second.end):
            yield first, second, comma["relation"]


def is_kin_name(title: str | None) -> bool:
    """Whether a name after ``title`` (lower case, no dot) is a relation's (``Aunt Bessie``)."""
    return title in KIN_TITLES
