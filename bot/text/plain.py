"""Plain text: an optional title page (a short first line, a ``by Name`` line), then the story."""

from __future__ import annotations

from bot.text.blocks import SCENE_BREAK, Block, split_blocks
from bot.text.headings import MAX_HEADING_LENGTH, SectionKind, byline_author, parse_heading
from bot.text.outline import Outline, OutlineBuilder

_TITLE_ENDINGS = tuple(".,;:!?\"”’'—。！？」』）…")


def outline_plain(text: str) -> Outline:
    blocks = split_blocks(text, 0, len(text))
    title_page = _title_page_blocks(text, blocks)
    builder = OutlineBuilder(text)
    for position, block in enumerate(blocks):
        if position < title_page:
            builder.add_matter((block.start, block.end), SectionKind.FRONT)
            continue
        if block.blank_lines_before >= 2 and position > title_page:
            builder.add_scene_break()
        builder.add_block(block)
    return Outline(items=builder.items)


def _title_page_blocks(text: str, blocks: list[Block]) -> int:
    """How many blocks at the top are a title page: a short title line alone in its block, or with
    a ``by Name`` line under it (in the same block or the next one or two). A text of one block is all story."""
    if len(blocks) < 2:
        return 0
    lines = [text[start:end] for block in blocks[:4] for start, end in block.lines][:5]
    if not _is_title_line(lines[0]):
        return 0
    for position, line in enumerate(lines[1:4], start=1):
        if byline_author(line) is not None:
            taken = _blocks_holding(blocks, text, position + (1 if byline_author(line) is True else 0))
            return min(taken, len(blocks) - 1)
    return 1 if len(blocks[0].lines) == 1 else 0


def _blocks_holding(blocks: list[Block], text: str, line_index: int) -> int:
    """How many blocks the first `line_index` + 1 lines take."""
    seen = 0
    for count, block in enumerate(blocks, start=1):
        seen += len(block.lines)
        if seen > line_index:
            return count
    return len(blocks)


def _is_title_line(line: str) -> bool:
    return (
        len(line) <= MAX_HEADING_LENGTH
        and not line.endswith(_TITLE_ENDINGS)
        and not SCENE_BREAK.fullmatch(line)
        and parse_heading(line) is None
    )
