"""AO3 downloads: a ``Work Header`` preface, then ``Work Text:`` (or chapter headings); notes and the afterword are left out."""

from __future__ import annotations

import re
from itertools import takewhile

from bot.text.blocks import AUTHOR_LINE, Block, heading_title, single_line, split_blocks
from bot.text.outline import Outline, OutlineBuilder
from bot.text.plain import outline_plain

AO3_SIGNATURE = re.compile(r"^(?:Work Header|Work Text:)\s*$|Posted originally on the Archive of Our Own", re.MULTILINE)
_AO3_STORY_MARKERS = frozenset({"work text:", "chapter text"})
_AO3_NOTE_MARKERS = frozenset({"summary", "notes", "chapter summary", "chapter notes", "chapter end notes"})
_AO3_AFTERWORD_MARKERS = frozenset({"afterword", "end notes"})


def outline_ao3(text: str) -> Outline:
    """Story text starts after ``Work Text:``, ``Chapter Text`` or a chapter
    heading; notes run until the next of those; the afterword ends the story."""
    blocks = split_blocks(text, 0, len(text))
    builder = OutlineBuilder(text)
    in_story = False
    for block in blocks:
        line = single_line(text, block) or ""
        marker = line.lower()
        if marker in _AO3_AFTERWORD_MARKERS:
            break
        if marker in _AO3_STORY_MARKERS or marker in _AO3_NOTE_MARKERS:
            in_story = marker in _AO3_STORY_MARKERS
            continue
        in_story = in_story or heading_title(line) is not None
        if in_story:
            if block.blank_lines_before >= 2:
                builder.add_scene_break()
            builder.add_block(block)
    if not builder.items:  # no recognisable body: read it as plain text
        return outline_plain(text)
    title, author = _ao3_title_and_author(text, blocks)
    return Outline(title, author, builder.items)


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
    bylines = (AUTHOR_LINE.fullmatch(line) for line in preface)
    author = next((match.group(1) for match in bylines if match), None)
    return title, author


def _is_ao3_preface_line(line: str) -> bool:
    return line.lower() not in _AO3_STORY_MARKERS and heading_title(line) is None
