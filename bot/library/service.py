"""The library: works on disk and in the database, loaded and searchable.

This is the service the CLI and the cogs share. It imports texts (parsing and
indexing off the event loop), keeps each work's passages and quote index in
memory once loaded, and answers lookups in terms of passages and locations.
A text whose content hash is unchanged is never parsed again: the bundled
story is checked against its stored hash, and re-adding an unchanged text is a
no-op.
"""

from __future__ import annotations

import asyncio
import bisect
import codecs
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from bot.text import ingest
from bot.storage.database import Database, ImportOutcome, SavedWork, WorkRecord, WorkSummary
from bot.errors import InvalidWork, PassageNotFound, UnknownWork, echo
from bot.text.excerpt import shorten
from bot.search.query import MAX_QUERY_CHARS, clean_query
from bot.search.engine import LookupResult, QuoteIndex, QuoteMatch
from bot.settings import DATA_DIR
from bot.text.model import SECTION_KINDS, ParsedWork, Passage, PassageKind

BUNDLED_STORY_PATH = DATA_DIR / "hello-from-the-other-side.txt"
BUNDLED_SLUG = "hello-from-the-other-side"
MAX_WORK_BYTES = 20 * 1024 * 1024
MAX_TITLE_CHARS = 200
MAX_AUTHOR_CHARS = 100
MAX_SLUG_CHARS = 40
SAMPLE_BYTES = 256 * 1024
"""How much of a file is inspected to tell its encoding and whether it is prose."""
UTF16_NUL_SHARE = 0.3
"""UTF-16 without a byte-order mark: NULs in at least this share of one byte of each pair, none in the other."""
MIN_WORDLIKE_SHARE = 0.6
"""Prose is mostly letters and spaces (about 95% in a novel; under 50% in random bytes)."""
MAX_BROKEN_SHARE = 0.01
"""Undecodable bytes and control characters a text may hold (random bytes: over 10%)."""
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
            raise PassageNotFound(f"{echo(self.title)} has no paragraph {ordinal + 1}; it has {len(self.paragraphs)}.")
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
        self._loading: dict[str, asyncio.Lock] = {}
        self._bundled: WorkRecord | None = None

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
                parsed = await _parse(text, title=None)
                saved = await self._save(BUNDLED_SLUG, parsed, guild_id=None, replace=True)
                assert saved is not None, "the bundled story is shared, so it can always be replaced"
                self._bundled = saved.record
        return self._bundled

    async def add_work(self, path: Path, *, slug: str | None = None, title: str | None = None) -> SavedWork:
        """Import the text at `path` as a shared work (the CLI's way in).

        The slug defaults to one made from the file name; re-adding a slug replaces its work.
        """
        return await self.add_text(_read_text(path), slug=slug or slugify(path.stem), title=title, guild_id=None)

    async def add_upload(
        self, data: bytes, filename: str, *, slug: str | None, title: str | None, guild_id: int
    ) -> SavedWork:
        """Import a file a server's moderator uploaded.

        A slug given explicitly replaces the server's own work of that slug; a
        slug made up from the title or file name never replaces anything: it
        gets a number (`dracula-2`) if taken.
        """
        text = decode_text(data, filename)
        if slug is not None:
            return await self.add_text(text, slug=slug, title=title, guild_id=guild_id)
        parsed = await _parse(text, title)
        candidates = _numbered(slugify(title or PurePath(filename).stem))
        saved = None
        while saved is None:
            saved = await self._save(next(candidates), parsed, guild_id=guild_id, replace=False)
        return saved

    async def add_text(
        self, text: str, *, slug: str, title: str | None = None, guild_id: int | None = None
    ) -> SavedWork:
        """Import `text` as `slug`, owned by `guild_id` (None: shared by every server).

        Replaces the owner's own work of that slug; an unchanged text with the
        same title is left as it is, without parsing it again.
        """
        _check_slug(slug)
        existing = await self._database.find_work(slug)
        if existing is not None and existing.guild_id == guild_id:
            unchanged = existing.content_hash == ingest.content_hash(text) and title in (None, existing.title)
            summary = await self._database.work_summary(existing.id) if unchanged else None
            if summary is not None:
                return SavedWork(summary, ImportOutcome.UNCHANGED)
        saved = await self._save(slug, await _parse(text, title), guild_id=guild_id, replace=True)
        if saved is None:
            raise InvalidWork(f"The slug {echo(slug)} is taken; pick another.")
        return saved

    async def remove_work(self, slug: str, *, guild_id: int | None) -> WorkRecord:
        """Remove a work added by `guild_id` (None: a shared work)."""
        record = await self._visible_record(slug, guild_id)
        if slug == BUNDLED_SLUG:
            raise InvalidWork("The bundled story stays in the library.")
        if record.guild_id != guild_id:
            raise InvalidWork(f"{echo(slug)} is shared by every server; only the bot's operator can remove it.")
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

    async def preload(self) -> int:
        """Load every stored work, so no reader waits for a cold load; returns how many."""
        await self.ensure_bundled_story()
        records = await self._database.all_works()
        for record in records:
            await self._loaded_version(record)
        return len(records)

    async def load(self, slug: str | None = None, *, guild_id: int | None = None) -> LoadedWork:
        """The work `slug` (default: the server's default work), in memory.

        A work is read from the database once and kept; a stored work whose
        content changed since (re-imported, perhaps by another process) is
        loaded again.
        """
        record = await self._visible_record(slug, guild_id) if slug else await self.default_work(guild_id)
        return await self._loaded_version(record)

    async def lookup(
        self, query: str, *, slug: str | None = None, guild_id: int | None = None, limit: int = 5
    ) -> QuoteLookup:
        """Find where `query` is in the work; raises InvalidQuery for unusable input."""
        cleaned = clean_query(query)
        work = await self.load(slug, guild_id=guild_id)
        result: LookupResult = await asyncio.to_thread(work.index.lookup, cleaned, limit)
        return QuoteLookup(
            work=work,
            query=cleaned,
            hits=[_hit(work, match) for match in result.matches],
            suggestions=[_hit(work, match) for match in result.suggestions],
        )

    async def suggest(
        self, partial: str, *, slug: str | None = None, guild_id: int | None = None, limit: int = 25
    ) -> list[Passage]:
        """Sentences that complete what a reader is typing (for autocomplete).

        Only the first :data:`MAX_QUERY_CHARS` characters count, as for a
        lookup; the search runs in a worker thread so a long one never stalls the bot.
        """
        work = await self.load(slug, guild_id=guild_id)
        matches = await asyncio.to_thread(work.index.suggest, partial[:MAX_QUERY_CHARS], limit)
        return [work.sentences[match.key] for match in matches]

    async def _visible_record(self, slug: str, guild_id: int | None) -> WorkRecord:
        if slug == BUNDLED_SLUG:
            return await self.ensure_bundled_story()
        record = await self._database.find_work(slug)
        if record is None or not record.visible_to(guild_id):
            raise UnknownWork(slug)
        return record

    async def _loaded_version(self, record: WorkRecord) -> LoadedWork:
        """`record`'s work from the cache, loading it if absent or stale.

        Cache hits take no lock; a load holds only its own work's lock, so a
        big work loading never delays readers of the others.
        """
        cached = self._loaded.get(record.slug)
        if cached is not None and cached.record.content_hash == record.content_hash:
            return cached
        async with self._loading.setdefault(record.slug, asyncio.Lock()):
            cached = self._loaded.get(record.slug)
            if cached is None or cached.record.content_hash != record.content_hash:
                cached = self._loaded[record.slug] = await self._load_from_database(record)
            return cached

    async def _save(self, slug: str, parsed: ParsedWork, *, guild_id: int | None, replace: bool) -> SavedWork | None:
        """Store a parsed work; None if the slug belongs to a work that may not be replaced."""
        content_hash = ingest.content_hash(parsed.source_text)
        saved = await self._database.save_work(slug, parsed, content_hash, guild_id=guild_id, replace=replace)
        if saved is not None:
            self._loaded.pop(slug, None)
        return saved

    async def _load_from_database(self, record: WorkRecord) -> LoadedWork:
        passages = await self._database.load_passages(
            record.id, (*SECTION_KINDS, PassageKind.PARAGRAPH, PassageKind.SENTENCE, PassageKind.DIALOGUE)
        )
        return await asyncio.to_thread(_build_loaded_work, record, passages)


