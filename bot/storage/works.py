"""Works: their records, and saving or removing a work with its passages, vocabulary and quote index."""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage import work_staging
from bot.storage.changes import announce
from bot.storage.database import Database, Dialect, Row, Session
from bot.storage.quote_index import delete_index, write_index
from bot.storage.records import (
    ImportOutcome,
    LibraryLimits,
    PreparedWork,
    SavedWork,
    WorkRecord,
    WorkSummary,
)
from bot.storage.work_rows import (
    INSERT_PASSAGE,
    INSERT_VOCABULARY,
    OWNED_BY,
    WORK_VALUE_COLUMNS,
    check_limits,
    check_one_copy,
    fresh_ids,
    passage_rows,
    sentence_ids,
    shared_slug,
    vocabulary_rows,
    work_values,
    write_outline_and_attribution,
)
from bot.text.identity import carry_ids
from bot.text.model import Layout, Passage, PassageKind

LIBRARY_TOPIC = "library"
"""What a change to the works is announced as (see :mod:`bot.storage.changes`)."""
WORK_COLUMNS = (
    "id, slug, title, author, layout, content_hash, added_at, guild_id, parser_version, source_bytes,"
    " section_count, paragraph_count, sentence_count"
)
PASSAGE_COLUMNS = "id, kind, ordinal, start_offset, end_offset, text, section, paragraph, speaker, title"


