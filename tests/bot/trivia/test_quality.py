"""How hard a question is, when reports retire it, and which questions a game may ask."""

from bot.trivia.quality import (
    Admission,
    AnswerCounts,
    Difficulty,
    Status,
    difficulty,
    key_of,
    question_key,
    retires,
)
from bot.trivia.question import Question, QuestionKind

EVENT = Question(QuestionKind.EVENT, "Who rowed the dinghy across the harbour?", "Theo", ("Theo", "Ann", "Bea", "Cy"))


def test_difficulty_comes_from_the_players_once_enough_answered() -> None:
    assert difficulty(QuestionKind.TRUE_OR_FALSE, None) is Difficulty.EASY
    assert difficulty(QuestionKind.FINISH_THE_QUOTE, AnswerCounts(4, 4)) is Difficulty.HARD  # too few: the kind's
    assert difficulty(QuestionKind.FINISH_THE_QUOTE, AnswerCounts(10, 8)) is Difficulty.EASY
    assert difficulty(QuestionKind.TRUE_OR_FALSE, AnswerCounts(10, 3)) is Difficulty.HARD
    assert difficulty(QuestionKind.EVENT, AnswerCounts(10, 5)) is Difficulty.MEDIUM


def test_three_reports_retire_a_question_unless_a_moderator_restored_it() -> None:
    assert not retires(2, None) and retires(3, None)
    assert not retires(9, Status.RESTORED) and not retires(9, Status.RETIRED)


def test_keys_are_stable_and_tell_works_apart() -> None:
    assert key_of("lamp", EVENT) == question_key("lamp", "event", EVENT.text, "Theo")
    assert key_of("lamp", EVENT) != key_of("dracula", EVENT) and len(key_of("lamp", EVENT)) == 20


def test_admission_leaves_out_recent_retired_and_other_difficulties() -> None:
    assert Admission("lamp")(EVENT)
    assert not Admission("lamp", recent={EVENT.text})(EVENT)
    assert Admission("lamp", recent={EVENT.text}).allowing_repeats()(EVENT)
    assert not Admission("lamp", excluded={key_of("lamp", EVENT)})(EVENT)
    assert not Admission("lamp", excluded={key_of("lamp", EVENT)}).allowing_repeats()(EVENT)
    assert Admission("lamp", wanted=Difficulty.MEDIUM)(EVENT)
    assert not Admission("lamp", wanted=Difficulty.HARD)(EVENT)
    assert Admission("lamp", wanted=Difficulty.HARD, counts={EVENT.text: AnswerCounts(8, 1)})(EVENT)
