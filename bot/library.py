"""The library: works on disk and in the database, loaded and searchable.

This is the service the CLI and the cogs share. It imports texts (parsing and
indexing off the event loop), keeps each work's passages and quote index in
memory once loaded, and answers lookups in terms of passages and locations.
A stored work whose content hash is unchanged is never parsed again.
"""

from __future__ import annotations

import asyncio
import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from bot import ingest
from bot.database import Database, WorkRecord, WorkSummary
from bot.errors import InvalidWork, PassageNotFound, UnknownWork
from bot.query import clean_query
from bot.search import LookupResult, QuoteIndex, QuoteMatch
from bot.settings import DATA_DIR
from bot.story import SECTION_KINDS, ParsedWork, Passage, PassageKind

BUNDLED_STORY_PATH = DATA_DIR / "hello-from-the-other-side.txt"
BUNDLED_SLUG = "hello-from-the-other-side"
MAX_WORK_BYTES = 20 * 1024 * 1024
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")


@dataclass(frozen=True, slots=True)
class Location:
    """Where a paragraph sits: its section, its place there, and how far into the work."""

    section_title: str
    paragraph_number: int
    paragraphs_in_section: int
    percent_through: int

    def __str__(self) -> str:
        return (
            f"{self.section_title} · paragraph {self.paragraph_number} of {self.paragraphs_in_section}"
            f" · {self.percent_through}% through"
        )


