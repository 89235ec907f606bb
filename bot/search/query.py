"""Checking what a reader typed before it reaches the search engine.

Discord lets anyone send anything: empty strings, a wall of emoji, 4,000
characters, invisible zero-width characters, "Zalgo" combining-mark floods.
:func:`clean_query` turns acceptable input into a tidy query and rejects the
rest with an :class:`~bot.errors.InvalidQuery` whose message tells the reader
what to do instead.
"""

from __future__ import annotations

import re
import unicodedata

from bot.errors import EmptyQuery, InvalidQuery

MAX_QUERY_CHARS = 300
"""Longest quote a reader may search for (a long paragraph's worth)."""

MAX_INVISIBLE_CHARS = 8
"""More dropped (zero-width or stacked combining) characters than this is a flood, not typing."""

MAX_MARKS_PER_LETTER = 2

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
_WHITESPACE_RUN = re.compile(r"\s+")


def clean_query(raw: str) -> str:
    """Return `raw` tidied for searching, or raise :class:`InvalidQuery`."""
    kept, dropped = _strip_invisible(unicodedata.normalize("NFC", raw or ""))
    if dropped > MAX_INVISIBLE_CHARS:
        raise InvalidQuery(
            "That text is mostly invisible or stacked characters. Type or paste the line as plain words."
        )
    text = _WHITESPACE_RUN.sub(" ", kept).strip()
    if not text:
        raise EmptyQuery()
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidQuery(
            f"That is {len(text):,} characters; quotes are searched up to {MAX_QUERY_CHARS}. "
            "Paste the part you remember best."
        )
    if not any(ch.isalnum() for ch in text):
        raise InvalidQuery("I need some words to search for: punctuation and emoji alone don't appear in the story.")
    return text


def _strip_invisible(text: str) -> tuple[str, int]:
    """Drop format characters and combining marks stacked past two on one letter.

    Returns the kept text and how many characters were dropped. Up to two marks
    on a letter survive, so scripts that write vowels as marks still work.
    """
    kept: list[str] = []
    dropped = 0
    marks_on_current_letter = 0
    for ch in text:
        category = unicodedata.category(ch)
        if ch in _ZERO_WIDTH or category == "Cf":
            dropped += 1
        elif category in ("Mn", "Me"):
            marks_on_current_letter += 1
            if marks_on_current_letter > MAX_MARKS_PER_LETTER:
                dropped += 1
            else:
                kept.append(ch)
        else:
            marks_on_current_letter = 0
            kept.append(ch)
    return "".join(kept), dropped
