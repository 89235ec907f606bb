"""The speaker benchmark: its labelled data is whole and consistent, and a small run reports the goals."""

from __future__ import annotations

import pytest

import run_bot
from benchmarks import speakers_bench
from bot.attribution.quotes import find_quotes, paragraph_spans


@pytest.mark.parametrize("name", [*speakers_bench.NOVELS, *speakers_bench.LABELLED_HERE])
def test_labelled_quotations_fall_inside_quotes_and_name_listed_characters(name: str) -> None:
    text, golds, names = speakers_bench.load(name)
    quotes = find_quotes(text, paragraph_spans(text))
    inside = sum(any(quote.start < gold.start < quote.end for quote in quotes) for gold in golds)
    assert inside >= 0.97 * len(golds)  # the rest: nested quotes the corpus wrote with spaces
    assert sum(gold.speaker in names for gold in golds) >= 0.99 * len(golds)


def test_the_bundled_story_is_labelled_whole() -> None:
    text, golds, _ = speakers_bench.load(speakers_bench.BUNDLED)
    assert len(golds) == len(find_quotes(text, paragraph_spans(text))) == 90
    assert {gold.quote_type for gold in golds} == {"Explicit", "Anaphoric", "Implicit"}


def test_nearest_name_is_the_closest_name_outside_quotes() -> None:
    text = 'Alice sat. "Hello," she said. Bob came.'
    nearest = speakers_bench.NearestName(text, {"Alice": {"Alice"}, "Bob": {"Bob"}})
    assert nearest.speaker(text.index("Hello")) == "Alice"


def test_a_run_reports_accuracy_per_type_and_precision_per_confidence(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bot.main(["bench", "speakers", "--markdown", speakers_bench.BUNDLED]) == 0
    out = capsys.readouterr().out
    assert "| hello-from-the-other-side | 90 |" in out
    assert "nearest name" in out and "≥0.95" in out
    row = next(line for line in out.splitlines() if line.startswith("| hello-from-the-other-side | 90"))
    overall = float(row.split("|")[6].strip().rstrip("%"))
    assert overall >= 90.0  # the goal for the bundled story
