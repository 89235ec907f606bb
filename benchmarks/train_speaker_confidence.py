"""Train the speaker confidence model (:mod:`bot.attribution.confidence_model`) leave one novel out.

Each development novel is attributed with a candidate ranker fitted on the *other* novels (so the
ranker's probabilities are as sure as they are on a novel it never saw), and every labelled quotation's
answer is recorded with its evidence (:data:`~bot.attribution.confidence_model.FEATURES`) and whether it
is right (as the speaker benchmark counts it). A logistic regression (L2, Newton's method in numpy) is
fitted on all of them (the shipped weights) and once per novel on the others (``folds``: the benchmark
scores each development novel with the model that never saw it). Printed: the held-out figures, each
novel scored by its fold model, against each rule's calibrated record (measured on the other novels
too): the confident threshold chosen as the benchmark chooses it, the subset's accuracy and coverage, and
the accuracy per confidence band.

Run: ``python -m benchmarks.train_speaker_confidence --corpus DIR [--out FILE]`` (the 11 novels of the
development half; never the check half).
"""

from __future__ import annotations

import argparse
import bisect
import json
import pickle
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.speakers_bench import DEV, TARGET_ACCURACY
from benchmarks.speakers_calibration import calibration_of, novel_average, novel_threshold
from benchmarks.speakers_gold import BANDS, Novel, Tally, at_threshold, load, score
from benchmarks.train_speaker_ranker import examples_of, fit
from bot.attribution.calibration import Calibration
from bot.attribution.characters import build_characters
from bot.attribution.confidence_model import FEATURES, WEIGHTS, ConfidenceModel
from bot.attribution.quotes import paragraph_spans
from bot.attribution.ranker import Ranker, shipped
from bot.attribution.speakers import attribute

L2 = 1.0
NOVEL_WEIGHTED = True
"""Each novel weighs the same in the fit (a reader's book is one novel: the threshold is chosen on the
average novel)."""


@dataclass(slots=True)
class Recorder:
    """A scorer keeping each rule's calibrated record and recording every answer's evidence, in order."""

    rows: list[tuple[list[float], float]] = field(default_factory=list)

    def confidence(self, features: Sequence[float], calibrated: float) -> float:
        self.rows.append((list(features), calibrated))
        return calibrated


@dataclass(slots=True)
class Answers:
    """One novel's labelled quotations: features (None: no speaker given), calibrated record, right."""

    features: list[list[float] | None]
    calibrated: list[float]
    right: list[bool]


def answers_of(novel: Novel, ranker: Ranker, calibration: Calibration) -> Answers:
    """``novel`` attributed with ``ranker``, each labelled quotation's answer and evidence."""
    paragraphs = paragraph_spans(novel.text)
    characters = build_characters(novel.text, paragraphs)
    recorder = Recorder()
    utterances = attribute(novel.text, characters, paragraphs, calibration, ranker=ranker, scorer=recorder)
    spoken = [u for u in utterances if u.speaker is not None]
    rows = dict(zip((u.start for u in spoken), recorder.rows, strict=True))
    starts = [u.start for u in utterances]
    found = Answers([], [], [])
    for gold in novel.golds:
        index = bisect.bisect_right(starts, gold.start) - 1
        utterance = utterances[index] if index >= 0 and gold.start < utterances[index].end else None
        row = rows.get(utterance.start) if utterance and utterance.speaker else None
        found.features.append(row[0] if row else None)
        found.calibrated.append(row[1] if row else 0.0)
        found.right.append(bool(row) and gold.speaker is not None and novel.cast.resolve(utterance.speaker) == gold.speaker)  # type: ignore[union-attr]
    return found


def fit_confidence(answers: Sequence[Answers]) -> np.ndarray:
    """Logistic regression weights (bias unpenalised) by Newton's method."""
    rows = np.array([f for a in answers for f, _ in zip(a.features, a.right, strict=True) if f is not None])
    labels = np.array([r for a in answers for f, r in zip(a.features, a.right, strict=True) if f is not None], dtype=float)
    counts = [sum(f is not None for f in a.features) for a in answers]
    share = np.concatenate([np.full(count, sum(counts) / len(counts) / count) for count in counts]) if NOVEL_WEIGHTED else 1.0
    penalty = np.full(rows.shape[1], L2)
    penalty[0] = 0.0
    weights = np.zeros(rows.shape[1])
    for _ in range(25):
        probability = 1 / (1 + np.exp(-np.clip(rows @ weights, -30, 30)))
        gradient = rows.T @ (share * (probability - labels)) + penalty * weights
        hessian = (rows * (share * probability * (1 - probability))[:, None]).T @ rows + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-7:
            break
    return weights


