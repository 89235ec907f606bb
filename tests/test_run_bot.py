"""The offline CLI contract, exercised through `run_bot.py` as a real process."""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fake_discord.bot_process import database_env

ROOT = Path(__file__).resolve().parents[1]
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def run_bot(
    *args: str, database: Path | str, stdin: str | None = None, env: dict[str, str] | None = None, **options: object
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
    environment.update({**database_env(database), "LOG_LEVEL": "WARNING"}, **(env or {}))
    return subprocess.run(
        [sys.executable, "run_bot.py", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        **options,
    )


@pytest.fixture
def database(database_target: Path | str) -> Path | str:
    return database_target


def test_quote_json_finds_the_line_on_an_empty_database(database: Path | str) -> None:
    result = run_bot("quote", "--json", "hello from teh other side", database=database)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["query"] == "hello from teh other side"
    best = answer["matches"][0]
    assert set(best) >= {"text", "match", "score", "passage_id", "location"}
    assert "Hello from the other side" in best["match"]
    assert best["match"] in best["text"] and len(best["text"]) <= 1200
    assert 0 <= best["score"] <= 100
    assert isinstance(best["passage_id"], int) and isinstance(best["sentence_id"], int)
    assert "%" in best["location"]


def test_quote_reads_one_query_per_line_from_stdin(database: Path | str) -> None:
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


def test_bad_query_lines_get_an_error_not_a_crash(database: Path | str) -> None:
    result = run_bot("quote", "--json", database=database, stdin="!!!\n" + "x" * 4000 + "\n")
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["matches"] for a in answers] == [[], []]
    assert all(a["error"] for a in answers)


def test_works_lists_the_bundled_story(database: Path | str) -> None:
    result = run_bot("works", database=database)
    assert result.returncode == 0, result.stderr
    assert "hello-from-the-other-side (default): Hello From the Other Side" in result.stdout


def test_add_work_then_quote_it_and_replace_it(database: Path | str, tmp_path: Path) -> None:
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


def test_remove_work(database: Path | str, tmp_path: Path) -> None:
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
        (("quote", "--work", "nope", "hello"), "no work called “nope”"),
        (("remove-work", "hello-from-the-other-side"), "bundled story stays"),
    ],
)
def test_cli_errors_are_friendly(database: Path | str, args: tuple[str, ...], message: str) -> None:
    result = run_bot(*args, database=database)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_option_value_is_a_usage_error(database: Path | str) -> None:
    result = run_bot("quote", "--limit", "0", "hello", database=database)
    assert result.returncode == 2
    assert "at least 1" in result.stderr and "Traceback" not in result.stderr


def test_starting_without_a_token_explains_how_to_get_one(database: Path | str) -> None:
    result = run_bot(database=database, env={"DISCORD_TOKEN": ""})
    assert result.returncode == 2
    assert "DISCORD_TOKEN" in result.stderr and ".env" in result.stderr
    assert "python run_bot.py quote" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("command", [("works",), ("quote", "hello"), ("add-work", "run_bot.py")])
@pytest.mark.parametrize(
    ("make_path", "problem"),
    [
        (lambda tmp: _write(tmp / "notes.sqlite3", "Tea, more tea.\n" * 300), "not a SQLite database"),
        (lambda tmp: tmp, "it is a folder"),
        (lambda tmp: _write(tmp / "plain-file", "x") / "folio.sqlite3", "is a file, not a folder"),
    ],
)
@pytest.mark.sqlite_only
def test_an_unusable_database_is_one_line_and_left_untouched(
    tmp_path: Path, command: tuple[str, ...], make_path: Callable[[Path], Path], problem: str
) -> None:
    database = make_path(tmp_path)
    before = _snapshot(tmp_path)
    result = run_bot(*command, database=database)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"Can't use the database at {database}: " in result.stderr and problem in result.stderr
    assert _snapshot(tmp_path) == before


