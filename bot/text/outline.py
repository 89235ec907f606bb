"""The outline of a work: its blocks classified as headings, scene breaks and paragraphs, grouped into sections."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum, auto

from bot.text.blocks import (
    SCENE_BREAK,
    THE_END,
    Block,
    Span,
    heading_title,
    is_subtitle,
    single_line,
    tidy_title,
)
from bot.text.model import PassageKind

FRONT_MATTER_TITLE = "Front matter"
BACK_MATTER_TITLE = "Back matter"


class _ItemKind(Enum):
    HEADING = auto()
    SCENE_BREAK = auto()
    PARAGRAPH = auto()


@dataclass(frozen=True, slots=True)
class _Item:
    kind: _ItemKind
    span: Span = (0, 0)
    title: str = ""


@dataclass(slots=True)
class Outline:
    title: str | None = None
    author: str | None = None
    items: list[_Item] = field(default_factory=list)


class OutlineBuilder:
    """Classifies story blocks into outline items, in reading order."""

    def __init__(self, text: str) -> None:
        self._text = text
        self.items: list[_Item] = []
        self._heading_takes_subtitle = False
        self._seen_heading = False

    def add_scene_break(self) -> None:
        self._append(_Item(_ItemKind.SCENE_BREAK))

    def add_block(self, block: Block) -> None:
        line = single_line(self._text, block)
        if line is None:
            self._add_paragraphs(block)
        elif SCENE_BREAK.fullmatch(line):
            self.add_scene_break()
        elif (title := heading_title(line)) is not None:
            self._append(_Item(_ItemKind.HEADING, title=title))
            self._heading_takes_subtitle = True
            self._seen_heading = True
        elif self._heading_takes_subtitle and is_subtitle(line):
            heading = self.items[-1]
            self.items[-1] = replace(heading, title=f"{heading.title}: {tidy_title(line)}")
            self._heading_takes_subtitle = False
        else:
            self._append(_Item(_ItemKind.PARAGRAPH, (block.start, block.end)))
            if THE_END.fullmatch(line) and self._seen_heading:
                self._append(_Item(_ItemKind.HEADING, title=BACK_MATTER_TITLE))

    def _add_paragraphs(self, block: Block) -> None:
        """A multi-line block is one paragraph, unless every line is a heading:
        then it is a table of contents, kept as one paragraph per line."""
        lines = [self._text[start:end] for start, end in block.lines]
        if all(heading_title(line) for line in lines):
            for span in block.lines:
                self._append(_Item(_ItemKind.PARAGRAPH, span))
        else:
            self._append(_Item(_ItemKind.PARAGRAPH, (block.start, block.end)))

    def _append(self, item: _Item) -> None:
        self.items.append(item)
        self._heading_takes_subtitle = False


@dataclass(slots=True)
class Section:
    kind: PassageKind
    title: str
    paragraphs: list[Span] = field(default_factory=list)


def group_into_sections(items: list[_Item]) -> list[Section]:
    """Chapters if the outline has headings, else scenes; empty sections are dropped."""
    if any(item.kind is _ItemKind.HEADING for item in items):
        sections = [Section(PassageKind.CHAPTER, FRONT_MATTER_TITLE)]
        for item in items:
            if item.kind is _ItemKind.HEADING:
                sections.append(Section(PassageKind.CHAPTER, item.title))
            elif item.kind is _ItemKind.PARAGRAPH:
                sections[-1].paragraphs.append(item.span)
        return [section for section in sections if section.paragraphs]
    scenes: list[list[Span]] = [[]]
    for item in items:
        if item.kind is _ItemKind.SCENE_BREAK:
            scenes.append([])
        else:
            scenes[-1].append(item.span)
    scenes = [paragraphs for paragraphs in scenes if paragraphs]
    return [
        Section(PassageKind.SCENE, f"Scene {number}", paragraphs) for number, paragraphs in enumerate(scenes, start=1)
    ]
