"""The speaker ranker: candidates, features, the choice and its confidence, and how attribution uses it.

Every name and sentence here is invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.attribution.characters import NARRATOR, Character
from bot.attribution.ranker import (
    FEATURES,
    WEIGHTS,
    Context,
    Mention,
    Neighbour,
    Ranker,
    candidates_of,
    features_of,
    from_document,
    load,
    shipped,
)
from bot.attribution.speakers import attribute

ORLA = Character("Orla Fenwick", gender="f")
TOBIAS = Character("Tobias Quill", gender="m")
MARGO = Character("Margo", gender="f")


def _context(**changes: object) -> Context:
    fields: dict[str, object] = {
        "starts": (100,), "rule_answer": None, "rule": "unknown", "rule_confidence": 0.0, "pronoun_gender": None,
        "vocatives": (), "before": (None, None), "after": (None, None), "mentions": (), "mentioned_order": (),
        "scene_mentions": lambda character: 0, "scene_turns": {}, "narrator": None,
    }
    fields.update(changes)
    return Context(**fields)  # type: ignore[arg-type]


def _feature(candidate: Character, context: Context, name: str) -> float:
    return features_of(candidate, context)[FEATURES.index(name)]


def test_candidates_are_the_rules_answer_then_neighbours_then_mentions_then_scene_speakers_each_once() -> None:
    silas = Character("Silas Brandt", gender="m")
    context = _context(
        rule_answer=ORLA,
        before=(Neighbour(TOBIAS, True, (MARGO,), True), Neighbour(ORLA, False, (), True)),
        mentions=(Mention(TOBIAS, 0, True), Mention(Character(NARRATOR), 1, True)),
        scene_turns={silas: 2, TOBIAS: 1},
    )
    assert candidates_of(context) == [ORLA, TOBIAS, MARGO, silas]


def test_features_describe_alternation_vocatives_and_pronoun_agreement() -> None:
    context = _context(
        rule_answer=TOBIAS, rule="pronoun tag", rule_confidence=0.7, pronoun_gender="f",
        before=(Neighbour(TOBIAS, True, (ORLA,), True), Neighbour(ORLA, False, (), True)),
        mentions=(Mention(ORLA, 0, True),), mentioned_order=(ORLA,),
    )
    assert len(features_of(ORLA, context)) == len(FEATURES)
    assert _feature(ORLA, context, "spoke before last") == 1.0
    assert _feature(ORLA, context, "addressed last") == 1.0
    assert _feature(ORLA, context, "pronoun agrees") == 1.0
    assert _feature(TOBIAS, context, "pronoun disagrees") == 1.0
    assert _feature(TOBIAS, context, "spoke last, tagged") == 1.0
    assert _feature(TOBIAS, context, "rule vote: pronoun tag") == 1.0
    assert _feature(ORLA, context, "rule vote") == 0.0
    assert _feature(ORLA, context, "latest mention") == 1.0


def test_a_neighbour_across_narration_is_not_part_of_the_conversation() -> None:
    context = _context(before=(Neighbour(TOBIAS, True, (), False), None))
    assert _feature(TOBIAS, context, "spoke last") == 0.0


def test_the_ranker_chooses_the_best_scored_candidate_with_its_bands_confidence() -> None:
    weights = tuple(3.0 if name == "spoke before last" else 0.0 for name in FEATURES)
    ranker = Ranker(weights, bands=(0.0, 0.5, 0.9), band_accuracy=(0.3, 0.6, 0.92))
    context = _context(rule_answer=TOBIAS, before=(Neighbour(TOBIAS, True, (), True), Neighbour(ORLA, True, (), True)))
    found = ranker.choose([TOBIAS, ORLA], context)
    assert found is not None
    speaker, probability, confidence = found
    assert speaker is ORLA
    assert probability == pytest.approx(1 / (1 + pow(2.718281828459045, -3.0)), rel=1e-6)
    assert confidence == 0.92
    assert ranker.choose([], context) is None


def test_weights_for_other_features_are_refused() -> None:
    with pytest.raises(ValueError):
        from_document({"features": ["one"], "weights": [1.0], "calibration": {"bands": [0], "accuracy": [0.5]}})


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        json.dumps({"features": list(FEATURES)}),
        json.dumps({"features": list(FEATURES), "weights": [1.0], "calibration": {"bands": [0], "accuracy": [0.5]}}),
        json.dumps(
            {"features": list(FEATURES), "weights": [1.0] * len(FEATURES), "calibration": {"bands": [], "accuracy": []}}
        ),
        json.dumps(
            {"features": list(FEATURES), "weights": ["x"] * len(FEATURES), "calibration": {"bands": [0], "accuracy": [1]}}
        ),
    ],
    ids=["not json", "not an object", "no weights", "too few weights", "no bands", "weights not numbers"],
)
def test_a_corrupt_weights_file_is_refused_when_loaded_with_a_clear_error(tmp_path: Path, content: str) -> None:
    weights = tmp_path / "speaker_ranker.json"
    weights.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="speaker_ranker.json.*retrain"):
        load(weights)


def test_without_a_weights_file_the_rules_alone_decide(tmp_path: Path) -> None:
    assert load(tmp_path / "missing.json") is None


def test_the_shipped_weights_match_the_features_and_their_confidence_rises_with_probability() -> None:
    document = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    ranker = shipped()
    assert ranker is not None and len(ranker.weights) == len(FEATURES)
    assert list(ranker.bands) == sorted(ranker.bands)
    assert list(ranker.band_accuracy) == sorted(ranker.band_accuracy)
    assert all(0 < accuracy < 1 for accuracy in ranker.band_accuracy)
    assert document["trained_on"] and document["about"]


DIALOGUE = """\
Pell Harrow set the lantern on the table. Wenna Lusk watched him from the door.

