"""`run_bot.py speakers` and `run_bot.py characters`, run as a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_run_bot import run_bot

STORY = Path(__file__).resolve().parents[1] / "data" / "hello-from-the-other-side.txt"


@pytest.fixture
def database(database_target: Path | str) -> Path | str:
    return database_target


def test_speakers_json_gives_offsets_into_the_original_file(database: Path | str) -> None:
    result = run_bot("speakers", "--json", database=database)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    original = STORY.read_text(encoding="utf-8")
    assert len(lines) == 90  # every quote of the bundled story
    for line in lines:
        assert set(line) == {"offset", "text", "speaker", "confidence"}
        assert original[line["offset"]] == "“"
        assert " ".join(original[line["offset"] :].split()).startswith(line["text"])
        assert 0 <= line["confidence"] <= 1
    by_text = {line["text"]: line for line in lines}
    assert by_text["“You’re back,”"]["speaker"] == "Lydia"  # “…,” Lydia stated
    assert by_text["“You’re back,”"]["confidence"] >= 0.9
    assert by_text["“Hello from the other side.”"]["speaker"] == "Stiles"


def test_speakers_min_confidence_leaves_out_unsure_quotes(database: Path | str) -> None:
    result = run_bot("speakers", "--json", "--min-confidence", "0.9", database=database)
    assert result.returncode == 0, result.stderr
    confidences = [json.loads(line)["confidence"] for line in result.stdout.splitlines()]
    assert confidences and min(confidences) >= 0.9 and len(confidences) < 90


def test_speakers_human_readable_names_who_speaks(database: Path | str) -> None:
    result = run_bot("speakers", database=database)
    assert result.returncode == 0, result.stderr
    assert "Lydia: “You’re back,”" in result.stdout


def test_characters_lists_the_people_of_the_story(database: Path | str) -> None:
    result = run_bot("characters", "--json", database=database)
    assert result.returncode == 0, result.stderr
    characters = {c["name"]: c for c in map(json.loads, result.stdout.splitlines())}
    assert {"Derek", "Stiles", "Lydia", "the woman"} <= set(characters)
    assert characters["Derek"]["gender"] == "m" and characters["Lydia"]["gender"] == "f"
    assert characters["Derek"]["mentions"] > characters["Lydia"]["mentions"] > 10
    assert characters["Derek"]["first_offset"] < characters["Lydia"]["first_offset"]
    assert characters["Lydia"]["utterances"] > 10
    assert "Beacon Hills" not in characters  # a place: never speaks, no pronouns

    plain = run_bot("characters", database=database)
    assert plain.returncode == 0, plain.stderr
    assert plain.stdout.startswith("Derek (m): ")


def test_unknown_work_is_a_clear_error(database: Path | str) -> None:
    result = run_bot("speakers", "--work", "nope", "--json", database=database)
    assert result.returncode == 1
    assert "There is no work called “nope”" in result.stderr and "run_bot.py works" in result.stderr
    assert result.stdout == ""


def test_bad_min_confidence_is_refused(database: Path | str) -> None:
    result = run_bot("speakers", "--min-confidence", "2", database=database)
    assert result.returncode == 2
    assert "expected a number from 0 to 1" in result.stderr


def test_speakers_of_an_added_gutenberg_work(database: Path | str, tmp_path: Path) -> None:
    book = tmp_path / "dialogue.txt"
    book.write_text(
        "*** START OF THE PROJECT GUTENBERG EBOOK TEST ***\n\n"
        '"Where is it?" said Mr. Holmes.\n\n"Gone," answered Mrs. Hudson.\n\n'
        "*** END OF THE PROJECT GUTENBERG EBOOK TEST ***\n\"Licence,\" said nobody.\n",
        encoding="utf-8",
    )
    assert run_bot("add-work", str(book), "--slug", "test", database=database).returncode == 0
    result = run_bot("speakers", "--work", "test", "--json", database=database)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["text"], line["speaker"]) for line in lines] == [
        ('"Where is it?"', "Mr. Holmes"),
        ('"Gone,"', "Mrs. Hudson"),
    ]  # the licence after the END line is not the story
    text = book.read_text(encoding="utf-8")
    assert [text[line["offset"] : line["offset"] + 6] for line in lines] == ['"Where', '"Gone,']
