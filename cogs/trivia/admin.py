"""Moderators' trivia commands: /trivia settings, /trivia question add|remove|list, /trivia bank export|import.

Each is checked in its handler (:data:`cogs.core.checks.moderators_only`), whatever the
server's command permissions say. They are mounted on the ``/trivia`` group by
:class:`cogs.trivia.game.TriviaCog`.
"""

from __future__ import annotations

import asyncio
import io
from typing import cast

import discord
from discord import app_commands

from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.library.views import WorkView
from bot.storage.trivia import TriviaStore
from bot.text.excerpt import shorten
from bot.trivia.bank import (
    MAX_ANSWER_CHARS,
    MAX_BANK_BYTES,
    MAX_EXPLANATION_CHARS,
    MAX_QUESTION_CHARS,
    CuratedQuestion,
    InvalidBank,
    check_question,
    dump_bank,
    parse_bank,
)
from bot.trivia.question import QuestionKind
from bot.trivia.service import TriviaService
from bot.trivia.settings import (
    POINTS_RANGE,
    ROUNDS_RANGE,
    SCORE_TO_WIN_RANGE,
    TIMEOUT_RANGE,
    UNANSWERED_RANGE,
    TriviaRefused,
)
from cogs.core.checks import moderators_only
from cogs.core.discord_limits import CHOICE_CHARS, EMBED_DESCRIPTION
from cogs.trivia.ui import KIND_CHOICES, TRIVIA_COLOUR, WORK_TITLE_CHARS, escaped, settings_embed

SEPARATOR = ";"
LISTED_QUESTIONS = 25
LIST_LINE_CHARS = 120
WORK_OPTION = "Which work (default: the server's story)"


async def _work(service: TriviaService, interaction: discord.Interaction, slug: str | None) -> WorkView:
    return await service.library.load(slug, guild_id=interaction.guild_id)


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (text or "").split(SEPARATOR) if part.strip())


