"""The trivia games this process runs, one per channel, and what each says there: questions, reveals, results.

Every round is stored as it is asked and a game's scores when it ends, so a game
cut short can be closed by another process (see :mod:`cogs.trivia.recovery`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import discord

from bot.errors import FolioError
from bot.folio_bot import FolioBot
from bot.library.views import WorkView
from bot.progress.tracker import Audience, last_read_paragraph
from bot.storage.passage_messages import MessageKind
from bot.storage.trivia import GameRecord, TriviaStore
from bot.trivia.game import Round, StopReason, TriviaGame
from cogs.community.passage_posts import send_passage
from cogs.reading.quote_ui import passage_navigation
from cogs.trivia.feedback import add_feedback
from cogs.trivia.ui import question_embed, question_view, reveal_embed, summary_embed

log = logging.getLogger(__name__)


@dataclass(slots=True)
class LiveGame:
    record: GameRecord
    game: TriviaGame
    work: WorkView
    starter_id: int
    channel: discord.PartialMessageable
    question_message: discord.Message | None = None


class LiveGames:
    """This process's running games by channel, each taken from question to question until its results."""

    def __init__(self, bot: FolioBot, store: TriviaStore) -> None:
        self.bot = bot
        self.store = store
        self._by_channel: dict[int, LiveGame] = {}

    def now(self) -> float:
        return self.bot.clock.timestamp()

    def in_channel(self, channel_id: int) -> LiveGame | None:
        return self._by_channel.get(channel_id)

    def with_id(self, game_id: int) -> LiveGame | None:
        return next((live for live in self._by_channel.values() if live.record.id == game_id), None)

    def ids(self) -> set[int]:
        return {live.record.id for live in self._by_channel.values()}

    def add(self, live: LiveGame) -> None:
        """Run ``live`` in its channel from now on (its first question is for :meth:`ask`)."""
        self._by_channel[live.record.channel_id] = live

    def forget(self, live: LiveGame) -> None:
        """Stop running ``live``: from now on its buttons belong to a finished game."""
        self._by_channel.pop(live.record.channel_id, None)

    async def stop(self, live: LiveGame) -> None:
        """End ``live`` early (its starter or a moderator asked, and it was forgotten already): reveal the
        open question, then the results."""
        open_round = live.game.current
        live.game.stop(StopReason.STOPPED)
        if open_round is not None:
            await self.reveal(live, open_round)
        await self.finish(live)

    async def close_due(self, now: float) -> None:
        """Close every question whose time is up at ``now`` (then ask the next, or end the game); a game
        whose question cannot be closed ends, keeping its scores."""
        for live in list(self._by_channel.values()):
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

    async def ask(self, live: LiveGame) -> None:
        round_ = live.game.ask_next(self.now())
        await self.store.record_round(live.record.id, round_)
        live.question_message = await live.channel.send(
            embed=question_embed(round_, len(live.game.questions), live.work.title),
            view=question_view(live.record.id, round_),
        )

    async def _close_round(self, live: LiveGame) -> None:
        round_ = live.game.close_round()
        await self.reveal(live, round_)
        if live.game.finished:
            await self.finish(live)
        else:
            await self.ask(live)

    async def reveal(self, live: LiveGame, round_: Round) -> None:
        """Close the question's buttons and show its answer, with its passage when the work still has it."""
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

    async def finish(self, live: LiveGame) -> None:
        """Store the game's results and show them, once."""
        self.forget(live)
        summary = live.game.summary()
        if not await self.store.finish_game(live.record, summary.standings, reason=summary.reason.value, now=self.now()):
            log.warning("Trivia game %d was already closed (its scores are kept); not announcing it again", live.record.id)
            return
        await live.channel.send(embed=summary_embed(summary))

    async def _abandon(self, live: LiveGame) -> None:
        """End a game that cannot go on (its channel refuses the bot), keeping its scores."""
        self.forget(live)
        live.game.stop(StopReason.FAILED)
        standings = live.game.summary().standings
        try:
            await self.store.finish_game(live.record, standings, reason=StopReason.FAILED.value, now=self.now())
        except Exception:  # the loop must go on for the other channels' games
            log.exception(
                "Trivia game %d could not be closed; the next start closes it",
                live.record.id,
            )
