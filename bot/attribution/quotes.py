"""Finding quoted speech: paragraphs of a text and the double-quoted spans in them."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

_QUOTE_MARK = re.compile(r"[“”\"]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


def paragraph_spans(text: str) -> list[Span]:
    """Paragraphs: runs of text between blank lines, without their outer whitespace."""
    spans: list[Span] = []
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[start:end]
        if chunk.strip():
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append((left, start + len(chunk.rstrip())))
        if match:
            start = match.end()
    return spans


def quote_spans(paragraph: str) -> list[Span]:
    """Spans of double-quoted speech in a paragraph, quotes included.

    A quote still open at the end of the paragraph runs to its end (the
    convention for speech continuing into the next paragraph).
    """
    spans: list[Span] = []
    opened_at: int | None = None
    for match in _QUOTE_MARK.finditer(paragraph):
        mark, position = match.group(), match.start()
        if opened_at is None:
            if mark != "”":
                opened_at = position
        elif mark != "“":
            spans.append((opened_at, position + 1))
            opened_at = None
    if opened_at is not None and opened_at < len(paragraph) - 1:
        spans.append((opened_at, len(paragraph)))
    return spans


@dataclass(frozen=True, slots=True)
class Quote:
    """One quoted span of the text: offsets into the whole text, marks included."""

    start: int
    end: int
    paragraph: int
    """Index of its paragraph in the list the quotes were found in."""
    closed: bool
    """False when the quote runs on past its paragraph's end."""


def find_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Every quote in ``paragraphs`` (spans of ``text``), in reading order."""
    quotes: list[Quote] = []
    for index, (start, end) in enumerate(paragraphs):
        raw = text[start:end]
        for quote_start, quote_end in quote_spans(raw):
            closed = raw[quote_end - 1] in "”\"" and quote_end - quote_start > 1
            quotes.append(Quote(start + quote_start, start + quote_end, index, closed))
    return quotes


def narration_spans(paragraphs: list[Span], quotes: list[Quote]) -> list[Span]:
    """The narration of ``paragraphs``: their text outside ``quotes`` (both in reading order)."""
    spans: list[Span] = []
    index = 0
    for start, end in paragraphs:
        position = start
        while index < len(quotes) and quotes[index].start < end:
            spans.append((position, quotes[index].start))
            position = quotes[index].end
            index += 1
        spans.append((position, end))
    return [(start, end) for start, end in spans if end > start]
