"""Forms of address that give a line's speaker away, and lines cut before their point.

Judged samples found who-said-it lines answered by their form of address rather than by memory: a
title only a servant or an inferior uses ("your ladyship"), or a pet name only one person uses for
another ("Meg", said by her sister alone). And lines cut where a speech tag or another voice broke in
("He pulled over the bookcase, as I said, and fell") hold no point to remember.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bot.trivia.wording import zipf

DEFERENCE = re.compile(
    r"\byour\s+(?:ladyship|lordship|grace|honou?r|worship|highness|majesty|excellency|reverence)\b"
    r"|(?:^|[,;!]\s*)my\s+(?:lady|lord)\b(?=[,.!?;]|$)",
    re.IGNORECASE,
)
"""Titles of deference said to someone: only a servant or an inferior among the options would say them."""
_CALLED = re.compile(
    r"(?:^|[,;!?.] |\b(?:[Dd]ear|[Dd]earest|[Oo]h|[Mm]y) )([A-Z][a-z]+)(?=[,.!?;]|\s+(?:dear|darling|love|lovey)\b|$)"
)
"""A name said to someone: "Meg, do come", "…, Meg.", "Oh, Meg lovey", "my dear Meg"."""
_TITLE_CALLED = re.compile(
    r"(?:^|[,;!?]\s*)(ma[’']am|madam|mademoiselle|madame|monsieur|signorina|signora|signor|miss|sir|missus|mister)(?=[,.!?;]|$)",
    re.IGNORECASE,
)
"""A title said to someone on its own ("…, mademoiselle", "Yes, ma'am."): some speakers' habit (a courier's, a maid's)."""
TITLES_AND_OATHS = frozenset("I Sir Madam Madame Ma God Heaven Heavens Lord Lady Miss Mister Mr Mrs Ms Dr".split())
"""Capitalised words said to someone that are no one's name (a title, an oath)."""
NOT_CALLED = TITLES_AND_OATHS | {"My", "Dear", "Dearest"}
COMMON_ZIPF = 5.4
"""A capitalised word this common in English ("Come", "Well") opening a line is no name said to someone."""
HABIT_USES = 2
HABIT_SHARE = 0.6
"""A name said to someone is one speaker's habit when they say it this many times at least, and this
share of all the times anyone does."""
_BROKEN_OFF = ("--", "—", "–", "-")
SENTENCE_ENDS = (".", "!", "?", "…", "”", "’", '"', "'", ")")


def called(text: str) -> set[str]:
    """The names and bare titles ``text`` says to someone ("Meg" in "Oh, Meg, do come"; "mademoiselle")."""
    names = {name for name in _CALLED.findall(text) if name not in NOT_CALLED and zipf(name.lower()) < COMMON_ZIPF}
    return names | {title.lower().replace("’", "'") for title in _TITLE_CALLED.findall(text)}


class AddressHabits:
    """Who says which name to someone, counted over a work's certain lines (speaker, text)."""

    def __init__(self, lines: Iterable[tuple[str, str]]) -> None:
        self._users: dict[str, Counter[str]] = {}
        for speaker, text in lines:
            for name in called(text):
                self._users.setdefault(name, Counter())[speaker] += 1

    def gives_away(self, speaker: str, text: str) -> bool:
        """Whether ``text``'s form of address names its speaker to a reader: a title of deference, or a
        name or bare title said to someone that is ``speaker``'s habit (:data:`HABIT_USES`, :data:`HABIT_SHARE`)."""
        if DEFERENCE.search(text):
            return True
        for name in called(text):
            users = self._users.get(name, Counter())
            total = sum(users.values())
            if users[speaker] >= HABIT_USES and users[speaker] >= HABIT_SHARE * total:
                return True
        return False


def cut_short(text: str, next_text: str | None) -> bool:
    """Whether a line stops before its point: broken off by a dash ("I wondered whether--"), or left
    without an end where the next words of its paragraph go on in lower case (the sentence went on
    after a speech tag under another line)."""
    stripped = text.rstrip()
    if stripped.endswith(_BROKEN_OFF):
        return True
    return not stripped.endswith(SENTENCE_ENDS) and next_text is not None and next_text[:1].islower()
