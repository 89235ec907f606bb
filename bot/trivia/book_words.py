"""How often a book uses each word, for telling a line's distinctive words from the book's stock ones.

A line is recognised by words rare in English *and* in its own book: "lady" in a novel about a young
lady, or "mad" in one where everyone is called mad, marks no line, however uncommon in English.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from bot.trivia import wording

MAX_BOOK_ZIPF = 6.0
"""A word the book uses at least once in a thousand words (Zipf 6 on the book's own counts) is one of
its stock words: it tells no line of that book from another…"""
MIN_STOCK_USES = 5
"""…if it uses it this often at least (in a short text, a word said twice is no stock word)."""


class BookWords:
    """Each lower-cased word's count in a book's text."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._counts: Counter[str] = Counter()
        for text in texts:
            self._counts.update(word.lower() for word in wording.words(text))
        self._total = sum(self._counts.values())

    def zipf(self, word: str) -> float:
        """How common ``word`` is in this book, on wordfreq's Zipf scale (log10 of uses per billion
        words; 0 for a word the book does not use)."""
        count = self._counts[word.lower()]
        return math.log10(count * 1e9 / self._total) if count and self._total else 0.0

    def is_stock(self, word: str) -> bool:
        """Whether the book uses ``word`` so often (:data:`MAX_BOOK_ZIPF`, :data:`MIN_STOCK_USES`) that it marks no line."""
        return self._counts[word.lower()] >= MIN_STOCK_USES and self.zipf(word) >= MAX_BOOK_ZIPF
