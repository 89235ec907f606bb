"""Blocks (runs of non-blank lines) and the one-line blocks that are headings, subtitles or scene breaks."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]
"""A (start, end) pair of offsets."""
ITALIC_SPAN = re.compile(r"_([^_]+)_")
"""Gutenberg's _italics_."""


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


# --------------------------------------------------------------------------
# Headings, subtitles and scene breaks
# --------------------------------------------------------------------------

_NUMBER_WORD = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
)
_ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")
_HEADING = re.compile(
    r"(?P<label>chapter|letter|prologue|epilogue)"
    rf"(?:\s+(?P<number>\d+|(?-i:[IVXLCDM]+)|(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))?))?\b"
    r"\.?(?:\s*[:.—–-]\s*|\s+)?(?P<rest>.*)",
    re.IGNORECASE,
)
MAX_HEADING_LENGTH = 80
SCENE_BREAK = re.compile(r"(?:[*#~•·]\s*)+|(?:[-_=]\s*){3,}")
THE_END = re.compile(r"the end\.?", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")
_SMALL_TITLE_WORDS = frozenset("a an and as at but by for from in into of on or the to with".split())


def heading_title(line: str) -> str | None:
    """The tidied section title if ``line`` is a chapter-like heading.

    ``"CHAPTER I."`` -> ``"Chapter I"``; ``"Chapter 3: Home"`` -> ``"Chapter 3: Home"``.
    """
    match = _HEADING.fullmatch(line)
    if not match or len(line) > MAX_HEADING_LENGTH:
        return None
    label, number, rest = match["label"].lower(), match["number"], match["rest"]
    numbered_label = label in ("chapter", "letter")
    if numbered_label != bool(number) or rest[:1].islower():
        return None
    title = label.capitalize()
    if number:
        title += " " + _tidy_number(number)
    return f"{title}: {tidy_title(rest)}" if rest else title


def _tidy_number(number: str) -> str:
    if number.isdigit() or _ROMAN_NUMERAL.fullmatch(number):
        return number
    return number.title()


def tidy_title(raw: str) -> str:
    """Clean a heading for display: no italics markers, real dashes, and
    all-capital headings in title case (``"DR. SEWARD’S DIARY"`` ->
    ``"Dr. Seward’s Diary"``)."""
    shouting = not any(char.islower() for char in ITALIC_SPAN.sub("", raw))
    text = " ".join(raw.replace("_", "").replace("--", "—").split()).rstrip(".")
    if shouting:
        text = _TITLE_WORD.sub(lambda word: _title_case(word, text), text)
    return text


def _title_case(word: re.Match[str], text: str) -> str:
    lowered = word.group().lower()
    after_space = word.start() > 0 and text[word.start() - 1] == " "
    return lowered if after_space and lowered in _SMALL_TITLE_WORDS else lowered.capitalize()


def is_subtitle(line: str) -> bool:
    """A short all-capitals line, like Dracula's ``JONATHAN HARKER’S JOURNAL``.

    Lower case inside ``_italics_`` is allowed (``DIARY--_continued_``).
    """
    outside_italics = ITALIC_SPAN.sub("", line)
    return (
        len(line) <= MAX_HEADING_LENGTH
        and any(char.isupper() for char in outside_italics)
        and not any(char.islower() for char in outside_italics)
        and heading_title(line) is None
        and not THE_END.fullmatch(line)
    )


# "by Ada Keeper": an author line on a title page or in a preface
AUTHOR_LINE = re.compile(r"by\s+(\S.*)", re.IGNORECASE)
