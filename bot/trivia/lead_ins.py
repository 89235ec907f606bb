"""A reply's lead-in: the words it answers, shown with it.

Judged samples failed lines that answer what the player does not see ("No, nor ever will be." —
what will not be?). A line that opens as a reply (:data:`REPLY_OPENING`) is asked with the last
sentence of the line it answers (:func:`lead_in`): another person's, just before it in its
paragraph or the one before; without one it is not asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.trivia.lines import SpokenLine

REPLY_OPENING = re.compile(
    r"^(?:yes|no|not|nor|neither|because|certainly|of course|indeed|exactly|quite so|true|surely|never|nothing)\b",
    re.IGNORECASE,
)
"""Words a reply opens with, which need what they answer."""
MAX_LEAD_CHARS = 140
"""A lead-in is shown whole, so it is short: the last sentence of the line answered."""
_SENTENCE_START = re.compile(r"(?<=[.!?])(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z]{2}\.)(?<!\b[A-Z]\.)\s+(?=[A-Z“‘\"'])")


def needs_lead_in(text: str) -> bool:
    """Whether a line opens as a reply ("Yes, …", "Not I!", "Because …")."""
    return bool(REPLY_OPENING.match(text))


def lead_in(lines: Sequence[SpokenLine], index: int) -> str | None:
    """The last sentence of the line ``lines[index]`` answers: the line just before it, said by someone
    else in its paragraph or the one before, short enough to show (:data:`MAX_LEAD_CHARS`); None when
    there is no such line."""
    line = lines[index]
    if index == 0:
        return None
    before = lines[index - 1]
    if before.speaker is None or before.speaker == line.speaker or not 0 <= line.paragraph - before.paragraph <= 1:
        return None
    last = _SENTENCE_START.split(before.text.strip())[-1].strip()
    return last if 0 < len(last) <= MAX_LEAD_CHARS and last[:1].isupper() else None
