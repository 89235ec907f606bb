"""Project Gutenberg books: the licence header and footer are cut at the ``*** START/END OF ...`` lines; ``Title:`` and ``Author:`` come from the header."""

from __future__ import annotations

import re

from bot.text.blocks import split_blocks
from bot.text.outline import Outline, OutlineBuilder

GUTENBERG_START = re.compile(
    r"^\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG EBOOK.*$", re.MULTILINE | re.IGNORECASE
)
_GUTENBERG_END = re.compile(
    r"^[ \t]*\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG EBOOK", re.MULTILINE | re.IGNORECASE
)


def outline_gutenberg(text: str) -> Outline:
    start = GUTENBERG_START.search(text)
    assert start is not None, "detect_layout only picks GUTENBERG when the START line exists"
    end = _GUTENBERG_END.search(text, start.end())
    header = text[: start.start()]
    builder = OutlineBuilder(text)
    for block in split_blocks(text, start.end(), end.start() if end else len(text)):
        builder.add_block(block)
    return Outline(_header_field(header, "Title"), _header_field(header, "Author"), builder.items)


def _header_field(header: str, name: str) -> str | None:
    """A ``Name: value`` header line, with any indented continuation lines."""
    match = re.search(rf"^{name}:[ \t]*(\S.*(?:\n[ \t]+\S.*)*)", header, re.MULTILINE)
    return " ".join(match.group(1).split()) if match else None
