"""The capability-gate benchmark runs and prints both configurations (on SQLite, a few checks)."""

import pytest

from benchmarks import config_gate_bench


def test_config_gate_bench_prints_the_cache_beside_the_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    assert config_gate_bench.main(["--checks", "20"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("| backend | configuration |")
    assert [row.split(" | ")[1] for row in rows[2:]] == ["read each time (baseline)", "cached (the bot)"]
