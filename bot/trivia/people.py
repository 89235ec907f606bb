"""The people of a work as trivia sees them: one person per character, under every name the text uses."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.trivia.judging import normalise

TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "the", "old", "young"})


def name_words(name: str) -> frozenset[str]:
    """The words that identify a name: "Mr. Bennet" → {"bennet"}; "the woman" → {"woman"}."""
    words = normalise(name).split()
    return frozenset(word for word in words if word not in TITLES) or frozenset(words)


def are_aliases(first: str, second: str) -> bool:
    """Whether two speaker names may be one person: the same words, or a shared name word
    ("Bennet", "Mr. Bennet"). Cautious on purpose: "Mrs. Bennet" and "Mr. Bennet" count as
    aliases too, so neither is ever offered as the wrong answer to the other."""
    return bool(name_words(first) & name_words(second))


@dataclass(frozen=True, slots=True)
class Person:
    """A named character: the name shown, every name the text uses for them (``name`` included),
    gender ("m", "f" or None), where they first appear and how often they are mentioned."""

    name: str
    aliases: tuple[str, ...]
    gender: str | None
    first_offset: int
    mentions: int


def same_person(first: str, second: str, people: Sequence[Person] = ()) -> bool:
    """Whether two names may be one person: :func:`are_aliases`, or both names of one character
    (Arthur and Lord Godalming, once the text has tied them)."""
    if are_aliases(first, second):
        return True
    return any(first in person.aliases and second in person.aliases for person in people)
