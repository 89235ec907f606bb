"""The library as readers see it: works in use, where a paragraph is, what a lookup found."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.library.work_passages import WorkPassages
from bot.search.units import WorkUnits
from bot.search.vocabulary import Vocabulary
from bot.storage.passages import WorkOutline
from bot.storage.records import WorkRecord
from bot.text.model import Passage

OUTLINE_BYTES_PER_SECTION = 200


@dataclass(frozen=True, slots=True)
class Location:
    """Where a paragraph sits: its section, its place there, and how far into the work."""

    section_title: str
    paragraph_number: int
    paragraphs_in_section: int
    percent_through: int

    def __str__(self) -> str:
        return (
            f"{self.section_title} · paragraph {self.paragraph_number} of {self.paragraphs_in_section}"
            f" · {self.percent_through}% through"
        )


@dataclass(frozen=True, slots=True)
class WorkView:
    """A work in use: its record, its outline, its vocabulary and its sentences as the quote engine scores
    them (texts and terms), and its sentences and paragraphs as passages (a lookup's hits)."""

    record: WorkRecord
    outline: WorkOutline
    vocabulary: Vocabulary
    units: WorkUnits
    passages: WorkPassages
    """The sentences and paragraphs, for a lookup's hits."""

    @property
    def slug(self) -> str:
        return self.record.slug

    @property
    def title(self) -> str:
        return self.record.title

    @property
    def paragraph_count(self) -> int:
        return self.outline.paragraphs

    def estimated_bytes(self) -> int:
        outline_bytes = OUTLINE_BYTES_PER_SECTION * len(self.outline.sections)
        return (
            self.vocabulary.estimated_bytes()
            + self.units.estimated_bytes()
            + self.passages.estimated_bytes()
            + outline_bytes
        )

    def location(self, paragraph: Passage) -> Location:
        """Where `paragraph` is; "% through" counts the work read once it is read."""
        return location_in(self.outline, paragraph)

    def hit(self, key: int, score: float) -> QuoteHit | None:
        """Sentence `key` with the paragraph holding it, as a hit scored `score` (from the view, no trip to the
        database); None if the work has no such sentence, or it lies in no paragraph."""
        sentences, paragraphs = self.passages.with_paragraphs([key])
        sentence = sentences.get(key)
        if sentence is None or sentence.paragraph is None or sentence.paragraph not in paragraphs:
            return None
        return QuoteHit(self, sentence, paragraphs[sentence.paragraph], score)


def location_in(outline: WorkOutline, paragraph: Passage) -> Location:
    """Where `paragraph` sits in the work with this outline."""
    section = outline.sections[paragraph.section]
    story = max(outline.story_end - outline.story_start, 1)
    return Location(
        section_title=section.title or f"Part {paragraph.section + 1}",
        paragraph_number=paragraph.ordinal - section.first_paragraph + 1,
        paragraphs_in_section=section.paragraphs,
        percent_through=round(100 * (paragraph.end - outline.story_start) / story),
    )


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A matched sentence with the paragraph around it."""

    work: WorkView
    sentence: Passage
    paragraph: Passage
    score: float

    @property
    def location(self) -> Location:
        return self.work.location(self.paragraph)


@dataclass(frozen=True, slots=True)
class QuoteLookup:
    """What a `/quote` finds: confident hits, or else the closest near-misses; for a word or phrase, where it occurs."""

    work: WorkView
    query: str
    hits: list[QuoteHit]
    suggestions: list[QuoteHit]
    occurrences: list[QuoteHit] = field(default_factory=list)
    """A word or phrase search's every occurrence, in the work's order (the hits too, when it is rare)."""
    later: int = 0
    """For occurrences kept to the chapters read: how many more come after them (see :mod:`bot.progress.quotes`)."""
