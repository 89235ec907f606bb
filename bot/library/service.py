"""The library: works in the database, searchable per server. The CLI and the cogs share it.

Works live in the database with their passages, vocabulary and quote index;
a process keeps only a bounded cache of the works in use (their outline and
vocabulary, see :class:`~bot.library.cache.WorkCache`) and of each server's
list of works and default. Both caches are dropped whenever the library's
version changes, which any process's change does, so a work added or removed
elsewhere (the CLI, another bot process) is seen at once. Imports go through
an :class:`~bot.library.importer.Importer`; a text whose content hash is
unchanged is never parsed again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path, PurePath

from bot.errors import InvalidWork, PassageNotFound, UnknownWork, echo
from bot.library.cache import WorkCache
from bot.library.importer import ImportCrashed, Importer, ImportJob, InlineImporter
from bot.library.preparation import PARSER_VERSION
from bot.library.speakers import StoredSpeakers
from bot.library.uploads import (
    BUNDLED_SLUG,
    check_slug,
    decode_text,
    numbered,
    read_text,
    slugify,
)
from bot.library.views import QuoteHit, QuoteLookup, WorkView
from bot.search.analysis import Query
from bot.search.engine import (
    INDEX_CANDIDATES,
    LookupResult,
    candidate_terms,
    combine,
    lookup_queries,
    phrase_result,
    suggest_query,
)
from bot.search.phrases import MAX_OCCURRENCES, PhraseQuery, occurrences, phrase_query
from bot.search.query import MAX_QUERY_CHARS, clean_query
from bot.search.scoring import QuoteMatch, Ranking, Unit, rank
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
from bot.storage.database import Database
from bot.storage.guilds import GuildSettings
from bot.storage.passages import PassageRepository
from bot.storage.quote_index import QuoteIndexStore
from bot.storage.records import (
    ImportOutcome,
    LibraryLimits,
    SavedWork,
    WorkRecord,
    WorkSummary,
)
from bot.storage.works import WorkRepository
from bot.text.ingest import UNTITLED, WorkSpeakers, content_hash
from bot.text.model import Passage, PassageKind

BUNDLED_STORY_PATH = DATA_DIR / "hello-from-the-other-side.txt"
DEFAULT_CACHE_BYTES = DEFAULT_CACHE_MB * 2**20
DEFAULT_LIMITS = LibraryLimits(DEFAULT_MAX_WORKS_PER_SERVER, DEFAULT_MAX_MB_PER_SERVER * 2**20)

MATCHING_CAP = 3000
"""Most sentences a lookup ranks in memory; a query whose words more sentences hold (a long one of common
words, in a long novel) has the full-text index rank them."""

INLINE_RESCORE_UNITS = 300
"""Candidates (summed over a lookup's queries) up to which rescoring runs on the event loop: about a
millisecond of work, less than a trip to a worker thread costs on a busy machine."""

Plan = list[tuple[Query, set[str]]]
"""A lookup's queries, each with the terms its candidate search asks the index for."""


@dataclass(frozen=True, slots=True)
class LibraryOptions:
    cache_bytes: int = DEFAULT_CACHE_BYTES
    """Budget of the in-memory cache of works in use."""
    limits: LibraryLimits = DEFAULT_LIMITS
    """What one server may add."""
    bundled_story: Path = BUNDLED_STORY_PATH

    @classmethod
    def from_settings(cls, settings: Settings) -> LibraryOptions:
        return cls(
            cache_bytes=settings.cache_mb * 2**20,
            limits=LibraryLimits(settings.max_works_per_server, settings.max_mb_per_server * 2**20),
        )


class Library:
    """Works in the database, cached while in use.

    Every method that takes `guild_id` sees the works shared by every server
    (the bundled story, works added from the CLI) plus those that server added;
    `guild_id=None` (the CLI, direct messages) sees the shared works only.
    """

    def __init__(
        self, database: Database, *, importer: Importer | None = None, options: LibraryOptions = LibraryOptions()
    ) -> None:
        self._works = WorkRepository(database)
        self._passages = PassageRepository(database)
        self._guilds = GuildSettings(database)
        self._index = QuoteIndexStore(database)
        self._importer = importer or InlineImporter(self._works)
        self._options = options
        self.cache = WorkCache(options.cache_bytes)
        self._speakers = StoredSpeakers(AttributionRepository(database))
        self._visible: dict[int | None, list[WorkSummary]] = {}
        self._defaults: dict[int, WorkRecord | None] = {}
        self._seen_version: int | None = None
        self._loading: dict[int, asyncio.Lock] = {}
        self._bundled: WorkRecord | None = None

    async def close(self) -> None:
        await self._importer.close()

    # -- the bundled story and upgrades ------------------------------------------------

    async def ensure_bundled_story(self) -> WorkRecord:
        """Import the bundled story unless the stored copy has the same content and parser.

        Checked once per library: the file only changes with a new release.
        """
        if self._bundled is None:
            text = read_text(self._options.bundled_story)
            stored = await self._works.find(BUNDLED_SLUG, None)
            if stored is None or (stored.content_hash, stored.parser_version) != (content_hash(text), PARSER_VERSION):
                saved = await self._run(ImportJob(text, BUNDLED_SLUG, None, None, replace=True, one_copy=False))
                assert saved is not None, "the bundled story is shared, so it can always be replaced"
                stored = saved.record
            self._bundled = stored
        return self._bundled

    async def upgrade_works(self) -> int:
        """Prepare again every work stored by an older parser (keeping passage ids); returns how many.

        First deletes what imports cut short by a killed process left (see :mod:`bot.storage.work_staging`)."""
        await self._works.sweep_staged()
        await self.ensure_bundled_story()
        stale = [record for record in await self._works.all() if record.parser_version < PARSER_VERSION]
        for record in stale:
            await self._upgrade(record)
        return len(stale)

    async def _upgrade(self, record: WorkRecord) -> None:
        text = await self._works.source_text(record.id)
        if text is not None:
            title = None if record.title == UNTITLED else record.title  # an older parser found none: look again
            job = ImportJob(text, record.slug, title, record.guild_id, replace=True, one_copy=False)
            await self._importer.run(job)
            self._forget_everything()

    # -- adding and removing ---------------------------------------------------------

    async def add_work(self, path: Path, *, slug: str | None = None, title: str | None = None) -> SavedWork:
        """Import the text at `path` as a shared work (the CLI's way in).

        The slug defaults to one made from the file name; re-adding a slug replaces its work.
        """
        return await self.add_text(
            read_text(path), slug=slug or slugify(path.stem), title=title, guild_id=None, file_name=path.name
        )

    async def add_upload(
        self, data: bytes, filename: str, *, slug: str | None, title: str | None, guild_id: int
    ) -> SavedWork:
        """Import a file a server's moderator uploaded, within the server's limits.

        A slug given explicitly replaces the server's own work of that slug; a
        slug made up from the title or file name never replaces anything: it
        gets a number (`dracula-2`) if this server, or a shared work, has it
        (slugs are per server: other servers' works never count). A text the
        server's library already holds under another slug is refused
        (AlreadyInLibrary).
        """
        text = decode_text(data, filename)
        if slug is not None:
            return await self.add_text(text, slug=slug, title=title, guild_id=guild_id, file_name=filename)
        for candidate in numbered(slugify(title or PurePath(filename).stem)):
            job = ImportJob(
                text, candidate, title, guild_id, replace=False, limits=self._options.limits, file_name=filename
            )
            saved = await self._run(job)
            if saved is not None:
                return saved
        raise AssertionError("numbered() never runs out")

    async def add_text(
        self,
        text: str,
        *,
        slug: str,
        title: str | None = None,
        guild_id: int | None = None,
        file_name: str | None = None,
    ) -> SavedWork:
        """Import `text` as `slug`, owned by `guild_id` (None: shared by every server).

        Replaces the owner's own work of that slug; an unchanged text with the
        same title is left as it is, without parsing it again.
        """
        check_slug(slug)
        existing = await self._works.find(slug, guild_id)
        if existing is not None and _unchanged(existing, text, title):
            summary = await self._works.summary(existing.id)
            if summary is not None:
                return SavedWork(summary, ImportOutcome.UNCHANGED)
        limits = self._options.limits if guild_id is not None else None
        saved = await self._run(ImportJob(text, slug, title, guild_id, replace=True, limits=limits, file_name=file_name))
        if saved is None:
            raise InvalidWork(f"The slug {echo(slug)} is taken; pick another.")
        return saved

    async def _run(self, job: ImportJob) -> SavedWork | None:
        try:
            saved = await self._importer.run(job)
        except ImportCrashed:
            await self._works.sweep_staged()  # what the stopped worker had written
            raise
        self._forget_everything()
        return saved

    async def remove_work(self, slug: str, *, guild_id: int | None) -> WorkRecord:
        """Remove a work added by `guild_id` (None: a shared work)."""
        record = await self._visible_record(slug, guild_id)
        if slug == BUNDLED_SLUG:
            raise InvalidWork("The bundled story stays in the library.")
        if record.guild_id != guild_id:
            raise InvalidWork(f"{echo(slug)} is shared by every server; only the bot's operator can remove it.")
        await self._works.delete(record.id)
        self._forget_everything()
        return record

    # -- what a server sees ------------------------------------------------------------

    async def works(self, guild_id: int | None = None) -> list[WorkSummary]:
        """The works `guild_id` can quote from (cached until the library changes)."""
        await self.ensure_bundled_story()
        await self._refresh()
        if guild_id not in self._visible:
            self._visible[guild_id] = await self._works.visible(guild_id)
        return self._visible[guild_id]

    async def default_work(self, guild_id: int | None) -> WorkRecord:
        """The work a server's commands use when none is named."""
        await self._refresh()
        if guild_id is not None and guild_id not in self._defaults:
            self._defaults[guild_id] = await self._guilds.default_work(guild_id)
        chosen = self._defaults.get(guild_id) if guild_id is not None else None
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

    # -- reading and searching -----------------------------------------------------------

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
        phrase, plan = await asyncio.to_thread(_plan_lookup, cleaned, work.vocabulary)  # spelling: up to 100 ms
        result = await self._phrase_search(work, phrase, sections) if phrase is not None else None
        if result is None:
            candidates = await self._candidates(work, plan, sections)
            if candidates.size(len(plan)) <= INLINE_RESCORE_UNITS:
                result = _rescore(plan, candidates, work, limit)
            else:
                result = await asyncio.to_thread(_rescore, plan, candidates, work, limit)
        hits = await self._hits(work, [*result.matches, *result.suggestions, *result.occurrences])

        def found(matches: list[QuoteMatch]) -> list[QuoteHit]:
            return [hits[match.key] for match in matches if match.key in hits]

        return QuoteLookup(work, cleaned, found(result.matches), found(result.suggestions), found(result.occurrences))

    async def _candidates(self, work: WorkView, plan: Plan, sections: range | None) -> Candidates:
        """The sentences holding any term of any of the plan's queries: their ids from the full-text index in
        one trip, unranked, and the units from memory (each query keeps its own in :func:`_rescore`); when
        very many hold them, the index's best-ranked :data:`INDEX_CANDIDATES` for each query."""
        every_term = set().union(*(terms for _, terms in plan))
        keys = await self._index.matching(work.record.id, every_term, MATCHING_CAP, sections)
        if keys is not None:
            return Candidates(work.units.among(keys))
        return Candidates(
            [],
            [
                await self._index.candidates(work.record.id, terms, INDEX_CANDIDATES, sections=sections)
                for _, terms in plan
            ],
        )

    async def _phrase_search(
        self, work: WorkView, phrase: PhraseQuery, sections: range | None
    ) -> LookupResult | None:
        """Where the phrase occurs (see :func:`~bot.search.engine.phrase_result`); ``None`` if nowhere confidently."""
        units = await self._index.holding_all(work.record.id, phrase.terms, MAX_OCCURRENCES, sections)
        return phrase_result(occurrences(phrase, units))

    async def suggest(
        self,
        partial: str,
        *,
        slug: str | None = None,
        guild_id: int | None = None,
        limit: int = 25,
        sections: range | None = None,
    ) -> list[str]:
        """Sentences that complete what a reader is typing (for autocomplete).

        Only the first :data:`MAX_QUERY_CHARS` characters count, as for a
        lookup; analysis and rescoring run in a worker thread.
        """
        work = await self.load(slug, guild_id=guild_id)
        query = await asyncio.to_thread(suggest_query, partial[:MAX_QUERY_CHARS], work.vocabulary)
        if query is None:
            return []
        terms = candidate_terms(query, work.vocabulary)
        units = await self._index.candidates(work.record.id, terms, INDEX_CANDIDATES, sections=sections)
        ranked = await asyncio.to_thread(rank, units, query, work.vocabulary)
        return [match.text for match in ranked[:limit]]

    async def paragraph_near(self, passage_id: int, step: int, *, guild_id: int | None) -> tuple[WorkView, Passage]:
        """The paragraph `step` paragraphs after (before, if negative) the passage with this id."""
        found = await self._passages.by_id(passage_id)
        record = await self._works.get(found[0]) if found else None
        if found is None or record is None or not record.visible_to(guild_id):
            raise PassageNotFound("That passage is no longer in the library: the work was changed or removed.")
        return await self._paragraph_of(await self._view(record), found[1].ordinal + step)

    async def paragraph_at(self, slug: str, ordinal: int, *, guild_id: int | None) -> tuple[WorkView, Passage]:
        """Paragraph number `ordinal` (from 0) of the work `slug`."""
        return await self._paragraph_of(await self.load(slug, guild_id=guild_id), ordinal)

    async def paragraphs_in(self, work: WorkView, ordinals: range) -> list[Passage]:
        """The paragraphs of `work` numbered `ordinals` (those that exist), in order."""
        found = await self._passages.paragraphs(work.record.id, list(ordinals))
        return [found[ordinal] for ordinal in ordinals if ordinal in found]

    async def _paragraph_of(self, work: WorkView, ordinal: int) -> tuple[WorkView, Passage]:
        paragraph = await self._passages.at(work.record.id, PassageKind.PARAGRAPH, ordinal)
        if paragraph is None:
            raise PassageNotFound(f"{echo(work.title)} has no paragraph {ordinal + 1}; it has {work.paragraph_count}.")
        return work, paragraph

    async def sentence_at(self, slug: str, offset: int, *, guild_id: int | None) -> QuoteHit:
        """The sentence of the work `slug` at `offset` in its source text, with its paragraph."""
        work = await self.load(slug, guild_id=guild_id)
        sentence = await self._passages.containing(work.record.id, PassageKind.SENTENCE, offset)
        paragraph = await self._passages.containing(work.record.id, PassageKind.PARAGRAPH, offset)
        if sentence is None or paragraph is None:
            raise PassageNotFound(f"{echo(work.title)} has no text at that point.")
        return QuoteHit(work, sentence, paragraph, score=1.0)

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
        cached = self.cache.get(record.id, record.content_hash, record.parser_version)
        if cached is not None:
            return cached
        async with self._loading.setdefault(record.id, asyncio.Lock()):
            cached = self.cache.get(record.id, record.content_hash, record.parser_version)
            if cached is None:
                if record.parser_version < PARSER_VERSION:
                    await self._upgrade(record)
                    record = await self._works.get(record.id) or record
                cached = await self._read_view(record)
                self.cache.put(cached)
            return cached

    async def _read_view(self, record: WorkRecord) -> WorkView:
        outline = await self._passages.outline(record.id)
        entries = await self._index.vocabulary(record.id)
        rows = await self._index.sentences(record.id)
        vocabulary, units = await asyncio.to_thread(_work_index, entries, rows)
        return WorkView(record, outline, vocabulary, units)

    async def _hits(self, work: WorkView, matches: list[QuoteMatch]) -> dict[int, QuoteHit]:
        """Each match with its sentence and paragraph, by key; a match replaced since the search is left out."""
        sentences, paragraphs = await self._passages.with_paragraphs(work.record.id, [m.key for m in matches])
        hits = {}
        for match in matches:
            sentence = sentences.get(match.key)
            paragraph = paragraphs.get(sentence.paragraph) if sentence and sentence.paragraph is not None else None
            if sentence is not None and paragraph is not None:
                hits[match.key] = QuoteHit(work, sentence, paragraph, match.score)
        return hits

    async def _refresh(self) -> None:
        """Drop what is cached about the library if any process changed it since we last looked."""
        version = await self._works.library_version()
        if version != self._seen_version:
            self._forget_everything()
            self._seen_version = version

    def forget_cached(self, _changed: str = "") -> None:
        """Drop what is cached about the library (another process changed it); a :class:`ChangeFeed` subscriber."""
        self._forget_everything()

    def _forget_everything(self) -> None:
        self._visible.clear()
        self._defaults.clear()
        self._seen_version = None


def _unchanged(existing: WorkRecord, text: str, title: str | None) -> bool:
    same_text = existing.content_hash == content_hash(text) and existing.parser_version == PARSER_VERSION
    return same_text and title in (None, existing.title)


def _plan_lookup(text: str, vocabulary: Vocabulary) -> tuple[PhraseQuery | None, Plan]:
    """The phrase to search for first, if any, and the lookup's queries (in one trip to a worker thread)."""
    plan = [(query, candidate_terms(query, vocabulary)) for query in lookup_queries(text, vocabulary)]
    return phrase_query(text, vocabulary), plan


def _work_index(entries: list[VocabularyEntry], rows: list[tuple[int, str, str]]) -> tuple[Vocabulary, WorkUnits]:
    return Vocabulary(entries, len(rows)), WorkUnits.of_rows(rows)


@dataclass(frozen=True, slots=True)
class Candidates:
    """A lookup's candidate sentences: one list for all its queries, or the index's best for each query."""

    shared: list[Unit]
    """The sentences holding any term of any query (when ``per_query`` is None)."""
    per_query: list[list[Unit]] | None = None

    def size(self, queries: int) -> int:
        """How many units rescoring goes through for `queries` queries."""
        return len(self.shared) * queries if self.per_query is None else sum(map(len, self.per_query))

    def of(self, position: int, terms: set[str]) -> list[Unit]:
        """The candidates of the plan's query at `position`, which searched for `terms`."""
        if self.per_query is not None:
            return self.per_query[position]
        return [unit for unit in self.shared if not terms.isdisjoint(unit.terms)]


def _rescore(plan: Plan, candidates: Candidates, work: WorkView, limit: int) -> LookupResult:
    """Rescore each query's candidates, with runs across two sentences (the sentence after from memory),
    and combine."""
    rankings = []
    for position, (query, terms) in enumerate(plan):
        ranking = Ranking.of(candidates.of(position, terms), query, work.vocabulary)
        ranking.add_runs(work.units.following, work.vocabulary)
        rankings.append(ranking)
    return combine((ranking.ranked() for ranking in rankings), limit)
