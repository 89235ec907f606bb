"""Confidence from the development half's record of each rule (bot.attribution.calibration)."""

from __future__ import annotations

import pytest

from bot.attribution.calibration import PRIOR_QUOTES, SHOWN_CONFIDENCE, Agreement, Calibration, confidence
from bot.attribution.calibration_table import MEASURED
from bot.attribution.speakers import DESCRIBED_CEILING, attribute


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
    assert confidence("pronoun tag, disputed, confirmed") > confidence("pronoun tag, disputed")


def test_unnamed_speakers_stay_below_what_readers_are_shown_as_fact() -> None:
    assert DESCRIBED_CEILING < SHOWN_CONFIDENCE


def test_a_work_whose_tags_and_turns_agree_less_than_average_is_less_sure() -> None:
    calibration = Calibration({"named tag": (90, 100)}, Agreement(average=0.5, slope=2.0))
    sure = calibration.confidence("named tag")
    assert calibration.for_work(sure, agreed=500, disputed=500) == pytest.approx(sure)
    assert calibration.for_work(sure, agreed=200, disputed=800) < sure < calibration.for_work(sure, 800, 200)


def test_a_short_work_is_read_as_an_average_one() -> None:
    agreement = Agreement(average=0.5, slope=2.0)
    assert abs(agreement.of_work(agreed=0, disputed=3) - 0.5) < abs(agreement.of_work(agreed=0, disputed=300) - 0.5)


def test_without_a_slope_or_a_record_confidence_is_the_rules_own() -> None:
    calibration = Calibration({"named tag": (90, 100)})
    assert calibration.for_work(0.9, agreed=0, disputed=100) == 0.9
    assert calibration.for_work(0.0, agreed=0, disputed=100) == 0.0


def test_attribution_takes_its_confidence_from_the_calibration_given() -> None:
    text = "“I’m looking for the Stilinskis,” Derek started.\n"
    (utterance,) = attribute(text, calibration=Calibration({"named tag": (1, 2)}))
    assert utterance.rule == "named tag"
    assert utterance.confidence < SHOWN_CONFIDENCE <= attribute(text)[0].confidence
