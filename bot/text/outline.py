"""The outline of a work: its blocks classified as headings, paragraphs, scene breaks, entries and matter.

A layout (:mod:`bot.text.gutenberg`, :mod:`bot.text.ao3`, :mod:`bot.text.plain`)
feeds blocks to an :class:`OutlineBuilder` in reading order, marking what it
knows to be front or back matter; :func:`bot.text.structure.build_structure`
then decides where the story starts and ends and groups the items into sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum, auto

from bot.text.blocks import SCENE_BREAK, Block, Span
from bot.text.headings import (
    END_OF_PART,
    ENTRY_START,
    GUTENBERG_END_LINE,
    HEADING_START,
    ILLUSTRATION,
    THE_END,
    TRANSCRIBER_NOTE,
    Heading,
    SectionKind,
    is_subtitle,
    parse_heading,
    tidy_title,
)
from bot.text.markup import plain_text

MAX_SUBTITLE_LINES = 3
FRONT_MATTER_TITLE = "Front matter"
BACK_MATTER_TITLE = "Back matter"
"""What front and back matter are called when untitled. Works stored by parsers before version 5 had
sections of these titles among their chapters; now they are never sections a reader reads."""


class ItemKind(Enum):
    HEADING = auto()
    PARAGRAPH = auto()
    SCENE_BREAK = auto()
    ENTRY = auto()
    """A dated diary entry starts with the next paragraph."""
    CONTENTS = auto()
    """A block of headings: a table of contents."""
    MATTER = auto()
    """Text that is never story wherever it stands (a transcriber's note, an illustration, a licence)."""
    END = auto()
    """The story ends here (``THE END``, ``FINIS``, the Gutenberg end line)."""


@dataclass(frozen=True, slots=True)
class Item:
    kind: ItemKind
    span: Span = (0, 0)
    heading: Heading | None = None
    matter: SectionKind | None = None
    """For MATTER items a layout is sure of: FRONT or BACK; None where the position decides."""


@dataclass(slots=True)
class Outline:
    title: str | None = None
    author: str | None = None
    items: list[Item] = field(default_factory=list)
    body_start: int = 0
    """Where the book proper starts (after a licence header): its title page is looked for from here."""


class OutlineBuilder:
    """Classifies blocks into outline items, in reading order."""

    def __init__(self, text: str) -> None:
        self._text = text
        self.items: list[Item] = []
        self._heading_takes_subtitle = False

    def add_scene_break(self) -> None:
        self._append(Item(ItemKind.SCENE_BREAK))

    def add_matter(self, span: Span, kind: SectionKind | None = None) -> None:
        self._append(Item(ItemKind.MATTER, span, matter=kind))

    def add_block(self, block: Block) -> None:
        lines = [self._text[start:end] for start, end in block.lines]
        first = lines[0]
        if self._heading_takes_subtitle and len(lines) <= MAX_SUBTITLE_LINES and all(map(is_subtitle, lines)):
            self._title_last_heading(" ".join(lines), block.end)
        elif len(lines) == 1 and SCENE_BREAK.fullmatch(first):
            self.add_scene_break()
        elif len(lines) > 1 and _is_contents(lines):
            self._append(Item(ItemKind.CONTENTS, (block.start, block.end)))
        elif TRANSCRIBER_NOTE.match(first) or ILLUSTRATION.match(first):
            self.add_matter((block.start, block.end))
        elif GUTENBERG_END_LINE.match(first):
            self._append(Item(ItemKind.END, (block.start, block.end)))
        elif len(lines) == 1 and END_OF_PART.fullmatch(plain_text(first).strip()):
            self.add_scene_break()
        else:
            self._add_lines(block)

    def _add_lines(self, block: Block) -> None:
        """Headings at the top of the block or on a line of their own inside it; paragraphs between."""
        spans = block.lines
        paragraph_start: int | None = None
        index = 0
        while index < len(spans):
            line = self._text[spans[index][0] : spans[index][1]]
            heading = parse_heading(line) if index == 0 or _may_head_inside_block(line) else None
            if heading is None:
                paragraph_start = index if paragraph_start is None else paragraph_start
                index += 1
                continue
            if paragraph_start is not None:
                self._add_paragraph((spans[paragraph_start][0], spans[index - 1][1]))
                paragraph_start = None
            index = self._add_heading(heading, spans, index)
        if paragraph_start is not None:
            self._add_paragraph((spans[paragraph_start][0], spans[-1][1]))

    def _add_heading(self, heading: Heading, spans: tuple[Span, ...], index: int) -> int:
        """Add the heading on line `index`, with a title on the lines below it in the block; returns the next line."""
        start, end = spans[index]
        index += 1
        takes_title = heading.kind in (SectionKind.CHAPTER, SectionKind.PART, SectionKind.LETTER)
        if takes_title and index < len(spans):
            following = self._text[spans[index][0] : spans[index][1]]
            if heading.title is None and is_subtitle(following):
                heading, end, index = replace(heading, title=tidy_title(following)), spans[index][1], index + 1
            elif heading.title is not None and _is_capitals(following) and _is_capitals(self._text[start:end]):
                title = tidy_title(f"{heading.title} {following}")  # a hard-wrapped heading
                heading, end, index = replace(heading, title=title), spans[index][1], index + 1
        self._append(Item(ItemKind.HEADING, (start, end), heading))
        self._heading_takes_subtitle = takes_title and heading.title is None and index >= len(spans)
        return index

    def _title_last_heading(self, line: str, end: int) -> None:
        last = self.items[-1]
        assert last.heading is not None
        heading = replace(last.heading, title=tidy_title(line))
        self.items[-1] = replace(last, span=(last.span[0], end), heading=heading)
        self._heading_takes_subtitle = False

    def _add_paragraph(self, span: Span) -> None:
        entry = ENTRY_START.match(self._text, span[0], span[1])
        if entry:
            self._append(Item(ItemKind.ENTRY, span, Heading(SectionKind.ENTRY, title=tidy_title(entry["date"]))))
        elif THE_END.fullmatch(self._text[span[0] : span[1]]):
            self._append(Item(ItemKind.PARAGRAPH, span))
            self._append(Item(ItemKind.END, span))
            return
        self._append(Item(ItemKind.PARAGRAPH, span))

    def _append(self, item: Item) -> None:
        self.items.append(item)
        self._heading_takes_subtitle = False


def _is_contents(lines: list[str]) -> bool:
    """A block of headings (all but one line, at least two): a table of contents."""
    if parse_heading(lines[0]) is None and parse_heading(lines[1]) is None:
        return False
    return sum(parse_heading(line) is not None for line in lines) >= max(2, len(lines) - 1)


def _may_head_inside_block(line: str) -> bool:
    """Only an explicit, capitalised heading ("CHAPTER II.", "Chapter 3") interrupts a block of text."""
    if not line[:1].isupper() or not HEADING_START.match(line):
        return False
    heading = parse_heading(line)
    return heading is not None and not heading.bare and line[:1].isupper() and heading.kind is not SectionKind.FRONT


def _is_capitals(text: str) -> bool:
    letters = [char for char in plain_text(text) if char.isalpha()]
    return bool(letters) and not any(char.islower() for char in letters)
