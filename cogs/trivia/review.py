"""Moderators look after the questions: /trivia question reported|restore|ban, and /trivia preview.

Players retire a question by reporting it (see :mod:`cogs.trivia.feedback`); moderators see those
questions with their votes, put them back (``restore``) or take them out for good (``ban``), and can
preview the questions a game would ask before starting one. Each is checked in its handler.
"""

from __future__ import annotations

from typing import cast

import discord
from discord import app_commands

from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.storage.trivia_history import TriviaHistory
from bot.text.excerpt import shorten
from bot.trivia.quality import Difficulty, Status
from bot.trivia.question import QuestionKind
from bot.trivia.service import TriviaService
from bot.trivia.settings import TriviaRefused, chosen_kinds
from cogs.core.checks import moderators_only
from cogs.core.discord_limits import CHOICE_CHARS, EMBED_DESCRIPTION, EMBED_TITLE
from cogs.trivia.ui import CATEGORY_CHOICES, DIFFICULTY_CHOICES, TRIVIA_COLOUR, escaped

LISTED = 15
LINE_CHARS = 150
PREVIEWED = 10
KEY_CHARS = 20
STATUS_MARKS = {Status.RETIRED: "⏸ retired", Status.BANNED: "⛔ banned", Status.RESTORED: "✅ restored"}


def add_review_commands(questions: app_commands.Group, history: TriviaHistory) -> None:
    """Mount ``reported``, ``restore`` and ``ban`` on the ``/trivia question`` group."""

    @app_commands.command(name="reported", description="Questions players reported, and what moderators decided")
    @moderators_only
    async def reported(interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None, "guild_only"
        found = await history.reviewed(interaction.guild_id, LISTED)
        lines = [
            f"`{q.key}` {STATUS_MARKS[q.status] if q.status else ''} · {q.reports} report(s), 👍 {q.ups} 👎 {q.downs}\n"
            f"  {escaped(shorten(q.question, LINE_CHARS))} → {escaped(shorten(q.answer, LINE_CHARS))}"
            for q in found
        ]
        embed = discord.Embed(
            title="Reported trivia questions",
            description=shorten("\n".join(lines) or "No question has been reported here.", EMBED_DESCRIPTION),
            colour=TRIVIA_COLOUR,
        )
        embed.set_footer(text="/trivia question restore key: puts one back · /trivia question ban key: takes it out")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    def decision(name: str, status: Status, description: str, done: str) -> app_commands.Command[None, ..., None]:
        @app_commands.command(name=name, description=description)
        @app_commands.describe(key="The question's key, as /trivia question reported shows it")
        @moderators_only
        async def decide(interaction: discord.Interaction, key: app_commands.Range[str, 1, KEY_CHARS]) -> None:
            assert interaction.guild_id is not None, "guild_only"
            now = cast(FolioBot, interaction.client).clock.timestamp()
            if not await history.change_status(interaction.guild_id, key, status, interaction.user.id, now):
                raise TriviaRefused("No reported question has that key here; see /trivia question reported.")
            await interaction.response.send_message(done, ephemeral=True)

        return decide

    questions.add_command(reported)
    questions.add_command(decision("restore", Status.RESTORED, "Put a reported question back into games",
                                   "Restored: games here may ask it again, and reports no longer retire it."))
    questions.add_command(decision("ban", Status.BANNED, "Take a question out of this server's games for good",
                                   "Banned: games here never ask it again."))


def preview_command(service: TriviaService) -> app_commands.Command[None, ..., None]:
    """/trivia preview: the questions a game would ask, with their answers, for moderators only."""

    @app_commands.command(name="preview", description="Preview the questions a game would ask (moderators)")
    @app_commands.describe(
        category="Only questions about events, characters or quotes",
        difficulty="Only easy, medium or hard questions",
        work="Which work (default: the server's story)",
    )
    @app_commands.choices(category=CATEGORY_CHOICES, difficulty=DIFFICULTY_CHOICES)
    @moderators_only
    async def preview(
        interaction: discord.Interaction,
        category: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        difficulty: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None and interaction.channel_id is not None, "guild_only"
        kinds = chosen_kinds(frozenset(QuestionKind), None, category)
        await interaction.response.defer(ephemeral=True, thinking=True)
        view, questions = await service.questions(
            slug=work,
            guild_id=interaction.guild_id,
            kinds=kinds,
            count=PREVIEWED,
            seed=interaction.id,
            channel_id=interaction.channel_id,
            difficulty=Difficulty(difficulty) if difficulty else None,
        )
        lines = [
            f"{number}. *{q.kind.value}* {escaped(shorten(q.text, LINE_CHARS))}\n  → **{escaped(shorten(q.answer, 80))}**"
            for number, q in enumerate(questions, 1)
        ]
        embed = discord.Embed(
            title=shorten(f"Trivia preview · {view.title}", EMBED_TITLE),
            description=shorten("\n".join(lines) or "No question fits those choices.", EMBED_DESCRIPTION),
            colour=TRIVIA_COLOUR,
        )
        embed.set_footer(text="Only you see this. A game draws its own questions, in the same way.")
        await interaction.followup.send(embed=embed, ephemeral=True)

    return preview
