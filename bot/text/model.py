"""The story model: a work split into passages with stable ids and source offsets.

Every passage keeps ``start``/``end`` offsets into the work's original text
(the decoded file, as read), so any passage can be traced back to its source.
``text`` is the *display* text: the source slice with hard wraps unwrapped
(see :func:`bot.text.ingest.display_text`).

Passage ids are stable for a given text: a kind letter plus the passage's
0-based ordinal among passages of that kind (``p12`` is the 13th paragraph).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.text.sections import StructureSection


class PassageKind(StrEnum):
    """The levels a work is indexed at."""

    CHAPTER = "chapter"
    SCENE = "scene"
    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"
    DIALOGUE = "dialogue"


class Layout(StrEnum):
    """Recognised source layouts."""

    AO3 = "ao3"
    GUTENBERG = "gutenberg"
    PLAIN = "plain"


ID_PREFIX: dict[PassageKind, str] = {
    PassageKind.CHAPTER: "c",
    PassageKind.SCENE: "x",
    PassageKind.PARAGRAPH: "p",
    PassageKind.SENTENCE: "s",
    PassageKind.DIALOGUE: "d",
}

SECTION_KINDS = frozenset({PassageKind.CHAPTER, PassageKind.SCENE})


@dataclass(frozen=True, slots=True)
class Passage:
    """One indexed span of a work.

    ``section`` is the index, in :attr:`ParsedWork.sections` (chapters and
    scenes in reading order, one flat list), of the innermost section that
    contains the passage; for a section passage it is its own index there. ``paragraph`` is the ordinal of the containing paragraph
    (its own ordinal for a paragraph, ``None`` for a section).
    """

    kind: PassageKind
    ordinal: int
    start: int
    end: int
    text: str
    section: int
    paragraph: int | None = None
    speaker: str | None = None
    title: str | None = None
    id: int | None = None
    """The stable id the library gave the passage when it stored it (see :mod:`bot.library.identity`)."""

    @property
    def passage_id(self) -> str:
        return f"{ID_PREFIX[self.kind]}{self.ordinal}"


@dataclass(slots=True)
class ParsedWork:
    """The result of ingesting one text."""

    title: str
    author: str | None
    layout: Layout
    source_text: str
    passages: list[Passage] = field(default_factory=list)
    structure: list[StructureSection] = field(default_factory=list)
    """Every section in reading order, front and back matter included (see :mod:`bot.text.structure`)."""

    def of_kind(self, *kinds: PassageKind) -> list[Passage]:
        return [p for p in self.passages if p.kind in kinds]

    @property
    def sections(self) -> list[Passage]:
        return [p for p in self.passages if p.kind in SECTION_KINDS]

    @property
    def paragraphs(self) -> list[Passage]:
        return self.of_kind(PassageKind.PARAGRAPH)

    @property
    def sentences(self) -> list[Passage]:
        return self.of_kind(PassageKind.SENTENCE)

    @property
    def dialogues(self) -> list[Passage]:
        return self.of_kind(PassageKind.DIALOGUE)
