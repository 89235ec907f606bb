"""Trivia's embeds, buttons and modal (builders only; games run in :mod:`cogs.trivia.live_games`).

Answer buttons are persistent :class:`~discord.ui.DynamicItem`\\ s: their custom id
(``folio:t:<game>:<round>:<choice>``) says which game, question and option, so a
click on a question from before a restart is answered clearly rather than failing.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.library.views import WorkView
from bot.storage.trivia_history import MIN_ANSWERS_FOR_ACCURACY
from bot.text.excerpt import shorten
from bot.text.markup import plain_text
from bot.text.model import Passage
from bot.trivia.game import GameSummary, PlayerScore, Round
from bot.trivia.quality import Difficulty
from bot.trivia.question import AnswerFormat, Category, QuestionKind
from bot.trivia.settings import TriviaSettings
from bot.trivia.stats import LeaderboardSort, Period, PlayerStats
from cogs.core.discord_limits import EMBED_DESCRIPTION, EMBED_TITLE, FIELD_NAME, FIELD_VALUE
from cogs.core.gating import CapabilityGate
from cogs.core.safe_text import echoed

TRIVIA_COLOUR = discord.Colour.from_rgb(0xE0, 0x9F, 0x3E)
LETTERS = "ABCDE"
OPTION_CHARS = 200
TEXT_CHARS = 3000
"""A question or explanation shown in an embed (leaving room in its 6000 characters for the rest)."""
NAME_CHARS = 32
WORK_TITLE_CHARS = 100
PASSAGE_CHARS = 1000
SHOWN_PLAYERS = 10
ANSWER_INPUT = "answer"
MAX_TYPED_ANSWER = 100
TYPED = "answer"
"""The choice part of the custom id of the "Answer" button of a typed question."""
HINT = "hint"
"""The choice part of the custom id of the "Hint" button of a typed question."""
GAME_COG = "TriviaCog"
KIND_CHOICES = [app_commands.Choice(name=kind.value, value=kind.value) for kind in QuestionKind]
CATEGORY_CHOICES = [app_commands.Choice(name=category.value, value=category.value) for category in Category]
DIFFICULTY_CHOICES = [app_commands.Choice(name=level.value, value=level.value) for level in Difficulty]
PERIOD_NAMES = {Period.WEEK: "this week", Period.MONTH: "this month", Period.ALL: "all time"}
PERIOD_CHOICES = [app_commands.Choice(name=PERIOD_NAMES[period], value=period.value) for period in Period]
STALE_QUESTION = "This question is over: its game ended (or the bot restarted since). Start a new one with `/trivia start`."


def escaped(text: str, limit: int = TEXT_CHARS) -> str:
    """User or upload text as trivia shows it: shortened to ``limit``, then escaped (see :func:`echoed`)."""
    return echoed(text, limit)


def player(name: str) -> str:
    """A player's name as embeds show it: escaped, and no longer than Discord's display names."""
    return escaped(name, NAME_CHARS)


# -- questions, answers, results ----------------------------------------------------------------


def question_embed(round_: Round, rounds: int, work_title: str) -> discord.Embed:
    question = round_.question
    embed = discord.Embed(
        title=shorten(f"Question {round_.number} of {rounds} · {question.kind.value.replace('-', ' ')}", EMBED_TITLE),
        description=shorten(question.text, TEXT_CHARS),
        colour=TRIVIA_COLOUR,
    )
    if question.format is AnswerFormat.CHOICE:
        lines = [
            f"**{letter}.** {shorten(plain_text(option), OPTION_CHARS)}" for letter, option in zip(LETTERS, question.options)
        ]
        embed.add_field(name="Options", value=shorten("\n".join(lines), FIELD_VALUE), inline=False)
    how = "Type your answer with the button below." if question.format is AnswerFormat.TEXT else "Pick one below."
    embed.add_field(name="Time", value=f"Closes <t:{int(round_.deadline)}:R>", inline=False)
    embed.set_footer(text=f"{shorten(work_title, WORK_TITLE_CHARS)} · {how} One answer each.")
    return embed


def question_view(game_id: int, round_: Round, *, closed: bool = False) -> discord.ui.View:
    """The question's buttons: a letter per option, True and False, or "Answer" (opens a modal)."""
    view = discord.ui.View(timeout=None)
    question = round_.question
    if question.format is AnswerFormat.TEXT:
        buttons = [(TYPED, "Answer"), (HINT, "Hint (½ points)")]
    elif question.format is AnswerFormat.TRUE_FALSE:
        buttons = [(str(index), plain_text(option)) for index, option in enumerate(question.options)]
    else:
        buttons = [(str(index), LETTERS[index]) for index in range(len(question.options))]
    for choice, label in buttons:
        view.add_item(AnswerButton(game_id, round_.number, choice, label=label, disabled=closed))
    return view


