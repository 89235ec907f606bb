"""A work's chapters as a reading club counts them, and what a position among them leaves unread.

The one place that knows how a work's structure maps to chapters: every feature
asks a :class:`Horizon` whether a passage is read. Today a work's sections
(chapters or scenes, one flat list in reading order, see :mod:`bot.text.model`)
are its chapters, front and back matter apart; a richer structure (chapters
holding scenes, parts) changes :func:`chapters_of` only: a chapter covers a
contiguous run of sections, and the horizon stays "sections ``0..last``".

Progress is stored as a chapter's 1-based ``position`` in reading order plus its
``label`` ("Chapter III"), so a stored position still finds its chapter after
the work is read again with a different structure (:meth:`Chapters.stored`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.errors import FolioError, echo
from bot.text.outline import BACK_MATTER_TITLE, FRONT_MATTER_TITLE

OUTSIDE_THE_STORY = (FRONT_MATTER_TITLE, BACK_MATTER_TITLE)
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    " seventeen eighteen nineteen twenty"
).split()
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
VALID_ROMAN = re.compile(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
NUMBERED = re.compile(
    r"(?P<word>[^\W\d_]+\.?\s+)?(?P<number>\d{1,4}|[ivxlcdm]{1,9}|" + "|".join(NUMBER_WORDS) + r")\b\.?",
    re.IGNORECASE,
)
PREFERRED_WORD = "chapter"
"""When a typed number fits several chapters (Letter 3 and Chapter 3), the one headed with this word."""


class SectionLike(Protocol):
    """What :func:`chapters_of` reads of a section: its index in reading order and its title."""

    @property
    def index(self) -> int: ...

    @property
    def title(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Chapter:
    position: int
    """1-based, in reading order, counting chapters only (not front or back matter)."""
    label: str
    """Its heading word and number as the book prints them ("Chapter III", "Scene 2"), else its title."""
    number: int | None
    """The number in the label, whatever the numerals (3 for "Chapter III"); None if it has none."""
    title: str
    first_section: int
    last_section: int

    @property
    def name(self) -> str:
        """How lists and replies name it: the title, or "Chapter 3" for an untitled one."""
        return self.title or f"Chapter {self.position}"


@dataclass(frozen=True, slots=True)
class Horizon:
    """What has been read: every section up to the end of chapter :attr:`upto` (front matter included)."""

    upto: Chapter
    complete: bool = False
    """Whether :attr:`upto` is the work's last chapter (the back matter is read too)."""

    @property
    def last_section(self) -> int:
        return self.upto.last_section

    @property
    def sections(self) -> range:
        """The indices of the sections read, for engines that filter by section."""
        return range(self.last_section + 1)

    def is_read(self, section: int) -> bool:
        return self.complete or section <= self.last_section


class UnknownChapter(FolioError):
    def __init__(self, typed: str, work_title: str) -> None:
        super().__init__(f"{work_title} has no chapter called {echo(typed)}. Pick one from the list as you type.")


class BeyondProgress(FolioError):
    """A passage asked for past the reading progress."""

    def __init__(self, horizon: Horizon) -> None:
        super().__init__(
            f"That is further on than the reading has got (up to {horizon.upto.name}), so I won't show it here."
        )
        self.horizon = horizon


def section_filter(horizon: Horizon | None) -> range | None:
    """The sections an engine may draw from (None: all of them)."""
    return None if horizon is None or horizon.complete else horizon.sections


