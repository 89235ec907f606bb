"""The database: the one module that talks SQL.

SQLite through aiosqlite, in WAL mode with foreign keys on. The schema grows by
versioned migrations (append to :data:`MIGRATIONS`, never edit a landed one);
every statement is parameterised and every write runs in a transaction. The rest
of the bot sees only the typed records and methods here, so a PostgreSQL backend
can later implement the same methods.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path

import aiosqlite

from bot.errors import DatabaseUnavailable
from bot.text.model import Layout, ParsedWork, Passage, PassageKind

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "library: works and their passages",
        (
            """
            CREATE TABLE works (
                id INTEGER PRIMARY KEY,
                slug TEXT NOT NULL UNIQUE,
                title TEXT NOT NULL,
                author TEXT,
                layout TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                source_text TEXT NOT NULL,
                added_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE passages (
                work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                start_offset INTEGER NOT NULL,
                end_offset INTEGER NOT NULL,
                text TEXT NOT NULL,
                section INTEGER NOT NULL,
                paragraph INTEGER,
                speaker TEXT,
                title TEXT,
                PRIMARY KEY (work_id, kind, ordinal)
            ) WITHOUT ROWID
            """,
        ),
    ),
    Migration(
        2,
        "per-server libraries: work owners and server settings",
        (
            # NULL: shared with every server (the bundled story, works added from the CLI).
            "ALTER TABLE works ADD COLUMN guild_id INTEGER",
            "CREATE INDEX works_by_guild ON works(guild_id)",
            """
            CREATE TABLE guild_settings (
                guild_id INTEGER PRIMARY KEY,
                default_work_id INTEGER REFERENCES works(id) ON DELETE SET NULL
            )
            """,
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class WorkRecord:
    """A work as stored in the library (without its passages)."""

    id: int
    slug: str
    title: str
    author: str | None
    layout: Layout
    content_hash: str
    added_at: str
    guild_id: int | None
    """The server that added the work; None for works every server shares."""

    def visible_to(self, guild_id: int | None) -> bool:
        return self.guild_id is None or self.guild_id == guild_id


@dataclass(frozen=True, slots=True)
class WorkSummary:
    """A work with passage counts, for listings."""

    work: WorkRecord
    sections: int
    paragraphs: int
    sentences: int


class ImportOutcome(StrEnum):
    ADDED = "Added"
    REPLACED = "Replaced"
    UNCHANGED = "Unchanged"


@dataclass(frozen=True, slots=True)
class SavedWork:
    """What an import did: the work as stored, with its passage counts, and the outcome."""

    summary: WorkSummary
    outcome: ImportOutcome

    @property
    def record(self) -> WorkRecord:
        return self.summary.work


_READABLE_PRAGMAS = frozenset({"journal_mode", "foreign_keys", "user_version", "busy_timeout"})
_WORK_COLUMNS = "id, slug, title, author, layout, content_hash, added_at, guild_id"
_PASSAGE_COLUMNS = "kind, ordinal, start_offset, end_offset, text, section, paragraph, speaker, title"
_SUMMARY_SELECT = f"""
    SELECT {', '.join('w.' + column for column in _WORK_COLUMNS.split(', '))},
        (SELECT COUNT(*) FROM passages p WHERE p.work_id = w.id AND p.kind IN (?, ?)) AS sections,
        (SELECT COUNT(*) FROM passages p WHERE p.work_id = w.id AND p.kind = ?) AS paragraphs,
        (SELECT COUNT(*) FROM passages p WHERE p.work_id = w.id AND p.kind = ?) AS sentences
    FROM works w"""
_SUMMARY_PARAMS = (PassageKind.CHAPTER, PassageKind.SCENE, PassageKind.PARAGRAPH, PassageKind.SENTENCE)


class Database:
    """An open SQLite database with the schema migrated to the newest version."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._db = connection
        # One connection serves the whole bot, so statements take turns: a read
        # never runs in the middle of another task's write transaction (where it
        # would see half-written rows), and transactions never nest.
        self._turn = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating if needed) the database at `path` and migrate it.

        Raises :class:`DatabaseUnavailable`, naming the path and the problem,
        when it cannot be used; an unusable file is left as it was.
        """
        if str(path) != ":memory:":
            _prepare_folder(Path(path))
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.Error as error:
            raise _unusable(Path(path), error) from error
        connection.row_factory = aiosqlite.Row
        database = cls(connection)
        try:
            await database._configure()
            await database.migrate()
        except sqlite3.DatabaseError as error:
            await connection.close()
            raise _unusable(Path(path), error) from error
        except BaseException:
            await connection.close()
            raise
        return database

    @classmethod
    @asynccontextmanager
    async def opened(cls, path: Path | str) -> AsyncIterator[Database]:
        """The database at `path`, open for the body of a `with` and closed after it."""
        database = await cls.open(path)
        try:
            yield database
        finally:
            await database.close()

    async def close(self) -> None:
        await self._db.close()

    async def _configure(self) -> None:
        await self._db.execute("PRAGMA journal_mode = WAL")
        await self._db.execute("PRAGMA foreign_keys = ON")
        await self._db.execute("PRAGMA busy_timeout = 5000")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Run the body in one write transaction: all of it lands, or none.

        Other tasks' statements wait until it ends, so they see all or none of it.
        """
        async with self._turn:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    async def _fetch_one(self, query: str, params: Sequence[object] = ()) -> aiosqlite.Row | None:
        async with self._turn, self._db.execute(query, params) as cursor:
            return await cursor.fetchone()

    async def _fetch_all(self, query: str, params: Sequence[object] = ()) -> list[aiosqlite.Row]:
        async with self._turn, self._db.execute(query, params) as cursor:
            return list(await cursor.fetchall())

    async def pragma(self, name: str) -> object:
        """The value of a read-only setting such as `journal_mode` or `foreign_keys`."""
        if name not in _READABLE_PRAGMAS:
            raise ValueError(f"unknown pragma {name!r}")
        row = await self._fetch_one(f"PRAGMA {name}")
        return row[0] if row else None

    async def table_exists(self, name: str) -> bool:
        query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        return await self._fetch_one(query, (name,)) is not None

    # -- migrations -------------------------------------------------------

    async def schema_version(self) -> int:
        return int(await self.pragma("user_version") or 0)

    async def migrate(self, migrations: Sequence[Migration] = MIGRATIONS) -> int:
        """Apply every migration newer than the stored schema version; return the new version."""
        current = await self.schema_version()
        for migration in migrations:
            if migration.version <= current:
                continue
            async with self.transaction() as db:
                for statement in migration.statements:
                    await db.execute(statement)
                # PRAGMA takes no parameters; the version is an int from our own table.
                await db.execute(f"PRAGMA user_version = {int(migration.version)}")
            log.info("Database migrated to v%d: %s", migration.version, migration.description)
            current = migration.version
        return current

    # -- works --------------------------------------------------------------

    async def find_work(self, slug: str) -> WorkRecord | None:
        row = await self._fetch_one(f"SELECT {_WORK_COLUMNS} FROM works WHERE slug = ?", (slug,))
        return _work_from_row(row) if row else None

    async def all_works(self) -> list[WorkRecord]:
        """Every work of every server."""
        return [_work_from_row(row) for row in await self._fetch_all(f"SELECT {_WORK_COLUMNS} FROM works ORDER BY id")]

    async def list_works(self, guild_id: int | None = None) -> list[WorkSummary]:
        """Works shared by every server, then those `guild_id` added, oldest first."""
        query = (
            f"{_SUMMARY_SELECT} WHERE w.guild_id IS NULL OR w.guild_id = ?"
            " ORDER BY w.guild_id IS NOT NULL, w.added_at, w.id"
        )
        return [_summary_from_row(row) for row in await self._fetch_all(query, (*_SUMMARY_PARAMS, guild_id))]

    async def save_work(
        self,
        slug: str,
        parsed: ParsedWork,
        content_hash: str,
        *,
        guild_id: int | None = None,
        replace: bool = True,
    ) -> SavedWork | None:
        """Store `parsed` under `slug`; None if the slug is taken and may not be replaced.

        With `replace`, a work with the slug and the same owner (`guild_id`)
        gets the new text and passages and keeps its id, so settings that point
        at it stay valid; the same text under the same title is left untouched.
        A work of another owner is never replaced. What happened is decided
        inside the write transaction, so concurrent imports of one slug are
        each told exactly what they did.
        """
        async with self.transaction() as db:
            async with db.execute("SELECT id, guild_id, content_hash, title FROM works WHERE slug = ?", (slug,)) as found:
                existing = await found.fetchone()
            if existing is None:
                work_id, outcome = await _insert_work(db, slug, parsed, content_hash, guild_id), ImportOutcome.ADDED
            elif not replace or existing["guild_id"] != guild_id:
                return None
            elif (existing["content_hash"], existing["title"]) == (content_hash, parsed.title):
                work_id, outcome = existing["id"], ImportOutcome.UNCHANGED
            else:
                work_id, outcome = existing["id"], ImportOutcome.REPLACED
                await _update_work(db, work_id, parsed, content_hash)
            async with db.execute(f"{_SUMMARY_SELECT} WHERE w.id = ?", (*_SUMMARY_PARAMS, work_id)) as stored:
                row = await stored.fetchone()
        return SavedWork(_summary_from_row(row), outcome)

    async def work_summary(self, work_id: int) -> WorkSummary | None:
        """A work with its passage counts."""
        row = await self._fetch_one(f"{_SUMMARY_SELECT} WHERE w.id = ?", (*_SUMMARY_PARAMS, work_id))
        return _summary_from_row(row) if row else None

    async def delete_work(self, slug: str) -> bool:
        async with self.transaction() as db:
            cursor = await db.execute("DELETE FROM works WHERE slug = ?", (slug,))
        return cursor.rowcount > 0

    # -- server settings ------------------------------------------------------

    async def default_work(self, guild_id: int) -> WorkRecord | None:
        """The work a server chose as its default, if it chose one that still exists."""
        query = (
            f"SELECT {_WORK_COLUMNS} FROM works"
            " WHERE id = (SELECT default_work_id FROM guild_settings WHERE guild_id = ?)"
        )
        row = await self._fetch_one(query, (guild_id,))
        return _work_from_row(row) if row else None

    async def set_default_work(self, guild_id: int, work_id: int | None) -> None:
        async with self.transaction() as db:
            await db.execute(
                "INSERT INTO guild_settings (guild_id, default_work_id) VALUES (?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET default_work_id = excluded.default_work_id",
                (guild_id, work_id),
            )

    # -- passages -------------------------------------------------------------

    async def load_passages(self, work_id: int, kinds: Iterable[PassageKind]) -> list[Passage]:
        """All passages of the given kinds, in reading order within each kind."""
        kinds = list(kinds)
        placeholders = ", ".join("?" for _ in kinds)
        query = (
            f"SELECT {_PASSAGE_COLUMNS} FROM passages"
            f" WHERE work_id = ? AND kind IN ({placeholders}) ORDER BY kind, ordinal"
        )
        return [_passage_from_row(row) for row in await self._fetch_all(query, (work_id, *kinds))]


