"""Finding quoted speech: paragraphs of a text and the quoted spans in them (“double” or ‘single’ style)."""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

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


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """The quotation marks a text uses for speech: candidates, and which only open or only close."""

    pattern: re.Pattern[str]
    opening_only: str
    closing_only: str
    closing: str


DOUBLE = QuoteMarks(re.compile(r"[“”\"]"), "“", "”", "”\"")
SINGLE = QuoteMarks(re.compile(r"(?<!\w)‘|’(?!\w)"), "‘", "’", "’")
"""British style: ‘…’. An apostrophe inside a word (don’t) is never a mark; one ending a word
(the Joneses’) can still close a quote early."""
SINGLE_STYLE_MIN = 10


def quote_marks(text: str) -> QuoteMarks:
    """:data:`SINGLE` for a text whose speech is in single quotes (many ‘, next to no double marks)."""
    doubles = text.count("“") + text.count('"')
    singles = len(re.findall(r"(?<!\w)‘", text))
    return SINGLE if singles >= SINGLE_STYLE_MIN and doubles < singles / 10 else DOUBLE


def quote_spans(paragraph: str, marks: QuoteMarks = DOUBLE) -> list[Span]:
    """Spans of quoted speech in a paragraph, quotation marks included.

    A quote still open at the end of the paragraph runs to its end (the
    convention for speech continuing into the next paragraph).
    """
    spans: list[Span] = []
    opened_at: int | None = None
    for match in marks.pattern.finditer(paragraph):
        mark, position = match.group(), match.start()
        if opened_at is None:
            if mark != marks.closing_only:
                opened_at = position
        elif mark != marks.opening_only:
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
    """Every quote in ``paragraphs`` (spans of ``text``), in reading order, in the text's :func:`quote_marks`."""
    marks = quote_marks(text)
    quotes: list[Quote] = []
    for index, (start, end) in enumerate(paragraphs):
        raw = text[start:end]
        for quote_start, quote_end in quote_spans(raw, marks):
            closed = raw[quote_end - 1] in marks.closing and quote_end - quote_start > 1
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
