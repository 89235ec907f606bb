"""What a word is, for fair options: its part of speech and inflection, and how common it is.

A wrong option must fit where the answer goes as well as the answer does, or grammar alone gives the
answer away ("What's the matter with me, _____?" → *anyhow* among three verbs). Words are classed by
lemminflect's English dictionary (the part of speech each spelling can have, and which inflection it
is of its lemma); a word the dictionary gives more than one part of speech ("right", "eyes") is
ambiguous and never blanked. How common a word is comes from wordfreq: words a reader could
remember are the uncommon ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

import lemminflect
from wordfreq import zipf_frequency

CONTENT_CLASSES = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
MAX_BLANK_ZIPF = 4.5
"""Blanks only on words rarer than this (Zipf scale: "thing" 5.7, "dinner" 4.8, "coffin" 3.8): stock
words ("indeed", "suppose") are guessed, not remembered."""
RARE_ZIPF = 3.5
"""A word rare enough to make a plot point recognisable ("dinghy", "telegram")."""
DISTINCTIVE_ZIPF = 4.8
"""A line is memorable when it holds a word at least this rare ("apology" 4.1, "sorry" 5.2)."""
_INFLECTIONS = {
    "NOUN": ("NN", "NNS"),
    "VERB": ("VBD", "VBG", "VBZ", "VBN", "VB"),
    "ADJ": ("JJR", "JJS", "JJ"),
    "ADV": ("RBR", "RBS", "RB"),
}
_WORD = re.compile(r"[A-Za-z][a-z’'-]*[a-z]|[A-Za-z]")


@lru_cache(maxsize=65_536)
def word_class(word: str) -> tuple[str, str] | None:
    """``(part of speech, Penn tag)`` of a lower-case word the dictionary reads one way only, e.g.
    ``("VERB", "VBD")`` for "sailed"; None for an unknown or ambiguous word or a function word."""
    lemmas = lemminflect.getAllLemmas(word)
    if len(lemmas) != 1:
        return None
    (pos, (lemma, *_)), = lemmas.items()
    if pos not in CONTENT_CLASSES:
        return None
    for tag in _INFLECTIONS[pos]:
        if word in lemminflect.getInflection(lemma, tag):
            return pos, tag
    return None


def zipf(word: str) -> float:
    """How common ``word`` is in English (wordfreq's Zipf scale, 0 for unknown words)."""
    return zipf_frequency(word, "en")


def zipf_in(word: str, language: str) -> float:
    """How common ``word`` is in ``language`` (a wordfreq code: "fr", "de"…; 0 for unknown words)."""
    return zipf_frequency(word, language)


_NO_WORD_TO_REMEMBER = frozenset("ours yours hers theirs thee thou thine sake goodness heaven heavens mercy".split())
"""Pronouns the dictionary reads as nouns, and nouns English uses mostly in set phrases ("for pity's
sake", "thank goodness", "heaven knows"): guessed from the phrase, not remembered."""


def can_blank(word: str) -> bool:
    """Whether ``word`` is a noun a reader could remember: lower case, read as a noun only, and
    not among the common words. Nouns only: a wrong noun fits a noun's blank; a wrong verb or
    adverb seldom fits as well as the right one."""
    found = word_class(word) if word.islower() and len(word) >= 4 and word not in _NO_WORD_TO_REMEMBER else None
    return found is not None and found[0] == "NOUN" and zipf(word) < MAX_BLANK_ZIPF


def is_rare(word: str) -> bool:
    return word.islower() and len(word) >= 4 and zipf(word) < RARE_ZIPF


def article_for(word: str) -> str:
    """The indefinite article spelling would give ``word`` ("an" before a vowel letter)."""
    return "an" if word[:1] in "aeiou" else "a"


def is_distinctive(text: str) -> bool:
    """Whether ``text`` holds a lower-case word rare enough to recognise it by."""
    return any(word.islower() and len(word) >= 4 and zipf(word) < DISTINCTIVE_ZIPF for word in _WORD.findall(text))


def words(text: str) -> list[str]:
    return _WORD.findall(text)
