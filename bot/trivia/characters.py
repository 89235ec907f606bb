"""Telling characters apart: which speaker names are the same person, and who is a plausible wrong answer."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence

from bot.attribution.lexicon import NAME_WORD, PERSON_NOUNS, TITLE_GENDER
from bot.trivia.address import TITLES_AND_OATHS
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, is_epithet
from bot.trivia.people import Person, are_aliases, name_words, same_person, titled_surnames

MIN_LINES = 2
"""A speaker is asked about, or offered as an option, only with this many certain lines: a name
given one line is more often a misread word ("For", "By-and-by") than a character."""

MIN_ALIKE = 2
"""Fewer rivals of the answer's gender than this (a story of three speakers), and others are offered too."""

_VOCATIVE = re.compile(rf"(?:[,;] |\b[Dd]ear )({NAME_WORD})(?=[,.!?;]|$)")
"""A name said to someone: "…, at the latest, Bessie.", "My dear Bessie, …"."""
_NOT_NAMES = TITLES_AND_OATHS | {"Papa", "Mamma", "Mama", "Father", "Mother"}

__all__ = ["MIN_LINES", "SpeakerCounts", "are_aliases", "name_words"]


class SpeakerCounts:
    """How often each certain speaker speaks, in the whole work and in each section (counted once)."""

    def __init__(
        self, lines: Sequence[SpokenLine], people: Sequence[Person] = (), *, not_persons: Collection[str] = ()
    ) -> None:
        self._people = people
        self._not_persons = frozenset(not_persons)
        # common nouns and titles said to someone, no person of their own (bot.trivia.common_names)
        self._ranking: list[str] | None = None
        self._aliases: dict[str, list[str]] = {}
        self._same: dict[tuple[str, str], bool] = {}
        self._name_words: frozenset[str] | None = None
        self.in_work: Counter[str] = Counter()
        self.in_section: dict[int, Counter[str]] = {}
        self._offsets: dict[str, list[int]] = {}
        for line in lines:
            if line.certain and line.speaker:
                self.in_work[line.speaker] += 1
                self.in_section.setdefault(line.section, Counter())[line.speaker] += 1
                self._offsets.setdefault(line.speaker, []).append(line.offset)
        for offsets in self._offsets.values():
            offsets.sort()

    def addresses_unknown(self, line: str) -> bool:
        """Whether ``line`` calls someone by a name no known person has ("…, Bessie."): the listener may
        be any other speaker under another name (Bessie is Mrs. Tibbs), so no wrong option is safe."""
        return any(
            name not in _NOT_NAMES and name.lower() not in self._known_name_words() for name in _VOCATIVE.findall(line)
        )

    def _known_name_words(self) -> frozenset[str]:
        """Every word of a speaker's or a person's name (computed once: every candidate line asks)."""
        if self._name_words is None:
            known = {word for name in self.in_work for word in name_words(name)}
            known |= {word for person in self._people for alias in person.aliases for word in name_words(alias)}
            self._name_words = frozenset(known)
        return self._name_words

    def speaks_near(self, name: str, offset: int, window: int) -> bool:
        """Whether ``name`` has a certain line within ``window`` characters of ``offset`` (is in
        that part of the story: not yet come, not gone or dead)."""
        offsets = self._offsets.get(name, [])
        index = bisect.bisect_left(offsets, offset - window)
        return index < len(offsets) and offsets[index] <= offset + window

    def named_in(self, name: str, text: str) -> bool:
        """Whether ``text`` (normalised) names ``name``'s person under any of their names, or someone who
        may be them ("Aunt Juley" for "Mrs. Munt"), or by a title and the surname of one of their names
        ("Mr. Thorpe" for John Thorpe: :func:`bot.trivia.people.titled_surnames`)."""
        words = set(text.split())
        aliases = self._aliases_of(name)
        if any(_names(alias, words) for alias in [*aliases, name]):
            return True
        titled = titled_surnames(aliases, self.gender(name))
        return bool(titled) and re.search(rf"\b(?:{'|'.join(map(re.escape, titled))})(?:s|es)?\b", text) is not None

    def _aliases_of(self, name: str) -> list[str]:
        """Every name of ``name``'s person and of anyone who may be them (computed once per name: a
        book of many stories has many people, and every candidate line asks)."""
        if name not in self._aliases:
            self._aliases[name] = [
                alias
                for person in self._people
                if name in person.aliases or self._same_person(name, person.name)
                for alias in person.aliases
            ] or [name]
        return self._aliases[name]

    def _same_person(self, first: str, second: str) -> bool:
        """:func:`bot.trivia.people.same_person` among this work's people, remembered per pair."""
        pair = (first, second) if first <= second else (second, first)
        if pair not in self._same:
            self._same[pair] = same_person(first, second, self._people)
        return self._same[pair]

    def _ranked(self) -> list[str]:
        if self._ranking is None:
            self._ranking = self.speakers()
        return self._ranking

    def speakers(self) -> list[str]:
        """Every recurring certain speaker (:data:`MIN_LINES`), most lines first (ties by first appearance)."""
        return [name for name, _ in self.in_work.most_common() if self.recurring(name)]

    def recurring(self, name: str) -> bool:
        """Whether ``name`` is a person with :data:`MIN_LINES` certain lines (not a stub nor a common
        noun said to someone)."""
        return self.in_work[name] >= MIN_LINES and _whole_name(name) and name not in self._not_persons

    def rank(self, name: str) -> int:
        """Where ``name`` stands among the speakers, most lines first (0: the main talker)."""
        speakers = self._ranked()
        return speakers.index(name) if name in speakers else len(speakers)

    def gender(self, name: str) -> str | None:
        """The gender of the character ``name`` is (None when unknown); an epithet's by its noun ("the
        Duchess")."""
        known = next((person.gender for person in self._people if name in person.aliases), None)
        if known is None and is_epithet(name):
            head = name.rsplit(maxsplit=1)[-1].lower()
            return PERSON_NOUNS.get(head) or TITLE_GENDER.get(head)
        return known

    def plausible_rivals(
        self,
        answer: str,
        section: int,
        limit: int,
        *,
        line: str = "",
        near: tuple[int, int] | None = None,
        present: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """Other speakers to offer against ``answer``: those speaking in the same section first
        (most lines first), then the work's most frequent speakers; with ``near`` (an offset and a
        window) only those of them who speak within the window of it, so no one is offered who is
        absent from that part of the story. Never an alias of the answer or of each other, nor anyone
        ``line`` names (a line that names a person is spoken to or about them, seldom by them).
        People of the answer's gender only ("If I loved a man…" rules a man out), unless a story
        has too few of them to make a question. With ``present``, only the speakers it accepts (those
        in the line's scene: :class:`bot.trivia.scenes.Scenes`)."""
        local = self.in_section.get(section, Counter())
        ranked = [name for name, _ in local.most_common() if self.recurring(name)]
        ranked += [name for name in self.speakers() if near is None or self.speaks_near(name, *near)]
        if present is not None:
            ranked = [name for name in ranked if present(name)]
        said = normalise(line)
        gender = self.gender(answer)
        rivals: list[str] = []
        for name in ranked:
            if any(self._same_person(name, other) for other in (answer, *rivals)) or self.named_in(name, said):
                continue
            rivals.append(name)
        alike = [name for name in rivals if not gender or self.gender(name) in (None, gender)]
        return (alike if len(alike) >= MIN_ALIKE else rivals)[:limit]


def _names(alias: str, words: set[str]) -> bool:
    return all(_named_word(word, words) for word in name_words(alias))


def _named_word(word: str, words: set[str]) -> bool:
    """Whether ``word`` of a name is among ``words``, plural or possessive too ("the van der Luydens")."""
    return bool({word, f"{word}s", f"{word}es"} & words)


def _whole_name(name: str) -> bool:
    """Whether a speaker name is a whole name, not a stub a misreading left ("Mc" of "Mrs. McBryde")."""
    return any(len(word) >= 3 for word in name_words(name))
