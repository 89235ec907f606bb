"""The offline CLI contract, exercised through `run_bot.py` as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_bot(*args: str, database: Path, stdin: str | None = None, env: dict[str, str] | None = None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    environment.update({"DATABASE_PATH": str(database), "LOG_LEVEL": "WARNING"}, **(env or {}))
    return subprocess.run(
        [sys.executable, "run_bot.py", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "folio.sqlite3"


def test_quote_json_finds_the_line_on_an_empty_database(database: Path) -> None:
    result = run_bot("quote", "--json", "hello from teh other side", database=database)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["query"] == "hello from teh other side"
    best = answer["matches"][0]
    assert set(best) >= {"text", "match", "score", "passage_id", "location"}
    assert "Hello from the other side" in best["match"]
    assert best["match"] in best["text"] and len(best["text"]) <= 1200
    assert 0 <= best["score"] <= 100
    assert best["passage_id"].startswith("p")
    assert "%" in best["location"]


def test_quote_reads_one_query_per_line_from_stdin(database: Path) -> None:
    queries = ["Stiles was a lovely boy", "Call me Ishmael.", "you shouldnt have come back"]
    result = run_bot("quote", "--json", database=database, stdin="\n".join(queries) + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["query"] for a in answers] == queries
    assert "lovely boy" in answers[0]["matches"][0]["match"]
    assert answers[1]["matches"] == []
    assert "shouldn’t have come back" in answers[2]["matches"][0]["match"]
    scores = [m["score"] for m in answers[0]["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_bad_query_lines_get_an_error_not_a_crash(database: Path) -> None:
    result = run_bot("quote", "--json", database=database, stdin="!!!\n" + "x" * 4000 + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["matches"] for a in answers] == [[], []]
    assert all(a["error"] for a in answers)


def test_works_lists_the_bundled_story(database: Path) -> None:
    result = run_bot("works", database=database)
    assert result.returncode == 0, result.stderr
    assert "hello-from-the-other-side (default): Hello From the Other Side" in result.stdout


def test_add_work_then_quote_it_and_replace_it(database: Path, tmp_path: Path) -> None:
    text = tmp_path / "lighthouse.txt"
    text.write_text("The Lighthouse\n\nThe keeper climbed the stairs every night.\n\nNobody ever thanked him.\n")
    added = run_bot("add-work", str(text), "--slug", "lighthouse", database=database)
    assert added.returncode == 0, added.stderr
    found = run_bot("quote", "--work", "lighthouse", "--json", "keeper climbed the stairs", database=database)
    assert "keeper climbed the stairs" in json.loads(found.stdout)["matches"][0]["match"]

    again = run_bot("add-work", str(text), "--slug", "lighthouse", database=database)
    assert again.stdout.startswith("Unchanged lighthouse")
    replaced = run_bot("add-work", str(text), "--slug", "lighthouse", "--title", "Beacon", database=database)
    assert replaced.stdout.startswith("Replaced lighthouse: Beacon"), replaced.stderr
    listing = run_bot("works", database=database).stdout
    assert listing.count("lighthouse") == 1 and "Beacon" in listing


def test_remove_work(database: Path, tmp_path: Path) -> None:
    text = tmp_path / "keeper.txt"
    text.write_text("The keeper climbed the stairs every night.\n")
    assert run_bot("add-work", str(text), database=database).returncode == 0
    removed = run_bot("remove-work", "keeper", database=database)
    assert removed.returncode == 0 and "Removed keeper" in removed.stdout
    assert "keeper" not in run_bot("works", database=database).stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add-work", "/nonexistent/book.txt"), "Can't read"),
        (("add-work", "run_bot.py", "--slug", "Bad Slug!"), "can't be a slug"),
        (("quote", "--work", "nope", "hello"), "no work called `nope`"),
        (("remove-work", "hello-from-the-other-side"), "bundled story stays"),
    ],
)
def test_cli_errors_are_friendly(database: Path, args: tuple[str, ...], message: str) -> None:
    result = run_bot(*args, database=database)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_option_value_is_a_usage_error(database: Path) -> None:
    result = run_bot("quote", "--limit", "0", "hello", database=database)
    assert result.returncode == 2
    assert "at least 1" in result.stderr and "Traceback" not in result.stderr


def test_starting_without_a_token_explains_how_to_get_one(database: Path) -> None:
    result = run_bot(database=database, env={"DISCORD_TOKEN": ""})
    assert result.returncode == 2
    assert "DISCORD_TOKEN" in result.stderr and ".env" in result.stderr
    assert "python run_bot.py quote" in result.stderr
    assert "Traceback" not in result.stderr
