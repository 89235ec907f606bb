"""A work's rows as they are written, and the checks that admit a work, shared by the one-transaction
save (:mod:`bot.storage.works`) and the chunked one (:mod:`bot.storage.work_staging`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime

from bot.errors import AlreadyInLibrary, LibraryLimit
from bot.storage.attribution import write_attribution
from bot.storage.database import Dialect, Session
from bot.storage.records import LibraryLimits, PreparedWork
from bot.storage.sections import write_structure
from bot.text.model import SECTION_KINDS, PassageKind

WORK_VALUE_COLUMNS = (
    "title",
    "author",
    "layout",
    "content_hash",
    "source_text",
    "added_at",
    "parser_version",
    "source_bytes",
    "section_count",
    "paragraph_count",
    "sentence_count",
)
"""The columns of a work's row that its text decides (not its slug, owner or id)."""
OWNED_BY = "COALESCE(guild_id, 0) = COALESCE(CAST(? AS BIGINT), 0)"
"""The works of one owner (a server, or NULL: the shared works), as migration v15's slug index reads it."""
INSERT_PASSAGE = (
    "INSERT INTO passages (work_id, fingerprint, id, kind, ordinal, start_offset, end_offset, text, section,"
    " paragraph, speaker, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_VOCABULARY = "INSERT INTO vocabulary (work_id, word, term, spread) VALUES (?, ?, ?, ?)"


def work_values(prepared: PreparedWork) -> tuple[object, ...]:
    """The values of :data:`WORK_VALUE_COLUMNS` for a prepared text, added now."""
    parsed = prepared.parsed
    return (
        parsed.title,
        parsed.author,
        parsed.layout,
        prepared.content_hash,
        parsed.source_text,
        datetime.now(UTC).isoformat(timespec="seconds"),
        prepared.parser_version,
        len(parsed.source_text.encode("utf-8")),
        prepared.count(*SECTION_KINDS),
        prepared.count(PassageKind.PARAGRAPH),
        prepared.count(PassageKind.SENTENCE),
    )


def passage_rows(work_id: int, prepared: PreparedWork, ids: Sequence[int]) -> Iterator[tuple[object, ...]]:
    """The rows of :data:`INSERT_PASSAGE`, each passage with its id."""
    for p, mark, passage_id in zip(prepared.parsed.passages, prepared.fingerprints, ids, strict=True):
        yield (work_id, mark, passage_id, p.kind, p.ordinal, p.start, p.end, p.text, p.section, p.paragraph,
               p.speaker, p.title)


def vocabulary_rows(work_id: int, prepared: PreparedWork) -> Iterator[tuple[object, ...]]:
    """The rows of :data:`INSERT_VOCABULARY`."""
    return ((work_id, entry.word, entry.term, entry.spread) for entry in prepared.vocabulary)


def sentence_ids(prepared: PreparedWork, ids: Sequence[int]) -> list[int]:
    """The ids of the sentences, in the order of ``prepared.sentence_terms``."""
    return [passage_id for p, passage_id in zip(prepared.parsed.passages, ids, strict=True)
            if p.kind is PassageKind.SENTENCE]


async def admit(
    db: Session,
    prepared: PreparedWork,
    slug: str,
    guild_id: int | None,
    *,
    limits: LibraryLimits | None,
    one_copy: bool,
    replaced_id: int | None = None,
) -> None:
    """Raise if the owner may not store the text (another copy, or past the server's limits)."""
    if one_copy:
        await check_one_copy(db, prepared.content_hash, guild_id, slug)
    if limits is not None and guild_id is not None:
        await check_limits(db, guild_id, limits, prepared, replaced_id)


async def check_one_copy(db: Session, text_hash: str, guild_id: int | None, slug: str) -> None:
    """Refuse a text the owner's library already holds under another slug (the same slug replaces it)."""
    twin = await db.fetch_one(
        "SELECT slug FROM works WHERE content_hash = ? AND slug <> ? AND (guild_id IS NULL OR guild_id = ?)"
        " ORDER BY id LIMIT 1",
        (text_hash, slug, guild_id),
    )
    if twin is not None:
        raise AlreadyInLibrary(twin["slug"])


async def check_limits(
    db: Session, guild_id: int, limits: LibraryLimits, prepared: PreparedWork, replaced_id: int | None
) -> None:
    others = await db.fetch_one(
        "SELECT COUNT(*) AS works, CAST(COALESCE(SUM(source_bytes), 0) AS BIGINT) AS bytes FROM works"
        " WHERE guild_id = ? AND id <> ?",
        (guild_id, -1 if replaced_id is None else replaced_id),
    )
    assert others is not None
    if replaced_id is None and others["works"] >= limits.max_works:
        raise LibraryLimit(
            f"This server has {others['works']} works, as many as it may add; remove one before adding another."
        )
    total = others["bytes"] + len(prepared.parsed.source_text.encode("utf-8"))
    if total > limits.max_bytes:
        raise LibraryLimit(
            f"This server's works would take {total / 2**20:.1f} MB, more than the {limits.max_bytes / 2**20:.0f} MB"
            " it may use; remove a work first."
        )


async def fresh_ids(db: Session, count: int) -> list[int]:
    """`count` passage ids no passage ever had (the caller holds the library lock)."""
    if count == 0:
        return []
    if db.dialect is Dialect.POSTGRES:
        rows = await db.fetch_all(
            "SELECT nextval(pg_get_serial_sequence('passages', 'id')) FROM generate_series(1, ?)", (count,)
        )
        return [int(row[0]) for row in rows]
    row = await db.fetch_one("SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'passages'")
    first = int(row[0]) + 1 if row else 1
    return list(range(first, first + count))


async def reserve_ids(db: Session, count: int) -> list[int]:
    """Like :func:`fresh_ids`, and on SQLite marked as used at once, so that passages written in later
    transactions, or by another writer in between, never take them."""
    ids = await fresh_ids(db, count)
    if ids and db.dialect is Dialect.SQLITE:
        await db.execute("DELETE FROM sqlite_sequence WHERE name = 'passages'")
        await db.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('passages', ?)", (ids[-1],))
    return ids


async def shared_slug(db: Session, slug: str, guild_id: int | None) -> bool:
    """Whether a server's slug is a shared work's, which the server sees (never true for the shared library)."""
    if guild_id is None:
        return False
    return await db.fetch_one("SELECT 1 FROM works WHERE slug = ? AND guild_id IS NULL", (slug,)) is not None


async def slug_taken(db: Session, slug: str, guild_id: int | None) -> bool:
    """Whether `slug` already names a work the owner `guild_id` sees: its own, or a shared one."""
    owned = await db.fetch_one(f"SELECT 1 FROM works WHERE slug = ? AND {OWNED_BY}", (slug, guild_id))
    return owned is not None or await shared_slug(db, slug, guild_id)


async def write_outline_and_attribution(db: Session, work_id: int, prepared: PreparedWork) -> None:
    """A work's sections and, when worked out, its speaker attribution: the small parts of a save."""
    await write_structure(db, work_id, prepared.parsed.structure)
    if prepared.attribution is not None:
        await write_attribution(db, work_id, prepared.content_hash, prepared.attribution)
