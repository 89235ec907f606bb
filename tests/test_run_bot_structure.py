"""`run_bot.py works --json` and `run_bot.py outline [--work S] [--json]`, as real processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_run_bot import run_bot

DATA = Path(__file__).resolve().parent / "data" / "structure"
DRACULA = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus" / "dracula.txt"


@pytest.fixture
def database(database_target: Path | str) -> Path | str:
    return database_target


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_works_json_has_one_object_per_work_with_its_counts(database: Path | str, tmp_path: Path) -> None:
    added = run_bot("add-work", str(DATA / "gutenberg_title_page.txt"), "--slug", "lantern", database=database)
    assert added.returncode == 0, added.stderr
    assert "The Lantern Keeper" in added.stdout  # no --title: the title page's
    result = run_bot("works", "--json", database=database)
    assert result.returncode == 0, result.stderr
    works = {work["slug"]: work for work in json_lines(result.stdout)}
    lantern = works["lantern"]
    assert (lantern["title"], lantern["author"]) == ("The Lantern Keeper", "Martha Quill")
    assert lantern["sections"] == 5 and lantern["paragraphs"] == 11 and lantern["sentences"] > lantern["paragraphs"]
    assert set(works) == {"lantern", "hello-from-the-other-side"}


def test_outline_json_lists_every_section_in_reading_order(database: Path | str) -> None:
    assert run_bot("add-work", str(DATA / "parts.txt"), "--slug", "river", database=database).returncode == 0
    result = run_bot("outline", "--work", "river", "--json", database=database)
    assert result.returncode == 0, result.stderr
    rows = json_lines(result.stdout)
    assert all(set(row) == {"kind", "number", "title", "offset", "paragraphs"} for row in rows)
    assert [(row["kind"], row["number"]) for row in rows] == [
        ("front", None),
        ("part", "One"), ("chapter", "1"), ("chapter", "2"),
        ("part", "Two"), ("chapter", "3"), ("chapter", "4"),
        ("part", "Three"), ("chapter", "5"),
    ]  # fmt: skip
    text = (DATA / "parts.txt").read_text(encoding="utf-8")
    assert [text[row["offset"] :].split("\n")[0] for row in rows[1:3]] == ["PART ONE", "CHAPTER 1"]
    assert rows[1]["paragraphs"] == 2 and rows[1]["title"] == "The Village"
    human = run_bot("outline", "--work", "river", database=database)
    assert "Part One: The Village [part]" in human.stdout


def test_outline_of_dracula(database: Path | str) -> None:
    assert run_bot("add-work", str(DRACULA), "--slug", "dracula", database=database).returncode == 0
    rows = json_lines(run_bot("outline", "--work", "dracula", "--json", database=database).stdout)
    chapters = [row for row in rows if row["kind"] == "chapter"]
    assert len(chapters) == 27 and chapters[0]["title"] == "Jonathan Harker’s Journal"
    assert rows[0]["kind"] == "front" and rows[-1]["kind"] == "back"
    assert sum(1 for row in rows if row["kind"] == "entry") > 100  # the dated journal entries
    text = DRACULA.read_text(encoding="utf-8-sig")
    assert text[chapters[0]["offset"] :].startswith("CHAPTER I\n")
