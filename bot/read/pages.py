"""A reader's page: as many whole paragraphs of one section as fit in a Discord embed.

Pages are worked out from where they start (or, going back, where they end),
so a page's first paragraph is all a button needs to carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.text.model import Passage

PAGE_CHARS = 4000
"""A page's text at most (an embed's description holds 4096)."""
PARAGRAPH_SEPARATOR = "\n\n"
LOOKAHEAD = 40
"""Paragraphs fetched at a time to fill a page (more than a page of short lines ever holds)."""


@dataclass(frozen=True, slots=True)
class Page:
    paragraphs: tuple[Passage, ...]

    @property
    def first(self) -> Passage:
        return self.paragraphs[0]

    @property
    def last(self) -> Passage:
        return self.paragraphs[-1]


def fill_forward(candidates: Sequence[Passage], budget: int = PAGE_CHARS) -> Page:
    """The page starting at ``candidates[0]``: the paragraphs after it, in order, while they fit and stay
    in its section. The first paragraph is always on it (shortened when shown, if it alone is too long)."""
    return Page(tuple(_fitting(candidates, budget)))


def fill_backward(candidates: Sequence[Passage], budget: int = PAGE_CHARS) -> Page:
    """The page ending at ``candidates[-1]`` (candidates in reading order), filled backwards the same way."""
    return Page(tuple(reversed(_fitting(list(reversed(candidates)), budget))))


def _fitting(candidates: Sequence[Passage], budget: int) -> list[Passage]:
    chosen: list[Passage] = []
    used = 0
    for paragraph in candidates:
        cost = len(paragraph.text) + (len(PARAGRAPH_SEPARATOR) if chosen else 0)
        if chosen and (used + cost > budget or paragraph.section != chosen[0].section):
            break
        chosen.append(paragraph)
        used += cost
    return chosen


def page_text(page: Page) -> str:
    return PARAGRAPH_SEPARATOR.join(paragraph.text for paragraph in page.paragraphs)
