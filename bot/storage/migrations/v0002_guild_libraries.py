"""Version 2: guild libraries."""

from bot.storage.migrations.base import Migration

MIGRATION = Migration(
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
    (
        "ALTER TABLE works ADD COLUMN guild_id BIGINT",
        "CREATE INDEX works_by_guild ON works(guild_id)",
        """
        CREATE TABLE guild_settings (
            guild_id BIGINT PRIMARY KEY,
            default_work_id BIGINT REFERENCES works(id) ON DELETE SET NULL
        )
        """,
    ),
)
