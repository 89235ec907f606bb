"""A book's title and author: from a Gutenberg header, else its title page, else the file name.

(AO3 downloads name theirs in their own header: see :mod:`bot.text.ao3`.)
"""

from __future__ import annotations

import re
from pathlib import PurePath

from bot.text.blocks import Block
from bot.text.headings import MAX_HEADING_LENGTH, byline_author, parse_heading, tidy_title
from bot.text.markup import plain_text

HEADER_CHARS = 6000
"""How far into a file a ``Title:`` / ``Author:`` header is looked for."""
TITLE_PAGE_BLOCKS = 8
"""How many blocks of the front matter a title page may take."""
_EBOOK_LINE = re.compile(
    r"\W*(?:the\s+)?project\s+gutenberg(?:'s|’s)?\s+e-?(?:book|text),?\s+(?:of\s+)?(?P<title>.+?)"
    r"(?:,\s+by\s+(?P<author>.+?))?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_A_TITLE = re.compile(
    r"produced\s+by|transcribed|copyright|all\s+rights|printed|publishers?\b|\[|\(|e-?text|release|language:",
    re.IGNORECASE,
)


def header_field(text: str, name: str) -> str | None:
    """A ``Name: value`` header line near the top, with any indented continuation lines."""
    match = re.search(rf"^{name}:[ \t]*(\S.*(?:\r?\n[ \t]+\S.*)*)", text[:HEADER_CHARS], re.MULTILINE)
    return " ".join(match.group(1).split()) if match else None


def header_title_and_author(text: str) -> tuple[str | None, str | None]:
    """``Title:`` and ``Author:`` lines, else the ``The Project Gutenberg eBook of X, by Y`` line."""
    title, author = header_field(text, "Title"), header_field(text, "Author")
    ebook = _EBOOK_LINE.match(text[: text.find("\n", 0, HEADER_CHARS) if "\n" in text[:HEADER_CHARS] else None])
    if ebook:
        title = title or ebook["title"].strip()
        author = author or (ebook["author"] and ebook["author"].strip())
    return title, author


def title_page(text: str, blocks: list[Block]) -> tuple[str | None, str | None]:
    """A title (the first short line that is not a heading or a printer's line) and an author
    (a ``by Name`` line below it, or ``by`` with the name on the next line) among the first blocks."""
    lines = [plain_text(text[start:end]).strip() for block in blocks[:TITLE_PAGE_BLOCKS] for start, end in block.lines]
    title_at = next((i for i, line in enumerate(lines) if _is_title_line(line)), None)
    if title_at is None:
        return None, None
    author = None
    for position in range(title_at + 1, len(lines)):
        found = byline_author(lines[position])
        if found is True and position + 1 < len(lines):
            author = tidy_title(lines[position + 1].rstrip("."))
        elif isinstance(found, str):
            author = found
        if author:
            break
    return tidy_title(lines[title_at]), author


def _is_title_line(line: str) -> bool:
    return (
        0 < len(line) <= MAX_HEADING_LENGTH
        and any(char.isalpha() for char in line)
        and not line.endswith((",", ";"))
        and byline_author(line) is None
        and parse_heading(line) is None
        and not _NOT_A_TITLE.search(line)
        and not _EBOOK_LINE.match(line)
    )


def title_from_file_name(name: str | None) -> str | None:
    """``the_lantern-keeper.txt`` -> ``The Lantern Keeper``."""
    if not name:
        return None
    words = re.sub(r"[_\-.]+", " ", PurePath(name).stem).split()
    if not words:
        return None
    joined = " ".join(words)
    return joined[:1].upper() + joined[1:] if joined.islower() else joined
