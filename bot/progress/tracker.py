"""Reading progress as the cogs use it: set, cleared and shown, and the horizon a reply must respect.

Which progress a reply follows: a public reply, the channel's (or, in a thread,
its parent channel's) for the work, else the server's; a private reply, the
reader's own if they set one, else the same as a public one. No progress at all
means nothing is hidden (``None``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.library.views import WorkView
from bot.progress.chapters import Chapter, Chapters, Horizon, chapters_of, section_filter
from bot.read.sections import ordered
from bot.storage.database import Database
from bot.storage.passages import WorkOutline
from bot.storage.progress import ProgressKey, ProgressStore, Scope, StoredProgress


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a reply is for: where it is posted and, for a private reply, the reader who sees it."""

    guild_id: int | None
    channels: tuple[int, ...] = ()
    """Where it is posted, most specific first (a thread, then its parent channel)."""
    reader_id: int | None = None
    """Set for a private reply: the reader's own progress counts."""

    def privately(self, reader_id: int) -> Audience:
        return Audience(self.guild_id, self.channels, reader_id)


@dataclass(frozen=True, slots=True)
class Progress:
    """A progress in force: whose it is and the chapter reached."""

    scope: Scope
    target_id: int
    chapter: Chapter
    horizon: Horizon


def work_chapters(work: WorkView) -> Chapters:
    """The chapters of a stored work (see :func:`bot.progress.chapters.chapters_of`)."""
    return chapters_of(ordered(work.outline))


def sections_upto(work: WorkView, upto: int | None) -> range | None:
    """The sections of the first ``upto`` chapters of ``work`` (the CLI's ``--upto N``); None: all of them."""
    if upto is None:
        return None
    chapters = work_chapters(work)
    return section_filter(chapters.horizon(chapters.at(upto))) if len(chapters) else None


def last_read_paragraph(work: WorkView, horizon: Horizon | None) -> int | None:
    """The ordinal of the last paragraph read (None: the whole work is)."""
    return _last_paragraph(work.outline, horizon)


def paragraph_read_to(outline: WorkOutline, stored: StoredProgress) -> int | None:
    """The last paragraph a stored progress has read in the work of ``outline`` (None: all of it, or
    a chapter the work no longer has)."""
    chapters = chapters_of(ordered(outline))
    chapter = chapters.stored(stored.position, stored.label)
    return _last_paragraph(outline, chapters.horizon(chapter)) if chapter is not None else None


def _last_paragraph(outline: WorkOutline, horizon: Horizon | None) -> int | None:
    if horizon is None or horizon.complete:
        return None
    read = [s for s in outline.sections.values() if horizon.is_read(s.index)]
    return max((s.first_paragraph + s.paragraphs - 1 for s in read), default=-1)


def last_read_offset(work: WorkView, horizon: Horizon | None) -> int | None:
    """The offset in the source text where the reading stops (None: the whole work is read)."""
    if horizon is None or horizon.complete:
        return None
    return max((s.end for s in work.outline.sections.values() if horizon.is_read(s.index)), default=0)


class ReadingTracker:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._store = ProgressStore(database)
        self._clock = clock

    async def set(self, key: ProgressKey, chapter: Chapter, *, set_by: int) -> None:
        await self._store.save(StoredProgress(key, chapter.position, chapter.label, set_by, self._clock.timestamp()))

    async def clear(self, key: ProgressKey) -> bool:
        return await self._store.clear(key)

    async def in_force(self, work: WorkView, audience: Audience) -> Progress | None:
        """The progress a reply to ``audience`` about ``work`` follows (see the module docstring)."""
        if audience.guild_id is None:
            return None
        reader = [(Scope.READER, audience.reader_id)] if audience.reader_id is not None else []
        whose = [*reader, *((Scope.CHANNEL, channel) for channel in audience.channels), (Scope.SERVER, 0)]
        stored = {
            (p.key.scope, p.key.target_id): p for p in await self._store.for_work(audience.guild_id, work.slug, whose)
        }
        chosen = next((stored[pair] for pair in whose if pair in stored), None)
        return _resolved(work, chosen) if chosen is not None else None

    async def horizon(self, work: WorkView, audience: Audience) -> Horizon | None:
        """What ``audience`` has read of ``work`` (None: everything)."""
        progress = await self.in_force(work, audience)
        return progress.horizon if progress is not None else None

    async def in_server(self, guild_id: int) -> list[StoredProgress]:
        return await self._store.in_server(guild_id)

    async def reader(self, guild_id: int, reader_id: int, work: WorkView) -> Progress | None:
        """A reader's own progress in ``work``, if they set one."""
        found = await self._store.for_work(guild_id, work.slug, [(Scope.READER, reader_id)])
        return _resolved(work, found[0]) if found else None


def _resolved(work: WorkView, stored: StoredProgress) -> Progress | None:
    chapters = work_chapters(work)
    chapter = chapters.stored(stored.position, stored.label)
    if chapter is None:
        return None
    return Progress(stored.key.scope, stored.key.target_id, chapter, chapters.horizon(chapter))
