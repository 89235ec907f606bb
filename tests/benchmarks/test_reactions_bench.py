"""The reactions benchmark: its event plan, and a tiny run end to end."""

from __future__ import annotations

import random
import re

import pytest

import run_bot
from benchmarks import reactions_bench


def test_planned_events_alternate_per_reader_message_and_emoji() -> None:
    events = reactions_bench.planned_events(random.Random(1), ["1", "2"], 500)
    seen: dict[tuple[str, str, int], bool] = {}
    for message, emoji, reader, adding in events:
        assert adding != seen.get((message, emoji, reader), False)  # add when absent, remove when present
        seen[(message, emoji, reader)] = adding
    assert len(events) == 500 and any(not adding for *_, adding in events)


def test_bench_reactions_is_dispatched(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_bot.main(["bench", "reactions", "--help"])
    assert capsys.readouterr().out.startswith("usage: run_bot.py bench reactions ")


def test_a_tiny_run_counts_exactly(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reactions_bench, "MAP_RUNS", 1)
    assert reactions_bench.main(["--events", "150", "--messages", "3", "--map-votes", "100"]) == 0
    out = capsys.readouterr().out
    assert out.count(" yes ") == 2 and "NO" not in out
    assert re.search(r"Dracula \(\d+ sections\)", out)
