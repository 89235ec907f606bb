"""Judging typed answers fairly.

Both sides are normalised first (case, accents, punctuation, ``&``/"and",
leading articles, and filler such as "it was … !" or "I think"); then the
guess must match an accepted answer word for word, each word within a small
number of typos that grows with its length. So "Lidya" is Lydia, "it was
Derek!" is Derek, "air" never matches "chair" (whole words are compared, and a
three-letter word allows no typo), numbers must be exactly right, and a guess
at least as close to another character (a *rival*) as to the answer is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from rapidfuzz.distance import OSA

ARTICLES = frozenset({"the", "a", "an"})
FILLER_PREFIXES = (
    "i think it was", "i think its", "i think", "i guess", "i believe", "im pretty sure", "im sure",
    "it was", "it is", "its", "was it", "is it", "that was", "that would be", "the answer is", "answer",
    "maybe", "probably", "obviously", "definitely", "surely",
)
"""Said before an answer without changing it (matched on normalised text, longest first)."""
FILLER_SUFFIXES = ("i think", "i guess", "maybe", "probably", "right", "obviously")
_NON_WORD = re.compile(r"[^\w\s]|_")
_NUMBER = re.compile(r"\d+")
_COMBINING_MARK = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Accents and other marks NFKD splits off letters."""
_PREFIXES = sorted(FILLER_PREFIXES, key=len, reverse=True)


def normalise(text: str) -> str:
    """Lower case, accents and punctuation gone, ``&`` as "and", one space between words."""
    plain = _COMBINING_MARK.sub("", unicodedata.normalize("NFKD", text.replace("&", " and ")))
    plain = plain.replace("’", "").replace("'", "")
    return " ".join(_NON_WORD.sub(" ", plain.casefold()).split())


def answer_words(text: str) -> list[str]:
    """The words that carry an answer: normalised, without filler or leading articles."""
    words = normalise(text)
    words = _strip_filler(words)
    tokens = words.split()
    while len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return tokens


def allowed_typos(word: str) -> int:
    """Typos (edits; a swap of two letters counts once) a word of this length may have."""
    if _NUMBER.search(word):
        return 0
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 6 else 2


def distance(guess: Sequence[str], answer: Sequence[str]) -> int | None:
    """Total typos between two word lists, or None if they are not the same answer
    (different number of words, or one word beyond its allowance)."""
    if len(guess) != len(answer) or not answer:
        return None
    total = 0
    for said, expected in zip(guess, answer, strict=True):
        edits = _typos(said, expected)
        if edits > allowed_typos(expected):
            return None
        total += edits
    return total


def _typos(said: str, expected: str) -> int:
    """Edits between two words, where two letters swapped, even apart ("Lidya"), count once."""
    edits = OSA.distance(said, expected)
    if edits > 1 and len(expected) >= 4 and said[0] == expected[0] and sorted(said) == sorted(expected):
        return 1
    return edits


def is_correct(guess: str, answers: Iterable[str], rivals: Iterable[str] = ()) -> bool:
    """Whether a typed ``guess`` names one of ``answers`` and no rival is as close to it."""
    said = answer_words(guess)
    if not said:
        return False
    closest = _closest(said, answers)
    if closest is None:
        return False
    answer_set = {tuple(answer_words(answer)) for answer in answers}
    for rival in rivals:
        rival_words = answer_words(rival)
        if tuple(rival_words) in answer_set:
            continue
        rival_distance = distance(said, rival_words)
        if rival_distance is not None and rival_distance <= closest:
            return False
    return True


def _closest(said: list[str], answers: Iterable[str]) -> int | None:
    distances = [d for answer in answers if (d := distance(said, answer_words(answer))) is not None]
    return min(distances, default=None)


def _strip_filler(words: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if words.startswith(prefix + " "):
                words, changed = words[len(prefix) + 1 :], True
                break
        for suffix in FILLER_SUFFIXES:
            if words.endswith(" " + suffix):
                words, changed = words[: -len(suffix) - 1], True
                break
    return words
