"""Telling characters apart: which speaker names are the same person, and who is a plausible wrong answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person, are_aliases, name_words, same_person

MIN_LINES = 2
"""A speaker is asked about, or offered as an option, only with this many certain lines: a name
given one line is more often a misread word ("For", "By-and-by") than a character."""

__all__ = ["MIN_LINES", "SpeakerCounts", "are_aliases", "name_words"]


class SpeakerCounts:
    """How often each certain speaker speaks, in the whole work and in each section (counted once)."""

    def __init__(self, lines: Sequence[SpokenLine], people: Sequence[Person] = ()) -> None:
        self._people = people
        self.in_work: Counter[str] = Counter()
        self.in_section: dict[int, Counter[str]] = {}
        for line in lines:
            if line.certain and line.speaker:
                self.in_work[line.speaker] += 1
                self.in_section.setdefault(line.section, Counter())[line.speaker] += 1

    def speakers(self) -> list[str]:
        """Every recurring certain speaker (:data:`MIN_LINES`), most lines first (ties by first appearance)."""
        return [name for name, count in self.in_work.most_common() if count >= MIN_LINES]

    def recurring(self, name: str) -> bool:
        return self.in_work[name] >= MIN_LINES

    def plausible_rivals(self, answer: str, section: int, limit: int) -> list[str]:
        """Other speakers to offer against ``answer``: those speaking in the same section first
        (most lines first), then the work's most frequent speakers; never an alias of the answer
        or of each other."""
        local = self.in_section.get(section, Counter())
        ranked = [name for name, _ in local.most_common() if self.recurring(name)] + self.speakers()
        rivals: list[str] = []
        for name in ranked:
            if any(same_person(name, other, self._people) for other in (answer, *rivals)):
                continue
            rivals.append(name)
            if len(rivals) == limit:
                break
        return rivals
