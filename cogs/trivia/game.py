"""/trivia: games in a channel, with buttons or typed answers, timeouts, scores that last, and leaderboards.

The rules live in :mod:`bot.trivia`; this cog turns commands into games. The games
themselves run in :mod:`cogs.trivia.live_games` (asking, revealing, results), answers
are taken in :mod:`cogs.trivia.answers`, :mod:`cogs.trivia.clock` closes each question
at its deadline, and :mod:`cogs.trivia.recovery` closes (once, keeping its scores) a
game a restart cut short.
"""

from __future__ import annotations

from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.folio_bot import FolioBot, answer_failure, send_ephemeral
from bot.library.uploads import MAX_SLUG_CHARS
from bot.progress.chapters import section_filter
from bot.storage.trivia import GameRecord, TriviaStore
from bot.storage.trivia_history import TriviaHistory
from bot.trivia.game import TriviaGame
from bot.trivia.quality import Difficulty
from bot.trivia.service import TriviaService
from bot.trivia.settings import ROUNDS_RANGE, TriviaRefused, chosen_kinds
from bot.trivia.stats import LeaderboardSort, Period
from cogs.core.checks import has_moderator_rights, moderators_only
from cogs.core.discord_limits import CHOICE_CHARS
from cogs.reading.spoilers import horizon_for
from cogs.trivia.admin import BankCommands, QuestionCommands, settings_command
from cogs.trivia.answers import take_answer
from cogs.trivia.clock import GameClock
from cogs.trivia.live_games import LiveGame, LiveGames
from cogs.trivia.recovery import CutGameRecovery
from cogs.trivia.review import add_review_commands, preview_command
from cogs.trivia.ui import (
    CATEGORY_CHOICES,
    DIFFICULTY_CHOICES,
    GAME_COG,
    KIND_CHOICES,
    PERIOD_CHOICES,
    TYPED,
    WORK_TITLE_CHARS,
    AnswerButton,
    ResetButton,
    escaped,
    leaderboard_embed,
    player,
    reset_view,
    stats_embed,
    typed_answer,
)

LEADERBOARD_SIZE = 15
SORT_CHOICES = [app_commands.Choice(name=sort.value, value=sort.value) for sort in LeaderboardSort]


