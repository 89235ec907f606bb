"""`run_bot.py ask`: the /ask engine on the command line, one question or one per stdin line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_run_bot import run_bot


def test_ask_prints_the_answering_sentence_and_where_it_is(database_target: Path | str) -> None:
    result = run_bot("ask", "Why did Derek come back to Beacon Hills?", database=database_target)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "? Why did Derek come back to Beacon Hills?"
    assert "The whole reason he came back to Beacon Hills was because of Stiles." in lines[1]
    assert "Scene 1 · paragraph 3 of" in lines[2]


def test_ask_json_reads_one_question_per_line(database_target: Path | str) -> None:
    questions = ["What did Stiles become?", "Who is Gandalf?", ""]
    result = run_bot("ask", "--json", database=database_target, stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["question"] for a in answers] == questions
    assert answers[0]["answered"] and "Stiles became a hunter" in answers[0]["answers"][0]["match"]
    assert set(answers[0]["answers"][0]) >= {"text", "match", "passage_id", "sentence_id", "location"}
    assert answers[1] == {"question": "Who is Gandalf?", "answered": False, "answers": []}
    assert "Ask me something" in answers[2]["error"] and 'run_bot.py ask "' in answers[2]["error"]


def test_ask_says_plainly_when_the_story_does_not_answer(database_target: Path | str) -> None:
    result = run_bot("ask", "Where did Stiles go to college?", database=database_target)
    assert result.returncode == 0, result.stderr
    assert "Hello From the Other Side does not say." in result.stdout
