"""Which part of the text answers a question: the character layer, a chapter, or passages.

"Who is X?" asks what the text says X is, and is answered from the sentences that
introduce and describe X (:mod:`bot.ask.describe`); "What happens in chapter 3?",
"How does it end?" and "How does it begin?" ask for a chapter's gist, answered by
its most central sentences (:mod:`bot.ask.summary`); any other question goes to
passage retrieval (:mod:`bot.ask.ranking`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Route(StrEnum):
    WHO_IS = "who-is"
    CHAPTER = "chapter"
    OPENING = "opening"
    ENDING = "ending"
    PASSAGES = "passages"


@dataclass(frozen=True, slots=True)
class Routed:
    route: Route
    name: str | None = None
    """For WHO_IS: the name as typed ("Mr. Ashby", "the Gryphon")."""
    chapter: str | None = None
    """For CHAPTER: the chapter as typed ("3", "iii", "three")."""


NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
    " eighteen nineteen twenty"
).split()
_LEAD = r"^\s*(?:(?:so|and|but|ok|okay|then|tell me|remind me),?\s+)*"
_WHO_IS = re.compile(_LEAD + r"who(?:'s|’s|\s+is|\s+was|\s+are|\s+were)\s+(?P<name>[^?!]+?)[\s?!.]*$", re.I)
_CHAPTER = re.compile(
    r"\b(?:happens?|happened|goes on|is)\s+(?:in|during)\s+(?:the\s+)?(?:chapter|ch\.?)\s+(?P<n>\d+|[ivxlc]+|"
    + "|".join(NUMBER_WORDS)
    + r")\b|\b(?:summar(?:y|ise|ize)|recap)\s+(?:of\s+)?(?:chapter|ch\.?)\s+(?P<m>\d+|[ivxlc]+|"
    + "|".join(NUMBER_WORDS)
    + r")\b",
    re.I,
)
_WORK = r"(?:it|(?:the|this)\s+(?:story|book|novel|tale|novella|fic|whole\s+thing))"
_ENDING = re.compile(
    rf"\bhow\s+(?:does|did)\s+{_WORK}\s+(?:end|finish|conclude)\b"
    rf"|\bwhat\s+happens\s+(?:at|in)\s+the\s+end\b|\bhow\s+{_WORK}\s+ends\b",
    re.I,
)
_OPENING = re.compile(
    rf"\bhow\s+(?:does|did)\s+{_WORK}\s+(?:begin|start|open)\b"
    r"|\bwhat\s+happens\s+(?:at|in)\s+the\s+(?:beginning|start)\b",
    re.I,
)
_NOT_A_NAME = re.compile(r"\b(?:that|who|which|when|where|with|at|in|on|to|by|for|from|'s|’s)\b", re.I)
MAX_NAME_WORDS = 4


def route_question(text: str) -> Routed:
    """The route of a question, by its form alone (whether a who-is name is a character is checked later)."""
    if found := _CHAPTER.search(text):
        return Routed(Route.CHAPTER, chapter=(found.group("n") or found.group("m")).lower())
    if _ENDING.search(text):
        return Routed(Route.ENDING)
    if _OPENING.search(text):
        return Routed(Route.OPENING)
    if (found := _WHO_IS.match(text)) and _looks_like_a_name(found.group("name")):
        return Routed(Route.WHO_IS, name=found.group("name").strip())
    return Routed(Route.PASSAGES)


def _looks_like_a_name(phrase: str) -> bool:
    """A name or a "the <noun>" ("Derek", "Mr. Ashby", "the Gryphon"), not a clause ("the man who...")."""
    words = phrase.split()
    return 0 < len(words) <= MAX_NAME_WORDS and not _NOT_A_NAME.search(phrase)


def chapter_number(typed: str) -> int | None:
    """ "3", "iii" or "three" as a number; None if it is none of these."""
    if typed.isdigit():
        return int(typed)
    if typed in NUMBER_WORDS:
        return NUMBER_WORDS.index(typed) + 1
    return roman_value(typed)


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_value(numeral: str) -> int | None:
    """The value of a Roman numeral (lower or upper case); None if it is not one."""
    digits = [_ROMAN.get(char) for char in numeral.lower()]
    if not digits or None in digits:
        return None
    values = [d for d in digits if d is not None]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