class TriviaCog(commands.Cog, name=GAME_COG):
    """Trivia games, one per channel."""

    trivia = app_commands.Group(
        name="trivia",
        description="Trivia about the story: play, see scores, manage questions",
        guild_only=True,
        extras={"capability": "trivia"},
    )

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.store = TriviaStore(bot.database)
        self.history = TriviaHistory(bot.database)
        self.service = TriviaService(bot.library, self.store, history=self.history)
        self.games = LiveGames(bot, self.store)
        self.recovery = CutGameRecovery(bot, self.store, self.games)
        self.game_clock = GameClock(bot, self.games, self.recovery)
        questions = QuestionCommands(self.service)
        add_review_commands(questions, self.history)
        self.trivia.add_command(questions)
        self.trivia.add_command(BankCommands(self.service))
        self.trivia.add_command(settings_command(self.store))
        self.trivia.add_command(preview_command(self.service))

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(AnswerButton, ResetButton)
        self.game_clock.start()
        self.recovery.start()

    async def cog_unload(self) -> None:
        self.game_clock.cancel()
        self.recovery.cancel()
        self.bot.remove_dynamic_items(AnswerButton, ResetButton)

    def _now(self) -> float:
        return self.bot.clock.timestamp()

    # -- playing -------------------------------------------------------------------------------

    @trivia.command(name="start", description="Start a trivia game in this channel")
    @app_commands.describe(
        rounds="How many questions (default: the server's setting)",
        kind="Only this kind of question (default: every kind the server allows)",
        category="Only questions about events, characters or quotes (default: a mix)",
        difficulty="Only easy, medium or hard questions (from how players here did; default: any)",
        work="Which work to ask about (default: the server's story)",
    )
    @app_commands.choices(kind=KIND_CHOICES, category=CATEGORY_CHOICES, difficulty=DIFFICULTY_CHOICES)
    async def start(
        self,
        interaction: discord.Interaction,
        rounds: app_commands.Range[int, ROUNDS_RANGE[0], ROUNDS_RANGE[1]] | None = None,
        kind: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        category: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        difficulty: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None and interaction.channel_id is not None, "guild_only"
        guild_id, channel_id = interaction.guild_id, interaction.channel_id
        settings = await self.store.settings(guild_id)
        if not settings.allows_channel(channel_id):
            raise TriviaRefused("Trivia isn't played in this channel; a moderator chose other channels for it.")
        kinds = chosen_kinds(settings.kinds, kind, category)
        if self.games.in_channel(channel_id) is not None:
            raise TriviaRefused(
                "A game is already running in this channel. Answer along, or stop it with /trivia stop."
            )
        view = await self.bot.library.load(work, guild_id=guild_id)
        await interaction.response.defer()
        rules = settings.rules(rounds)
        seed = int(self._now() * 1000) ^ channel_id
        horizon = await horizon_for(interaction, view)
        _, questions = await self.service.questions(
            slug=view.slug,
            guild_id=guild_id,
            kinds=kinds,
            count=rules.rounds,
            seed=seed,
            sections=section_filter(horizon),
            channel_id=channel_id,
            difficulty=Difficulty(difficulty) if difficulty else None,
        )
        if not questions:
            await interaction.followup.send(f"I couldn't make any questions of that kind from {escaped(view.title, WORK_TITLE_CHARS)}.")
            return
        game_id = await self.store.start_game(guild_id, channel_id, view.slug, self._now(), self.bot.lease.instance)
        if game_id is None:
            await interaction.followup.send("A game is already running in this channel.")
            return
        record = GameRecord(game_id, guild_id, channel_id, view.slug, self._now())
        live = LiveGame(
            record,
            TriviaGame(questions, rules),
            view,
            interaction.user.id,
            self.bot.get_partial_messageable(channel_id, guild_id=guild_id),
        )
        self.games.add(live)
        await interaction.followup.send(
            f"**Trivia!** {len(live.game.questions)} question(s) about *{escaped(view.title, WORK_TITLE_CHARS)}*, "
            f"{settings.timeout_seconds} s each. Faster right answers score more; one answer each."
        )
        await self.games.ask(live)

    @trivia.command(name="stop", description="Stop this channel's trivia game and show the results")
    async def stop(self, interaction: discord.Interaction) -> None:
        live = self.games.in_channel(interaction.channel_id or 0)
        if live is None:
            raise TriviaRefused("No trivia game is running in this channel.")
        if interaction.user.id != live.starter_id and not await has_moderator_rights(interaction):
            raise TriviaRefused("Only whoever started the game, or a moderator, can stop it.")
        self.games.forget(live)
        await interaction.response.send_message(f"⏹ {player(interaction.user.display_name)} stopped the game.")
        await self.games.stop(live)

    async def answer(
        self,
        interaction: discord.Interaction,
        game_id: int,
        round_number: int,
        choice: str,
    ) -> None:
        """A click on an option or the "Answer" button, or a submitted modal (``choice`` "answer:<text>")."""
        try:
            await take_answer(self.games, interaction, game_id, round_number, choice)
        except Exception as error:  # clicks and forms bypass the command tree's error handler
            await answer_failure(interaction, error)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A submitted answer form (see :class:`AnswerModal`), even one opened before a restart."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        submitted = typed_answer(cast(dict[str, Any], interaction.data or {}))
        if submitted is not None:
            game_id, round_number, text = submitted
            await self.answer(interaction, game_id, round_number, f"{TYPED}:{text}")

    # -- scores --------------------------------------------------------------------------------------

    @trivia.command(name="leaderboard", description="This server's trivia leaderboard")
    @app_commands.describe(
        sort="Order by points (default), wins, accuracy or games played",
        period="This week, this month or all time (default)",
        work="Only games about this work (default: every work)",
    )
    @app_commands.choices(sort=SORT_CHOICES, period=PERIOD_CHOICES)
    async def leaderboard(
        self,
        interaction: discord.Interaction,
        sort: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        period: app_commands.Range[str, 1, CHOICE_CHARS] | None = None,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        order = LeaderboardSort(sort or LeaderboardSort.POINTS)
        span = Period(period or Period.ALL)
        about = await self.bot.library.load(work, guild_id=interaction.guild_id) if work else None
        slug = about.slug if about else None
        if span is Period.ALL and slug is None and order is not LeaderboardSort.ACCURACY:
            players = await self.store.leaderboard(interaction.guild_id, order, LEADERBOARD_SIZE)
        else:
            since = span.start(self._now())
            players = await self.history.leaderboard(
                interaction.guild_id, order, LEADERBOARD_SIZE, since=since, work_slug=slug
            )
        await interaction.response.send_message(embed=leaderboard_embed(players, order, span, work_title=about.title if about else None))

    @trivia.command(name="stats", description="Trivia statistics of a member (default: you)")
    @app_commands.describe(member="Whose statistics to show")
    async def stats(self, interaction: discord.Interaction, member: discord.Member | None = None) -> None:
        assert interaction.guild_id is not None, "guild_only"
        person = member or interaction.user
        found = await self.store.player(interaction.guild_id, person.id)
        await interaction.response.send_message(embed=stats_embed(player(person.display_name), found))

    @trivia.command(name="reset", description="Reset this server's trivia leaderboard (moderators)")
    @moderators_only
    async def reset(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "Reset the trivia leaderboard? Every player's points, wins and statistics here are deleted.",
            view=reset_view(),
            ephemeral=True,
        )

    async def reset_leaderboard(self, interaction: discord.Interaction, confirmed: bool) -> None:
        """The confirm (or cancel) button under :meth:`reset`; the clicker must still be a moderator."""
        if interaction.guild_id is None or not await has_moderator_rights(interaction):
            await send_ephemeral(interaction, "Only moderators can reset the leaderboard.")
            return
        if confirmed:
            await self.store.reset_leaderboard(interaction.guild_id)
            await self.history.reset(interaction.guild_id, self._now())
        text = "The trivia leaderboard was reset." if confirmed else "The leaderboard stays as it is."
        await interaction.response.edit_message(content=text, view=None)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(TriviaCog(bot))
