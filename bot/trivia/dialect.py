"""Spelling that tells who speaks: a line in heavy dialect ("I'm goin' doon to th' mill wi' 'em")
gives its speaker away unless another dialect speaker is offered beside them.

A word is non-standard when an apostrophe stands for dropped letters at its start or end ("goin'",
"'em", "th'") or when English does not know it (wordfreq gives it no frequency: "doon", "summat").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bot.trivia import wording

MIN_NONSTANDARD_SHARE = 0.12
"""A line is in dialect when at least this share of its words are non-standard…"""
MIN_NONSTANDARD_WORDS = 2
"""…and at least this many (one odd word is a name or a slip, not a way of speaking)."""
MIN_SPEAKER_SHARE = 0.2
"""A speaker speaks in dialect when at least this share of their lines are in dialect (two lines at least)."""
_WORD = re.compile(r"[’'A-Za-z][A-Za-z’'-]*")
_APOSTROPHES = "’'"


def nonstandard(word: str) -> bool:
    """Whether ``word`` is spelt as spoken, not as written: elided ("goin'", "'em") or unknown to English."""
    core = word.strip(_APOSTROPHES)
    if not core or not core[:1].islower() and word[:1] not in _APOSTROPHES:
        return False  # a capitalised word is a name or a sentence start: no evidence either way
    if word != core and not word.lower().endswith(("s'", "s’")):
        return True  # an apostrophe at the edge of a word stands for dropped letters (a plural possessive does not)
    return wording.zipf(core.lower().replace("’", "'")) == 0


def is_dialect(text: str) -> bool:
    """Whether a line's spelling is markedly non-standard (see :data:`MIN_NONSTANDARD_SHARE`)."""
    found = _WORD.findall(text)
    odd = sum(nonstandard(word) for word in found)
    return odd >= MIN_NONSTANDARD_WORDS and odd >= MIN_NONSTANDARD_SHARE * len(found)


def dialect_speakers(lines: Iterable[tuple[str, str]]) -> set[str]:
    """The speakers of ``(speaker, text)`` lines who speak in dialect (:data:`MIN_SPEAKER_SHARE`)."""
    said: Counter[str] = Counter()
    odd: Counter[str] = Counter()
    for speaker, text in lines:
        said[speaker] += 1
        odd[speaker] += is_dialect(text)
    return {speaker for speaker, count in odd.items() if count >= 2 and count >= MIN_SPEAKER_SHARE * said[speaker]}