class WorkRepository:
    def __init__(self, database: Database, *, pace: work_staging.Pace = work_staging.SHARING) -> None:
        self._database = database
        self._pace = pace
        """How a staged save shares the writer (see :mod:`bot.storage.work_staging`)."""

    async def find(self, slug: str, guild_id: int | None = None) -> WorkRecord | None:
        """The work `guild_id` added as `slug` (None: the shared work of that slug); slugs are per owner."""
        row = await self._database.fetch_one(
            f"SELECT {WORK_COLUMNS} FROM works WHERE slug = ? AND {OWNED_BY}", (slug, guild_id)
        )
        return work_from_row(row) if row else None

    async def get(self, work_id: int) -> WorkRecord | None:
        row = await self._database.fetch_one(f"SELECT {WORK_COLUMNS} FROM works WHERE id = ?", (work_id,))
        return work_from_row(row) if row else None

    async def all(self) -> list[WorkRecord]:
        """Every work of every server (not those being imported)."""
        rows = await self._database.fetch_all(
            f"SELECT {WORK_COLUMNS} FROM works WHERE guild_id IS NULL OR guild_id <> ? ORDER BY id",
            (work_staging.STAGED_OWNER,),
        )
        return [work_from_row(row) for row in rows]

    async def visible(self, guild_id: int | None = None) -> list[WorkSummary]:
        """Works shared by every server, then those `guild_id` added, oldest first.

        A shared work whose slug the server also gave one of its own is left out: the server's own wins.
        """
        query = (
            f"SELECT {WORK_COLUMNS} FROM works shared WHERE guild_id = ? OR (guild_id IS NULL AND NOT EXISTS"
            " (SELECT 1 FROM works own WHERE own.guild_id = ? AND own.slug = shared.slug))"
            " ORDER BY guild_id IS NOT NULL, added_at, id"
        )
        return [summary_from_row(row) for row in await self._database.fetch_all(query, (guild_id, guild_id))]

    async def summary(self, work_id: int) -> WorkSummary | None:
        row = await self._database.fetch_one(f"SELECT {WORK_COLUMNS} FROM works WHERE id = ?", (work_id,))
        return summary_from_row(row) if row else None

    async def source_text(self, work_id: int) -> str | None:
        row = await self._database.fetch_one("SELECT source_text FROM works WHERE id = ?", (work_id,))
        return row[0] if row else None

    async def library_version(self) -> int:
        """A number that changes whenever any process adds, replaces or removes a work or changes a setting."""
        row = await self._database.fetch_one("SELECT version FROM library_state WHERE id = 1")
        return int(row[0]) if row else 0

    async def save(
        self,
        slug: str,
        prepared: PreparedWork,
        *,
        guild_id: int | None = None,
        replace: bool = True,
        limits: LibraryLimits | None = None,
        one_copy: bool = False,
    ) -> SavedWork | None:
        """Store `prepared` under `slug`; None if the slug is taken and may not be replaced.

        Slugs are per owner: another server's works never count. With
        `replace`, the owner's (`guild_id`'s) work of that slug gets the new
        text and keeps its id, and each passage whose text survives keeps its
        id too (:func:`bot.text.identity.carry_ids`); the same text under the
        same title and parser is left untouched. A server's upload never takes
        the slug of a shared work (which it sees). What happened, and whether a server's
        `limits` allow it, is decided inside the write transaction, so
        concurrent imports are each told exactly what they did. With
        `one_copy`, a text the owner already sees under another slug is refused
        (:class:`~bot.errors.AlreadyInLibrary`).

        On SQLite a new slug's work is written in chunks and published at the
        end (:mod:`bot.storage.work_staging`), so other writers wait a chunk,
        not the whole import; PostgreSQL's writers never wait for it.
        """
        if self._database.dialect is Dialect.SQLITE:
            saved = await self._save_staged(slug, prepared, guild_id=guild_id, limits=limits, one_copy=one_copy)
            if saved is not None:
                return saved
        async with self._database.transaction() as db:
            await db.lock_library()
            existing = await db.fetch_one(f"SELECT * FROM works WHERE slug = ? AND {OWNED_BY}", (slug, guild_id))
            if existing is not None and not replace:
                return None
            if existing is None and await shared_slug(db, slug, guild_id):
                return None
            if one_copy:
                await check_one_copy(db, prepared.content_hash, guild_id, slug)
            if existing is not None and _unchanged(existing, prepared):
                work_id, outcome = existing["id"], ImportOutcome.UNCHANGED
            else:
                replaced_id = existing["id"] if existing is not None else None
                if limits is not None and guild_id is not None:
                    await check_limits(db, guild_id, limits, prepared, replaced_id)
                work_id = await _write_work(db, slug, prepared, guild_id, replaced_id)
                outcome = ImportOutcome.ADDED if existing is None else ImportOutcome.REPLACED
                await bump_library_version(db)
            row = await db.fetch_one(f"SELECT {WORK_COLUMNS} FROM works WHERE id = ?", (work_id,))
        assert row is not None
        return SavedWork(summary_from_row(row), outcome)

    async def _save_staged(
        self, slug: str, prepared: PreparedWork, *, guild_id: int | None, limits: LibraryLimits | None, one_copy: bool
    ) -> SavedWork | None:
        """Save a new slug's work chunk by chunk; None if the slug is taken or the staged work was cut into
        (the caller then saves it at once, in one transaction)."""
        work_id = await work_staging.stage(
            self._database, prepared, slug, guild_id, limits=limits, one_copy=one_copy, pace=self._pace
        )
        if work_id is None:
            return None
        try:
            async with self._database.transaction() as db:
                published = await work_staging.publish(
                    db, work_id, prepared, slug, guild_id, limits=limits, one_copy=one_copy
                )
                if published:
                    await bump_library_version(db)
                    row = await db.fetch_one(f"SELECT {WORK_COLUMNS} FROM works WHERE id = ?", (work_id,))
        except Exception:
            await work_staging.discard(self._database, work_id, self._pace)
            raise
        if not published:
            await work_staging.discard(self._database, work_id, self._pace)
            return None
        assert row is not None
        return SavedWork(summary_from_row(row), ImportOutcome.ADDED)

    async def sweep_staged(self) -> int:
        """Delete works left half-imported by processes that stopped; returns how many."""
        if self._database.dialect is not Dialect.SQLITE:
            return 0
        return await work_staging.sweep(self._database, self._pace)

    async def delete(self, work_id: int) -> bool:
        async with self._database.transaction() as db:
            await db.lock_library()
            if await db.fetch_one("SELECT id FROM works WHERE id = ?", (work_id,)) is None:
                return False
            await delete_index(db, work_id)
            await db.execute("DELETE FROM work_attribution WHERE work_id = ?", (work_id,))
            await db.execute("DELETE FROM works WHERE id = ?", (work_id,))
            await bump_library_version(db)
        return True


