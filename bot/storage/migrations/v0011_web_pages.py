"""Version 11: public web pages, one per server that publishes one, and the members who asked to be hidden."""

from bot.storage.migrations.base import dialect_migration

MIGRATION = dialect_migration(
    11,
    "public web pages: each published server's token and name, members hidden from the pages",
    (
        # A server's page exists while its row does: /web off deletes it, a new /web on gets a new token.
        """
        CREATE TABLE web_pages (
            guild_id {big} PRIMARY KEY,
            token TEXT NOT NULL UNIQUE,
            guild_name TEXT NOT NULL,
            published_at {now} NOT NULL
        )
        """,
        """
        CREATE TABLE web_hidden_members (
            guild_id {big} NOT NULL,
            user_id {big} NOT NULL,
            hidden_at {now} NOT NULL,
            PRIMARY KEY (guild_id, user_id)
        )
        """,
        # The page's trivia leaderboards per period add up a server's answers since a moment.
        "CREATE INDEX trivia_games_by_guild ON trivia_games(guild_id, id)",
        "CREATE INDEX hall_entries_by_guild ON hall_entries(guild_id, state)",
        "CREATE INDEX reaction_votes_by_guild_time ON reaction_votes(guild_id, voted_at)",
    ),
)
