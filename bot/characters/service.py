"""Characters of the library's works, for the cogs: rosters kept per work, profiles worked out in a thread.

A work's characters come from :meth:`Library.speakers`, which reads what the import stored (tens of
milliseconds for a novel; a work stored by an older Folio is worked out once, about a second).
Autocomplete cannot wait long, so :meth:`CharacterBook.roster_within` gives up after a moment and
lets the reading go on in the background; the next keystroke finds it ready.
"""

from __future__ import annotations

import asyncio
from collections import Counter, OrderedDict
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

from bot.attribution.characters import Character
from bot.characters.profile import CharacterProfile, SectionSpan, build_profile
from bot.characters.roster import Roster
from bot.errors import FolioError, echo
from bot.library.service import Library
from bot.library.views import QuoteHit, WorkView
from bot.storage.passages import SectionOutline
from bot.text.ingest import WorkSpeakers
from bot.text.model import PassageKind

CACHED_ROSTERS = 16
"""Rosters kept (cheap to rebuild from the stored attribution, which the library keeps decoded)."""
SECTION_NAMES = {PassageKind.CHAPTER: "Chapter", PassageKind.SCENE: "Scene"}


class UnknownCharacter(FolioError):
    """A name that is none of a work's people; the message suggests some who are."""

    def __init__(self, name: str, work: WorkView, suggestions: list[str]) -> None:
        offer = f" Try {_listed(suggestions)}." if suggestions else ""
        super().__init__(f"There is no character called {echo(name)} in {work.title}.{offer}")


class NotMetYet(FolioError):
    """A character who appears only past the reading progress."""

    def __init__(self, character: Character, work: WorkView) -> None:
        super().__init__(f"{character.name} does not appear in {work.title} as far as the reading has got.")


class CharactersNotReady(FolioError):
    """A work still being read for its characters."""

    def __init__(self, work: WorkView) -> None:
        super().__init__(f"I am still reading {work.title} for its characters; try again in a few seconds.")


@dataclass(frozen=True, slots=True)
class CharacterReport:
    """A character's profile with what showing it needs: the work, and the passage where they first appear."""

    work: WorkView
    profile: CharacterProfile
    first_appearance: QuoteHit
    section_name: str
    """What the work's sections are called: "Chapter" or "Scene"."""


class CharacterBook:
    """Each work's :class:`Roster` (the last few kept) and the profiles of its people."""

    def __init__(self, library: Library, capacity: int = CACHED_ROSTERS) -> None:
        self._library = library
        self._capacity = capacity
        self._rosters: OrderedDict[tuple[int, str], Roster] = OrderedDict()
        self._reading: dict[tuple[int, str], asyncio.Task[WorkSpeakers]] = {}

    async def roster_within(self, seconds: float, slug: str | None, *, guild_id: int | None) -> tuple[WorkView, Roster]:
        """The people of the work `slug` (default: the server's), if known within `seconds`.

        Raises :class:`CharactersNotReady` otherwise; the reading goes on, so asking again soon succeeds.
        """
        work = await self._library.load(slug, guild_id=guild_id)
        key = (work.record.id, work.record.content_hash)
        if key not in self._rosters:
            reading = self._reading.get(key) or self._start_reading(key, work, guild_id)
            try:
                speakers = await asyncio.wait_for(asyncio.shield(reading), seconds)
            except TimeoutError:
                raise CharactersNotReady(work) from None
            self._keep(key, speakers)
        self._rosters.move_to_end(key)
        return work, self._rosters[key]

    async def report(
        self,
        work: WorkView,
        roster: Roster,
        character: Character,
        *,
        guild_id: int | None,
        within: range | None = None,
    ) -> CharacterReport:
        """The profile of `character`, one of the people of `work`, with where they first appear; counting
        only the sections `within` (the reading progress), if given: raises :class:`NotMetYet` if they
        appear in none of them."""
        sections = [s for s in _story_sections(work) if within is None or s.index in within]
        spans = [SectionSpan(section.start, section.end) for section in sections]
        profile = await asyncio.to_thread(build_profile, roster.speakers, character, spans)
        if within is not None and profile.mentions == 0:
            raise NotMetYet(character, work)
        first = await self._library.sentence_at(work.slug, profile.first_offset, guild_id=guild_id)
        return CharacterReport(work, profile, first, _section_name([section.kind for section in sections]))

    @staticmethod
    def find(work: WorkView, roster: Roster, name: str) -> Character:
        """The person `name` of `work`; raises :class:`UnknownCharacter` with suggestions if there is none."""
        character = roster.find(name)
        if character is None:
            raise UnknownCharacter(name, work, roster.suggestions(name))
        return character

    async def close(self) -> None:
        """Stop the readings still going on."""
        for task in self._reading.values():
            task.cancel()
        await asyncio.gather(*self._reading.values(), return_exceptions=True)
        self._reading.clear()

    def _start_reading(self, key: tuple[int, str], work: WorkView, guild_id: int | None) -> asyncio.Task[WorkSpeakers]:
        task = _task(self._speakers(work, guild_id))
        self._reading[key] = task
        task.add_done_callback(lambda _: self._reading.pop(key, None))
        return task

    async def _speakers(self, work: WorkView, guild_id: int | None) -> WorkSpeakers:
        return (await self._library.speakers(work.slug, guild_id=guild_id))[1]

    def _keep(self, key: tuple[int, str], speakers: WorkSpeakers) -> None:
        self._rosters[key] = Roster(speakers)
        while len(self._rosters) > self._capacity:
            self._rosters.popitem(last=False)


def _task(coroutine: Coroutine[Any, Any, WorkSpeakers]) -> asyncio.Task[WorkSpeakers]:
    """A background task whose failure is left for whoever awaits it (never logged as unretrieved)."""
    task = asyncio.ensure_future(coroutine)
    task.add_done_callback(lambda done: done.cancelled() or done.exception())
    return task


def _story_sections(work: WorkView) -> list[SectionOutline]:
    """The work's sections in reading order (front and back matter are never sections a reader reads)."""
    return [work.outline.sections[index] for index in sorted(work.outline.sections)]


def _section_name(kinds: list[PassageKind]) -> str:
    """What most of a work's sections are: "Chapter" or "Scene"."""
    most = Counter(kinds).most_common(1)
    return SECTION_NAMES.get(most[0][0], "Section") if most else "Section"


def _listed(names: list[str]) -> str:
    """``A``, ``A or B``, ``A, B or C``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
