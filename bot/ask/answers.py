"""What can never be an answer, whatever the question: headings, contents lines, signatures, date lines,
and sentences that only repeat the question's words.

These lines hold a book's names and words densely ("CHAPTER IV. Mina Harker's Journal",
"Your loving Mina.", "3 May. Bistritz."), so word matching alone picks them; they
answer nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.search.textnorm import FUNCTION_TERMS, words

MONTHS = "january february march april may june july august september october november december"
_MONTH = r"(?:" + "|".join(m[:3] + r"(?:" + m[3:] + r")?\.?" for m in MONTHS.split()) + r")"
_DATE_LINE = re.compile(
    rf"^\W*(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}[/.-]\d{{1,2}})\b",
    re.I,
)
_HEADING_WORD = re.compile(r"^\W*(?:chapter|book|part|volume|letter|section|act|scene|canto|stave)\b", re.I)
_SIGN_OFF = re.compile(
    r"^\W*(?:yours|your\s+(?:loving|affectionate|devoted|faithful|ever|own)|ever\s+yours|affectionately|sincerely"
    r"|faithfully|lovingly|with\s+love|believe\s+me)\b",
    re.I,
)
MAX_LINE_WORDS = 12
"""Longest heading, date line or signature: a longer line is prose."""
MIN_NEW_WORDS = 1
"""Content words a sentence must hold beyond the question's to answer it."""
SENTENCES_KEPT = 16_384
"""Sentences whose reading (non-answer or not, terms, places, speakers) is remembered: a question reads hundreds of
candidates, and the candidates of one work's questions recur (see :mod:`bot.ask.answer_types` too)."""


@lru_cache(maxsize=SENTENCES_KEPT)
def is_non_answer(text: str) -> bool:
    """A heading, a contents line, a date line, a signature or a bare name: never an answer."""
    if len(text.split()) > MAX_LINE_WORDS:
        return False
    if not words(text):
        return True
    stripped = text.strip()
    letters = [char for char in stripped if char.isalpha()]
    shouting = sum(char.isupper() for char in letters) > 0.8 * len(letters)
    unended = stripped[-1:] not in ".!?\"'”’)"
    return bool(
        shouting
        or _HEADING_WORD.match(stripped)
        or _DATE_LINE.match(stripped)
        or _SIGN_OFF.match(stripped)
        or (unended and _title_case(stripped))
        or _bare_name(stripped)
    )


def _title_case(text: str) -> bool:
    """Most words capitalised: a title or contents line ("The Rabbit Sends in a Little Bill")."""
    tokens = re.findall(r"[A-Za-z][\w'’-]*", text)
    return bool(tokens) and sum(token[0].isupper() for token in tokens) >= 0.6 * len(tokens)


def _bare_name(text: str) -> bool:
    """A line of one to three capitalised words, a signature ("Mina.", "Dr. Seward.")."""
    tokens = re.findall(r"[A-Za-z][\w'’-]*\.?", text)
    return 0 < len(tokens) <= 3 and all(token[0].isupper() for token in tokens)


def adds_to(terms: Iterable[str], asked: Iterable[str]) -> bool:
    """Whether a sentence's `terms` hold at least :data:`MIN_NEW_WORDS` content words beyond the question's."""
    known = set(asked)
    new = {t for t in terms if t not in FUNCTION_TERMS and t not in known}
    return len(new) >= MIN_NEW_WORDS
