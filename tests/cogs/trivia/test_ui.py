"""Trivia's embeds, buttons and modal stay within Discord's limits, however long the text."""

from __future__ import annotations

import discord

from bot.trivia.game import Answer, GameSummary, PlayerScore, Round, StopReason
from bot.trivia.question import FALSE, TRUE, Question, QuestionKind
from bot.trivia.settings import TriviaSettings
from bot.trivia.stats import LeaderboardSort, PlayerStats
from cogs.trivia.ui import (
    AnswerModal,
    leaderboard_embed,
    question_embed,
    question_view,
    reveal_embed,
    settings_embed,
    stats_embed,
    summary_embed,
)
from tests.cogs.reading.test_quote_ui import assert_within_limits

LONG = "Ö" * 5000
BIG_ID = 2**63 - 1


def buttons(view: discord.ui.View) -> list[dict[str, object]]:
    return [button for row in view.to_components() for button in row["components"]]


def round_of(question: Question, answers: int = 0) -> Round:
    round_ = Round(9999, question, 1.0, 31.0)
    for player in range(answers):
        round_.answers[player] = Answer(9999, player, LONG, player % 2 == 0, 15, 2.0 + player)
    return round_


def test_question_embeds_and_buttons_fit() -> None:
    for question in (
        Question(QuestionKind.WHICH_CAME_FIRST, LONG, LONG[:10], options=(LONG[:10], LONG[:20], LONG[:30], LONG[:40])),
        Question(QuestionKind.TRUE_OR_FALSE, LONG, TRUE, options=(TRUE, FALSE)),
        Question(QuestionKind.PLOT, LONG, "x"),
    ):
        round_ = round_of(question)
        assert_within_limits(question_embed(round_, 50, LONG))
        rendered = buttons(question_view(BIG_ID, round_))
        ids = [button["custom_id"] for button in rendered]
        assert ids and len(set(ids)) == len(ids) and all(len(custom_id) <= 100 for custom_id in ids)
        assert all(len(button["label"]) <= 80 for button in rendered)
    closed = question_view(BIG_ID, round_of(Question(QuestionKind.PLOT, "Q", TRUE, options=(TRUE, FALSE))), closed=True)
    assert all(button["disabled"] for button in buttons(closed))


def test_reveal_summary_and_boards_fit_with_many_long_names() -> None:
    question = Question(QuestionKind.PLOT, LONG, LONG, explanation=LONG)
    assert_within_limits(reveal_embed(round_of(question, answers=200), None, None))
    players = [PlayerScore(n, LONG, points=100 - n, correct=1, answered=2) for n in range(100)]
    assert_within_limits(summary_embed(GameSummary(50, StopReason.ROUNDS, players)))
    assert_within_limits(summary_embed(GameSummary(0, StopReason.INTERRUPTED, []), interrupted=True))
    stats = [PlayerStats(n, LONG, 10, 1, 1, 1, 2, 1) for n in range(15)]
    assert_within_limits(leaderboard_embed(stats, LeaderboardSort.ACCURACY))
    assert_within_limits(stats_embed(LONG, stats[0]))
    assert_within_limits(settings_embed(TriviaSettings(channels=frozenset(range(10**17, 10**17 + 200)))))


def test_names_are_escaped() -> None:
    players = [PlayerScore(1, "**@everyone**", points=5, correct=1, answered=1)]
    text = summary_embed(GameSummary(1, StopReason.ROUNDS, players)).description or ""
    assert "\\*\\*@\u200beveryone\\*\\*" in text


def test_the_answer_modal_fits() -> None:
    modal = AnswerModal(BIG_ID, 9999)
    payload = modal.to_dict()
    assert len(payload["custom_id"]) <= 100 and 1 <= len(payload["title"]) <= 45