def _work_from_row(row: aiosqlite.Row) -> WorkRecord:
    return WorkRecord(
        id=row["id"],
        slug=row["slug"],
        title=row["title"],
        author=row["author"],
        layout=Layout(row["layout"]),
        content_hash=row["content_hash"],
        added_at=row["added_at"],
        guild_id=row["guild_id"],
    )


def _summary_from_row(row: aiosqlite.Row) -> WorkSummary:
    return WorkSummary(_work_from_row(row), row["sections"], row["paragraphs"], row["sentences"])


async def _insert_work(
    db: aiosqlite.Connection, slug: str, parsed: ParsedWork, content_hash: str, guild_id: int | None
) -> int:
    async with db.execute(
        "INSERT INTO works (slug, title, author, layout, content_hash, source_text, added_at, guild_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (slug, parsed.title, parsed.author, parsed.layout, content_hash, parsed.source_text, _now(), guild_id),
    ) as cursor:
        row = await cursor.fetchone()
    await _insert_passages(db, row[0], parsed.passages)
    return int(row[0])


async def _update_work(db: aiosqlite.Connection, work_id: int, parsed: ParsedWork, content_hash: str) -> None:
    await db.execute(
        "UPDATE works SET title = ?, author = ?, layout = ?, content_hash = ?, source_text = ?, added_at = ?"
        " WHERE id = ?",
        (parsed.title, parsed.author, parsed.layout, content_hash, parsed.source_text, _now(), work_id),
    )
    await db.execute("DELETE FROM passages WHERE work_id = ?", (work_id,))
    await _insert_passages(db, work_id, parsed.passages)


