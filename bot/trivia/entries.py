"""Letters and journals: the "I" who says something in an entry is the entry's writer.

A novel told in letters and diaries has no one narrator, so the attribution leaves the "said I" of
each entry to an unnamed "the narrator". An entry's heading names its writer ("Dr. Seward's Diary.",
"Letter, Lucy Westenra to Mina Murray."): the writer of the last heading before a line, in the
same section, is that line's speaker when the writer is one person of the cast.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from bot.text.model import Passage
from bot.trivia.evidence import ENTRY, first_person_tagged
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, TriviaSource, is_description
from bot.trivia.people import Person, name_words

_WRITER = r"(?P<{0}>(?:[A-Z][\w.]*\s+){{0,3}}[A-Z][\w.]*)"
_HEADING = re.compile(
    r"^[*_(\s]*(?:Pasted in\s+)?"
    rf"(?:Letter(?:\s+from|,)\s+{_WRITER.format('sender')}(?:,[^*_]*)?\s+to\s+[^*_]+"
    rf"|{_WRITER.format('keeper')}[’'][sS]\s+(?i:journal|diary|phonograph diary|memorandum|notes)(?:\s*(?:--|—)\s*_?continued_?)?)"
    r"[*_.)\s]*$"
)
"""A sentence that is a whole heading of a letter or a journal, naming its writer."""


def writer_of(heading: str, people: Sequence[Person]) -> str | None:
    """The person a letter's or journal's heading names as its writer, if exactly one of ``people``."""
    found = _HEADING.match(heading.strip())
    if found is None:
        return None
    name = found.group("sender") or found.group("keeper")
    exact = [person.name for person in people if normalise(name) in {normalise(alias) for alias in person.aliases}]
    if exact:
        return exact[0] if len(exact) == 1 else None
    words = name_words(name)
    sharing = [person.name for person in people if any(words & name_words(alias) for alias in person.aliases if alias != "I")]
    return sharing[0] if len(sharing) == 1 else None


def with_entry_writers(source: TriviaSource, paragraphs: dict[int, str]) -> TriviaSource:
    """``source`` with each unnamed narrator's first-person-tagged line ("said I") given to the writer
    of its entry (rule :data:`~bot.trivia.evidence.ENTRY`); other lines unchanged."""
    people = source.plot.cast.people
    headings = [(sentence.start, sentence) for sentence in source.sentences if _HEADING.match(sentence.text.strip())]
    if not headings:
        return source
    starts = [start for start, _ in headings]
    lines = [_rekeyed(line, headings, starts, paragraphs, people) for line in source.lines]
    return replace(source, lines=lines)


def _rekeyed(
    line: SpokenLine,
    headings: list[tuple[int, Passage]],
    starts: list[int],
    paragraphs: dict[int, str],
    people: Sequence[Person],
) -> SpokenLine:
    if line.speaker is None or not is_description(line.speaker) or not line.rule.startswith("narrator tag"):
        return line
    if not first_person_tagged(paragraphs.get(line.paragraph, ""), line.text):
        return line
    index = bisect.bisect_right(starts, line.offset) - 1
    if index < 0 or headings[index][1].section != line.section:
        return line  # no heading in this chapter: whose entry it is, the text has not said here
    writer = writer_of(headings[index][1].text, people)
    return replace(line, speaker=writer, confidence=1.0, rule=ENTRY) if writer else line
