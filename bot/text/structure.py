"""A book's structure: front matter, parts, chapters, letters, entries, scenes and back matter, in reading order.

This is the API other features build on (reading progress, trivia spoilers,
/read, the charts). :func:`build_structure` turns an outline into

* **reading sections** (:class:`ReadingSection`): the chapters, letters, scenes
  (and parts that hold text of their own) whose paragraphs a reader reads and
  searches. ``Passage.section`` is an index into them;
* **the structure** (:class:`StructureSection`): every section in reading order,
  front and back matter included, each with its kind, number, title, where its
  heading starts and which reading section it is or lies in.

Front and back matter never become paragraphs: nothing a reader searches or is
asked about can come from a title page, a contents list or a licence, but
their offsets are kept so the text stays available.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.text.blocks import Span
from bot.text.headings import MATTER_KINDS, Heading, SectionKind, numeral_value
from bot.text.model import PassageKind
from bot.text.outline import Item, ItemKind
from bot.text.sections import StructureSection, section_name

STORY_HEADINGS = frozenset({SectionKind.PART, SectionKind.CHAPTER, SectionKind.LETTER})
CHAPTER_LEVEL = frozenset({SectionKind.CHAPTER, SectionKind.LETTER})
LONG_PREAMBLE_SHARE = 0.2
"""Text before the first heading longer than this share of the book is story, not front matter."""


@dataclass(slots=True)
class ReadingSection:
    """A section whose paragraphs are read, searched and asked about."""

    kind: PassageKind
    title: str
    paragraphs: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Structure:
    reading: list[ReadingSection]
    sections: list[StructureSection]


@dataclass(slots=True)
class _Open:
    """A section being built."""

    kind: SectionKind
    heading: Heading | None
    offset: int
    level: int
    end: int = 0
    paragraphs: int = 0
    reading: int | None = None
    parent: _Open | None = None


class _Builder:
    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.reading: list[ReadingSection] = []
        self.done: list[_Open] = []
        self.part: _Open | None = None
        self.chapter: _Open | None = None
        self.nested: _Open | None = None
        self.matter: _Open | None = None
        self.scene: _Open | None = None
        self.has_chapters = any(item.heading and item.heading.kind in STORY_HEADINGS for item in items)

    # -- matter --------------------------------------------------------------------

    def add_matter(self, kind: SectionKind, item: Item) -> None:
        starts_section = item.heading is not None and item.heading.kind in MATTER_KINDS
        if self.matter is None or self.matter.kind is not kind or starts_section:
            self.close_story()
            self.matter = self.open(_Open(kind, item.heading if starts_section else None, item.span[0], 0))
        self.matter.end = max(self.matter.end, item.span[1])
        if item.kind in (ItemKind.PARAGRAPH, ItemKind.MATTER, ItemKind.CONTENTS):
            self.matter.paragraphs += 1

    # -- story ---------------------------------------------------------------------

    def add_heading(self, item: Item) -> None:
        heading = item.heading
        assert heading is not None
        self.matter = None
        if heading.kind is SectionKind.PART:
            self.close_story()
            self.part = self.open(_Open(SectionKind.PART, heading, item.span[0], 0))
        elif heading.kind is SectionKind.LETTER and heading.number is None and self._in_chapter():
            # A letter inside a chapter ("_Letter, Mina Harker to Lucy Westenra._"): its line is the
            # document's own text, so it stays a paragraph too.
            self.nested = self.open(_Open(SectionKind.LETTER, heading, item.span[0], 2, parent=self.chapter))
            self.add_paragraph(item.span)
        else:
            self.close_chapter()
            self.chapter = self.open(_Open(heading.kind, heading, item.span[0], 1, parent=self.part))

    def _in_chapter(self) -> bool:
        return self.chapter is not None and self.chapter.kind is SectionKind.CHAPTER

    def add_entry(self, item: Item) -> None:
        holder = self.chapter or self.part or self.scene
        if holder is None:
            self.start_scene(item.span[0])
            holder = self.scene
        self.nested = self.open(_Open(SectionKind.ENTRY, item.heading, item.span[0], 2, parent=holder))

    def add_paragraph(self, span: Span) -> None:
        self.matter = None
        holder = self.chapter or self.part or self.scene
        if holder is None:
            self.start_scene(span[0])
            holder = self.scene
        assert holder is not None
        if holder.reading is None:
            holder.reading = len(self.reading)
            self.reading.append(ReadingSection(_passage_kind(holder), _reading_title(holder, len(self.reading))))
        self.reading[holder.reading].paragraphs.append(span)
        for section in (self.nested, holder, holder.parent):
            if section is not None:
                section.paragraphs += 1
                section.end = span[1]

    def add_scene_break(self) -> None:
        if not self.has_chapters and self.scene is not None and self.scene.paragraphs:
            self.scene = None
            self.nested = None

    def start_scene(self, offset: int) -> None:
        self.scene = self.open(_Open(SectionKind.SCENE, None, offset, 1))

    def open(self, section: _Open) -> _Open:
        if section.kind is not SectionKind.ENTRY and not (section.kind is SectionKind.LETTER and section.level == 2):
            self.nested = None
        self.done.append(section)
        return section

    def close_chapter(self) -> None:
        self.chapter = None
        self.nested = None

    def close_story(self) -> None:
        self.close_chapter()
        self.part = None
        self.scene = None

    def finish(self) -> Structure:
        sections = [
            StructureSection(
                kind=section.kind,
                number=section.heading.number if section.heading else None,
                title=section.heading.title if section.heading else None,
                offset=section.offset,
                end=max(section.end, section.offset),
                paragraphs=section.paragraphs,
                level=section.level,
                reading_section=_reading_of(section),
                label=section.heading.label if section.heading else None,
            )
            for section in self.done
        ]
        return Structure(self.reading, sections)


def _reading_of(section: _Open) -> int | None:
    if section.kind in MATTER_KINDS:
        return None
    if section.reading is not None:
        return section.reading
    if section.level == 2 and section.parent is not None:
        return section.parent.reading
    return None


def _passage_kind(section: _Open) -> PassageKind:
    return PassageKind.SCENE if section.kind is SectionKind.SCENE else PassageKind.CHAPTER


def _reading_title(section: _Open, position: int) -> str:
    heading = section.heading
    if heading is None:
        return f"Scene {position + 1}"
    return section_name(heading.kind, heading.number, heading.title, heading.label)


# --------------------------------------------------------------------------
# Where the story starts and ends
# --------------------------------------------------------------------------


def build_structure(items: list[Item]) -> Structure:
    """Group an outline's items into reading sections and the book's structure (see the module docstring)."""
    items = _validate_bare_numerals(items)
    start = _story_start(items)
    builder = _Builder(items)
    in_back = False
    for position, item in enumerate(items):
        if position < start or item.matter is SectionKind.FRONT:
            builder.add_matter(SectionKind.FRONT, item)
            continue
        heading = item.heading
        if in_back or item.matter is SectionKind.BACK:
            if item.kind is ItemKind.HEADING and heading and heading.kind in STORY_HEADINGS and _has_text(items, position):
                in_back = False
            else:
                builder.add_matter(SectionKind.BACK, item)
                continue
        if item.kind is ItemKind.END:
            in_back = True
            if item.span != (items[position - 1].span if position else None):
                builder.add_matter(SectionKind.BACK, item)
        elif item.kind is ItemKind.HEADING and heading is not None and heading.kind in MATTER_KINDS:
            in_back = True
            builder.add_matter(SectionKind.BACK if heading.kind is SectionKind.BACK else SectionKind.FRONT, item)
        elif item.kind is ItemKind.HEADING:
            builder.add_heading(item)
        elif item.kind is ItemKind.ENTRY:
            builder.add_entry(item)
        elif item.kind is ItemKind.PARAGRAPH:
            builder.add_paragraph(item.span)
        elif item.kind is ItemKind.SCENE_BREAK:
            builder.add_scene_break()
    return builder.finish()


def _story_start(items: list[Item]) -> int:
    """The index of the item the story starts at: its first chapter with text (with the parts
    heading it), else its first part with text, else its first paragraph after any title page."""
    chapter = next(
        (
            position
            for position, item in enumerate(items)
            if item.kind is ItemKind.HEADING
            and item.heading is not None
            and item.heading.kind in CHAPTER_LEVEL
            and _has_text(items, position)
        ),
        None,
    )
    if chapter is not None:
        before = chapter
        while before > 0 and (items[before - 1].kind is ItemKind.SCENE_BREAK or _is_heading(items[before - 1], SectionKind.PART)):
            before -= 1
            if _is_heading(items[before], SectionKind.PART):
                chapter = before
        return chapter if not _preamble_is_story(items, chapter) else _first_story_item(items)
    part = next(
        (p for p, item in enumerate(items) if _is_heading(item, SectionKind.PART) and _has_text(items, p)), None
    )
    if part is not None:
        return part if not _preamble_is_story(items, part) else _first_story_item(items)
    return _first_story_item(items)


def _first_story_item(items: list[Item]) -> int:
    """The first item a layout has not marked as front matter."""
    return next((p for p, item in enumerate(items) if item.matter is not SectionKind.FRONT), len(items))


def _preamble_is_story(items: list[Item], start: int) -> bool:
    """Much text before the first heading: an unheaded opening, not front matter."""
    def length(chosen: list[Item]) -> int:
        return sum(item.span[1] - item.span[0] for item in chosen if item.kind is ItemKind.PARAGRAPH and item.matter is None)

    before = length(items[:start])
    return before > LONG_PREAMBLE_SHARE * max(length(items), 1) and not any(
        item.heading is not None and item.heading.kind in MATTER_KINDS for item in items[:start]
    )


def _is_heading(item: Item, kind: SectionKind) -> bool:
    return item.kind is ItemKind.HEADING and item.heading is not None and item.heading.kind is kind


def _has_text(items: list[Item], position: int) -> bool:
    """A paragraph follows the heading at `position` before the next heading."""
    for item in items[position + 1 :]:
        if item.kind is ItemKind.PARAGRAPH:
            return True
        if item.kind in (ItemKind.HEADING, ItemKind.CONTENTS):
            return False
    return False


def _validate_bare_numerals(items: list[Item]) -> list[Item]:
    """Keep a bare numeral (``IV.``) as a heading only where it continues the book's numbering
    (one more than the last, or a new start at one) and the book has no worded chapter headings;
    the others are read as text."""
    worded = any(
        item.heading is not None and not item.heading.bare and item.heading.kind in CHAPTER_LEVEL and item.heading.number
        for item in items
    )
    kept: list[Item] = []
    last = 0
    for item in items:
        heading = item.heading
        if item.kind is ItemKind.HEADING and heading is not None and heading.bare:
            value = numeral_value(heading.number)
            if worded or value is None or value not in (last + 1, 1):
                kept.append(Item(ItemKind.PARAGRAPH, item.span) if not worded else Item(ItemKind.SCENE_BREAK, item.span))
                continue
            last = value
        kept.append(item)
    return kept
