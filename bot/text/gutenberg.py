"""Project Gutenberg books: the licence header and footer are matter, cut at the ``*** START/END OF ...`` lines."""

from __future__ import annotations

import re

from bot.text.blocks import split_blocks
from bot.text.headings import SectionKind
from bot.text.outline import Outline, OutlineBuilder

GUTENBERG_START = re.compile(
    r"^\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK.*$", re.MULTILINE | re.IGNORECASE
)
_GUTENBERG_END = re.compile(
    r"^[ \t]*\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG E-?BOOK", re.MULTILINE | re.IGNORECASE
)


def outline_gutenberg(text: str) -> Outline:
    start = GUTENBERG_START.search(text)
    assert start is not None, "detect_layout only picks GUTENBERG when the START line exists"
    end = _GUTENBERG_END.search(text, start.end())
    body_end = end.start() if end else len(text)
    builder = OutlineBuilder(text)
    builder.add_matter((0, start.end()), SectionKind.FRONT)
    for block in split_blocks(text, start.end(), body_end):
        builder.add_block(block)
    if body_end < len(text.rstrip()):
        builder.add_matter((body_end, len(text.rstrip())), SectionKind.BACK)
    return Outline(items=builder.items, body_start=start.end())
