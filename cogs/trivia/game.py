"""/trivia: games in a channel, with buttons or typed answers, timeouts, scores that last, and leaderboards.

The rules live in :mod:`bot.trivia`; this cog runs games. Each question waits
for answers until its deadline, which a :mod:`discord.ext.tasks` loop compares
with the bot's clock every ``settings.tick_seconds``. Every round and answer is
stored as it happens, so a game cut by a restart is closed (its scores kept)
and announced once: by the process that owns its server's shard, as soon as the
process that ran it is gone (it stopped, or its lease lapsed after a kill).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from typing import Any, cast

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.errors import FolioError
from bot.folio_bot import FolioBot, answer_failure, send_ephemeral
from bot.library.uploads import MAX_SLUG_CHARS
from bot.library.views import WorkView
from bot.progress.chapters import section_filter
from bot.progress.tracker import Audience, last_read_paragraph
from bot.sharding import HEARTBEAT_SECONDS
from bot.storage.passage_messages import MessageKind
from bot.storage.trivia import GameRecord, TriviaStore
from bot.storage.trivia_history import TriviaHistory
from bot.trivia.game import (
    AnswerStatus,
    GameSummary,
    Round,
    StopReason,
    TriviaGame,
    replay,
)
from bot.trivia.quality import Difficulty
from bot.trivia.service import TriviaService
from bot.trivia.settings import ROUNDS_RANGE, TriviaRefused, chosen_kinds
from bot.trivia.stats import LeaderboardSort, Period
from cogs.community.passage_posts import send_passage
from cogs.core.checks import has_moderator_rights, moderators_only
from cogs.core.discord_limits import CHOICE_CHARS
from cogs.reading.quote_ui import passage_navigation
from cogs.reading.spoilers import horizon_for
from cogs.trivia.admin import BankCommands, QuestionCommands, settings_command
from cogs.trivia.feedback import add_feedback
from cogs.trivia.review import add_review_commands, preview_command
from cogs.trivia.ui import (
    CATEGORY_CHOICES,
    DIFFICULTY_CHOICES,
    GAME_COG,
    HINT,
    KIND_CHOICES,
    PERIOD_CHOICES,
    STALE_QUESTION,
    TYPED,
    WORK_TITLE_CHARS,
    AnswerButton,
    AnswerModal,
    ResetButton,
    escaped,
    leaderboard_embed,
    player,
    question_embed,
    question_view,
    reset_view,
    reveal_embed,
    stats_embed,
    summary_embed,
    typed_answer,
)

log = logging.getLogger(__name__)
LEADERBOARD_SIZE = 15
SORT_CHOICES = [app_commands.Choice(name=sort.value, value=sort.value) for sort in LeaderboardSort]
ANSWER_REPLIES = {
    AnswerStatus.ALREADY_ANSWERED: "You already answered this question: only your first answer counts.",
    AnswerStatus.CLOSED: "Time is up for this question.",
}


@dataclass(slots=True)
class LiveGame:
    record: GameRecord
    game: TriviaGame
    work: WorkView
    starter_id: int
    channel: discord.PartialMessageable
    question_message: discord.Message | None = None


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
        self.games: dict[int, LiveGame] = {}
        self._recovery: asyncio.Task[None] | None = None
        self._orphans_checked_at = 0.0
        questions = QuestionCommands(self.service)
        add_review_commands(questions, self.history)
        self.trivia.add_command(questions)
        self.trivia.add_command(BankCommands(self.service))
        self.trivia.add_command(settings_command(self.store))
        self.trivia.add_command(preview_command(self.service))

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(AnswerButton, ResetButton)
        self.ticker.change_interval(seconds=self.bot.settings.tick_seconds)
        self.ticker.start()
        self._recovery = asyncio.create_task(self._recover(), name="folio-trivia-recovery")

    async def cog_unload(self) -> None:
        self.ticker.cancel()
        if self._recovery is not None:
            self._recovery.cancel()
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
        if channel_id in self.games:
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
        self.games[channel_id] = live
        await interaction.followup.send(
            f"**Trivia!** {len(live.game.questions)} question(s) about *{escaped(view.title, WORK_TITLE_CHARS)}*, "
            f"{settings.timeout_seconds} s each. Faster right answers score more; one answer each."
        )
        await self._ask(live)

    @trivia.command(name="stop", description="Stop this channel's trivia game and show the results")
    async def stop(self, interaction: discord.Interaction) -> None:
        live = self.games.get(interaction.channel_id or 0)
        if live is None:
            raise TriviaRefused("No trivia game is running in this channel.")
        if interaction.user.id != live.starter_id and not await has_moderator_rights(interaction):
            raise TriviaRefused("Only whoever started the game, or a moderator, can stop it.")
        self.games.pop(live.record.channel_id, None)  # from now on its buttons belong to a finished game
        await interaction.response.send_message(f"⏹ {player(interaction.user.display_name)} stopped the game.")
        open_round = live.game.current
        live.game.stop(StopReason.STOPPED)
        if open_round is not None:
            await self._reveal(live, open_round)
        await self._finish(live)

    async def answer(
        self,
        interaction: discord.Interaction,
        game_id: int,
        round_number: int,
        choice: str,
    ) -> None:
        """A click on an option or the "Answer" button, or a submitted modal (``choice`` "answer:<text>")."""
        try:
            await self._answer(interaction, game_id, round_number, choice)
        except Exception as error:  # clicks and forms bypass the command tree's error handler
            await answer_failure(interaction, error)

    async def _answer(
        self,
        interaction: discord.Interaction,
        game_id: int,
        round_number: int,
        choice: str,
    ) -> None:
        live = next((live for live in self.games.values() if live.record.id == game_id), None)
        if live is not None and not _played_where(live.record, interaction):
            live = None  # another server's or channel's game: as if it were over
        current = live.game.current if live else None
        if live is None:
            await interaction.response.send_message(STALE_QUESTION, ephemeral=True)
            return
        if current is None or current.number != round_number:
            await interaction.response.send_message("That question is closed; answer the latest one.", ephemeral=True)
            return
        if interaction.user.id in current.answers:
            await interaction.response.send_message(ANSWER_REPLIES[AnswerStatus.ALREADY_ANSWERED], ephemeral=True)
            return
        if choice == HINT:
            hint = live.game.hint(interaction.user.id, self._now())
            reply = f"Hint: `{hint}` (a right answer now scores half)" if hint else ANSWER_REPLIES[AnswerStatus.CLOSED]
            await interaction.response.send_message(reply, ephemeral=True)
            return
        if choice == TYPED:
            form = AnswerModal(game_id, round_number)
            await interaction.response.send_modal(form)
            form.stop()  # its submit is handled by custom id, in on_interaction
            return
        guess = choice.removeprefix(f"{TYPED}:") if choice.startswith(f"{TYPED}:") else _option(current, choice)
        outcome = live.game.answer(interaction.user.id, interaction.user.display_name, guess, self._now())
        if outcome.status in (AnswerStatus.CORRECT, AnswerStatus.WRONG):
            if not await self.store.record_answer(game_id, current.answers[interaction.user.id]):
                outcome = replace(outcome, status=AnswerStatus.ALREADY_ANSWERED)  # scored once, already stored
        if outcome.status is AnswerStatus.CORRECT:
            streak = f" · streak {outcome.streak} 🔥" if outcome.streak > 1 else ""
            reply = f"✅ Right! +{outcome.points} points{streak}"
        elif outcome.status is AnswerStatus.WRONG:
            reply = "❌ Not quite. The answer is revealed when time is up."
        else:
            reply = ANSWER_REPLIES[outcome.status]
        await interaction.response.send_message(reply, ephemeral=True)

    @commands.Cog.listener()
    async def on_interaction(self, interaction: discord.Interaction) -> None:
        """A submitted answer form (see :class:`AnswerModal`), even one opened before a restart."""
        if interaction.type is not discord.InteractionType.modal_submit:
            return
        submitted = typed_answer(cast(dict[str, Any], interaction.data or {}))
        if submitted is not None:
            game_id, round_number, text = submitted
            await self.answer(interaction, game_id, round_number, f"{TYPED}:{text}")

    # -- the clock --------------------------------------------------------------------------------

    @tasks.loop(seconds=1.0)
    async def ticker(self) -> None:
        """Close every question whose time is up (then ask the next, or end the game), and now and then
        the games of a process that is gone."""
        now = self._now()
        if self._recovery is not None and self._recovery.done() and now - self._orphans_checked_at >= HEARTBEAT_SECONDS:
            self._recovery = asyncio.create_task(self._recover(), name="folio-trivia-recovery")
        for live in list(self.games.values()):
            if live.game.due(now):
                try:
                    await self._close_round(live)
                except discord.HTTPException as error:
                    log.warning(
                        "Trivia game %d ends: Discord refused a message (%s)",
                        live.record.id,
                        error,
                    )
                    await self._abandon(live)
                except Exception:
                    log.exception(
                        "Trivia game %d: closing a question failed; the game ends",
                        live.record.id,
                    )
                    await self._abandon(live)

    @ticker.before_loop
    async def _before_ticking(self) -> None:
        await self.bot.wait_until_ready()

    async def _ask(self, live: LiveGame) -> None:
        round_ = live.game.ask_next(self._now())
        await self.store.record_round(live.record.id, round_)
        live.question_message = await live.channel.send(
            embed=question_embed(round_, len(live.game.questions), live.work.title),
            view=question_view(live.record.id, round_),
        )

    async def _close_round(self, live: LiveGame) -> None:
        round_ = live.game.close_round()
        await self._reveal(live, round_)
        if live.game.finished:
            await self._finish(live)
        else:
            await self._ask(live)

    async def _reveal(self, live: LiveGame, round_: Round) -> None:
        if live.question_message is not None:
            try:
                await live.question_message.edit(view=question_view(live.record.id, round_, closed=True))
            except discord.HTTPException as error:
                log.warning("Could not close the buttons of a trivia question: %s", error)
        work = paragraph = None
        passage_id = round_.question.passage_id
        if passage_id is not None:
            try:
                work, paragraph = await self.bot.library.paragraph_near(passage_id, 0, guild_id=live.record.guild_id)
            except FolioError:
                pass  # the work changed since: reveal the answer without its passage
        embed = reveal_embed(round_, work, paragraph)
        if work is not None and paragraph is not None:
            horizon = await self.bot.progress.horizon(work, Audience(live.record.guild_id, (live.record.channel_id,)))
            navigation = passage_navigation(work, paragraph, last_read_paragraph(work, horizon))
            view = add_feedback(navigation, live.record.id, round_.number)
            await send_passage(
                self.bot,
                live.channel,
                paragraph,
                MessageKind.TRIVIA,
                embed=embed,
                view=view,
            )
        else:
            await live.channel.send(embed=embed, view=add_feedback(discord.ui.View(timeout=None), live.record.id, round_.number))

    async def _finish(self, live: LiveGame) -> None:
        self.games.pop(live.record.channel_id, None)
        summary = live.game.summary()
        if not await self.store.finish_game(live.record, summary.standings, reason=summary.reason.value, now=self._now()):
            log.warning("Trivia game %d was already closed (its scores are kept); not announcing it again", live.record.id)
            return
        await live.channel.send(embed=summary_embed(summary))

    async def _abandon(self, live: LiveGame) -> None:
        """End a game that cannot go on (its channel refuses the bot), keeping its scores."""
        self.games.pop(live.record.channel_id, None)
        live.game.stop(StopReason.FAILED)
        standings = live.game.summary().standings
        try:
            await self.store.finish_game(live.record, standings, reason=StopReason.FAILED.value, now=self._now())
        except Exception:  # the loop must go on for the other channels' games
            log.exception(
                "Trivia game %d could not be closed; the next start closes it",
                live.record.id,
            )

    async def _recover(self) -> None:
        await self.bot.wait_until_ready()
        self._orphans_checked_at = self._now()
        try:
            await self._close_cut_games()
        except Exception:
            log.exception("Closing the trivia games a restart cut short failed; they stay open until the next check")

    async def _close_cut_games(self) -> None:
        """Close the games of this process's servers that a gone process ran (keeping their scores), and
        say so in their channels, once: a game closed by another process first is left alone."""
        live_ids = {live.record.id for live in self.games.values()}
        for record in await self.store.orphaned_games(await self.bot.lease.live_instances()):
            if record.id in live_ids or not self.bot.owns_guild(record.guild_id):
                continue
            standings = replay(await self.store.answers(record.id))
            if not await self.store.finish_game(
                record,
                standings,
                reason=StopReason.INTERRUPTED.value,
                now=self._now(),
                interrupted=True,
            ):
                continue
            summary = GameSummary(
                await self.store.rounds_asked(record.id),
                StopReason.INTERRUPTED,
                standings,
            )
            channel = self.bot.get_partial_messageable(record.channel_id, guild_id=record.guild_id)
            try:
                await channel.send(embed=summary_embed(summary, interrupted=True))
            except discord.HTTPException as error:
                log.warning("Could not announce the end of trivia game %d: %s", record.id, error)

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


def _played_where(record: GameRecord, interaction: discord.Interaction) -> bool:
    """Whether the game runs in the server and channel the click or form came from (game ids count
    across servers, so an id alone could reach another server's game)."""
    return record.guild_id == interaction.guild_id and record.channel_id == interaction.channel_id


def _option(round_: Round, choice: str) -> str:
    options = round_.question.options
    return options[int(choice)] if choice.isdigit() and int(choice) < len(options) else ""


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(TriviaCog(bot))
