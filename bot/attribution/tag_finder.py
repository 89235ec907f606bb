"""Where a quote's tag stands: which narration around a quote to read for who speaks it.

:class:`~bot.attribution.tags.TagReader` reads who a piece of narration names; this module picks
the pieces: the narration after a quote or before it (``“…,” Lydia stated``, ``Holmes said:``),
a speech tag ending the paragraph before (``… and he added:--``), the beats around a paragraph's
quotes, and whether two quotes of a paragraph are one speech broken by its tag. A word or two
quoted inside a sentence is a term, not speech.
"""

from __future__ import annotations

import bisect
import re

from bot.attribution.lexicon import SPEECH_VERB_PATTERN
from bot.attribution.quotes import Quote, Span
from bot.attribution.tags import Tag, TagReader

TERM_WORDS = 4
TAG_SENTENCE_CHARS = 80
"""How long the narration between two quotes of a paragraph may be and still be only the first
one's tag (``, Lydia answered, clearly not comfortable enough to repeat them.``)."""
_INTRODUCES = re.compile(r"(?:[:,]\s*(?:--|—)?|--|—)\s*$")
_RUN_IN = re.compile(rf"\b(?!{SPEECH_VERB_PATTERN})[a-z]+\s+\Z")
_ENDS_AS_SPEECH = re.compile(r"[,!?;—–-]$")
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]*\s")


class TagFinder:
    """The narration around the quotes of ``text`` (found in ``paragraphs``), read by ``reader``.

    Each method takes the quotes of one paragraph, in order (a turn's quotes)."""

    def __init__(self, text: str, paragraphs: list[Span], quotes: list[Quote], reader: TagReader) -> None:
        self._text = text
        self._paragraphs = paragraphs
        self._quotes = quotes
        self._quote_starts = [quote.start for quote in quotes]
        self._reader = reader

    def is_term(self, quote: Quote) -> bool:
        """A word or two quoted inside a sentence (``which they call “impletata.”``, ``an unusual amount
        of “tripping” both``) rather than speech: short, run into the narration without a comma or colon."""
        inner = self._text[quote.start + 1 : quote.end - (1 if quote.closed else 0)].strip()
        paragraph_start = self._paragraphs[quote.paragraph][0]
        run_in = _RUN_IN.search(self._text, max(paragraph_start, quote.start - 20), quote.start)
        return bool(run_in) and len(inner.split()) <= TERM_WORDS and not _ENDS_AS_SPEECH.search(inner)

    def speech_tag(self, quotes: list[Quote], index: int) -> Tag | None:
        """The speech tag of ``quotes[index]``: in the narration after it, else before it (back to the
        quote before), else, for a quote opening its paragraph, the one ending the paragraph before."""
        quote = quotes[index]
        paragraph_start, paragraph_end = self._paragraphs[quote.paragraph]
        before_start = quotes[index - 1].end if index else paragraph_start
        after_end = quotes[index + 1].start if index + 1 < len(quotes) else paragraph_end
        quote_text = self._text[quote.start : quote.end]
        after = self._reader.after(quote_text, self._text[quote.end : after_end], quote.end)
        tag = after if after and after.speech else None
        if tag is None:
            before = self._reader.before(self._text[before_start : quote.start], before_start)
            tag = before if before and before.speech else None
        if tag is None and quote.start == paragraph_start:
            tag = self._introducing_tag(quote.paragraph)
        return tag

    def _introducing_tag(self, paragraph: int) -> Tag | None:
        """A speech tag ending the paragraph before, to introduce the quote that opens this one
        (``… and he added:--`` / ``“Welcome to my house …”``)."""
        if paragraph == 0:
            return None
        start, end = self._paragraphs[paragraph - 1]
        index = bisect.bisect_left(self._quote_starts, end) - 1
        if index >= 0 and self._quotes[index].end > start:
            start = self._quotes[index].end
        narration = self._text[start:end]
        if not _INTRODUCES.search(narration):
            return None
        tag = self._reader.before(narration, start)
        return tag if tag and tag.speech else None

    def beats(self, quotes: list[Quote]) -> list[Tag | None]:
        """The tags (beats or speech) of the narration leading into the first quote and following the last."""
        first, last = quotes[0], quotes[-1]
        paragraph_start, paragraph_end = self._paragraphs[first.paragraph]
        return [
            self._reader.before(self._text[paragraph_start : first.start], paragraph_start),
            self._reader.after(self._text[last.start : last.end], self._text[last.end : paragraph_end], last.end),
        ]

    def goes_on(self, quotes: list[Quote], index: int) -> bool:
        """Whether ``quotes[index]`` goes on after the tag of the quote before it (``“…,” said Lydia, “…”``,
        ``“…,” Lydia answered. “…”``): only that tag's sentence stands between them."""
        if index == 0:
            return False
        between = self._text[quotes[index - 1].end : quotes[index].start].strip()
        return len(between) <= TAG_SENTENCE_CHARS and not _SENTENCE_BREAK.search(between)
