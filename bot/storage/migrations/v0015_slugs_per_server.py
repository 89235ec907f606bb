"""Version 15: a work's slug is unique within its owner's library (a server's, or the shared one),
no longer across every server, so one server's slug tells nothing about another's works."""

from bot.storage.migrations.base import Migration, in_each_dialect

OWNER_SLUG_INDEX = "CREATE UNIQUE INDEX works_by_owner_slug ON works ((COALESCE(guild_id, 0)), slug)"
"""One slug per owner; shared works (no guild) count as owner 0, which no Discord server is."""

_SQLITE_REBUILD = (
    # SQLite cannot drop the UNIQUE of v1's `slug`: the table is copied without it, ids and all
    # (passages, settings, sections and attribution keep pointing at the same works).
    """
    CREATE TABLE works_rebuilt (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        author TEXT,
        layout TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        source_text TEXT NOT NULL,
        added_at TEXT NOT NULL,
        guild_id INTEGER,
        parser_version INTEGER NOT NULL DEFAULT 0,
        source_bytes INTEGER NOT NULL DEFAULT 0,
        section_count INTEGER NOT NULL DEFAULT 0,
        paragraph_count INTEGER NOT NULL DEFAULT 0,
        sentence_count INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    INSERT INTO works_rebuilt (id, slug, title, author, layout, content_hash, source_text, added_at, guild_id,
        parser_version, source_bytes, section_count, paragraph_count, sentence_count)
    SELECT id, slug, title, author, layout, content_hash, source_text, added_at, guild_id,
        parser_version, source_bytes, section_count, paragraph_count, sentence_count
    FROM works
    """,
    "DROP TABLE works",
    "ALTER TABLE works_rebuilt RENAME TO works",
    "CREATE INDEX works_by_guild ON works(guild_id)",
    "CREATE INDEX works_by_content ON works(content_hash)",
)
_SQLITE_SHARED, _POSTGRES_SHARED = in_each_dialect((OWNER_SLUG_INDEX,))

MIGRATION = Migration(
    15,
    "slugs per server: a work's slug is unique within its owner's library",
    (*_SQLITE_REBUILD, *_SQLITE_SHARED),
    ("ALTER TABLE works DROP CONSTRAINT works_slug_key", *_POSTGRES_SHARED),
    rebuilds_tables=True,
)