def tally_of(answers: Answers, confidences: Sequence[float]) -> Tally:
    """The benchmark's tally of confidence bands for one novel's answers."""
    tally = Tally()
    for confidence, right in zip(confidences, answers.right, strict=True):
        rounded = round(confidence, 2)
        band = max(b for b in BANDS if rounded >= b)
        tally.band_total[band] += 1
        tally.band_right[band] += right
        tally.confidence_total[rounded] += 1
        tally.confidence_right[rounded] += right
        tally.total["Overall"] += 1
        tally.right["Overall"] += right
    return tally


def report(name: str, tallies: list[Tally]) -> list[str]:
    """The threshold chosen as the benchmark chooses it, what it gives, and the calibration bands."""
    total = Tally()
    for tally in tallies:
        total.add(tally)
    chosen = novel_threshold(tallies, TARGET_ACCURACY)
    lines = [f"{name}: overall {total.right['Overall'] / total.total['Overall']:.1%}"]
    if chosen is not None:
        right, shown = at_threshold(total, chosen)
        lines.append(f"  threshold {chosen:g}: {right / shown:.1%} right ({novel_average(tallies, chosen):.1%} for the "
                     f"average novel), {shown / total.total['Overall']:.1%} coverage")
    bands = ", ".join(f"[{b:g}: {total.band_right[b] / total.band_total[b]:.1%} ({total.band_total[b]})"
                      for b in BANDS if total.band_total[b])
    return [*lines, f"  bands: {bands}"]


def _held_out_rankers(
    novels: dict[str, Novel], base: Ranker, cache: Path | None
) -> tuple[dict[str, Ranker], dict[str, Tally]]:
    """For each novel, the ranker fitted on the others, and each novel's tally (for the rules' records
    measured on the others); kept in ``cache`` (a pickle) when given, for another run of the same code."""
    if cache is not None and cache.is_file():
        return pickle.loads(cache.read_bytes())  # type: ignore[no-any-return]
    examples = {name: examples_of(novel) for name, novel in novels.items()}
    rankers = {}
    for name in novels:
        weights = fit([e for other, found in examples.items() if other != name for e in found])
        rankers[name] = Ranker(tuple(float(w) for w in weights), base.bands, base.band_accuracy)
    found = rankers, {name: score(novel) for name, novel in novels.items()}
    if cache is not None:
        cache.write_bytes(pickle.dumps(found))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train_speaker_confidence", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of PDNC-format novels")
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights (default: %(default)s)")
    parser.add_argument("--cache", type=Path, help="pickle of the held-out rankers, reused while the rules stay as they are")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    novels = {name: load(args.corpus / name) for name in DEV}
    base = shipped()
    if base is None:
        parser.error("no speaker ranker to read probabilities from: train it first")
    rankers, tallies = _held_out_rankers(novels, base, args.cache)
    answers = {}
    for name, novel in novels.items():
        calibration = calibration_of([t for other, t in tallies.items() if other != name])
        answers[name] = answers_of(novel, rankers[name], calibration)
    folds = {name: fit_confidence([a for other, a in answers.items() if other != name]) for name in answers}
    held_out = {
        name: tally_of(found, [ConfidenceModel(tuple(folds[name])).confidence(f, c) if f else 0.0
                        for f, c in zip(found.features, found.calibrated, strict=True)])
        for name, found in answers.items()
    }
    rules = {name: tally_of(found, found.calibrated) for name, found in answers.items()}
    weights = fit_confidence(list(answers.values()))
    document = {
        "about": "Speaker confidence model of bot/attribution/confidence_model.py: logistic regression over an "
                 "answer's evidence. Trained by `python -m benchmarks.train_speaker_confidence` on the expert labels "
                 "of the Project Dialogism Novel Corpus (Vishnubhotla, Hammond and Hirst, LREC 2022) for the novels "
                 "listed; folds: the model fitted without each novel. Do not edit by hand.",
        "trained_on": list(novels),
        "answers": sum(sum(f is not None for f in a.features) for a in answers.values()),
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in weights],
        "folds": {name: [round(float(w), 5) for w in fold] for name, fold in folds.items()},
    }
    args.out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{document['answers']} answers from {len(novels)} novels in {time.perf_counter() - started:.1f} s; "
          f"written to {args.out}")
    print("\n".join(report("held out, rules' calibrated records", list(rules.values()))))
    print("\n".join(report("held out, confidence model", list(held_out.values()))))
    for feature, weight in sorted(zip(FEATURES, weights, strict=True), key=lambda p: -abs(p[1])):
        print(f"  {weight:+.3f}  {feature}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
