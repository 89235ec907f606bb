"""The speaker confidence model: an answer's evidence, the learnt chance, and how attribution uses it.

Every name and sentence here is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.attribution.calibration import SHOWN_CONFIDENCE
from bot.attribution.characters import Character
from bot.attribution.confidence_model import (
    FEATURES,
    WEIGHTS,
    ConfidenceModel,
    Evidence,
    KeepCalibration,
    from_document,
    load,
    rule_kind,
    shipped,
)
from bot.attribution.quotes import Quote
from bot.attribution.speakers import attribute
from bot.attribution.turns import Turn

ORLA = Character("Orla Fenwick", aliases=["Orla Fenwick", "Orla"], gender="f")
TOBIAS = Character("Tobias Quill", aliases=["Tobias Quill", "Tobias"], gender="m")
MARGO = Character("Margo Fenwick", aliases=["Margo Fenwick", "Margo"], gender="f")


def _turn(paragraph: int, speaker: Character, rule: str) -> Turn:
    quote = Quote(paragraph * 100, paragraph * 100 + 10, paragraph, True)
    return Turn(paragraph, [quote], [speaker], [rule], [0.9])


def _feature(found: list[float], name: str) -> float:
    return found[FEATURES.index(name)]


def test_a_rule_is_of_its_most_particular_kind() -> None:
    assert rule_kind("pronoun tag, sole candidate, agreed, confirmed") == "pronoun tag, sole candidate"
    assert rule_kind("pronoun tag, disputed") == "pronoun tag"
    assert rule_kind("alternation, both ways") == "alternation, both ways"
    assert rule_kind("described tag, conversation, confirmed") == "described tag, conversation"
    assert rule_kind("unknown") == ""


def test_an_untagged_turn_between_two_tags_is_read_against_the_back_and_forth() -> None:
    turns = [
        _turn(0, ORLA, "named tag"),
        _turn(1, TOBIAS, "alternation, both ways"),
        _turn(2, ORLA, "named tag"),
        _turn(3, ORLA, "alternation"),
        _turn(4, ORLA, "named tag"),
    ]
    evidence = Evidence(turns, {}, [ORLA, TOBIAS])
    fitting = evidence.features(1, TOBIAS, "alternation, both ways", 0.8)
    assert _feature(fitting, "tag before agrees") == _feature(fitting, "tag after agrees") == 1.0
    assert _feature(fitting, "conversation speakers: two") == 1.0 and _feature(fitting, "turns from a tag") > 0
    assert _feature(fitting, "rule: alternation, both ways") == 1.0
    broken = evidence.features(3, ORLA, "alternation", 0.7)
    assert _feature(broken, "tag before disagrees") == _feature(broken, "tag after disagrees") == 1.0
    assert _feature(evidence.features(0, ORLA, "named tag", 0.98), "own turn tagged") == 1.0


def test_narration_between_turns_ends_the_conversation_the_evidence_reads() -> None:
    turns = [_turn(0, ORLA, "named tag"), _turn(5, TOBIAS, "nearest name")]
    found = Evidence(turns, {}, [ORLA, TOBIAS]).features(1, TOBIAS, "nearest name", 0.6)
    assert _feature(found, "no tag near") == 1.0
    assert _feature(found, "conversation turns") == 0.0  # log of one turn


def test_the_rankers_probability_and_a_shared_surname_are_evidence() -> None:
    turns = [_turn(0, ORLA, "named tag"), _turn(1, MARGO, "alternation")]
    evidence = Evidence(turns, {id(turns[1]): (0.5, 3)}, [ORLA, TOBIAS, MARGO])
    ranked = evidence.features(1, MARGO, "alternation", 0.7)
    assert _feature(ranked, "ranked") == 1.0 and _feature(ranked, "ranker probability") == 0.0
    assert _feature(ranked, "name shared") == 1.0
    assert _feature(Evidence(turns, {}, [ORLA, TOBIAS]).features(0, TOBIAS, "named tag", 0.9), "name shared") == 0.0


def test_an_answer_is_as_sure_as_the_lower_of_the_regression_and_the_rules_record() -> None:
    model = ConfidenceModel((2.0, *[0.0] * (len(FEATURES) - 1)))
    features = [1.0, *[0.0] * (len(FEATURES) - 1)]
    assert model.chance(features) == pytest.approx(0.8808, abs=1e-4)
    assert model.confidence(features, 0.7) == 0.7
    assert model.confidence(features, 0.95) == pytest.approx(0.8808, abs=1e-4)
    assert KeepCalibration().confidence(features, 0.42) == 0.42


def test_weights_for_other_features_are_refused_and_a_fold_is_read_by_name(tmp_path: Path) -> None:
    document = {"features": list(FEATURES), "weights": [0.0] * len(FEATURES), "folds": {"A Novel": [1.0] * len(FEATURES)}}
    assert from_document(document, fold="A Novel").weights == (1.0,) * len(FEATURES)
    assert from_document(document, fold="Another Novel").weights == (0.0,) * len(FEATURES)
    with pytest.raises(ValueError):
        from_document({**document, "features": ["bias"]})
    path = tmp_path / "confidence.json"
    path.write_text(json.dumps({**document, "weights": [0.0]}), encoding="utf-8")
    with pytest.raises(ValueError, match="confidence.json"):
        load(path)
    assert load(tmp_path / "missing.json") is None


def test_the_shipped_model_matches_its_features() -> None:
    assert WEIGHTS.is_file()
    model = shipped()
    assert model is not None and len(model.weights) == len(FEATURES)


DIALOGUE = (
    "The ferry had not come.\n\n"
    "“The ferry is late,” said Pell Harrow.\n\n"
    "“It is always late in the fog,” said Wenna Lusk.\n\n"
    "“Then we wait.”\n\n"
    "“We wait,” she agreed.\n"
)


def test_attribution_keeps_the_rules_records_with_the_calibration_scorer() -> None:
    kept = {u.text: u for u in attribute(DIALOGUE, scorer=KeepCalibration())}
    learnt = {u.text: u for u in attribute(DIALOGUE)}
    assert [u.speaker for u in kept.values()] == [u.speaker for u in learnt.values()]
    assert all(learnt[text].confidence <= kept[text].confidence for text in kept)
    assert learnt["“It is always late in the fog,”"].confidence >= SHOWN_CONFIDENCE
