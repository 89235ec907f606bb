"""The speaker ranker's training: a conditional logit that learns which feature marks the right candidate,
and a calibration, over the turns where it overrules the rules, that never claims less for a higher probability (invented numbers only)."""

from __future__ import annotations

import numpy as np

from benchmarks.train_speaker_ranker import Example, calibration, choices, fit


def _examples(count: int, seed: int) -> list[Example]:
    """Turns of three candidates: the right one has feature 0 set; a distractor has feature 1 set."""
    generator = np.random.default_rng(seed)
    examples = []
    for _ in range(count):
        features = generator.normal(0, 0.1, size=(3, 2))
        right = int(generator.integers(3))
        features[right, 0] += 1.0
        features[(right + 1) % 3, 1] += 1.0
        examples.append(Example(features, np.eye(3)[right], (right + 1) % 3))
    return examples


def test_fit_learns_the_feature_that_marks_the_right_candidate() -> None:
    weights = fit(_examples(200, seed=1))
    assert weights[0] > 1.0 > weights[1]
    found = choices(weights, _examples(100, seed=2))
    assert sum(right for right, _, _, _ in found) == 100
    assert sum(rules_right for _, _, rules_right, _ in found) == 0
    assert not any(agrees for _, _, _, agrees in found)


def test_calibration_is_out_of_fold_and_rises_with_probability() -> None:
    accuracy, bands, counts = calibration({"one": _examples(60, seed=3), "two": _examples(60, seed=4)})
    assert len(accuracy) == len(bands) == len(counts)
    assert sum(counts) == 120  # the rules' answer (the distractor) is never the ranker's: every turn counts
    assert accuracy == sorted(accuracy)
    assert accuracy[-1] > 0.9