@dataclass(slots=True)
class LoadedWork:
    """A work's passages and quote index, in memory."""

    record: WorkRecord
    sections: list[Passage]
    paragraphs: list[Passage]
    sentences: list[Passage]
    index: QuoteIndex
    section_spans: dict[int, tuple[int, int]]
    """Section index -> (first paragraph ordinal, paragraph count)."""
    speakers: dict[int, str]
    """Sentence ordinal -> who speaks in it, where the dialogue's speaker is known."""

    @property
    def slug(self) -> str:
        return self.record.slug

    @property
    def title(self) -> str:
        return self.record.title

    def paragraph(self, ordinal: int) -> Passage:
        if not 0 <= ordinal < len(self.paragraphs):
            raise PassageNotFound(f"*{self.title}* has no paragraph {ordinal + 1}; it has {len(self.paragraphs)}.")
        return self.paragraphs[ordinal]

    def speaker_of(self, sentence: Passage) -> str | None:
        return self.speakers.get(sentence.ordinal)

    def location(self, paragraph: Passage) -> Location:
        """Where `paragraph` is; "% through" counts the work read once it is read."""
        section = self.sections[paragraph.section]
        first_in_section, paragraphs_in_section = self.section_spans[paragraph.section]
        first, last = self.paragraphs[0], self.paragraphs[-1]
        return Location(
            section_title=section.title or f"Part {paragraph.section + 1}",
            paragraph_number=paragraph.ordinal - first_in_section + 1,
            paragraphs_in_section=paragraphs_in_section,
            percent_through=round(100 * (paragraph.end - first.start) / max(last.end - first.start, 1)),
        )


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A matched sentence with the paragraph around it."""

    work: LoadedWork
    sentence: Passage
    paragraph: Passage
    score: float

    @property
    def location(self) -> Location:
        return self.work.location(self.paragraph)


@dataclass(frozen=True, slots=True)
class QuoteLookup:
    """What a `/quote` finds: confident hits, or else the closest near-misses."""

    work: LoadedWork
    query: str
    hits: list[QuoteHit]
    suggestions: list[QuoteHit]


class Library:
    """Works in the database, loaded on demand and cached in memory.

    Every method that takes `guild_id` sees the works shared by every server
    (the bundled story, works added from the CLI) plus those that server added;
    `guild_id=None` (the CLI, direct messages) sees the shared works only.
    """

    def __init__(self, database: Database, *, bundled_story: Path = BUNDLED_STORY_PATH) -> None:
        self._database = database
        self._bundled_story = bundled_story
        self._loaded: dict[str, LoadedWork] = {}
        self._bundled: WorkRecord | None = None
        self._lock = asyncio.Lock()

    async def ensure_bundled_story(self) -> WorkRecord:
        """Import the bundled story unless the stored copy has the same content hash.

        Checked once per library: the file only changes with a new release.
        """
        if self._bundled is None:
            text = _read_text(self._bundled_story)
            stored = await self._database.find_work(BUNDLED_SLUG)
            if stored and stored.content_hash == ingest.content_hash(text):
                self._bundled = stored
            else:
                self._bundled = await self._store(BUNDLED_SLUG, text, title=None, guild_id=None)
        return self._bundled

    async def add_work(
        self, path: Path, *, slug: str | None = None, title: str | None = None, guild_id: int | None = None
    ) -> WorkRecord:
        """Import the text at `path`; a work with the same slug and owner is replaced."""
        text = _read_text(path)
        return await self.add_text(text, slug=slug or slugify(path.stem), title=title, guild_id=guild_id)

    async def add_text(
        self, text: str, *, slug: str, title: str | None = None, guild_id: int | None = None
    ) -> WorkRecord:
        """Import `text` as `slug`, owned by `guild_id` (None: shared by every server)."""
        await self._check_slug_is_free(slug, guild_id)
        return await self._store(slug, text, title=title, guild_id=guild_id)

    async def remove_work(self, slug: str, *, guild_id: int | None) -> WorkRecord:
        """Remove a work added by `guild_id` (None: a shared work)."""
        record = await self._visible_record(slug, guild_id)
        if slug == BUNDLED_SLUG:
            raise InvalidWork("The bundled story stays in the library.")
        if record.guild_id != guild_id:
            raise InvalidWork(f"`{slug}` is shared by every server; only the bot's operator can remove it.")
        await self._database.delete_work(slug)
        self._loaded.pop(slug, None)
        return record

    async def works(self, guild_id: int | None = None) -> list[WorkSummary]:
        await self.ensure_bundled_story()
        return await self._database.list_works(guild_id)

    async def default_work(self, guild_id: int | None) -> WorkRecord:
        """The work a server's commands use when none is named."""
        chosen = await self._database.default_work(guild_id) if guild_id is not None else None
        return chosen or await self.ensure_bundled_story()

    async def set_default_work(self, guild_id: int, slug: str) -> WorkRecord:
        record = await self._visible_record(slug, guild_id)
        await self._database.set_default_work(guild_id, record.id)
        return record

    async def load(self, slug: str | None = None, *, guild_id: int | None = None) -> LoadedWork:
        """The work `slug` (default: the server's default work), in memory.

        A work is parsed from the database once and kept; a stored work whose
        content changed since (re-imported, perhaps by another process) is
        loaded again.
        """
        record = await self._visible_record(slug, guild_id) if slug else await self.default_work(guild_id)
        async with self._lock:
            cached = self._loaded.get(record.slug)
            if cached is None or cached.record.content_hash != record.content_hash:
                self._loaded[record.slug] = await self._load_from_database(record)
            return self._loaded[record.slug]

    async def lookup(
        self, query: str, *, slug: str | None = None, guild_id: int | None = None, limit: int = 5
    ) -> QuoteLookup:
        """Find where `query` is in the work; raises InvalidQuery for unusable input."""
        cleaned = clean_query(query)
        work = await self.load(slug, guild_id=guild_id)
        result: LookupResult = work.index.lookup(cleaned, limit=limit)
        return QuoteLookup(
            work=work,
            query=cleaned,
            hits=[_hit(work, match) for match in result.matches],
            suggestions=[_hit(work, match) for match in result.suggestions],
        )

    async def suggest(
        self, partial: str, *, slug: str | None = None, guild_id: int | None = None, limit: int = 25
    ) -> list[Passage]:
        """Sentences that complete what a reader is typing (for autocomplete)."""
        work = await self.load(slug, guild_id=guild_id)
        return [work.sentences[match.key] for match in work.index.suggest(partial, limit=limit)]

    async def _visible_record(self, slug: str, guild_id: int | None) -> WorkRecord:
        if slug == BUNDLED_SLUG:
            return await self.ensure_bundled_story()
        record = await self._database.find_work(slug)
        if record is None or not record.visible_to(guild_id):
            raise UnknownWork(slug)
        return record

    async def _check_slug_is_free(self, slug: str, guild_id: int | None) -> None:
        if slug == BUNDLED_SLUG:
            raise InvalidWork(f"`{slug}` is the bundled story's slug; pick another.")
        if not SLUG_PATTERN.fullmatch(slug):
            raise InvalidWork(
                f"`{slug}` can't be a slug: use 1-40 lowercase letters, digits and dashes, like `dracula`."
            )
        existing = await self._database.find_work(slug)
        if existing is not None and existing.guild_id != guild_id:
            raise InvalidWork(f"The slug `{slug}` is taken; pick another.")

    async def _store(self, slug: str, text: str, *, title: str | None, guild_id: int | None) -> WorkRecord:
        parsed = await asyncio.to_thread(_parse_checked, text, title)
        record = await self._database.save_work(slug, parsed, ingest.content_hash(text), guild_id=guild_id)
        self._loaded.pop(slug, None)
        return record

    async def _load_from_database(self, record: WorkRecord) -> LoadedWork:
        passages = await self._database.load_passages(
            record.id, (*SECTION_KINDS, PassageKind.PARAGRAPH, PassageKind.SENTENCE, PassageKind.DIALOGUE)
        )
        return await asyncio.to_thread(_build_loaded_work, record, passages)


