"""Version 10: several processes on one database (shards), exactly-once jobs, fair use."""

from bot.storage.migrations.base import dialect_migration

MIGRATION = dialect_migration(
    10,
    "shards: process leases, identify slots, trivia game owners, passage-of-the-day claims, fair-use limits",
    (
        # One row per running bot process: its shards and its last heartbeat (the bot's clock). A
        # process whose heartbeat is older than the lease is gone; its per-server jobs may be taken over.
        """
        CREATE TABLE folio_processes (
            instance TEXT PRIMARY KEY,
            shard_count INTEGER,
            shard_ids TEXT,
            started_at {now} NOT NULL,
            heartbeat_at {now} NOT NULL
        )
        """,
        # When the next IDENTIFY of each max_concurrency bucket may be sent (wall clock, epoch seconds).
        "CREATE TABLE identify_slots (bucket INTEGER PRIMARY KEY, next_at {float} NOT NULL)",
        "ALTER TABLE trivia_games ADD COLUMN owner TEXT",
        # A day is claimed, then posted ('done'); a failed post is 'released' until retry_at.
        "ALTER TABLE daily_posts ADD COLUMN status TEXT NOT NULL DEFAULT 'done'",
        "ALTER TABLE daily_posts ADD COLUMN claimed_by TEXT",
        "ALTER TABLE daily_posts ADD COLUMN claimed_at {float}",
        "ALTER TABLE daily_posts ADD COLUMN retry_at {float}",
        "ALTER TABLE daily_posts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
        # A moderator's choice for one limit (a command's cooldown in seconds, or heavy work at once).
        """
        CREATE TABLE fair_use_limits (
            guild_id {big} NOT NULL,
            name TEXT NOT NULL,
            value {float} NOT NULL,
            changed_by {big},
            changed_at {now} NOT NULL,
            PRIMARY KEY (guild_id, name)
        )
        """,
    ),
)
