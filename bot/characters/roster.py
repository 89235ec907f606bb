"""A work's people, in the order readers meet them most: for choosing a character by name.

The roster is the work's characters that are people (see
:meth:`bot.text.ingest.WorkSpeakers.people`), most mentioned first. A name
typed by a reader finds a character by any of its aliases, compared loosely
(case, punctuation and a leading article do not matter), or by its first name
or surname alone.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.attribution.characters import Character, normalise
from bot.text.ingest import WorkSpeakers

SUGGESTIONS = 3
"""Names offered when a typed name finds no one."""
SUGGESTION_MIN_SCORE = 60
"""rapidfuzz WRatio (0-100) a name must reach to be suggested for what was typed."""
MIN_SPELLING_SCORE = 88.0
"""Least rapidfuzz ratio (0-100) of a typed name to a person's name for a spelling slip ("van helsng")."""
MIN_SPELLING_LENGTH = 5
"""Shorter names are not corrected: "Mary" is one letter from "May"."""


class Roster:
    """The people of one work, most mentioned first."""

    def __init__(self, speakers: WorkSpeakers) -> None:
        self.speakers = speakers
        self.people: list[Character] = sorted(speakers.people(), key=lambda c: (-c.mentions, c.first_offset))
        self._by_alias = {normalise(alias): c for c in reversed(self.people) for alias in (c.name, *c.aliases)}

    def find(self, typed: str) -> Character | None:
        """The person ``typed`` names: by any alias, else by its first or last word alone."""
        words = normalise(typed).split()
        if not words:
            return None
        return self._by_alias.get(" ".join(words)) or self._by_alias.get(words[-1]) or self._by_alias.get(words[0])

    def find_misspelt(self, typed: str) -> Character | None:
        """The person whose alias ``typed`` misspells ("van helsng"), for names of five letters or more."""
        if len(typed) < MIN_SPELLING_LENGTH:
            return None
        close = process.extractOne(typed, list(self._by_alias), scorer=fuzz.ratio, score_cutoff=MIN_SPELLING_SCORE)
        return self._by_alias[close[0]] if close else None

    def matching(self, typed: str, limit: int) -> list[Character]:
        """People one of whose aliases contains ``typed`` (everyone if nothing is typed), most mentioned first."""
        needle = normalise(typed)
        found = [c for c in self.people if any(needle in normalise(alias) for alias in (c.name, *c.aliases))]
        return found[:limit]

    def suggestions(self, typed: str, limit: int = SUGGESTIONS) -> list[str]:
        """Names close to ``typed`` (spelling slips), else the most mentioned people."""
        names = [c.name for c in self.people]
        close = process.extract(typed, names, scorer=fuzz.WRatio, processor=normalise, limit=limit)
        picked = [name for name, score, _ in close if score >= SUGGESTION_MIN_SCORE]
        return picked or names[:limit]
