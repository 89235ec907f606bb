"""Version 14: trivia's quality loop: players' votes and reports on questions, and what moderators made of them."""

from bot.storage.migrations.base import dialect_migration

MIGRATION = dialect_migration(
    14,
    "trivia quality: votes and reports on questions, retired and banned questions, leaderboard resets",
    (
        # One row per player, question and vote ("up", "down" or "report"); a question is known by
        # its key (see bot.trivia.quality.question_key), the same whichever game asked it.
        """
        CREATE TABLE trivia_feedback (
            guild_id {big} NOT NULL,
            question_key TEXT NOT NULL,
            user_id {big} NOT NULL,
            vote TEXT NOT NULL,
            voted_at {now} NOT NULL,
            PRIMARY KEY (guild_id, question_key, user_id, vote)
        )
        """,
        # A question taken out of a server's games (retired by reports or banned by a moderator),
        # or put back by one; kept with its text so moderators can see what they decide on.
        """
        CREATE TABLE trivia_question_status (
            guild_id {big} NOT NULL,
            question_key TEXT NOT NULL,
            work_slug TEXT NOT NULL,
            kind TEXT NOT NULL,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            status TEXT NOT NULL,
            changed_by {big},
            changed_at {now} NOT NULL,
            PRIMARY KEY (guild_id, question_key)
        )
        """,
        # When a server last reset its leaderboard: period leaderboards count answers after it.
        """
        CREATE TABLE trivia_leaderboard_resets (
            guild_id {big} PRIMARY KEY,
            reset_at {now} NOT NULL
        )
        """,
        "CREATE INDEX trivia_rounds_by_question ON trivia_rounds(question)",
        "CREATE INDEX trivia_games_by_channel ON trivia_games(channel_id, id)",
        "CREATE INDEX trivia_answers_by_time ON trivia_answers(answered_at)",
    ),
)
