"""What a line tells of its speaker beyond its words: a role or possession of their own, or a child's age.

Judged samples found who-said-it lines that gave their speaker away by sense: "my butler's cottage"
when only the answer had a butler; a childish line when only the answer was a child. A wrong option
is fair only when it shares the line's signal: someone who also speaks of "my/our <that role>"
(:func:`owned_nouns`), and someone of the answer's age (a child is one the narration calls "little
Name" or "Name, the child" near that part of the book: :func:`child_mentions`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import lemminflect

from bot.trivia.evidence import narration

ROLE_NOUNS = frozenset(
    """husband wife son daughter child children boy boys girl girls baby pupil pupils scholar scholars
    servant servants butler maid footman coachman groom cook housekeeper governess nurse valet tenant tenants
    master mistress employer clerk clerks apprentice curate parish congregation regiment ship crew patient
    patients client clients lodger lodgers partner landlord landlady""".split()
)
"""Nouns of a role or of people in the speaker's charge ("my pupils"): few other people could say it."""
MIN_CHILD_MENTIONS = 2
"""A name is a child near a line when the narration calls it one this many times within the presence window."""
_OWNED = re.compile(r"\b(?:my|our)\s+(?:own\s+)?([a-z]+)(?:['’]s)?\b", re.IGNORECASE)
_LITTLE = re.compile(r"(?<!my )(?<!dear )(?<!poor )(?<!sweet )\b[Ll]ittle ([A-Z][a-z]+)\b|\b([A-Z][a-z]+), (?:the|a|a little|the little) (?:child|boy|girl|baby)\b")


def owned_nouns(text: str) -> frozenset[str]:
    """The roles ``text`` gives its speaker ("my butler's cottage" → {"butler"}), as lemmas.
    Other possessions ("my bungalow", "our pistols") were measured and left out: on development books
    they removed fair questions, the rivals' having the thing unsaid rather than untrue."""
    found: set[str] = set()
    for word in _OWNED.findall(text):
        lemma = _noun_lemma(word.lower())
        if lemma in ROLE_NOUNS or word.lower() in ROLE_NOUNS:
            found.add(lemma or word.lower())
    return frozenset(found)


@lru_cache(maxsize=16_384)
def _noun_lemma(word: str) -> str | None:
    """The noun lemma of ``word`` when the dictionary reads it as a noun only ("pupils" → "pupil")."""
    lemmas = lemminflect.getAllLemmas(word)
    if set(lemmas) != {"NOUN"}:
        return None
    return lemmas["NOUN"][0]


def owners(lines: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """Every noun of :func:`owned_nouns` each speaker says of their own, from ``(speaker, text)`` lines."""
    found: dict[str, set[str]] = {}
    for speaker, text in lines:
        found.setdefault(speaker, set()).update(owned_nouns(text))
    return {speaker: frozenset(nouns) for speaker, nouns in found.items()}


def child_mentions(sentences: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    """Where the narration calls a name a child ("little Tom", "Tom, the child"; not in speech, nor an
    endearment: "my dear little Tom"), by name word, from ``(offset, text)`` sentences in reading order."""
    found: dict[str, list[int]] = {}
    for offset, text in sentences:
        for match in _LITTLE.finditer(narration(text)):
            name = (match.group(1) or match.group(2)).lower()
            found.setdefault(name, []).append(offset)
    return found
