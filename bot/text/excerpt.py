"""Cutting a passage down to size around the sentence that matched."""

from __future__ import annotations

from dataclasses import dataclass

ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A passage split into the text before the match, the match, and after."""

    before: str
    match: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.match + self.after


def excerpt_around(passage: str, sentence: str, max_chars: int) -> Excerpt:
    """The part of `passage` around `sentence`, at most `max_chars` long.

    Context is shared evenly before and after the sentence and cut at word
    boundaries, with an ellipsis where text was left out. A sentence longer than
    `max_chars` is itself shortened. If the sentence is not found in the passage
    the excerpt is the sentence alone.
    """
    position = passage.find(sentence)
    if position < 0:
        return Excerpt("", shorten(sentence, max_chars), "")
    if len(sentence) >= max_chars:
        return Excerpt("", shorten(sentence, max_chars), "")
    before, after = passage[:position], passage[position + len(sentence) :]
    room = max_chars - len(sentence)
    before_room = max(room // 2, room - len(after))
    after_room = room - min(len(before), before_room)
    return Excerpt(_keep_end(before, before_room), sentence, shorten(after, after_room))


def shorten(text: str, max_chars: int) -> str:
    """`text` cut at a word boundary to at most `max_chars`, ending in an ellipsis if cut."""
    if len(text) <= max_chars:
        return text
    if max_chars <= len(ELLIPSIS):
        return ""
    keep = max_chars - len(ELLIPSIS)
    cut = text[:keep]
    space = cut.rfind(" ")
    if not text[keep].isspace() and space > len(cut) // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def _keep_end(text: str, max_chars: int) -> str:
    """The last `max_chars` of `text`, cut at a word boundary, starting with an ellipsis if cut."""
    if len(text) <= max_chars:
        return text
    if max_chars <= len(ELLIPSIS):
        return ""
    first_kept = len(text) - (max_chars - len(ELLIPSIS))
    cut = text[first_kept:]
    space = cut.find(" ")
    if not text[first_kept - 1].isspace() and 0 <= space < len(cut) // 2:
        cut = cut[space + 1 :]
    return ELLIPSIS + cut.lstrip()