@pytest.mark.sqlite_only
def test_a_read_only_database_is_one_line_and_left_untouched(database: Path | str) -> None:
    """Run as a user who may read but not write the database and its folder (as root, as `nobody`)."""
    assert run_bot("works", database=database).returncode == 0
    folder = database.parent
    database.chmod(0o444)
    folder.chmod(0o555)
    before = _snapshot(folder)
    try:
        result = run_bot("works", database=database, **_unprivileged())
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1, result.stdout
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"Can't use the database at {database}: it is read-only" in result.stderr
    assert _snapshot(folder) == before


def test_the_cli_speaks_command_line_not_discord(database: Path | str) -> None:
    unknown = run_bot("quote", "--work", "nope", "hello", database=database)
    empty = run_bot("quote", "--json", database=database, stdin="\n")
    messages = [unknown.stderr, json.loads(empty.stdout)["error"]]
    assert "python run_bot.py works" in messages[0]
    assert 'python run_bot.py quote "hello from the other side"' in messages[1]
    for message in messages:
        assert "`" not in message and "/quote" not in message and "/works" not in message and "*" not in message


def test_quote_shows_the_closest_lines_when_nothing_matches(database: Path | str) -> None:
    query = "the cat sat on the mat"
    human = run_bot("quote", query, database=database)
    answer = json.loads(run_bot("quote", "--json", query, database=database).stdout)
    assert answer["matches"] == [] and answer["suggestions"]
    closest = answer["suggestions"][0]
    assert closest["match"] in human.stdout and closest["location"] in human.stdout
    assert "Not in Hello From the Other Side." in human.stdout


@pytest.mark.sqlite_only  # needs a second, new database
def test_the_cli_logs_only_warnings_unless_asked(database: Path | str) -> None:
    quiet = run_bot("works", database=database, env={"LOG_LEVEL": ""})
    assert quiet.returncode == 0 and quiet.stderr == ""
    verbose = run_bot("works", "--verbose", database=database.with_name("other.sqlite3"), env={"LOG_LEVEL": ""})
    assert "Database migrated to v1" in verbose.stderr


def _write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def _unprivileged() -> dict[str, object]:
    """subprocess options that take away root's power to write what its permissions forbid."""
    return {"preexec_fn": _drop_permission_override} if os.geteuid() == 0 else {}


def _drop_permission_override() -> None:
    """In the child, before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_quote_json_lists_every_occurrence_of_a_word(database: Path | str) -> None:
    queries = ["Lydia", "butterflies", "automated message"]
    result = run_bot("quote", "--json", database=database, stdin="\n".join(queries) + "\n")
    assert result.returncode == 0, result.stderr
    common, rare, phrase = (json.loads(line) for line in result.stdout.splitlines())
    assert common["occurrences"] == len(common["matches"]) > 5 and common["suggestions"] == []
    assert all("Lydia" in match["match"] for match in common["matches"])
    sentence_ids = [match["sentence_id"] for match in common["matches"]]
    assert sentence_ids == sorted(sentence_ids)  # the work's order
    assert rare["occurrences"] == 1 and "butterflies" in rare["matches"][0]["match"]
    assert phrase["occurrences"] == 1 and "automated message" in phrase["matches"][0]["match"]


def test_quote_shows_where_a_common_word_occurs(database: Path | str) -> None:
    result = run_bot("quote", "--limit", "2", "Lydia", database=database)
    lines = result.stdout.splitlines()
    assert lines[1].startswith("  In ") and lines[1].endswith("sentences of Hello From the Other Side; the first 2:")
    assert len(lines) == 2 + 2 * 2


def test_quote_finds_both_sentences_of_a_quote_typed_as_one(database: Path | str) -> None:
    query = "I tried to call you to apologize but you never answered Stiles released a cruel bitter laugh"
    answer = json.loads(run_bot("quote", "--json", query, database=database).stdout)
    matched = [match["match"] for match in answer["matches"]]
    assert any("apologize" in text for text in matched) and any("cruel, bitter laugh" in text for text in matched)
