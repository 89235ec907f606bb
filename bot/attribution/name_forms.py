"""Name forms and the vocabulary of titles that grouping reads.

A form is a title and name words (``Mr. Athelney Jones``: ``mr``, ``Athelney Jones``); here are the
title sets (married, unmarried, before a first name, one title in several languages) and the
predicates on forms and texts that need no grouping state.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.attribution.given_names import first_name_gender, is_given_name
from bot.attribution.lexicon import TITLE_GENDER
from bot.attribution.names import Mention, is_place_name

FIRST_NAME_TITLES = frozenset(
    "miss sir lady aunt uncle master cousin dame madam mlle mademoiselle signorina fraulein brother sister".split()
)
"""Titles written before a first name (``Miss Margaret``, ``Sir Walter``), not only a surname."""
MARRIED = frozenset("mrs lady madame mme frau signora countess baroness duchess".split())
UNMARRIED = frozenset("miss mlle mademoiselle fraulein signorina".split())

TITLE_VARIANTS = {
    **dict.fromkeys("mr monsieur herr signor".split(), "man"),
    **dict.fromkeys("mrs madame mme frau signora countess baroness".split(), "married woman"),
    **dict.fromkeys("miss mlle fraulein signorina".split(), "unmarried woman"),
}
"""Titles that name one person before one name (see grouping's ``join_title_variants``): the same
title in several languages, and a foreign rank with it (``Countess``, ``Madame``); not ``Lord``,
``Lady`` or ``Sir``, a family's head beside its ``Mr.`` and ``Mrs.``."""

RANKS = frozenset("sir lord lady".split())
PLAIN_TITLES = frozenset("mr mrs miss".split())
"""A rank (``Sir Hugo``, ``Lady Marland``) and a plain title (``Mr. Marland``) name two people of one
family (a baronet and his son, a lady and her daughter-in-law): see :func:`rank_conflict`."""


MILITARY_RANKS = frozenset("captain colonel major general admiral lieutenant sergeant".split())
"""Titles that show no gender in :data:`~bot.attribution.lexicon.TITLE_GENDER` but never name a woman
of the novels Folio reads (``Captain Harville`` is not his sister ``Fanny Harville``)."""


def rank_conflict(title: str | None, titles: set[str | None]) -> bool:
    """Whether a form after ``title`` may not be the person called by ``titles``: one is a rank, the
    other a plain title (a man named ``Mr. Marland`` is not ``Sir Hugo``)."""
    return (title in RANKS and bool(titles & PLAIN_TITLES)) or (title in PLAIN_TITLES and bool(titles & RANKS))


Key = tuple[str | None, tuple[str, ...]]
FULL_NAME_MIN = 2
"""Uses of a given name and a surname together that make them a full name (see :func:`is_full_name`)."""
"""A name form: (title, lower case and without its dot, or None; name words)."""


_SAME_TITLE = {"doctor": "dr", "mister": "mr", "mistress": "mrs", "reverend": "rev", "mademoiselle": "mlle"}


def title_key(title: str | None) -> str | None:
    """A title compared loosely: lower case, without its dot, one spelling (``Doctor``: ``dr``)."""
    if not title:
        return None
    key = title.lower().rstrip(".")
    return _SAME_TITLE.get(key, key)


def is_full_name(
    key: Key, forms: dict[Key, list[Mention]], titled: set[tuple[str, ...]], named_words: Counter[str] | None = None
) -> bool:
    """A full name, not two names side by side: its last words are written under a title, or not
    more often alone than after its first (``named_words``: in how many different names each word is
    written, see :func:`named_word_counts`)."""
    rest, first = key[1][1:], key[1][0].lower()
    if key[0] is None and is_place_name(key[1]):  # "Port Burdock" is no Burdock's full name
        return False
    if first in TITLE_GENDER or first.removesuffix("s") in TITLE_GENDER:  # "Captains Wentworth"
        return False
    if rest[-1].endswith("s") and any(named[-1] == rest[-1][:-1] for _, named in forms):  # "the Newland Archers"
        return False
    if rest in titled and not _given_name(rest, key, forms):
        return True
    if len(forms.get((None, rest), ())) <= len(forms[key]):
        return True
    return _given_and_surname(key, forms, named_word_counts(forms) if named_words is None else named_words)


def named_word_counts(forms: dict[Key, list[Mention]]) -> Counter[str]:
    """In how many different names (titles aside) each word is written."""
    return Counter(word for words in {named for _, named in forms} for word in set(words))


def _given_and_surname(key: Key, forms: dict[Key, list[Mention]], named_words: Counter[str]) -> bool:
    """A given name and a word that is none, written together at least :data:`FULL_NAME_MIN` times
    (``Henry Clerval``, though ``Clerval`` alone is far more usual): a full name, not two names
    side by side (``Rosamund Beatrice``). A first word no name list knows counts as a given name
    when the text never uses it in any other name (``Osric Dunmere``: no Osric to stand beside)."""
    words = key[1]
    if len(words) != 2 or len(forms[key]) < FULL_NAME_MIN or is_place_name(words) or is_given_name(words[1]):
        return False
    return first_name_gender(words[0]) is not None or named_words[words[0]] == 1


def _given_name(words: tuple[str, ...], key: Key, forms: dict[Key, list[Mention]]) -> bool:
    """Whether ``words`` start another full name named more often than ``key`` (``Beatrice`` of
    Beatrice Penrose, not the surname of ``Rosamund Beatrice``)."""
    return any(
        len(named) > 1 and named[0] == words[0] and named != key[1] and len(found) > len(forms[key])
        for (_, named), found in forms.items()
    )


def compatible(first: str | None, second: str | None) -> bool:
    """Whether two genders may be one person's: the same, or either unknown."""
    return first is None or second is None or first == second


def side_by_side(text: str, word: str, others: list[str]) -> bool:
    """Whether the text names ``word`` and one of ``others`` together (``Jack and John``): two people."""
    for other in others:
        pair = rf"\b(?:{word}(?:,| and| or| to| with)\s+{other}|{other}(?:,| and| or| to| with)\s+{word})\b"
        if re.search(pair, text):
            return True
    return False
