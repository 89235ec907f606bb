"""Game rules: deadlines, one answer per player, points and speed bonus, streaks, stop rules, ties."""

from bot.trivia.game import AnswerStatus, GameRules, StopReason, TriviaGame, replay
from bot.trivia.question import Question, QuestionKind

RULES = GameRules(rounds=3, timeout_seconds=20, points=10, speed_bonus=4, streak_bonus=2, max_streak_bonus=4)
ALICE, BOB, CAROL = 1, 2, 3


def choice(n: int) -> Question:
    return Question(QuestionKind.PLOT, f"Q{n}?", "Lydia", options=("Derek", "Lydia", "Stiles"))


def typed(n: int) -> Question:
    return Question(QuestionKind.PLOT, f"Q{n}?", "The loft", accepted=("Derek's loft",), rivals=("The library",))


def game(rules: GameRules = RULES, questions: list[Question] | None = None) -> TriviaGame:
    return TriviaGame(questions or [choice(n) for n in range(10)], rules)


def test_points_fall_with_time_and_only_correct_answers_score() -> None:
    trivia = game()
    trivia.ask_next(now=100)
    assert trivia.answer(ALICE, "Alice", "Lydia", now=100).points == 14  # instant: full speed bonus
    assert trivia.answer(BOB, "Bob", "Lydia", now=110).points == 12  # half the time left
    wrong = trivia.answer(CAROL, "Carol", "Derek", now=101)
    assert wrong.status is AnswerStatus.WRONG and wrong.points == 0
    assert trivia.answer(3_000, "Late", "Lydia", now=120.5).status is AnswerStatus.CLOSED


def test_one_answer_per_player_per_question() -> None:
    trivia = game()
    trivia.ask_next(now=0)
    assert trivia.answer(ALICE, "Alice", "Derek", now=1).status is AnswerStatus.WRONG
    again = trivia.answer(ALICE, "Alice", "Lydia", now=2)
    assert again.status is AnswerStatus.ALREADY_ANSWERED and again.points == 0
    assert trivia.scores[ALICE].points == 0 and trivia.scores[ALICE].answered == 1


def test_many_simultaneous_correct_answers_each_score_once() -> None:
    trivia = game()
    trivia.ask_next(now=0)
    outcomes = [trivia.answer(player, f"P{player}", "Lydia", now=5) for player in range(50)]
    assert all(outcome.status is AnswerStatus.CORRECT for outcome in outcomes)
    assert len(trivia.current.answers) == 50 and all(s.points == 13 for s in trivia.scores.values())


def test_streaks_add_a_capped_bonus_and_break_on_a_miss() -> None:
    trivia = game(GameRules(rounds=6, timeout_seconds=20, points=10, speed_bonus=0, streak_bonus=2, max_streak_bonus=4))
    points = []
    for round_number in range(4):
        trivia.ask_next(now=round_number * 100)
        points.append(trivia.answer(ALICE, "Alice", "Lydia", now=round_number * 100 + 1).points)
        trivia.close_round()
    assert points == [10, 12, 14, 14]
    assert trivia.scores[ALICE].streak == 4 and trivia.scores[ALICE].best_streak == 4
    trivia.ask_next(now=500)
    trivia.close_round()  # Alice sat this one out
    assert trivia.scores[ALICE].streak == 0 and trivia.scores[ALICE].best_streak == 4


def test_typed_answers_are_judged_fairly() -> None:
    trivia = game(questions=[typed(1)])
    trivia.ask_next(now=0)
    assert trivia.answer(ALICE, "Alice", "it was the lfot!", now=1).status is AnswerStatus.CORRECT
    assert trivia.answer(BOB, "Bob", "the library", now=1).status is AnswerStatus.WRONG
    assert trivia.answer(CAROL, "Carol", "derek's loft", now=1).status is AnswerStatus.CORRECT


