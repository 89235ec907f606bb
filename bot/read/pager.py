"""Turning the reader's pages: the page a section starts with, and the pages after and before a page.

A page is named by its edge paragraph and, for a piece of a long paragraph,
the piece (see :mod:`bot.read.pages`); this reads from the library just the
paragraphs that can fill the page.
"""

from __future__ import annotations

from bot.errors import PassageNotFound
from bot.library.service import Library
from bot.library.views import WorkView
from bot.read.pages import WINDOW, Page, backward, forward, piece_count
from bot.text.model import Passage

AT_THE_END = "That was the last page."
AT_THE_START = "That was the first page."


async def page_from(library: Library, work: WorkView, ordinal: int, last: int | None = None) -> Page:
    """The page starting with paragraph `ordinal`, ending at paragraph `last` at the latest."""
    end = work.paragraph_count - 1 if last is None else last
    paragraphs = await library.paragraphs_in(work, range(ordinal, min(ordinal + WINDOW - 1, end) + 1))
    if not paragraphs:
        raise PassageNotFound(AT_THE_END)
    return forward(paragraphs)


async def page_after(
    library: Library, work: WorkView, edge: Passage, piece: int | None, last: int | None = None
) -> Page:
    """The page after one ending with `edge` (at its piece `piece`; None: all of it)."""
    if piece is not None and piece + 1 < piece_count(edge):
        return forward([edge], piece + 1)
    return await page_from(library, work, edge.ordinal + 1, last)


async def page_before(library: Library, work: WorkView, edge: Passage, piece: int | None) -> Page:
    """The page before one starting with `edge` (at its piece `piece`; None: its start)."""
    if piece:
        return backward([edge], piece - 1)
    paragraphs = await library.paragraphs_in(work, range(max(edge.ordinal - WINDOW, 0), edge.ordinal))
    if not paragraphs:
        raise PassageNotFound(AT_THE_START)
    return backward(paragraphs)