async def bump_library_version(db: Session) -> None:
    """Tell every process (see :meth:`WorkRepository.library_version`) that the library changed."""
    await db.execute("UPDATE library_state SET version = version + 1 WHERE id = 1")
    await announce(db, LIBRARY_TOPIC, "works")


def work_from_row(row: Row) -> WorkRecord:
    return WorkRecord(
        id=row["id"],
        slug=row["slug"],
        title=row["title"],
        author=row["author"],
        layout=Layout(row["layout"]),
        content_hash=row["content_hash"],
        added_at=row["added_at"],
        guild_id=row["guild_id"],
        parser_version=row["parser_version"],
        source_bytes=row["source_bytes"],
    )


def summary_from_row(row: Row) -> WorkSummary:
    return WorkSummary(work_from_row(row), row["section_count"], row["paragraph_count"], row["sentence_count"])


def passage_from_row(row: Row) -> Passage:
    return Passage(
        kind=PassageKind(row["kind"]),
        ordinal=row["ordinal"],
        start=row["start_offset"],
        end=row["end_offset"],
        text=row["text"],
        section=row["section"],
        paragraph=row["paragraph"],
        speaker=row["speaker"],
        title=row["title"],
        id=row["id"],
    )


def _unchanged(existing: Row, prepared: PreparedWork) -> bool:
    stored = (existing["content_hash"], existing["title"], existing["parser_version"])
    return stored == (prepared.content_hash, prepared.parsed.title, prepared.parser_version)


async def _write_work(
    db: Session, slug: str, prepared: PreparedWork, guild_id: int | None, replaced_id: int | None
) -> int:
    """Insert or update the work row, then its passages (keeping ids), vocabulary and quote index."""
    values = work_values(prepared)
    columns = ", ".join(WORK_VALUE_COLUMNS)
    if replaced_id is None:
        inserted = await db.fetch_one(
            f"INSERT INTO works (slug, guild_id, {columns}) VALUES (?, ?, {', '.join('?' * len(values))}) RETURNING id",
            (slug, guild_id, *values),
        )
        assert inserted is not None
        work_id = int(inserted[0])
        old: list[tuple[int, PassageKind, str]] = []
    else:
        work_id = replaced_id
        assignments = ", ".join(f"{column} = ?" for column in WORK_VALUE_COLUMNS)
        await db.execute(f"UPDATE works SET {assignments} WHERE id = ?", (*values, work_id))
        old = await _identities(db, work_id)
        await delete_index(db, work_id)
        await db.execute("DELETE FROM passages WHERE work_id = ?", (work_id,))
        await db.execute("DELETE FROM vocabulary WHERE work_id = ?", (work_id,))
    ids = await _assign_ids(db, carry_ids(old, prepared.parsed.passages, prepared.fingerprints))
    await db.executemany(INSERT_PASSAGE, passage_rows(work_id, prepared, ids))
    await write_index(db, work_id, sentence_ids(prepared, ids), prepared.sentence_terms)
    await write_outline_and_attribution(db, work_id, prepared)
    await db.executemany(INSERT_VOCABULARY, vocabulary_rows(work_id, prepared))
    return work_id


async def _identities(db: Session, work_id: int) -> list[tuple[int, PassageKind, str]]:
    rows = await db.fetch_all(
        "SELECT id, kind, fingerprint FROM passages WHERE work_id = ? ORDER BY kind, ordinal", (work_id,)
    )
    return [(row[0], PassageKind(row[1]), row[2]) for row in rows]


async def _assign_ids(db: Session, carried: Sequence[int | None]) -> list[int]:
    """Carried ids as they are; fresh ones, never used before, for the rest."""
    fresh = iter(await fresh_ids(db, sum(1 for passage_id in carried if passage_id is None)))
    return [next(fresh) if passage_id is None else passage_id for passage_id in carried]