class QuestionCommands(app_commands.Group):
    """/trivia question add|remove|list: a server's own plot questions."""

    def __init__(self, service: TriviaService) -> None:
        super().__init__(name="question", description="Manage this server's own trivia questions (moderators)")
        self.service = service

    @app_commands.command(name="add", description="Add a trivia question about a work")
    @app_commands.describe(
        question="The question",
        answer="The answer",
        accepted=f"Other ways to say the answer, separated by {SEPARATOR}",
        wrong=f"Up to 4 wrong options, separated by {SEPARATOR} (makes it multiple choice)",
        explanation="Shown with the answer",
        work=WORK_OPTION,
    )
    @moderators_only
    async def add(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUESTION_CHARS],
        answer: app_commands.Range[str, 1, MAX_ANSWER_CHARS],
        accepted: app_commands.Range[str, 1, 500] | None = None,
        wrong: app_commands.Range[str, 1, 500] | None = None,
        explanation: app_commands.Range[str, 1, MAX_EXPLANATION_CHARS] | None = None,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        checked = check_question(CuratedQuestion(question, answer, _split(accepted), _split(wrong), explanation))
        view = await _work(self.service, interaction, work)
        now = cast(FolioBot, interaction.client).clock.timestamp()
        [question_id] = await self.service.store.add_questions(interaction.guild_id, view.slug, [checked],
                                                                interaction.user.id, now)
        await interaction.response.send_message(
            f"Added question #{question_id} about *{escaped(view.title, WORK_TITLE_CHARS)}*: {escaped(checked.question, LIST_LINE_CHARS * 3)}", ephemeral=True
        )

    @app_commands.command(name="remove", description="Remove one of this server's trivia questions")
    @app_commands.describe(number="The question's number, as /trivia question list shows it")
    @moderators_only
    async def remove(self, interaction: discord.Interaction, number: app_commands.Range[int, 1, 2**53]) -> None:
        assert interaction.guild_id is not None, "guild_only"
        removed = await self.service.store.remove_question(interaction.guild_id, number)
        if removed is None:
            raise TriviaRefused(f"This server has no trivia question #{number}.")
        await interaction.response.send_message(f"Removed question #{number}: {escaped(removed.question, LIST_LINE_CHARS * 3)}", ephemeral=True)

    @app_commands.command(name="list", description="List this server's own trivia questions about a work")
    @app_commands.describe(work=WORK_OPTION)
    @moderators_only
    async def list_(
        self, interaction: discord.Interaction, work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        view = await _work(self.service, interaction, work)
        own = await self.service.store.questions(interaction.guild_id, view.slug)
        shipped = len(self.service.shipped_bank(view.slug))
        lines = [
            f"#{q.id} {escaped(q.question, LIST_LINE_CHARS)} → {escaped(q.answer, LIST_LINE_CHARS)}"
            for q in own[:LISTED_QUESTIONS]
        ]
        more = [f"…and {len(own) - LISTED_QUESTIONS} more (export the bank to see them all)."] if len(own) > LISTED_QUESTIONS else []
        embed = discord.Embed(
            title=shorten(f"Trivia questions · {view.title}", 256),
            description=shorten("\n".join(lines + more) or "This server has added no questions yet.", EMBED_DESCRIPTION),
            colour=TRIVIA_COLOUR,
        )
        embed.set_footer(text=f"{len(own)} added here · {shipped} shipped with Folio")
        await interaction.response.send_message(embed=embed, ephemeral=True)


class BankCommands(app_commands.Group):
    """/trivia bank export|import: a server's questions about a work as one YAML file."""

    def __init__(self, service: TriviaService) -> None:
        super().__init__(name="bank", description="Export or import trivia questions as YAML (moderators)")
        self.service = service

    @app_commands.command(name="export", description="Download this server's trivia questions about a work as YAML")
    @app_commands.describe(work=WORK_OPTION)
    @moderators_only
    async def export(
        self, interaction: discord.Interaction, work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        view = await _work(self.service, interaction, work)
        own = await self.service.store.questions(interaction.guild_id, view.slug)
        questions = own or self.service.shipped_bank(view.slug)
        note = "This server's questions" if own else "No questions added here yet; this is the bank shipped with Folio"
        data = dump_bank([CuratedQuestion(q.question, q.answer, q.accepted, q.wrong, q.explanation, q.passage) for q in questions])
        await interaction.response.send_message(
            f"{note} about *{escaped(view.title, WORK_TITLE_CHARS)}* ({len(questions)}). Edit it and bring it back with /trivia bank import.",
            file=discord.File(io.BytesIO(data.encode("utf-8")), filename=f"{view.slug}.yaml"),
            ephemeral=True,
        )

    @app_commands.command(name="import", description="Replace this server's trivia questions about a work with a YAML file")
    @app_commands.describe(file="A .yaml file, as /trivia bank export makes", work=WORK_OPTION)
    @moderators_only
    async def import_(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        if not file.filename.lower().endswith((".yaml", ".yml")):
            raise InvalidBank("Send the bank as a .yaml file (as /trivia bank export makes).")
        if file.size > MAX_BANK_BYTES:
            raise InvalidBank(f"The bank is too big: at most {MAX_BANK_BYTES // 1024} KB.")
        view = await _work(self.service, interaction, work)
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            text = (await file.read()).decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidBank("The bank is not UTF-8 text.") from None
        questions = await asyncio.to_thread(parse_bank, text)
        now = cast(FolioBot, interaction.client).clock.timestamp()
        await self.service.store.add_questions(interaction.guild_id, view.slug, questions, interaction.user.id, now,
                                               replace=True)
        await interaction.followup.send(
            f"Imported {len(questions)} question(s) about *{escaped(view.title, WORK_TITLE_CHARS)}*; they replace this server's earlier ones.",
            ephemeral=True,
        )


def settings_command(store: TriviaStore) -> app_commands.Command[None, ..., None]:
    """/trivia settings: show the server's settings, changing any option given."""

    @app_commands.command(name="settings", description="See or change this server's trivia settings (moderators)")
    @app_commands.describe(
        timeout="Seconds per question",
        rounds="Questions per game",
        points="Points for a right answer (before the speed bonus)",
        score_to_win="End a game when someone has this many points (0: off)",
        unanswered_limit="End a game after this many questions nobody answered (0: off)",
        turn_on="Allow this kind of question",
        turn_off="Stop asking this kind of question",
        allow_channel="Allow trivia in this channel (once any is chosen, only chosen channels)",
        disallow_channel="Take this channel off the chosen ones",
    )
    @app_commands.choices(turn_on=KIND_CHOICES, turn_off=KIND_CHOICES)
    @moderators_only
    async def settings(
        interaction: discord.Interaction,
        timeout: app_commands.Range[int, TIMEOUT_RANGE[0], TIMEOUT_RANGE[1]] | None = None,
        rounds: app_commands.Range[int, ROUNDS_RANGE[0], ROUNDS_RANGE[1]] | None = None,
        points: app_commands.Range[int, POINTS_RANGE[0], POINTS_RANGE[1]] | None = None,
        score_to_win: app_commands.Range[int, 0, SCORE_TO_WIN_RANGE[1]] | None = None,
        unanswered_limit: app_commands.Range[int, 0, UNANSWERED_RANGE[1]] | None = None,
        turn_on: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        turn_off: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        allow_channel: discord.TextChannel | None = None,
        disallow_channel: discord.TextChannel | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        current = await store.settings(interaction.guild_id)
        kinds, channels = set(current.kinds), set(current.channels)
        if turn_on:
            kinds.add(QuestionKind(turn_on))
        if turn_off:
            kinds.discard(QuestionKind(turn_off))
        if allow_channel:
            channels.add(allow_channel.id)
        if disallow_channel:
            channels.discard(disallow_channel.id)
        updated = current.changed(
            timeout_seconds=timeout, rounds=rounds, points=points, kinds=frozenset(kinds), channels=frozenset(channels)
        )
        if score_to_win is not None or unanswered_limit is not None:
            updated = updated.switched(score_to_win=score_to_win, max_unanswered=unanswered_limit)
        if updated != current:
            await store.save_settings(interaction.guild_id, updated)
        await interaction.response.send_message(embed=settings_embed(updated), ephemeral=True)

    return settings
