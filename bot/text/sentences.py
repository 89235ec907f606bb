"""Sentence splitting within a paragraph, aware of abbreviations, initials, ellipses and italics."""

from __future__ import annotations

import re

from bot.text.blocks import Span
from bot.text.markup import ITALIC_SPAN

_SENTENCE_END = re.compile(
    r"(?P<stop>[.!?…]+)[\"”’')\]_*]*(?=\s+[\"“‘'(\[_*]*(?P<next>[^\W_]))"
    r"|[。！？]+[」』”’）]*(?=\S)"  # Chinese and Japanese full stops need no space after
)
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_WHITESPACE = re.compile(r"\s*")
_ABBREVIATIONS = frozenset(
    "mr mrs ms messrs dr st prof rev capt col gen lt sgt hon jr sr mt vs viz etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "vol", "p", "pp"})  # only before a number: "No. 7"


def sentence_spans(paragraph: str, *, protect_italics: bool) -> list[Span]:
    """Sentence spans within a trimmed paragraph.

    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (plus any closing
    quotes or brackets) when the next word does not start in lower case (a
    capital of any script, a digit, a letter of a script without case) — so
    ``“Was?” she asked.`` stays whole — and at ``。！？``. Abbreviations (``Dr. Seward``),
    initials (``P. M.``) and spaced ellipses (``I … I``) never end a
    sentence, nor (with ``protect_italics``) a stop inside ``_an italic run._``.
    """
    italics = [m.span() for m in ITALIC_SPAN.finditer(paragraph)] if protect_italics else []
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if _is_false_stop(paragraph, match) or any(s < match.end() < e for s, e in italics):
            continue
        spans.append((start, match.end()))
        start = _WHITESPACE.match(paragraph, match.end()).end()
    spans.append((start, len(paragraph)))
    return spans


def _is_false_stop(paragraph: str, match: re.Match[str]) -> bool:
    stop, at = match["stop"], match.start()
    if stop is None:  # a Chinese or Japanese full stop
        return False
    if match["next"].islower():
        return True
    if stop in ("…", "...") and at > 0 and paragraph[at - 1].isspace():
        return True
    if stop != ".":
        return False
    word = _WORD_BEFORE.search(paragraph, max(0, at - 12), at)
    if word is None or (word.start() > 0 and paragraph[word.start() - 1].isalpha()):
        return False
    token = word.group()
    is_initial = len(token) == 1 and token.isupper() and token != "I"
    before_number = paragraph[_WHITESPACE.match(paragraph, match.end()).end()].isdigit()
    return is_initial or token.lower() in _ABBREVIATIONS or (before_number and token.lower() in _NUMBER_ABBREVIATIONS)
