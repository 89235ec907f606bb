"""A book's outline as stored and shown: :class:`StructureSection` (one section of a book, in reading order)
and the questions asked of a list of them (reading order, the chapter of a passage, chart labels, names).

Kept apart from :mod:`bot.text.structure`, which builds the outline from a parsed text, so that storage,
/read and the charts can use a work's outline without the parsing stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.text.headings import MATTER_KINDS, SectionKind
from bot.text.markup import plain_text
from bot.text.outline import BACK_MATTER_TITLE, FRONT_MATTER_TITLE


@dataclass(frozen=True, slots=True)
class StructureSection:
    """One section of a book, in reading order.

    ``offset`` is where its heading (or first paragraph) starts in the source
    text, ``end`` where its last text ends; ``paragraphs`` counts the story
    paragraphs inside it (nested sections included), or the blocks of front or
    back matter. ``reading_section`` is the index (``Passage.section``) of the
    reading section it is or lies in; None for front and back matter and for
    parts or chapters without text of their own. ``level`` is 0 for parts and
    matter, 1 for chapters, letters and scenes, 2 for entries and letters inside a chapter.
    """

    kind: SectionKind
    number: str | None
    title: str | None
    offset: int
    end: int
    paragraphs: int
    level: int
    reading_section: int | None
    label: str | None = None
    """The heading's word as written (``Book``, ``Volume``), where the kind alone does not say it."""

    @property
    def is_matter(self) -> bool:
        return self.kind in MATTER_KINDS

    @property
    def name(self) -> str:
        """How a reader names it: ``Chapter IV: The Storm``, ``Prologue``, ``Letter II``, ``Scene 3``."""
        return section_name(self.kind, self.number, self.title, self.label)


TICK_LABEL_CHARS = 12


def tick_label(section: StructureSection) -> str:
    """A chart's short label for a section: its number (``XIV``), else its title shortened (``Prologue``)."""
    if section.number is not None:
        return section.number if section.kind is not SectionKind.LETTER else f"L{section.number}"
    name = plain_text(section.name)
    return name if len(name) <= TICK_LABEL_CHARS else name[: TICK_LABEL_CHARS - 1].rstrip() + "…"


def chart_labels(structure: Sequence[StructureSection], sections: int) -> list[str]:
    """Labels for ``sections`` reading sections in order (their numbers or titles; positions where unknown)."""
    labels = [tick_label(section) for section in reading_order(structure)]
    return labels if len(labels) == sections else [str(n) for n in range(1, sections + 1)]


def reading_order(structure: Sequence[StructureSection]) -> list[StructureSection]:
    """The sections whose paragraphs a reader reads, in reading order: entry ``i`` holds the
    passages whose ``section`` is ``i``."""
    firsts: dict[int, StructureSection] = {}
    for section in structure:
        if section.reading_section is not None and section.level < 2:
            firsts.setdefault(section.reading_section, section)
    return [firsts[index] for index in sorted(firsts)]


def chapter_of(structure: Sequence[StructureSection], section_index: int) -> StructureSection | None:
    """The section (chapter, letter, scene, part with text) holding passages of ``section`` index ``section_index``."""
    return next((s for s in structure if s.reading_section == section_index and s.level < 2), None)


def story_sections(structure: Sequence[StructureSection]) -> list[StructureSection]:
    """Every section but front and back matter, in reading order."""
    return [s for s in structure if not s.is_matter]


def section_name(kind: SectionKind, number: str | None, title: str | None, label: str | None = None) -> str:
    word = label or kind.value.capitalize()
    if kind in MATTER_KINDS:
        return title or (FRONT_MATTER_TITLE if kind is SectionKind.FRONT else BACK_MATTER_TITLE)
    if number is None:
        return f"{word}: {title}" if title and kind is SectionKind.LETTER else title or word
    return f"{word} {number}: {title}" if title else f"{word} {number}"