def reveal_embed(round_: Round, work: WorkView | None, paragraph: Passage | None) -> discord.Embed:
    """The answer, who got it, and the passage it comes from."""
    question = round_.question
    right = sorted((a for a in round_.answers.values() if a.correct), key=lambda a: a.answered_at)
    embed = discord.Embed(title=shorten(f"The answer: {plain_text(question.answer)}", EMBED_TITLE), colour=TRIVIA_COLOUR)
    if question.explanation:
        embed.description = escaped(question.explanation, TEXT_CHARS)
    if right:
        names = ", ".join(f"{player(a.player_name)} (+{a.points})" for a in right[:SHOWN_PLAYERS])
        more = f" and {len(right) - SHOWN_PLAYERS} more" if len(right) > SHOWN_PLAYERS else ""
        embed.add_field(name=f"Right ({len(right)} of {len(round_.answers)})", value=shorten(names + more, FIELD_VALUE))
    else:
        embed.add_field(name="Right", value="Nobody this time." if round_.answers else "Nobody answered.")
    if work is not None and paragraph is not None:
        embed.add_field(name=shorten(str(work.location(paragraph)), FIELD_NAME), value=shorten(paragraph.text, PASSAGE_CHARS), inline=False)
    return embed


def summary_embed(summary: GameSummary, *, interrupted: bool = False) -> discord.Embed:
    title = "Trivia cut short by a restart" if interrupted else "Trivia over"
    embed = discord.Embed(title=title, colour=TRIVIA_COLOUR)
    winner = summary.winner
    headline = f"🏆 **{player(winner.name)}** wins with {winner.points} points!" if winner and not interrupted else ""
    embed.description = f"{headline}\n{summary.rounds_played} question(s); the game ended because {summary.reason.value}."
    embed.add_field(name="Scores", value=_scores(summary.standings), inline=False)
    return embed


def _scores(standings: list[PlayerScore]) -> str:
    if not standings:
        return "Nobody played."
    lines = [
        f"{place}. {player(p.name)} — {p.points} pts ({p.correct}/{p.answered} right, best streak {p.best_streak})"
        for place, p in enumerate(standings[:SHOWN_PLAYERS], 1)
    ]
    return shorten("\n".join(lines), FIELD_VALUE)


# -- leaderboards, stats, settings ------------------------------------------------------------


def leaderboard_embed(
    players: list[PlayerStats], sort: LeaderboardSort, period: Period = Period.ALL, *, work_title: str | None = None
) -> discord.Embed:
    about = f" · {escaped(shorten(work_title, WORK_TITLE_CHARS))}" if work_title else ""
    title = shorten(f"Trivia leaderboard · {PERIOD_NAMES[period]} · by {sort.value}{about}", EMBED_TITLE)
    embed = discord.Embed(title=title, colour=TRIVIA_COLOUR)
    if not players:
        embed.description = "Nobody has played here yet. Start a game with `/trivia start`."
        if sort is LeaderboardSort.ACCURACY:
            embed.description = f"Nobody has answered {MIN_ANSWERS_FOR_ACCURACY} questions yet in that time."
        return embed
    embed.description = shorten(
        "\n".join(
            f"{place}. **{player(p.name)}** — {p.points} pts · {p.wins} win(s) · {p.accuracy:.0%} right · {p.games} game(s)"
            for place, p in enumerate(players, 1)
        ),
        EMBED_DESCRIPTION,
    )
    return embed


def stats_embed(name: str, stats: PlayerStats | None) -> discord.Embed:
    embed = discord.Embed(title=shorten(f"Trivia stats · {name}", EMBED_TITLE), colour=TRIVIA_COLOUR)
    if stats is None:
        embed.description = "No trivia played here yet."
        return embed
    for label, value in (
        ("Points", stats.points), ("Games", stats.games), ("Wins", stats.wins),
        ("Right", f"{stats.correct} of {stats.answered} ({stats.accuracy:.0%})"), ("Best streak", stats.best_streak),
    ):
        embed.add_field(name=label, value=str(value))
    return embed


