"""Version 8: discussion claims."""

from bot.storage.migrations.base import dialect_migration

MIGRATION = dialect_migration(
    8,
    "discussion claims: the /discuss posting a passage holds its claim, so concurrent ones (in any process) point to it",
    (
        """
        CREATE TABLE discussion_claims (
            guild_id {big} NOT NULL,
            passage_id {big} NOT NULL,
            claimant {big} NOT NULL,
            claimed_at {now} NOT NULL,
            PRIMARY KEY (guild_id, passage_id)
        )
        """,
    ),
)
