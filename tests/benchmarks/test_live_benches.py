"""The benchmarks that run the real bot: their works, their memory readings, and a tiny run of each."""

from __future__ import annotations

import os

import pytest

import run_bot
from benchmarks import import_stall_bench, live, memory_bench
from bot.text.ingest import parse_work
from bot.text.model import Layout


def test_bench_works_are_distinct_gutenberg_books_within_their_size() -> None:
    first, second = live.bench_work_text(1, 2_000_000), live.bench_work_text(2, 2_000_000)
    assert first != second
    assert 1_990_000 < len(first.encode()) <= 2_000_000
    assert 200_000 < len(live.bench_work_text(3, 300_000).encode()) <= 300_000
    parsed = parse_work(first)
    assert parsed.layout is Layout.GUTENBERG
    assert parsed.title == "Folio Benchmark Work 1"
    assert "Project Gutenberg" not in " ".join(sentence.text for sentence in parsed.sentences[:50])


def test_memory_of_reads_this_process() -> None:
    memory = live.memory_of(os.getpid())
    assert 0 < memory.rss_kib <= memory.hwm_kib


def test_run_bot_hands_bench_names_to_their_benchmarks(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("memory", "import-stall"):
        with pytest.raises(SystemExit):
            run_bot.main(["bench", name, "--help"])
        assert capsys.readouterr().out.startswith(f"usage: run_bot.py bench {name} ")


def test_memory_bench_runs_a_small_work(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory_bench, "WARM_REPEATS", 2)
    monkeypatch.setattr(memory_bench, "SETTLE_SECONDS", 0.0)
    assert memory_bench.main(["--works", "1", "--size-mb", "0.3", "--markdown"]) == 0
    out, err = capsys.readouterr()
    assert "warning" not in err
    [row] = [line for line in out.splitlines() if line.startswith("| ") and "| 1 |" in line][:1]
    assert row.count("|") == len(memory_bench.MEMORY_HEADER) + 1


def test_import_stall_bench_runs_a_small_upload(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_stall_bench, "IDLE_QUOTES", 3)
    monkeypatch.setattr(import_stall_bench, "WARM_UP_QUOTES", 1)
    monkeypatch.setattr(import_stall_bench, "INTERVAL", 0.02)
    assert import_stall_bench.main(["--upload-mb", "0.3", "--markdown"]) == 0
    out, err = capsys.readouterr()
    assert "warning" not in err
    assert "| idle | 3 |" in out
    assert "Added Folio Benchmark Work 100" in out
