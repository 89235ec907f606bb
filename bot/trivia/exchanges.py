"""Strict two-person exchanges: untagged lines whose speaker the tagged lines around them fix.

A run of consecutive paragraphs, each holding one quote and at most a speech tag of narration,
alternates between two people. When tags by name anchor the run on both sides of an untagged line
(one person's name on every even turn, the other's on every odd turn, no third name), the line's
turn tells its speaker. Measured against expert labels before it was admitted
(``benchmarks/trivia_evidence.py``; see :data:`bot.trivia.evidence.EXCHANGE`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.trivia.evidence import narration, tags
from bot.trivia.judging import normalise
from bot.trivia.lines import NOT_NAMES, TITLE, SpokenLine
from bot.trivia.people import Person

MAX_TAG_WORDS = 12
"""A paragraph of an exchange holds no more narration than a tag and a gesture ("she answered, smiling
at him across the table"). Measured on the development novels: 6 words kept 19 askable lines, 12
kept 32, all keyed right."""
_TITLED = re.compile(rf"\b{TITLE.removesuffix('?')}[A-Z][a-z]+")
"""A titled name ("Mr. Bast"), which names someone whether or not the cast knows them."""
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_SPOUSE = {"m": re.compile(r"\bmy (?:husband|fiancé)\b", re.IGNORECASE), "f": re.compile(r"\bmy wife\b", re.IGNORECASE)}
"""Words a speaker of the other gender would say of their spouse."""


def exchange_lines(lines: Sequence[SpokenLine], paragraphs: dict[int, str], people: Sequence[Person]) -> set[int]:
    """Offsets of the lines whose speaker a strict two-person exchange vouches for: the line's
    speaker is the person its turn gives, between anchors by name on both sides, and the line names
    no one of the cast but the person it is said to."""
    by_paragraph: dict[int, list[SpokenLine]] = {}
    for line in lines:
        by_paragraph.setdefault(line.paragraph, []).append(line)
    vouched: set[int] = set()
    for run in _runs(by_paragraph, paragraphs):
        anchors = [_anchor(tags(paragraphs[line.paragraph]), people) for line in run]
        for line, listener in _vouched(run, anchors):
            speaker = next(person for person in people if line.speaker in person.aliases)
            if _named(line.text, people) <= {listener} and _only_titled(line.text, listener) and not _spouse_says(line.text, speaker):
                vouched.add(line.offset)
    return vouched


def _runs(by_paragraph: dict[int, list[SpokenLine]], paragraphs: dict[int, str]) -> list[list[SpokenLine]]:
    """Maximal runs of consecutive paragraphs of one section, each one line and a tag at most."""
    runs: list[list[SpokenLine]] = [[]]
    for ordinal in sorted(paragraphs):
        found = by_paragraph.get(ordinal, [])
        told = narration(paragraphs[ordinal]).replace("…", " ")
        if len(found) != 1 or len(told.split()) > MAX_TAG_WORDS or _unread_name(told):
            runs.append([])
            continue
        run = runs[-1]
        if run and (run[-1].paragraph != ordinal - 1 or run[-1].section != found[0].section):
            runs.append(run := [])
        run.append(found[0])
    return [run for run in runs if len(run) >= 3]


def _unread_name(told: str) -> bool:
    """Whether narration names someone in a way :func:`~bot.trivia.evidence.tags` does not read as
    a tag ("asserted Fraulein Mosebach"): who speaks there is unknown, which breaks the run."""
    names = [word for word in _CAPITALISED.findall(told) if word not in NOT_NAMES]
    return bool(names) and not tags(f"“…” {told}")


def _anchor(named: list[str], people: Sequence[Person]) -> Person | None:
    """The one person a paragraph's tags name (by any of their names), or None."""
    persons = {_person_of(name, people) for name in named}
    return persons.pop() if len(persons) == 1 else None


def _person_of(name: str, people: Sequence[Person]) -> Person | None:
    key = normalise(name)
    found = [person for person in people if key in {normalise(alias) for alias in person.aliases}]
    return found[0] if len(found) == 1 else None


def _named(text: str, people: Sequence[Person]) -> set[Person]:
    """The people of the cast ``text`` names by one of their capitalised names."""
    words = f" {normalise(text)} "
    return {
        person
        for person in people
        if any(f" {normalise(alias)} " in words for alias in person.aliases if alias[:1].isupper() and alias != "I")
    }


def _only_titled(text: str, listener: Person) -> bool:
    """Whether every titled name in ``text`` is a name of ``listener``."""
    return titled_names(text) <= set(listener.aliases)


def titled_names(text: str) -> set[str]:
    """The titled names ``text`` holds ("Mr. Bast"), known to the cast or not."""
    return set(_TITLED.findall(text))


def _spouse_says(text: str, speaker: Person) -> bool:
    """Whether ``text`` speaks of a spouse only someone of the other gender than ``speaker`` has."""
    pattern = _SPOUSE.get(speaker.gender or "")
    return bool(pattern and pattern.search(text))


def _vouched(run: list[SpokenLine], anchors: list[Person | None]) -> list[tuple[SpokenLine, Person]]:
    """The untagged lines of ``run`` between its first and last anchor, when the anchors' turns name
    exactly two people alternately and the line is keyed to its turn's person; each with the other
    person (whom it is said to)."""
    turns: list[set[Person]] = [set(), set()]
    for position, person in enumerate(anchors):
        if person is not None:
            turns[position % 2].add(person)
    if len(turns[0]) != 1 or len(turns[1]) != 1 or turns[0] == turns[1]:
        return []
    parties = (next(iter(turns[0])), next(iter(turns[1])))
    anchored = [position for position, person in enumerate(anchors) if person is not None]
    return [
        (line, parties[1 - position % 2])
        for position, line in enumerate(run)
        if anchored[0] < position < anchored[-1]
        and anchors[position] is None
        and line.speaker in parties[position % 2].aliases
    ]
