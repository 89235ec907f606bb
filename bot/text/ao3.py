"""AO3 downloads: a ``Work Header`` preface, then ``Work Text:`` (or chapter headings); notes and the afterword are matter."""

from __future__ import annotations

import re
from itertools import takewhile

from bot.text.blocks import Block, single_line, split_blocks
from bot.text.headings import SectionKind, byline_author, parse_heading
from bot.text.outline import Outline, OutlineBuilder
from bot.text.plain import outline_plain

AO3_SIGNATURE = re.compile(r"^(?:Work Header|Work Text:)\s*$|Posted originally on the Archive of Our Own", re.MULTILINE)
_AO3_STORY_MARKERS = frozenset({"work text:", "chapter text"})
_AO3_NOTE_MARKERS = frozenset({"summary", "notes", "chapter summary", "chapter notes", "chapter end notes"})
_AO3_AFTERWORD_MARKERS = frozenset({"afterword", "end notes"})


def outline_ao3(text: str) -> Outline:
    """Story text starts after ``Work Text:``, ``Chapter Text`` or a chapter heading; notes
    run until the next of those; the afterword and what follows are back matter."""
    blocks = split_blocks(text, 0, len(text))
    builder = OutlineBuilder(text)
    in_story = started = after_story = False
    for block in blocks:
        line = single_line(text, block) or ""
        marker = line.lower()
        after_story = after_story or marker in _AO3_AFTERWORD_MARKERS
        if after_story:
            builder.add_matter((block.start, block.end), SectionKind.BACK)
            continue
        if marker in _AO3_STORY_MARKERS or marker in _AO3_NOTE_MARKERS:
            in_story = marker in _AO3_STORY_MARKERS
            started = started or in_story
            _add_marker(builder, block, started)
            continue
        heading = parse_heading(line) if line else None
        if heading is not None and heading.kind is SectionKind.CHAPTER:
            in_story = started = True
        if in_story:
            if block.blank_lines_before >= 2:
                builder.add_scene_break()
            builder.add_block(block)
        else:
            _add_marker(builder, block, started)
    if not started:  # no recognisable body: read it as plain text
        return outline_plain(text)
    title, author = _ao3_title_and_author(text, blocks)
    return Outline(title, author, builder.items)


def _add_marker(builder: OutlineBuilder, block: Block, started: bool) -> None:
    """Preface text is front matter; notes between chapters are matter that belongs to no section."""
    builder.add_matter((block.start, block.end), None if started else SectionKind.FRONT)


def _ao3_title_and_author(text: str, blocks: list[Block]) -> tuple[str | None, str | None]:
    """The title follows ``Work Header`` (else it is the first line); the
    author is a ``by Name`` line in the preface, before the story starts."""
    lines = (text[start:end] for block in blocks for start, end in block.lines)
    preface = list(takewhile(_is_ao3_preface_line, lines))
    if not preface:
        return None, None
    title = preface[0]
    if title == "Work Header" and len(preface) > 1:
        title = preface[1]
    bylines = (byline_author(line) for line in preface)
    author = next((found for found in bylines if isinstance(found, str)), None)
    return title, author


def _is_ao3_preface_line(line: str) -> bool:
    return line.lower() not in _AO3_STORY_MARKERS and parse_heading(line) is None
