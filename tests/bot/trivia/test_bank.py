"""Curated banks: YAML read as text, validated with clear errors; every shipped bank is valid."""

from pathlib import Path

import pytest

from bot.trivia.bank import (
    CuratedQuestion,
    InvalidBank,
    check_question,
    dump_bank,
    load_bank,
    parse_bank,
)
from bot.trivia.question import FALSE, TRUE

BANKS = sorted((Path(__file__).resolve().parents[3] / "data" / "trivia").glob("*.yaml"))


@pytest.mark.parametrize("path", BANKS, ids=lambda path: path.name)
def test_every_shipped_bank_is_valid(path: Path) -> None:
    questions = load_bank(path)
    assert questions
    for question in questions:
        assert question.answer_text in question.options or not question.options


def test_the_bundled_story_has_at_least_25_questions() -> None:
    [bundled] = [path for path in BANKS if path.stem == "hello-from-the-other-side"]
    assert len(load_bank(bundled)) >= 25


def test_yaml_traps_stay_text() -> None:
    [*questions] = parse_bank(
        "questions:\n"
        "  - {question: Q1, answer: yes}\n"
        "  - {question: Q2, answer: no, accepted: [off, on]}\n"
        "  - {question: Q3, answer: 1e3, wrong: [0x10, 12:30, ~]}\n"
        "  - {question: Q4, answer: null}\n"
    )
    assert [q.answer for q in questions] == ["yes", "no", "1e3", "null"]
    assert questions[1].accepted == ("off", "on")
    assert questions[2].wrong == ("0x10", "12:30", "~")


def test_a_bank_round_trips_through_yaml() -> None:
    questions = [
        CuratedQuestion("Q1", "yes", accepted=("on",)),
        CuratedQuestion("Q2", "1e3", wrong=("no", "12"), explanation="why", passage=12),
    ]
    assert parse_bank(dump_bank(questions)) == questions


def test_true_or_false_questions_get_two_options() -> None:
    [question] = parse_bank("questions:\n  - {question: Q, answer: FALSE}\n")
    assert question.options == (TRUE, FALSE) and question.answer_text == FALSE


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("questions: [", "not valid YAML (line 1)"),
        ("- just a list", "needs a list of questions"),
        ("questions: []", "needs a list of questions"),
        ("questions:\n  - {answer: A}", "question 1: `question` is missing"),
        ("questions:\n  - {question: Q}", "question 1: `answer` is missing"),
        ("questions:\n  - {question: Q, answer: A, colour: red}", "unknown field `colour`"),
        ("questions:\n  - {question: Q, answer: Lydia, wrong: [lydia!]}", "the wrong option “lydia!” is the answer"),
        ("questions:\n  - {question: Q, answer: A, wrong: [B, b]}", "two wrong options are the same"),
        ("questions:\n  - {question: Q, answer: A, passage: 12}", "`passage` should be a paragraph like p12"),
        ("questions:\n  - {question: Q, answer: A, wrong: [B, C, D, E, F]}", "`wrong` has 5 entries; at most 4"),
        ("questions:\n  - {question: Q, answer: [A]}", "`answer` should be text"),
        ("questions:\n  - 42", "question 1: should be a mapping"),
    ],
)
def test_bad_banks_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(InvalidBank) as error:
        parse_bank(text)
    assert message in str(error.value)


def test_errors_name_each_question_and_stop_at_a_few() -> None:
    text = "questions:\n" + "".join(f"  - {{question: Q{n}}}\n" for n in range(8))
    with pytest.raises(InvalidBank) as error:
        parse_bank(text)
    assert "question 1: `answer` is missing" in str(error.value)
    assert "and 3 more problem(s)" in str(error.value)


def test_a_moderator_question_is_checked_the_same_way() -> None:
    assert check_question(CuratedQuestion("Q", "A", wrong=("B",))).wrong == ("B",)
    with pytest.raises(InvalidBank, match="is the answer"):
        check_question(CuratedQuestion("Q", "A", wrong=("a",)))
