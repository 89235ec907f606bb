"""A server's trivia settings: checked ranges, stop rules switched off with 0, and the rules they make."""

import pytest

from bot.trivia.question import QuestionKind
from bot.trivia.settings import InvalidSetting, TriviaSettings


def test_rules_follow_the_settings_and_a_chosen_round_count() -> None:
    rules = TriviaSettings(timeout_seconds=20, rounds=7, points=20, score_to_win=80).rules()
    assert (rules.rounds, rules.timeout_seconds, rules.points, rules.score_to_win) == (7, 20.0, 20, 80)
    assert rules.speed_bonus == 10 and TriviaSettings().rules(rounds=3).rounds == 3


def test_changes_are_checked_and_none_leaves_a_setting_alone() -> None:
    settings = TriviaSettings().changed(timeout_seconds=45, rounds=None)
    assert settings.timeout_seconds == 45 and settings.rounds == TriviaSettings().rounds
    with pytest.raises(InvalidSetting, match="timeout seconds must be between 10 and 300, not 5"):
        TriviaSettings().changed(timeout_seconds=5)
    with pytest.raises(InvalidSetting, match="At least one kind"):
        TriviaSettings().changed(kinds=frozenset())


def test_stop_rules_are_switched_off_with_zero() -> None:
    settings = TriviaSettings().switched(score_to_win=50, max_unanswered=0)
    assert settings.score_to_win == 50 and settings.max_unanswered is None
    assert settings.switched(score_to_win=None, max_unanswered=None) == settings
    assert settings.switched(score_to_win=0, max_unanswered=None).score_to_win is None


def test_channels_allow_everywhere_until_one_is_chosen() -> None:
    assert TriviaSettings().allows_channel(5)
    chosen = TriviaSettings(channels=frozenset({7}), kinds=frozenset({QuestionKind.PLOT}))
    assert chosen.allows_channel(7) and not chosen.allows_channel(5)
