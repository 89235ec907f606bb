"""Telling characters apart: which speaker names are the same person, and who is a plausible wrong answer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine

MIN_LINES = 2
"""A speaker is asked about, or offered as an option, only with this many certain lines: a name
given one line is more often a misread word ("For", "By-and-by") than a character."""
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


class SpeakerCounts:
    """How often each certain speaker speaks, in the whole work and in each section (counted once)."""

    def __init__(self, lines: Sequence[SpokenLine]) -> None:
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
            if are_aliases(name, answer) or any(are_aliases(name, kept) for kept in rivals):
                continue
            rivals.append(name)
            if len(rivals) == limit:
                break
        return rivals
