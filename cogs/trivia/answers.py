"""A player's answer to a trivia question: a click on an option, the "Answer" or hint button, or a
submitted form; matched to its game by server and channel as well as by id."""

from __future__ import annotations

from dataclasses import replace

import discord

from bot.storage.trivia import GameRecord
from bot.trivia.game import AnswerStatus, Round
from cogs.trivia.live_games import LiveGames
from cogs.trivia.ui import HINT, STALE_QUESTION, TYPED, AnswerModal

ANSWER_REPLIES = {
    AnswerStatus.ALREADY_ANSWERED: "You already answered this question: only your first answer counts.",
    AnswerStatus.CLOSED: "Time is up for this question.",
}


async def take_answer(
    games: LiveGames,
    interaction: discord.Interaction,
    game_id: int,
    round_number: int,
    choice: str,
) -> None:
    """Score ``choice`` (an option's number, :data:`HINT`, :data:`TYPED` or ``"answer:<text>"``) for the
    round ``round_number`` of game ``game_id``, and tell the player privately how it went."""
    live = games.with_id(game_id)
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
        hint = live.game.hint(interaction.user.id, games.now())
        reply = f"Hint: `{hint}` (a right answer now scores half)" if hint else ANSWER_REPLIES[AnswerStatus.CLOSED]
        await interaction.response.send_message(reply, ephemeral=True)
        return
    if choice == TYPED:
        form = AnswerModal(game_id, round_number)
        await interaction.response.send_modal(form)
        form.stop()  # its submit is handled by custom id, in on_interaction
        return
    guess = choice.removeprefix(f"{TYPED}:") if choice.startswith(f"{TYPED}:") else _option(current, choice)
    outcome = live.game.answer(interaction.user.id, interaction.user.display_name, guess, games.now())
    if outcome.status in (AnswerStatus.CORRECT, AnswerStatus.WRONG):
        if not await games.store.record_answer(game_id, current.answers[interaction.user.id]):
            outcome = replace(outcome, status=AnswerStatus.ALREADY_ANSWERED)  # scored once, already stored
    if outcome.status is AnswerStatus.CORRECT:
        streak = f" · streak {outcome.streak} 🔥" if outcome.streak > 1 else ""
        reply = f"✅ Right! +{outcome.points} points{streak}"
    elif outcome.status is AnswerStatus.WRONG:
        reply = "❌ Not quite. The answer is revealed when time is up."
    else:
        reply = ANSWER_REPLIES[outcome.status]
    await interaction.response.send_message(reply, ephemeral=True)


def _played_where(record: GameRecord, interaction: discord.Interaction) -> bool:
    """Whether the game runs in the server and channel the click or form came from (game ids count
    across servers, so an id alone could reach another server's game)."""
    return record.guild_id == interaction.guild_id and record.channel_id == interaction.channel_id


def _option(round_: Round, choice: str) -> str:
    options = round_.question.options
    return options[int(choice)] if choice.isdigit() and int(choice) < len(options) else ""
