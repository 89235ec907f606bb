"""Related words from Roget's Thesaurus, for quotes a reader retells in other words.

The thesaurus's 1911 text (Project Gutenberg #10681, public domain) ships with
Folio in ``data/roget-thesaurus-1911.txt`` (source and licence in
``data/README.md``), so nothing is downloaded. Only its word lists are used:
within an entry, the words between two semicolons are near-synonyms ("hide,
conceal, secrete"). The text is read once per process, on first use (about half
a second; the bot warms it up in a worker thread at start-up).
"""

from __future__ import annotations

import re
from functools import cache

from bot.settings import DATA_DIR

ROGET_TEXT = DATA_DIR / "roget-thesaurus-1911.txt"
"""The thesaurus as Project Gutenberg published it, its licence included."""

MAX_GROUP_WORDS = 12
"""Longer runs of words are lists of things ("bayou, beck, burn, creek, ..."), not synonyms."""
MAX_RELATED = 24
"""Most related words taken for one word."""

_NOTE = re.compile(r"\[[^\]]*\]")
_GROUP_BREAK = re.compile(r"[;.:!?()]")
_ONE_WORD = re.compile(r"[a-z]+")


@cache
def _groups() -> tuple[dict[str, list[int]], list[tuple[str, ...]]]:
    """Word -> the groups it is in, and the groups (runs of single words between semicolons)."""
    text = _NOTE.sub(" ", ROGET_TEXT.read_text(encoding="utf-8"))
    groups: list[tuple[str, ...]] = []
    index: dict[str, list[int]] = {}
    for chunk in _GROUP_BREAK.split(text.replace("\n", " ")):
        group = tuple(dict.fromkeys(item.strip() for item in chunk.split(",") if _ONE_WORD.fullmatch(item.strip())))
        if 2 <= len(group) <= MAX_GROUP_WORDS:
            for word in group:
                index.setdefault(word, []).append(len(groups))
            groups.append(group)
    return index, groups


def warm_up() -> None:
    """Read the thesaurus now rather than on the first lookup that needs it."""
    _groups()


@cache
def related_words(word: str) -> tuple[str, ...]:
    """Words listed beside ``word`` in the thesaurus, from its smallest groups first."""
    index, groups = _groups()
    found = sorted((groups[group] for group in index.get(word, ())), key=len)
    return tuple(dict.fromkeys(other for group in found for other in group if other != word))[:MAX_RELATED]
