"""The baseline's cut-off curve counts what each cut-off rejects and what it would still find."""

from __future__ import annotations

from benchmarks.cutoff_curve import CUTOFFS, Scored, curve_rows
from benchmarks.quote_bench import Baseline


def test_each_cut_off_rejects_the_off_story_lines_below_it_and_holds_hits_to_it() -> None:
    scored = [Scored(85.5, None), Scored(90.0, None), Scored(93.0, None), Scored(88.0, True), Scored(100.0, True)]
    scored.append(Scored(99.0, False))  # a wrong best line is never found, whatever its score
    rows = {int(row[0]): row[1:] for row in curve_rows(scored, (85, 86, 91, 95))}
    assert rows[85] == ["0.0% (0/3)", "66.7% (2/3)", "66.7% (2/3)"]
    assert rows[86] == ["33.3% (1/3)", "66.7% (2/3)", "66.7% (2/3)"]
    assert rows[91] == ["66.7% (2/3)", "33.3% (1/3)", "66.7% (2/3)"]
    assert rows[95] == ["100.0% (3/3)", "33.3% (1/3)", "66.7% (2/3)"]


def test_the_curve_runs_from_80_to_95() -> None:
    assert CUTOFFS == tuple(range(80, 96))
    assert [row[0] for row in curve_rows([])] == [str(cutoff) for cutoff in CUTOFFS]


def test_the_baseline_reports_its_best_score() -> None:
    baseline = Baseline.over(["Hello, from the OTHER side!", "Something else entirely."])
    answer = baseline.answer("hello from the other side")
    assert answer.text == "Hello, from the OTHER side!" and answer.score is not None and answer.score >= 90
