"""Plain text: an optional title page (a short first line, a ``by Name`` line), then the story."""

from __future__ import annotations

from bot.text.blocks import (
    AUTHOR_LINE,
    MAX_HEADING_LENGTH,
    SCENE_BREAK,
    Block,
    heading_title,
    single_line,
    split_blocks,
)
from bot.text.outline import Outline, OutlineBuilder

_TITLE_ENDINGS = tuple(".,;:!?\"”’'—。！？」』）…")


def outline_plain(text: str) -> Outline:
    title, author, blocks = _plain_title_page(text, split_blocks(text, 0, len(text)))
    builder = OutlineBuilder(text)
    for block in blocks:
        if block.blank_lines_before >= 2:
            builder.add_scene_break()
        builder.add_block(block)
    return Outline(title, author, builder.items)


def _plain_title_page(text: str, blocks: list[Block]) -> tuple[str | None, str | None, list[Block]]:
    """Take a title (a short first line) and author (a ``by Name`` line under it,
    in the same block or the next) off the front; returns the remaining blocks."""
    lines = [text[start:end] for start, end in blocks[0].lines] if len(blocks) > 1 else []
    if not lines or len(lines) > 2 or not _is_title_line(lines[0]):
        return None, None, blocks  # a text of one block is all story, no title page
    byline = AUTHOR_LINE.fullmatch(lines[1]) if len(lines) == 2 else None
    if len(lines) == 2 and byline is None:
        return None, None, blocks
    rest = blocks[1:]
    if byline is None and rest:
        byline = AUTHOR_LINE.fullmatch(single_line(text, rest[0]) or "")
        rest = rest[1:] if byline else rest
    return lines[0], byline.group(1) if byline else None, rest


def _is_title_line(line: str) -> bool:
    return (
        len(line) <= MAX_HEADING_LENGTH
        and not line.endswith(_TITLE_ENDINGS)
        and not SCENE_BREAK.fullmatch(line)
        and heading_title(line) is None
    )