def slugify(name: str) -> str:
    """A slug from a title or file name: `Dracula (1897).txt` -> `dracula-1897-txt`."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:40].strip("-") or "work"


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_WORK_BYTES:
            raise InvalidWork(_too_big(path.name, size))
        data = path.read_bytes()
    except OSError as error:
        raise InvalidWork(f"Can't read {path}: {error.strerror or error}.") from error
    return decode_text(data, path.name)


def decode_text(data: bytes, name: str) -> str:
    """The text of an uploaded or read file: UTF-8 (with or without BOM), else Windows-1252."""
    if len(data) > MAX_WORK_BYTES:
        raise InvalidWork(_too_big(name, len(data)))
    if b"\x00" in data:
        raise InvalidWork(f"{name} is not a text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _too_big(name: str, size: int) -> str:
    return f"{name} is {size:,} bytes; works can be at most {MAX_WORK_BYTES:,}."


def _parse_checked(text: str, title: str | None) -> ParsedWork:
    parsed = ingest.parse_work(text, title=title)
    if not parsed.sentences:
        raise InvalidWork("That text has no sentences to index.")
    return parsed


def _build_loaded_work(record: WorkRecord, passages: list[Passage]) -> LoadedWork:
    by_kind: dict[PassageKind, list[Passage]] = {}
    for passage in passages:
        by_kind.setdefault(passage.kind, []).append(passage)
    sections = sorted(
        (p for kind in SECTION_KINDS for p in by_kind.get(kind, [])),
        key=lambda p: p.section,
    )
    sentences = by_kind.get(PassageKind.SENTENCE, [])
    paragraphs = by_kind.get(PassageKind.PARAGRAPH, [])
    return LoadedWork(
        record=record,
        sections=sections,
        paragraphs=paragraphs,
        sentences=sentences,
        index=QuoteIndex((s.ordinal, s.text) for s in sentences),
        section_spans=_section_spans(paragraphs),
        speakers=_speakers_by_sentence(sentences, by_kind.get(PassageKind.DIALOGUE, [])),
    )


def _section_spans(paragraphs: list[Passage]) -> dict[int, tuple[int, int]]:
    """Each section's first paragraph and paragraph count (paragraphs are in reading order)."""
    spans: dict[int, tuple[int, int]] = {}
    for paragraph in paragraphs:
        first, count = spans.get(paragraph.section, (paragraph.ordinal, 0))
        spans[paragraph.section] = (first, count + 1)
    return spans


def _speakers_by_sentence(sentences: list[Passage], dialogues: list[Passage]) -> dict[int, str]:
    """Attribute each sentence to the speaker of the first attributed dialogue inside it."""
    starts = [sentence.start for sentence in sentences]
    speakers: dict[int, str] = {}
    for dialogue in dialogues:
        if dialogue.speaker is None:
            continue
        position = bisect.bisect_right(starts, dialogue.start) - 1
        while 0 <= position < len(sentences) and sentences[position].start < dialogue.end:
            speakers.setdefault(sentences[position].ordinal, dialogue.speaker)
            position += 1
    return speakers


def _hit(work: LoadedWork, match: QuoteMatch) -> QuoteHit:
    sentence = work.sentences[match.key]
    assert sentence.paragraph is not None
    return QuoteHit(work=work, sentence=sentence, paragraph=work.paragraphs[sentence.paragraph], score=match.score)