def settings_embed(settings: TriviaSettings) -> discord.Embed:
    embed = discord.Embed(title="Trivia settings", colour=TRIVIA_COLOUR)
    channels = ", ".join(f"<#{channel}>" for channel in sorted(settings.channels)) or "every channel"
    for label, value in (
        ("Time per question", f"{settings.timeout_seconds} s"),
        ("Questions per game", settings.rounds),
        ("Points per right answer", settings.points),
        ("Score to win", settings.score_to_win or "off"),
        ("End after unanswered in a row", settings.max_unanswered or "off"),
        ("Kinds", ", ".join(sorted(settings.kinds))),
        ("Channels", shorten(channels, FIELD_VALUE)),
    ):
        embed.add_field(name=label, value=str(value), inline=label not in ("Kinds", "Channels"))
    return embed


# -- interactive items ------------------------------------------------------------------------


class GameTable(Protocol):
    """What the buttons ask the trivia cog to do."""

    async def answer(self, interaction: discord.Interaction, game_id: int, round_number: int, choice: str) -> None: ...

    async def reset_leaderboard(self, interaction: discord.Interaction, confirmed: bool) -> None: ...


def _table(interaction: discord.Interaction) -> GameTable:
    return cast(GameTable, cast(commands.Bot, interaction.client).get_cog(GAME_COG))


ANSWER_ID = re.compile(r"folio:t:(?P<game>\d{1,19}):(?P<round>\d{1,4}):(?P<choice>\d|answer|hint)")


class AnswerButton(CapabilityGate, discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"folio:t:.*"):
    """An option of a question (or its "Answer" button); every ``folio:t:`` id is claimed, a damaged one answered."""

    capability = "trivia"

    def __init__(self, game_id: int, round_number: int, choice: str, *, label: str = "?", disabled: bool = False) -> None:
        style = {TYPED: discord.ButtonStyle.success, HINT: discord.ButtonStyle.secondary}.get(
            choice, discord.ButtonStyle.primary
        )
        super().__init__(
            discord.ui.Button(
                style=style, label=label, custom_id=f"folio:t:{game_id}:{round_number}:{choice}", disabled=disabled
            )
        )
        self.game_id, self.round_number, self.choice = game_id, round_number, choice

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> AnswerButton:
        parts = ANSWER_ID.fullmatch(item.custom_id or "")
        if parts is None:
            return cls(0, 0, "0")  # game 0 never exists: answered as a finished game
        return cls(int(parts["game"]), int(parts["round"]), parts["choice"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _table(interaction).answer(interaction, self.game_id, self.round_number, self.choice)


MODAL_ID = re.compile(r"folio:ta:(?P<game>\d{1,19}):(?P<round>\d{1,4})")


class AnswerModal(discord.ui.Modal):
    """Where a typed answer is written. Its submit is handled by custom id (see :func:`typed_answer`),
    not by this object, so a form opened before a restart is still answered after it."""

    def __init__(self, game_id: int, round_number: int) -> None:
        super().__init__(title="Your answer", custom_id=f"folio:ta:{game_id}:{round_number}", timeout=None)
        self.add_item(
            discord.ui.TextInput(
                label="Answer", custom_id=ANSWER_INPUT, max_length=MAX_TYPED_ANSWER, placeholder="Small typos are fine"
            )
        )


def typed_answer(data: dict[str, Any]) -> tuple[int, int, str] | None:
    """The game, round and text of a submitted :class:`AnswerModal`, from the interaction's data."""
    parts = MODAL_ID.fullmatch(str(data.get("custom_id", "")))
    if parts is None:
        return None
    inputs = [child for row in data.get("components", []) for child in [row.get("component"), *row.get("components", [])]]
    text = next((child.get("value", "") for child in inputs if child and child.get("custom_id") == ANSWER_INPUT), "")
    return int(parts["game"]), int(parts["round"]), text


class ResetButton(
    CapabilityGate, discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"folio:treset:(?P<choice>yes|no)"
):
    """Confirms (or cancels) wiping a server's trivia leaderboard; checked again when clicked, and off
    with trivia."""

    capability = "trivia"

    def __init__(self, confirmed: bool) -> None:
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.danger if confirmed else discord.ButtonStyle.secondary,
                label="Reset the leaderboard" if confirmed else "Cancel",
                custom_id=f"folio:treset:{'yes' if confirmed else 'no'}",
            )
        )
        self.confirmed = confirmed

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> ResetButton:
        return cls(match["choice"] == "yes")

    async def callback(self, interaction: discord.Interaction) -> None:
        await _table(interaction).reset_leaderboard(interaction, self.confirmed)


def reset_view() -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(ResetButton(True))
    view.add_item(ResetButton(False))
    return view
