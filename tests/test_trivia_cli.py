"""`run_bot.py trivia` as a real subprocess, on either backend."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_run_bot import ROOT, run_bot

STORY = (ROOT / "data" / "hello-from-the-other-side.txt").read_text(encoding="utf-8")
KINDS = ("event", "which-came-first", "who-said-it", "finish-the-quote", "missing-word", "true-or-false", "plot")
QUOTE_KINDS = {"who-said-it", "finish-the-quote", "missing-word", "true-or-false"}


@pytest.fixture
def database(database_target: Path | str) -> Path | str:
    return database_target


def questions(database: Path | str, *args: str) -> list[dict[str, object]]:
    result = run_bot("trivia", "--json", *args, database=database)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_json_questions_of_every_kind_with_offsets_of_the_opening_quote(database: Path | str) -> None:
    found = questions(database, "--count", "14", "--seed", "3")
    # A short story gives few plot points of its own; its lines and the curated bank fill the game.
    assert len(found) == 14 and {"who-said-it", "plot"} <= {q["kind"] for q in found}
    for question in found:
        assert set(question) == {"kind", "question", "options", "answer", "passage_id", "offset"}
        assert not question["options"] or question["answer"] in question["options"]
        assert isinstance(question["passage_id"], int) or question["kind"] == "plot"
        if question["kind"] in QUOTE_KINDS:
            assert STORY[question["offset"]] == "“", question
        elif question["kind"] == "plot":
            assert question["offset"] is None
        else:  # a plot point: the offset of its sentence
            assert STORY[question["offset"]].isupper(), question


def test_the_same_seed_gives_the_same_questions(database: Path | str) -> None:
    first = questions(database, "--count", "6", "--seed", "11")
    assert questions(database, "--count", "6", "--seed", "11") == first
    assert questions(database, "--count", "6", "--seed", "12") != first


def test_kind_and_count_narrow_the_questions(database: Path | str) -> None:
    found = questions(database, "--kind", "who-said-it", "--kind", "plot", "--count", "5")
    assert len(found) == 5 and {q["kind"] for q in found} == {"who-said-it", "plot"}
    every = questions(database, "--kind", "plot", "--count", "1000")
    assert 25 <= len(every) < 1000  # --count is an upper bound


def test_help_lists_the_kinds_and_bad_options_are_usage_errors(database: Path | str) -> None:
    shown = run_bot("trivia", "--help", database=database)
    assert all(kind in " ".join(shown.stdout.split()).replace("- ", "-") for kind in KINDS)
    bad_kind = run_bot("trivia", "--kind", "riddles", database=database)
    assert bad_kind.returncode == 2 and "invalid choice: 'riddles'" in bad_kind.stderr
    bad_count = run_bot("trivia", "--count", "0", database=database)
    assert bad_count.returncode == 2 and "from 1 to 1000" in bad_count.stderr


def test_an_unknown_work_is_one_friendly_line(database: Path | str) -> None:
    result = run_bot("trivia", "--work", "nope", database=database)
    assert result.returncode == 1 and result.stderr.startswith("error: There is no work called “nope”")


def test_text_output_marks_the_answer(database: Path | str) -> None:
    result = run_bot("trivia", "--kind", "who-said-it", "--count", "1", database=database)
    assert result.returncode == 0 and result.stdout.startswith("[who-said-it] Who said this?")
    assert result.stdout.count("  * ") == 1


def test_a_kind_the_work_cannot_ask_is_one_friendly_line(database: Path | str) -> None:
    # The bundled story has one line a speech tag vouches for and no rival of its speaker's gender for it.
    result = run_bot("trivia", "--kind", "true-or-false", database=database)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: I couldn't make any questions of that kind from ")
