"""Trivia games: the game cog and its views, moderator tools, feedback and question review."""
