"""The load benchmark: dispatched from run_bot.py, and a tiny run loses nothing and doubles nothing."""

from __future__ import annotations

import pytest

import run_bot
from benchmarks import load_bench


@pytest.mark.parametrize("name", ["load", "import-writes", "pg-restart"])
def test_the_benchmarks_are_dispatched(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_bot.main(["bench", name, "--help"])
    assert capsys.readouterr().out.startswith(f"usage: run_bot.py bench {name} ")


def test_a_tiny_run_answers_everything_once_and_loses_no_event(capsys: pytest.CaptureFixture[str]) -> None:
    assert load_bench.main(["--interactions", "60", "--reactions", "200", "--in-flight", "8"]) == 0
    [row] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("SQLite")]
    cells = row.split()
    assert cells[1:4] == ["1", "60", "200"], row
    assert cells[7:10] == ["0", "0", "0"], f"unanswered, duplicate replies, events lost: {row}"
