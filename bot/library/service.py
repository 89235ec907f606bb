"""The library: works in the database, searchable per server. The CLI and the cogs share it.

Works live in the database with their passages, vocabulary and quote index;
a process keeps only a bounded cache of the works in use (their outline and
vocabulary, see :class:`~bot.library.cache.WorkCache`) and of each server's
list of works and default. Both caches are dropped at once when this process
changes the library, and when another process's change is seen: at once on
PostgreSQL while the change feed is live, else within
:data:`~bot.library.freshness.RECHECK_SECONDS` (see :mod:`bot.library.freshness`).

:class:`Library` is the one face the cogs and the CLI call: it owns what a
server sees (its works, its default, the cache) and hands the rest on to
:class:`~bot.library.intake.WorkIntake` (adding and upgrading works),
:class:`~bot.library.quote_search.QuoteSearch` (lookups and autocomplete) and
:class:`~bot.library.navigation.Navigation` (paragraphs and sentences in place).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from bot.clock import Clock, SystemClock, clock_for
from bot.errors import InvalidWork, UnknownWork, echo
from bot.library.cache import WorkCache
from bot.library.freshness import RECHECK_SECONDS, Freshness
from bot.library.importer import Importer, InlineImporter
from bot.library.intake import WorkIntake
from bot.library.navigation import Navigation
from bot.library.preparation import PARSER_VERSION
from bot.library.quote_search import QuoteSearch
from bot.library.speakers import StoredSpeakers
from bot.library.uploads import BUNDLED_SLUG
from bot.library.views import QuoteHit, QuoteLookup, WorkView
from bot.library.work_passages import KINDS as PASSAGE_KINDS
from bot.library.work_passages import WorkPassages
from bot.search.query import clean_query
from bot.search.units import WorkUnits
from bot.search.vocabulary import Vocabulary, VocabularyEntry
from bot.settings import (
    DATA_DIR,
    DEFAULT_CACHE_MB,
    DEFAULT_MAX_MB_PER_SERVER,
    DEFAULT_MAX_WORKS_PER_SERVER,
    Settings,
)
from bot.storage.attribution import AttributionRepository
from bot.storage.changes import ChangeFeed
from bot.storage.database import Database, Row
from bot.storage.guilds import GuildSettings
from bot.storage.passages import PassageRepository
from bot.storage.quote_index import QuoteIndexStore
from bot.storage.records import LibraryLimits, WorkRecord, WorkSummary
from bot.storage.works import LIBRARY_TOPIC, WorkRepository, passage_from_row
from bot.text.ingest import WorkSpeakers
from bot.text.model import Passage

BUNDLED_STORY_PATH = DATA_DIR / "hello-from-the-other-side.txt"
DEFAULT_CACHE_BYTES = DEFAULT_CACHE_MB * 2**20
DEFAULT_LIMITS = LibraryLimits(DEFAULT_MAX_WORKS_PER_SERVER, DEFAULT_MAX_MB_PER_SERVER * 2**20)
Key = TypeVar("Key")
Cached = TypeVar("Cached")


@dataclass(frozen=True, slots=True)
class LibraryOptions:
    cache_bytes: int = DEFAULT_CACHE_BYTES
    """Budget of the in-memory cache of works in use."""
    limits: LibraryLimits = DEFAULT_LIMITS
    """What one server may add."""
    bundled_story: Path = BUNDLED_STORY_PATH
    clock: Clock = field(default_factory=SystemClock)
    """What times how long the cached list of works is trusted (see :mod:`bot.library.freshness`)."""
    recheck_seconds: float = RECHECK_SECONDS

    @classmethod
    def from_settings(cls, settings: Settings) -> LibraryOptions:
        return cls(
            cache_bytes=settings.cache_mb * 2**20,
            limits=LibraryLimits(settings.max_works_per_server, settings.max_mb_per_server * 2**20),
            clock=clock_for(settings.clock_file),
        )


class Library:
    """Works in the database, cached while in use.

    Every method that takes `guild_id` sees the works shared by every server
    (the bundled story, works added from the CLI) plus those that server added;
    `guild_id=None` (the CLI, direct messages) sees the shared works only.
    Works are added through :class:`~bot.library.intake.WorkIntake`'s methods, which it hands on
    (``add_text``, ``add_work``, ``add_upload``, ``ensure_bundled_story``, ``upgrade_works``).
    """

    def __init__(
        self, database: Database, *, importer: Importer | None = None, options: LibraryOptions = LibraryOptions()
    ) -> None:
        self._works = WorkRepository(database)
        self._passages = PassageRepository(database)
        self._guilds = GuildSettings(database)
        self._index = QuoteIndexStore(database)
        self._intake = WorkIntake(
            self._works,
            importer or InlineImporter(self._works),
            limits=options.limits,
            bundled_story=options.bundled_story,
            on_change=self._forget_everything,
        )
        # Adding works is the intake's, its methods handed on as they are:
        self.ensure_bundled_story = self._intake.ensure_bundled_story
        self.upgrade_works = self._intake.upgrade_works
        self.add_work = self._intake.add_work
        self.add_upload = self._intake.add_upload
        self.add_text = self._intake.add_text
        self._search = QuoteSearch(self._index)
        self._navigation = Navigation(self._passages, self._works)
        self.cache = WorkCache(options.cache_bytes)
        self._speakers = StoredSpeakers(AttributionRepository(database))
        self._visible: dict[int | None, list[WorkSummary]] = {}
        self._defaults: dict[int, WorkRecord | None] = {}
        self._seen_version: int | None = None
        self._freshness = Freshness(options.clock, options.recheck_seconds)
        self._generation = 0
        """Counts the times the cache was dropped: a value read meanwhile is not kept."""
        self._loading: dict[int, asyncio.Lock] = {}

    def follow(self, feed: ChangeFeed) -> None:
        """Forget the cache when ``feed`` tells of another process's change, and, while it is live, trust
        it instead of reading the library's version (see :mod:`bot.library.freshness`)."""
        feed.subscribe(LIBRARY_TOPIC, self.forget_cached)
        self._freshness.follow(feed)

    async def close(self) -> None:
        await self._intake.close()

    # -- removing (adding is WorkIntake's) ----------------------------------------------

    async def remove_work(self, slug: str, *, guild_id: int | None) -> WorkRecord:
        """Remove a work added by `guild_id` (None: a shared work)."""
        record = await self._visible_record(slug, guild_id)
        if slug == BUNDLED_SLUG:
            raise InvalidWork("The bundled story stays in the library.")
        if record.guild_id != guild_id:
            raise InvalidWork(f"{echo(slug)} is shared by every server; only the bot's operator can remove it.")
        await self._works.delete(record.id)
        self.cache.discard(record.id)
        self._forget_everything()
        return record

    # -- what a server sees ------------------------------------------------------------

    async def works(self, guild_id: int | None = None) -> list[WorkSummary]:
        """The works `guild_id` can quote from (cached until the library changes)."""
        await self.ensure_bundled_story()
        await self._refresh()
        return await self._cached(self._visible, guild_id, lambda: self._works.visible(guild_id))

    async def default_work(self, guild_id: int | None) -> WorkRecord:
        """The work a server's commands use when none is named."""
        await self._refresh()
        chosen = None
        if guild_id is not None:
            chosen = await self._cached(self._defaults, guild_id, lambda: self._guilds.default_work(guild_id))
        return chosen or await self._visible_record(BUNDLED_SLUG, guild_id)

    async def set_default_work(self, guild_id: int, slug: str) -> WorkRecord:
        record = await self._visible_record(slug, guild_id)
        await self._guilds.set_default_work(guild_id, record.id)
        self._forget_everything()
        return record

    async def load(self, slug: str | None = None, *, guild_id: int | None = None) -> WorkView:
        """The work `slug` (default: the server's default work), ready to search and show."""
        record = await self._visible_record(slug, guild_id) if slug else await self.default_work(guild_id)
        return await self._view(record)

    async def speakers(self, slug: str | None = None, *, guild_id: int | None = None) -> tuple[WorkView, WorkSpeakers]:
        """The characters of the work `slug` (default: the server's default) and who speaks each quote.

        Worked out when the work was imported and stored beside it (see StoredSpeakers).
        """
        work = await self.load(slug, guild_id=guild_id)
        return work, await self.speakers_of(work)

    async def speakers_of(self, work: WorkView) -> WorkSpeakers:
        """Who speaks each quote of a work already loaded (see :meth:`speakers`)."""
        return await self._speakers.get(work.record, self._works.source_text)

    # -- reading and searching (see QuoteSearch, Navigation) -----------------------------

    async def lookup(
        self,
        query: str,
        *,
        slug: str | None = None,
        guild_id: int | None = None,
        limit: int = 5,
        sections: range | None = None,
    ) -> QuoteLookup:
        """Find where `query` is in the work (only in `sections`, the reading progress, if given);
        raises InvalidQuery for unusable input."""
        cleaned = clean_query(query)
        work = await self.load(slug, guild_id=guild_id)
        return await self._search.lookup(work, cleaned, limit=limit, sections=sections)

    async def suggest(
        self,
        partial: str,
        *,
        slug: str | None = None,
        guild_id: int | None = None,
        limit: int = 25,
        sections: range | None = None,
    ) -> list[str]:
        """Sentences that complete what a reader is typing (for autocomplete)."""
        work = await self.load(slug, guild_id=guild_id)
        return await self._search.suggest(work, partial, limit=limit, sections=sections)

    async def paragraph_near(self, passage_id: int, step: int, *, guild_id: int | None) -> tuple[WorkView, Passage]:
        """The paragraph `step` paragraphs after (before, if negative) the passage with this id."""
        record, ordinal = await self._navigation.place_of(passage_id, guild_id=guild_id)
        return await self._navigation.paragraph_of(await self._view(record), ordinal + step)

    async def paragraph_at(self, slug: str, ordinal: int, *, guild_id: int | None) -> tuple[WorkView, Passage]:
        """Paragraph number `ordinal` (from 0) of the work `slug`."""
        return await self._navigation.paragraph_of(await self.load(slug, guild_id=guild_id), ordinal)

    async def paragraphs_in(self, work: WorkView, ordinals: range) -> list[Passage]:
        """The paragraphs of `work` numbered `ordinals` (those that exist), in order."""
        return await self._navigation.paragraphs_in(work, ordinals)

    async def sentence_at(self, slug: str, offset: int, *, guild_id: int | None) -> QuoteHit:
        """The sentence of the work `slug` at `offset` in its source text, with its paragraph."""
        return await self._navigation.sentence_at(await self.load(slug, guild_id=guild_id), offset)

    # -- internals -----------------------------------------------------------------------

    async def _visible_record(self, slug: str, guild_id: int | None) -> WorkRecord:
        if slug == BUNDLED_SLUG:
            await self.ensure_bundled_story()
        for summary in await self.works(guild_id):
            if summary.work.slug == slug:
                return summary.work
        raise UnknownWork(slug)

    async def _view(self, record: WorkRecord) -> WorkView:
        """`record`'s work from the cache, loading it if absent or changed.

        A load holds only its own work's lock, so a big work loading never delays readers of the others.
        """
        cached = self.cache.get(record)
        if cached is not None:
            return cached
        async with self._loading.setdefault(record.id, asyncio.Lock()):
            cached = self.cache.get(record)
            if cached is None:
                if record.parser_version < PARSER_VERSION:
                    await self._intake.upgrade(record)
                    record = await self._works.get(record.id) or record
                cached = await self._read_view(record)
                self.cache.put(cached)
            return cached

    async def _read_view(self, record: WorkRecord) -> WorkView:
        outline = await self._passages.outline(record.id)
        entries = await self._index.vocabulary(record.id)
        rows = await self._index.sentences(record.id)
        passage_rows = await self._passages.of_kinds(record.id, PASSAGE_KINDS)
        vocabulary, units, passages = await asyncio.to_thread(_work_index, entries, rows, passage_rows)
        return WorkView(record, outline, vocabulary, units, passages)

    async def _refresh(self) -> None:
        """Drop what is cached about the library if another process changed it since we last looked (when
        the last look is too old and no live change feed would have told us, see :mod:`bot.library.freshness`)."""
        if not self._freshness.must_check():
            return
        version = await self._works.library_version()
        if version != self._seen_version:
            self._forget_everything()
            self._seen_version = version
        self._freshness.checked()

    async def _cached(self, cache: dict[Key, Cached], key: Key, read: Callable[[], Awaitable[Cached]]) -> Cached:
        """``cache[key]``, read if absent; a value read while the cache was dropped (a change that committed
        during the read) is used this once but not kept."""
        if key in cache:
            return cache[key]
        generation = self._generation
        value = await read()
        if generation == self._generation:
            cache[key] = value
        return value

    def forget_cached(self, _changed: str = "") -> None:
        """Drop what is cached about the library (another process changed it); a :class:`ChangeFeed` subscriber."""
        self._forget_everything()

    def _forget_everything(self) -> None:
        self._visible.clear()
        self._defaults.clear()
        self._seen_version = None
        self._freshness.forget()
        self._generation += 1


def _work_index(
    entries: list[VocabularyEntry], rows: list[tuple[int, str, str]], passage_rows: list[Row]
) -> tuple[Vocabulary, WorkUnits, WorkPassages]:
    passages = WorkPassages(passage_from_row(row) for row in passage_rows)
    units = WorkUnits.of_rows((key, passages.sentence_text(key, text), terms) for key, text, terms in rows)
    return Vocabulary(entries, len(rows)), units, passages
