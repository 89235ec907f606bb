"""Versioned schema migrations. Append a new one for every change; never edit one that has landed."""

from __future__ import annotations

from dataclasses import dataclass


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
    Migration(
        3,
        "stable passage ids, the quote index and vocabulary in the database, parser versions, a change counter",
        (
            # Works keep their source text; with parser_version 0 the library parses them again
            # (see Library.upgrade_works), which fills the new tables.
            "ALTER TABLE works ADD COLUMN parser_version INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE works ADD COLUMN source_bytes INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE works ADD COLUMN section_count INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE works ADD COLUMN paragraph_count INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE works ADD COLUMN sentence_count INTEGER NOT NULL DEFAULT 0",
            "UPDATE works SET source_bytes = length(CAST(source_text AS BLOB))",
            "DROP TABLE passages",
            # AUTOINCREMENT: an id is never handed out twice, so an old button or log row
            # can never point at another passage.
            """
            CREATE TABLE passages (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
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
                fingerprint TEXT NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX passages_in_order ON passages(work_id, kind, ordinal)",
            """
            CREATE TABLE vocabulary (
                work_id INTEGER NOT NULL REFERENCES works(id) ON DELETE CASCADE,
                word TEXT NOT NULL,
                term TEXT NOT NULL,
                spread INTEGER NOT NULL,
                PRIMARY KEY (work_id, word)
            ) WITHOUT ROWID
            """,
            # One row per sentence (rowid = its passage id): its terms, each prefixed with
            # the work's id ("w7_derek"), so a work's terms have posting lists of their own;
            # and, not indexed, the same terms bare, in order, for rescoring.
            "CREATE VIRTUAL TABLE sentence_terms USING fts5(terms, bare UNINDEXED,"
            " tokenize = \"unicode61 tokenchars '_'\")",
            "CREATE TABLE library_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
            "INSERT INTO library_state (id, version) VALUES (1, 0)",
        ),
    ),
)