async def _insert_passages(db: aiosqlite.Connection, work_id: int, passages: Iterable[Passage]) -> None:
    await db.executemany(
        f"INSERT INTO passages (work_id, {_PASSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        _passage_rows(work_id, passages),
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _passage_rows(work_id: int, passages: Iterable[Passage]) -> Iterable[tuple[object, ...]]:
    for p in passages:
        yield (work_id, p.kind, p.ordinal, p.start, p.end, p.text, p.section, p.paragraph, p.speaker, p.title)


def _passage_from_row(row: aiosqlite.Row) -> Passage:
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
    )


def _unusable(path: Path, error: BaseException) -> DatabaseUnavailable:
    """Explain why the database at `path` cannot be used, in words an operator can act on."""
    return DatabaseUnavailable(f"Can't use the database at {path}: {_problem(path, error)}.")


def _prepare_folder(path: Path) -> None:
    """Create the database's folder; refuse a path that is a folder or lies under a file, before SQLite tries it."""
    if path.is_dir():
        raise DatabaseUnavailable(f"Can't use the database at {path}: it is a folder, not a database file.")
    blocking_file = next((parent for parent in path.parents if parent.exists() and not parent.is_dir()), None)
    if blocking_file is not None:
        raise DatabaseUnavailable(f"Can't use the database at {path}: {blocking_file} is a file, not a folder.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unusable(path, error) from error


def _problem(path: Path, error: BaseException) -> str:
    reason = str(error)
    if "readonly" in reason or isinstance(error, PermissionError):
        return "it is read-only, and Folio needs to write to it and its folder (check their permissions)"
    if "not a database" in reason:
        return "it is not a SQLite database (or it is damaged)"
    if isinstance(error, OSError):
        return error.strerror or reason
    return reason
