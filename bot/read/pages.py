"""The reader's pages: as many paragraphs of one section as fit in an embed, a long paragraph in pieces.

A page holds whole paragraphs of one section, in order, as many as fit in
:data:`PAGE_CHARS` (shown with Discord markdown, a blank line between them).
A paragraph longer than a page has pages of its own, one piece each, cut at
sentence boundaries (a sentence longer than a page at spaces). Pages are
found from a paragraph forward (the next page, a section's first) or
backward (the previous page), so the reader never needs the section's whole
pagination.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.library.views import Location
from bot.text.markup import to_discord
from bot.text.model import Passage
from bot.text.sentences import sentence_spans

PAGE_CHARS = 4000
"""A page's text: under an embed description's 4096, the rest of the embed (title, "Where", footer)
keeping the whole well under Discord's 6000."""
SEPARATOR = "\n\n"
WINDOW = 40
"""Paragraphs read to fill one page (a page of a few hundred short lines is not a page anyone reads)."""


@dataclass(frozen=True, slots=True)
class Page:
    """Consecutive paragraphs of one section, or one piece of a paragraph longer than a page."""

    paragraphs: tuple[Passage, ...]
    text: str
    piece: int | None = None
    """Which piece of its one paragraph the page shows (None: whole paragraphs)."""
    pieces: int = 1

    @property
    def first(self) -> Passage:
        return self.paragraphs[0]

    @property
    def last(self) -> Passage:
        return self.paragraphs[-1]

    @property
    def at_start(self) -> bool:
        """Whether the page starts where its first paragraph starts."""
        return not self.piece

    @property
    def at_end(self) -> bool:
        """Whether the page ends where its last paragraph ends."""
        return self.piece is None or self.piece == self.pieces - 1


def pieces_of(text: str, room: int = PAGE_CHARS) -> list[str]:
    """`text` as Discord markdown, in pieces of at most `room` characters cut between sentences."""
    shown = to_discord(text)
    if len(shown) <= room:
        return [shown]
    pieces: list[str] = []
    current = ""
    for start, end in sentence_spans(text, protect_italics=True):
        for sentence in _within(to_discord(text[start:end]), room):
            joined = f"{current} {sentence}" if current else sentence
            if len(joined) <= room:
                current = joined
            else:
                pieces.append(current)
                current = sentence
    return [*pieces, current] if current else pieces


def _within(sentence: str, room: int) -> list[str]:
    """A sentence longer than a page, cut at spaces (one that has none, cut anywhere)."""
    parts = []
    while len(sentence) > room:
        cut = sentence.rfind(" ", 0, room + 1)
        cut = cut if cut > 0 else room
        parts.append(sentence[:cut].rstrip())
        sentence = sentence[cut:].lstrip()
    return [*parts, sentence] if sentence else parts


def forward(paragraphs: Sequence[Passage], piece: int = 0, room: int = PAGE_CHARS) -> Page:
    """The page that starts with ``paragraphs[0]`` (at its piece `piece`, if it is longer than a page),
    filled with the paragraphs after it in its section."""
    return _fill(paragraphs, piece, room)


def backward(paragraphs: Sequence[Passage], piece: int | None = None, room: int = PAGE_CHARS) -> Page:
    """The page that ends with ``paragraphs[-1]`` (at its piece `piece`; None: its last), filled with
    the paragraphs before it in its section."""
    return _fill(paragraphs[::-1], piece, room, reverse=True)


def _fill(ordered: Sequence[Passage], piece: int | None, room: int, *, reverse: bool = False) -> Page:
    anchor = ordered[0]
    parts = pieces_of(anchor.text, room)
    if len(parts) > 1:
        chosen = len(parts) - 1 if piece is None else min(piece, len(parts) - 1)
        return Page((anchor,), parts[chosen], chosen, len(parts))
    taken, texts, size = [anchor], parts, len(parts[0])
    for paragraph in ordered[1:]:
        shown = to_discord(paragraph.text)
        size += len(SEPARATOR) + len(shown)
        if paragraph.section != anchor.section or size > room:
            break
        taken.append(paragraph)
        texts.append(shown)
    if reverse:
        taken.reverse()
        texts.reverse()
    return Page(tuple(taken), SEPARATOR.join(texts))


def piece_count(paragraph: Passage, room: int = PAGE_CHARS) -> int:
    return len(pieces_of(paragraph.text, room))


def page_place(first: Location, last: Location, page: Page) -> str:
    """Where a page is: ``Chapter II · paragraphs 3–7 of 40 · 12% through`` (``paragraph 3 of 40, part 2
    of 3`` for a piece of a long paragraph); how far through counts the page's end."""
    number, of = first.paragraph_number, first.paragraphs_in_section
    if page.piece is not None:
        where = f"paragraph {number} of {of}, part {page.piece + 1} of {page.pieces}"
    elif page.first == page.last:
        where = f"paragraph {number} of {of}"
    else:
        where = f"paragraphs {number}–{last.paragraph_number} of {of}"
    return f"{first.section_title} · {where} · {last.percent_through}% through"