@dataclass(frozen=True, slots=True)
class Chapters:
    """A work's chapters in reading order."""

    chapters: tuple[Chapter, ...]

    def __len__(self) -> int:
        return len(self.chapters)

    def at(self, position: int) -> Chapter:
        """The chapter at 1-based ``position``, clamped to the work's chapters."""
        return self.chapters[min(max(position, 1), len(self.chapters)) - 1]

    def containing(self, section: int) -> Chapter | None:
        """The chapter a section belongs to (None for front and back matter)."""
        return next((c for c in self.chapters if c.first_section <= section <= c.last_section), None)

    def horizon(self, chapter: Chapter) -> Horizon:
        """Everything up to the end of ``chapter``."""
        return Horizon(chapter, complete=chapter.position == len(self.chapters))

    def stored(self, position: int, label: str) -> Chapter | None:
        """The chapter a stored progress means: the one at ``position`` if it still has ``label``,
        else the first with ``label``, else the one at ``position`` (None for a work without chapters)."""
        if not self.chapters:
            return None
        at = self.at(position)
        if at.label == label:
            return at
        return next((c for c in self.chapters if c.label == label), at)

    def find(self, typed: str, work_title: str) -> Chapter:
        """The chapter a reader named: an autocomplete value (``#7``), a number ("3": Chapter 3, or
        the third chapter), or words of its title; raises :class:`UnknownChapter`."""
        cleaned = " ".join(typed.split()).casefold()
        if cleaned.startswith("#") and cleaned[1:].isdigit() and 1 <= int(cleaned[1:]) <= len(self.chapters):
            return self.chapters[int(cleaned[1:]) - 1]
        found = self._numbered(cleaned) or self._titled(cleaned)
        if found is None:
            raise UnknownChapter(typed, work_title)
        return found

    def matching(self, typed: str, limit: int) -> list[Chapter]:
        """Chapters whose name or number holds what was typed, in reading order (for autocomplete)."""
        needle = " ".join(typed.split()).casefold()
        return [
            c for c in self.chapters if needle in c.name.casefold() or (needle.isdigit() and c.number == int(needle))
        ][:limit]

    def _numbered(self, cleaned: str) -> Chapter | None:
        typed = NUMBERED.fullmatch(cleaned)
        number = _number(typed["number"], headed=True) if typed else None
        if typed is None or number is None:
            return None
        word = (typed["word"] or "").strip(" .")
        same = [c for c in self.chapters if c.number == number and c.label.casefold().startswith(word)]
        preferred = [c for c in same if c.label.casefold().startswith(PREFERRED_WORD)]
        if same:
            return (preferred or same)[0]
        return self.chapters[number - 1] if not word and 1 <= number <= len(self.chapters) else None

    def _titled(self, cleaned: str) -> Chapter | None:
        exact = [c for c in self.chapters if cleaned in (c.name.casefold(), c.label.casefold())]
        partial = [c for c in self.chapters if cleaned and cleaned in c.name.casefold()]
        found = exact or partial
        return found[0] if found else None


def chapters_of(sections: Iterable[SectionLike]) -> Chapters:
    """The chapters of a work whose sections are ``sections``: each section in reading order is a
    chapter, but front matter (before the first) and back matter (after the last), which are no chapter."""
    ordered = sorted(sections, key=lambda section: section.index)
    story = [section for section in ordered if section.title not in OUTSIDE_THE_STORY]
    return Chapters(tuple(_chapter(position, section) for position, section in enumerate(story, start=1)))


def _chapter(position: int, section: SectionLike) -> Chapter:
    title = section.title or ""
    heading = NUMBERED.match(title)
    number = _number(heading["number"], headed=heading["word"] is not None) if heading else None
    if heading is None or number is None:
        return Chapter(position, title or f"Part {position}", None, title, section.index, section.index)
    label = heading.group(0).rstrip(".").strip()
    return Chapter(position, label, number, title, section.index, section.index)


def _number(text: str, *, headed: bool) -> int | None:
    """The value of a number written in digits, Roman numerals or (up to twenty) words; a lower-case
    Roman numeral or a number word counts only after a heading word ("chapter iii", not "Did")."""
    bare = text.strip().rstrip(".")
    lowered = bare.casefold()
    if lowered.isdigit():
        return int(lowered)
    if not headed and not bare.isupper():
        return None
    if lowered in NUMBER_WORDS:
        return NUMBER_WORDS.index(lowered) + 1
    if lowered and VALID_ROMAN.fullmatch(lowered):
        values = [ROMAN[ch] for ch in lowered]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return None
