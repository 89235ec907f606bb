"""Confidence from the development half's record of each rule (bot.attribution.calibration)."""

from __future__ import annotations

from bot.attribution.calibration import PRIOR_QUOTES, SHOWN_CONFIDENCE, confidence
from bot.attribution.calibration_table import MEASURED
from bot.attribution.speakers import DESCRIBED_CEILING


def test_a_rule_measured_on_many_quotes_is_as_sure_as_its_record() -> None:
    right, total = MEASURED["named tag, agreed, confirmed"]
    assert total > 10 * PRIOR_QUOTES
    assert abs(confidence("named tag, agreed, confirmed") - right / total) < 0.01


def test_an_unmeasured_qualifier_falls_back_to_its_family() -> None:
    assert "pronoun tag, sole candidate, never seen" not in MEASURED
    assert abs(confidence("pronoun tag, sole candidate, never seen") - confidence("pronoun tag, sole candidate")) < 0.05


def test_evidence_ranks_explicit_tag_then_sole_pronoun_then_turn_taking_then_guess() -> None:
    ranked = ["named tag, agreed, confirmed", "pronoun tag, sole candidate, agreed", "alternation, both ways", "nearest name"]
    assert [confidence(rule) for rule in ranked] == sorted((confidence(rule) for rule in ranked), reverse=True)


def test_turns_the_later_turns_confirm_are_surer_than_those_they_do_not() -> None:
    assert confidence("alternation, both ways") > confidence("alternation")
    assert confidence("named tag, disputed, confirmed") > confidence("named tag, disputed")


def test_unnamed_speakers_stay_below_what_readers_are_shown_as_fact() -> None:
    assert DESCRIBED_CEILING < SHOWN_CONFIDENCE
