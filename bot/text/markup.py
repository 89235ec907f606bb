"""Plain-text markup in books (``_italics_``, ``*emphasis*``, ``=bold=``): as Discord markdown where
text is shown, and stripped wherever text is plain (trivia options, thread names, CSV, chart labels)."""

from __future__ import annotations

import re

ITALIC_SPAN = re.compile(r"_([^_]+)_")
"""Gutenberg's ``_italics_`` (as stored passages have always read them: their ids depend on it)."""
_EMPHASIS_SPAN = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_BOLD_SPAN = re.compile(r"(?<![\w=])=(?=[^\s=])([^=\n]+?)(?<=[^\s=])=(?![\w=])")
_DISCORD_MARKS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|\*(?=\S)(.+?)(?<=\S)\*")


def to_discord(text: str) -> str:
    """``_x_`` and ``*x*`` become Discord italics (``*x*``), ``=x=`` bold (``**x**``)."""
    return ITALIC_SPAN.sub(r"*\1*", _BOLD_SPAN.sub(r"**\1**", text))


def plain_text(text: str) -> str:
    """``text`` without book markup or the Discord markdown :func:`to_discord` made of it."""
    text = ITALIC_SPAN.sub(r"\1", text)
    text = _BOLD_SPAN.sub(r"\1", text)
    text = _DISCORD_MARKS.sub(lambda match: match.group(1) or match.group(2), text)
    return _EMPHASIS_SPAN.sub(r"\1", text)