def slugify(name: str) -> str:
    """A slug from a title or file name: `Les Misérables (1862)` -> `les-miserables-1862`.

    Falls back to `work` for names with no Latin letters or digits.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:MAX_SLUG_CHARS].strip("-") or "work"


def _numbered(base: str) -> Iterator[str]:
    """`base`, then `base-2`, `base-3`, … (each still a valid slug)."""
    yield base
    for number in itertools.count(2):
        suffix = f"-{number}"
        yield base[: MAX_SLUG_CHARS - len(suffix)].rstrip("-") + suffix


def _check_slug(slug: str) -> None:
    if slug == BUNDLED_SLUG:
        raise InvalidWork(f"{echo(slug)} is the bundled story's slug; pick another.")
    if not SLUG_PATTERN.fullmatch(slug):
        raise InvalidWork(
            f"{echo(slug)} can't be a slug: use 1-40 lowercase letters, digits and dashes, like “dracula”."
        )


def check_work_size(name: str, size: int) -> None:
    """Refuse a file too big to be a work, before reading it."""
    if size > MAX_WORK_BYTES:
        raise InvalidWork(f"{echo(name)} is {size:,} bytes; works can be at most {MAX_WORK_BYTES:,}.")


def _read_text(path: Path) -> str:
    try:
        check_work_size(path.name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise InvalidWork(f"Can't read {path}: {error.strerror or error}.") from error
    return decode_text(data, path.name)


def decode_text(data: bytes, name: str) -> str:
    """The text of an uploaded or read file.

    Reads UTF-16 (with a byte-order mark, or without one when its NUL bytes
    give it away), UTF-8 (BOM or not), else Windows-1252; refuses what does
    not decode to prose (binary data, or an encoding Folio does not read).
    """
    check_work_size(name, len(data))
    text = _decode(data, name)
    _check_prose(text, name)
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data:
        raise InvalidWork(f"{echo(name)} is not a text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when NULs fill one byte of most pairs (text in UTF-16), else None."""
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    pairs = len(sample) // 2
    nuls_first, nuls_second = sample[0::2].count(0), sample[1::2].count(0)
    if pairs and nuls_second > UTF16_NUL_SHARE * pairs and nuls_first == 0:
        return "utf-16-le"
    if pairs and nuls_first > UTF16_NUL_SHARE * pairs and nuls_second == 0:
        return "utf-16-be"
    return None


def _check_prose(text: str, name: str) -> None:
    """Refuse a decoded text that is mostly not letters and spaces, or full of undecodable bytes."""
    sample = text[:SAMPLE_BYTES]
    if not sample.strip():
        return  # an empty text is refused later, as having no sentences
    wordlike = sum(1 for ch in sample if ch.isalpha() or ch.isspace())
    broken = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"))
    if wordlike < MIN_WORDLIKE_SHARE * len(sample) or broken > MAX_BROKEN_SHARE * len(sample):
        raise InvalidWork(
            f"{echo(name)} doesn't read as text: most of it is not letters and spaces. Upload a plain-text file"
            " in UTF-8, UTF-16 or Windows-1252."
        )


async def _parse(text: str, title: str | None) -> ParsedWork:
    """Parse off the event loop: a novel takes a few hundred milliseconds."""
    return await asyncio.to_thread(_parse_checked, text, title)


def _parse_checked(text: str, title: str | None) -> ParsedWork:
    parsed = ingest.parse_work(text, title=title)
    parsed.title = shorten(parsed.title, MAX_TITLE_CHARS)
    parsed.author = parsed.author and shorten(parsed.author, MAX_AUTHOR_CHARS)
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
