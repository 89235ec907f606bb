"""Blocks (runs of non-blank lines) and the one-line blocks that are scene breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]
"""A (start, end) pair of offsets."""


@dataclass(frozen=True, slots=True)
class Block:
    """A run of non-blank lines; ``lines`` are whitespace-trimmed line spans."""

    lines: tuple[Span, ...]
    blank_lines_before: int

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][1]


def split_blocks(text: str, start: int, end: int) -> list[Block]:
    """Cut ``text[start:end]`` into blocks separated by blank lines."""
    blocks: list[Block] = []
    lines: list[Span] = []
    blank_lines = 0
    position = start
    for line in text[start:end].split("\n"):
        content = line.strip()
        if content:
            line_start = position + len(line) - len(line.lstrip())
            lines.append((line_start, line_start + len(content)))
        else:
            if lines:
                blocks.append(Block(tuple(lines), blank_lines))
                lines, blank_lines = [], 0
            blank_lines += 1
        position += len(line) + 1
    if lines:
        blocks.append(Block(tuple(lines), blank_lines))
    return blocks


def single_line(text: str, block: Block) -> str | None:
    """The block's text if it is one line, else ``None``."""
    if len(block.lines) != 1:
        return None
    return text[block.start : block.end]


SCENE_BREAK = re.compile(r"(?:[*#~•·]\s*)+|(?:[-_=]\s*){3,}")
