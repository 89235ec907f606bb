"""Version 5: trivia."""

from bot.storage.migrations.base import Migration, in_each_dialect

TRIVIA_TABLES = (
    # One row per server that changed a setting; NULL kinds/channels: all of them.
    """
    CREATE TABLE trivia_settings (
        guild_id {big} PRIMARY KEY,
        timeout_seconds INTEGER NOT NULL,
        rounds INTEGER NOT NULL,
        points INTEGER NOT NULL,
        score_to_win INTEGER,
        max_unanswered INTEGER,
        kinds TEXT,
        channels TEXT
    )
    """,
    # Questions a server's moderators added, for one work (by slug, which survives re-imports).
    """
    CREATE TABLE trivia_questions (
        id {id},
        guild_id {big} NOT NULL,
        work_slug TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        accepted TEXT NOT NULL,
        wrong TEXT NOT NULL,
        explanation TEXT,
        passage INTEGER,
        added_by {big} NOT NULL,
        added_at {float} NOT NULL
    )
    """,
    "CREATE INDEX trivia_questions_by_work ON trivia_questions(guild_id, work_slug)",
    """
    CREATE TABLE trivia_games (
        id {id},
        guild_id {big} NOT NULL,
        channel_id {big} NOT NULL,
        work_slug TEXT NOT NULL,
        status TEXT NOT NULL,
        stop_reason TEXT,
        started_at {float} NOT NULL,
        ended_at {float},
        winner_id {big}
    )
    """,
    # One running game per channel, whichever process started it.
    "CREATE UNIQUE INDEX trivia_games_running ON trivia_games(channel_id) WHERE status = 'running'",
    """
    CREATE TABLE trivia_rounds (
        game_id {big} NOT NULL REFERENCES trivia_games(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        kind TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        passage_id {big},
        asked_at {float} NOT NULL,
        deadline {float} NOT NULL,
        PRIMARY KEY (game_id, number)
    )
    """,
    # The primary key is the rule: one answer per player per question.
    """
    CREATE TABLE trivia_answers (
        game_id {big} NOT NULL REFERENCES trivia_games(id) ON DELETE CASCADE,
        round_number INTEGER NOT NULL,
        player_id {big} NOT NULL,
        player_name TEXT NOT NULL,
        correct INTEGER NOT NULL,
        points INTEGER NOT NULL,
        answered_at {float} NOT NULL,
        PRIMARY KEY (game_id, round_number, player_id)
    )
    """,
    """
    CREATE TABLE trivia_players (
        guild_id {big} NOT NULL,
        player_id {big} NOT NULL,
        name TEXT NOT NULL,
        points INTEGER NOT NULL DEFAULT 0,
        games INTEGER NOT NULL DEFAULT 0,
        wins INTEGER NOT NULL DEFAULT 0,
        correct INTEGER NOT NULL DEFAULT 0,
        answered INTEGER NOT NULL DEFAULT 0,
        best_streak INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (guild_id, player_id)
    )
    """,
)
"""Trivia's tables, written once: ``{id}``, ``{big}`` and ``{float}`` become each dialect's types."""

MIGRATION = Migration(5, "trivia: settings, curated questions, games, rounds, answers, players", *in_each_dialect(TRIVIA_TABLES))