def test_deadline_and_the_question_count_end_the_game() -> None:
    trivia = game()
    for round_number in range(3):
        trivia.ask_next(now=round_number * 100)
        trivia.answer(ALICE, "Alice", "Lydia", now=round_number * 100)
        assert not trivia.due(now=round_number * 100 + 19.9) and trivia.due(now=round_number * 100 + 20)
        trivia.close_round()
    assert trivia.stop_reason is StopReason.ROUNDS and trivia.summary().rounds_played == 3


def test_a_score_to_win_ends_the_game_early() -> None:
    trivia = game(GameRules(rounds=10, timeout_seconds=20, score_to_win=25))
    for round_number in range(2):
        trivia.ask_next(now=round_number * 100)
        trivia.answer(BOB, "Bob", "Lydia", now=round_number * 100)
        trivia.close_round()
    assert trivia.stop_reason is StopReason.SCORE and trivia.summary().winner.player_id == BOB


def test_unanswered_questions_in_a_row_end_the_game() -> None:
    trivia = game(GameRules(rounds=10, timeout_seconds=20, max_unanswered=2))
    trivia.ask_next(now=0)
    trivia.close_round()
    trivia.ask_next(now=100)
    trivia.answer(ALICE, "Alice", "Derek", now=101)  # a wrong answer is still an answer
    trivia.close_round()
    trivia.ask_next(now=200)
    trivia.close_round()
    assert not trivia.finished
    trivia.ask_next(now=300)
    trivia.close_round()
    assert trivia.stop_reason is StopReason.UNANSWERED


def test_running_out_of_questions_ends_the_game() -> None:
    trivia = game(GameRules(rounds=10), questions=[choice(1)])
    trivia.ask_next(now=0)
    trivia.close_round()
    assert trivia.stop_reason is StopReason.OUT_OF_QUESTIONS


def test_ties_go_to_whoever_got_there_first() -> None:
    trivia = game(GameRules(rounds=3, timeout_seconds=20, speed_bonus=0))
    trivia.ask_next(now=0)
    trivia.answer(BOB, "Bob", "Lydia", now=3)
    trivia.answer(ALICE, "Alice", "Lydia", now=2)
    trivia.close_round()
    trivia.stop()
    summary = trivia.summary()
    assert [p.player_id for p in summary.standings] == [ALICE, BOB] and summary.winner.player_id == ALICE
    assert summary.reason is StopReason.STOPPED


def test_nobody_wins_a_game_without_points() -> None:
    trivia = game()
    trivia.ask_next(now=0)
    trivia.answer(ALICE, "Alice", "Derek", now=1)
    trivia.stop()
    assert trivia.summary().winner is None


def test_stored_answers_replay_to_the_same_standings() -> None:
    trivia = game()
    for round_number in range(3):
        trivia.ask_next(now=round_number * 100)
        trivia.answer(ALICE, "Alice", "Lydia" if round_number else "Derek", now=round_number * 100 + 5)
        trivia.answer(BOB, "Bob", "Lydia", now=round_number * 100 + 1)
        trivia.close_round()
    answers = [answer for round_ in trivia.rounds for answer in round_.answers.values()]
    replayed = replay(reversed(answers))
    assert [(p.player_id, p.points, p.correct, p.best_streak) for p in replayed] == [
        (p.player_id, p.points, p.correct, p.best_streak) for p in trivia.summary().standings
    ]


def test_a_hint_shows_the_shape_of_the_answer_and_halves_the_points() -> None:
    trivia = game(GameRules(rounds=2, timeout_seconds=20, points=10, speed_bonus=0), questions=[typed(1)])
    trivia.ask_next(now=0)
    assert trivia.hint(ALICE, now=1) == "T__ l___"
    assert trivia.answer(ALICE, "Alice", "the loft", now=2).points == 5
    assert trivia.answer(BOB, "Bob", "the loft", now=2).points == 10
    assert trivia.hint(ALICE, now=3) is None  # already answered
    assert trivia.hint(CAROL, now=21) is None  # time is up
