"""Version 13: each work's structure (front matter, parts, chapters, letters, entries, back matter), and
works found by content hash (one copy of a text per server)."""

from bot.storage.migrations.base import dialect_migration

MIGRATION = dialect_migration(
    13,
    "work structure: every section of a work in reading order; works by content hash",
    (
        # One row per section (see bot.text.structure.StructureSection); reading_section is
        # the `section` of the passages it holds or lies in (NULL for front and back matter).
        """
        CREATE TABLE work_sections (
            work_id {big} NOT NULL REFERENCES works(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            number TEXT,
            title TEXT,
            label TEXT,
            start_offset INTEGER NOT NULL,
            end_offset INTEGER NOT NULL,
            paragraphs INTEGER NOT NULL,
            level INTEGER NOT NULL,
            reading_section INTEGER,
            PRIMARY KEY (work_id, position)
        )
        """,
        "CREATE INDEX works_by_content ON works(content_hash)",
    ),
)
