"""The public page's benchmark: dispatched by run_bot.py, and a tiny run end to end."""

from __future__ import annotations

import pytest

import run_bot
from benchmarks import web_bench
from benchmarks.web_seed import Activity


def test_bench_web_is_dispatched(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_bot.main(["bench", "web", "--help"])
    assert capsys.readouterr().out.startswith("usage: run_bot.py bench web ")


def test_a_tiny_run_measures_the_page_and_its_static_twin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(web_bench, "BUSY", Activity(messages=5, hall_entries=2, games=2))
    assert web_bench.main(["--seconds", "0.5"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith(("page", "static"))]
    assert len(rows) == 3, out
    assert all(row.split()[-2] == "0" for row in rows), out  # no errors
