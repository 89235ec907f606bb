"""Names the text itself says are one person.

* A stated identity: ``Lord Godalming (that was Arthur``, ``Miss Murray, now Mrs. Harker``,
  ``X, that is Y``.
* A relation's name set beside another name (an apposition): in brackets (``Mrs. Dorrell (Aunt
  Bessie)``), or between commas before a lower-case word (``Aunt Bessie, Mrs. Dorrell, who``,
  ``Mrs. Dorrell, her aunt Bessie, a``); never in a list (``Aunt Bessie, Mrs. Dorrell, and Mrs. Hale``).
  One of the two names must be a relation's (see :data:`KIN_TITLES`) and the other not: the caller
  checks it with :func:`is_kin_name`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

KIN_TITLES = frozenset({"aunt", "uncle"})
"""Titles a relation is called by before a given name (``Aunt Bessie``)."""
_KIN = "|".join(sorted(KIN_TITLES))
_NAME_RUN = r"(?:[A-Z][a-z]+\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*"
_STATED = re.compile(
    rf"(?P<first>{_NAME_RUN})\s*(?:,|\(|—|--)\s*(?:that is|that was|now|who is now|formerly|once)\s+(?P<second>{_NAME_RUN})\b"
)
_BRACKETED = re.compile(rf"(?P<first>{_NAME_RUN})\s*\(\s*(?P<second>{_NAME_RUN})\s*\)")
_BETWEEN_COMMAS = re.compile(
    rf"(?P<first>{_NAME_RUN}),\s+(?:(?:her|his|their|your|my|our)\s+(?P<relation>{_KIN})\s+)?"
    rf"(?P<second>{_NAME_RUN}),\s+(?!and\b|or\b|nor\b)[a-z]"
)


@dataclass(frozen=True, slots=True)
class Apposition:
    """Two names of one person as the text writes them; ``kin``: joined only if one is a relation's."""

    first: str
    second: str
    kin: bool


def appositions(text: str) -> Iterator[Apposition]:
    """The name pairs ``text`` says are one person (see the module's docstring)."""
    for match in _STATED.finditer(text):
        yield Apposition(match["first"], match["second"], kin=False)
    for pattern in (_BRACKETED, _BETWEEN_COMMAS):
        for match in pattern.finditer(text):
            relation = match.groupdict().get("relation")
            second = f"{relation.title()} {match['second']}" if relation else match["second"]
            yield Apposition(match["first"], second, kin=True)


def is_kin_name(name: str) -> bool:
    """Whether ``name`` is a relation's (``Aunt Bessie``)."""
    words = name.split()
    return len(words) > 1 and words[0].lower() in KIN_TITLES
