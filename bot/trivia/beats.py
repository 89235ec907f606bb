"""Action beats: untagged lines whose paragraph's narration names their speaker and no one else.

"Helen laughed. “Here's the house a regular hen-coop!”": no speech tag, but the paragraph's narration
is about one person, the one the attribution (certain of it) gives every quote of the paragraph to.
Measured against expert labels before it was admitted (``benchmarks/trivia_evidence.py``; see
:data:`bot.trivia.evidence.BEAT`): on eight development novels, 118 of 119 such lines keyed right,
62 of 62 of the lines long enough to ask about; the same test without the attribution's certainty
kept 363 of 380 (95.5%), and was left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.trivia.evidence import narration, tags
from bot.trivia.exchanges import titled_names
from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person
from bot.trivia.subjects import Names


def beat_lines(lines: Sequence[SpokenLine], paragraphs: dict[int, str], people: Sequence[Person]) -> set[int]:
    """Offsets of the lines an action beat vouches for: every quote of the paragraph is certainly one
    person's, the paragraph tags no speech, and its narration names that person and no one else of the
    cast, nor any titled name that is not theirs."""
    names = Names.of(people)
    if names is None:
        return set()
    by_paragraph: dict[int, list[SpokenLine]] = {}
    for line in lines:
        by_paragraph.setdefault(line.paragraph, []).append(line)
    vouched: set[int] = set()
    for ordinal, group in by_paragraph.items():
        speakers = {line.speaker for line in group}
        speaker = next(iter(speakers))
        if len(speakers) != 1 or speaker is None or not all(line.certain for line in group):
            continue
        paragraph = paragraphs.get(ordinal, "")
        if tags(paragraph):
            continue
        person = next((person for person in people if speaker in person.aliases), None)
        told = narration(paragraph)
        if person is None or {names.person(found) for found in names.any.finditer(told)} != {person}:
            continue
        if titled_names(told) - set(person.aliases):
            continue  # "Mr. Bast" whom the cast does not know may be the one acting
        vouched |= {line.offset for line in group}
    return vouched
