"""The /ask benchmark: its question files name real answers, and a run prints its table."""

from __future__ import annotations

from functools import cache

import pytest
import yaml

import run_bot
from benchmarks.ask_bench import (
    BLIND_SET_NAMES,
    HOLDOUT_SET_NAMES,
    QUESTION_SET_NAMES,
    QUESTIONS_DIR,
    load_question_set,
)
from benchmarks.query_sets import is_expected
from bot.text.ingest import parse_work

ALL_SETS = tuple(
    name
    for name in (*QUESTION_SET_NAMES, *HOLDOUT_SET_NAMES, *BLIND_SET_NAMES)
    if "novel" not in yaml.safe_load((QUESTIONS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
)
"""The sets whose text is in the repository (those naming a `novel` read theirs from the bench's --corpus)."""


@cache
def sentences_of(name: str) -> tuple[str, ...]:
    work = parse_work(load_question_set(name).text_path.read_text(encoding="utf-8"))
    return tuple(sentence.text for sentence in work.sentences)


@pytest.mark.parametrize("name", ALL_SETS)
def test_every_answer_is_one_sentence_of_its_text(name: str) -> None:
    questions = load_question_set(name).questions
    for question in questions:
        for answer in question.answers:
            found = [s for s in sentences_of(name) if is_expected(s, (answer,))]
            assert found, f"{question.text!r}: no sentence holds {answer!r}"


@pytest.mark.parametrize("name", ALL_SETS)
def test_each_set_has_answerable_and_unanswerable_questions(name: str) -> None:
    questions = load_question_set(name).questions
    answerable = [q for q in questions if q.answers]
    minimum = 10 if name.endswith(("-holdout", "-blind", "-tuned")) else 30
    assert len(answerable) >= minimum and len(questions) - len(answerable) >= 5
    assert len({q.text for q in questions}) == len(questions)


def test_bench_ask_runs_from_the_entry_point(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bot.main(["bench", "ask", "--markdown", "hello-from-the-other-side-holdout"]) == 0
    table = capsys.readouterr().out
    assert "| hello-from-the-other-side-holdout | folio /ask |" in table
    assert "| hello-from-the-other-side-holdout | baseline: /quote with the question |" in table
