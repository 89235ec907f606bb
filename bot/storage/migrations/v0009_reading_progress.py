"""Version 9: reading progress."""

from bot.storage.migrations.base import dialect_migration

MIGRATION = dialect_migration(
    9,
    "reading progress: how far a server, a channel or a reader has read each work",
    (
        # scope: "server" (target_id 0), "channel" (a channel id) or "reader" (a user id). The chapter
        # is kept as its position in reading order and its label, which finds it again after the
        # work is read with another structure (bot.progress.chapters).
        """
        CREATE TABLE reading_progress (
            guild_id {big} NOT NULL,
            scope TEXT NOT NULL CHECK (scope IN ('server', 'channel', 'reader')),
            target_id {big} NOT NULL,
            work_slug TEXT NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 1),
            label TEXT NOT NULL,
            set_by {big} NOT NULL,
            updated_at {now} NOT NULL,
            PRIMARY KEY (guild_id, scope, target_id, work_slug)
        )
        """,
    ),
)