“The ferry is late,” said Pell.

“It is always late in the fog,” Wenna answered.

“Then we wait.”

“We wait,” she agreed. “But not for long.”
"""


class _Always:
    """A ranker that always picks the named candidate if it is one."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: list[Context] = []

    def choose(self, candidates: list[Character], context: Context) -> tuple[Character, float, float] | None:
        self.seen.append(context)
        found = next((c for c in candidates if c.name == self.name), None)
        return (found, 0.5, 0.4) if found else None


def test_attribution_takes_the_rankers_speaker_only_for_untagged_turns() -> None:
    ranker = _Always("Wenna Lusk")
    found = {u.text: u for u in attribute(DIALOGUE, ranker=ranker)}
    assert found["“The ferry is late,”"].rule.startswith("named tag")  # tagged turns are never ranked
    assert found["“It is always late in the fog,”"].rule.startswith("named tag")
    untagged = found["“Then we wait.”"]
    assert (untagged.speaker, untagged.rule, untagged.confidence) == ("Wenna Lusk", "ranked, overrules", 0.4)
    assert untagged.quote_type == "implicit"
    assert len(ranker.seen) == 2  # the untagged turn and the pronoun-tagged one


def test_a_ranker_agreeing_with_the_rules_leaves_their_answer_and_confidence() -> None:
    unranked = attribute(DIALOGUE, ranker=_Always("nobody"))
    agreeing = attribute(DIALOGUE, ranker=_Always("Pell Harrow"))
    by_text = {u.text: u for u in unranked}
    assert by_text["“Then we wait.”"].speaker == "Pell Harrow"
    assert [u for u in agreeing if u.text == "“Then we wait.”"] == [by_text["“Then we wait.”"]]


def test_the_shipped_ranker_keeps_a_two_person_back_and_forth() -> None:
    found = {u.text: u.speaker for u in attribute(DIALOGUE)}
    assert found["“Then we wait.”"] == "Pell Harrow"
    assert found["“We wait,”"] == "Wenna Lusk"
