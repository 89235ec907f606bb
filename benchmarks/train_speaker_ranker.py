"""Train the speaker ranker (:mod:`bot.attribution.ranker`) on PDNC-format novels and write its weights.

For every untagged turn of each training novel, the rules run as usual and the ranker's candidates
and features are recorded; a candidate is right when its name resolves to the labelled speaker of the
turn's first quote (as the speaker benchmark counts it). A conditional logistic regression (softmax
over a turn's candidates, L2-regularised, full-batch gradient descent in numpy) is fitted on the turns
whose right speaker is among the candidates. Its confidence is calibrated out of fold: each training
novel is scored by a model fitted on the others, and each probability band's accuracy there, over the
turns where the ranker overrules the rules (the only answers it gives a confidence to: where it agrees,
the rules' calibrated confidence stands), is what the band's answers claim.

Run: ``python -m benchmarks.train_speaker_ranker --corpus DIR [--out FILE] [--evaluate NAME ...] [NAME ...]``
(default: the 11 novels of the development half; never the check half). ``--evaluate`` prints, for
held-out novels, the share of ranked turns the rules and the ranker get right (totals only).
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.speakers_bench import CHECK, DEV
from benchmarks.speakers_gold import Novel, load
from bot.attribution.characters import Character, build_characters
from bot.attribution.quotes import paragraph_spans
from bot.attribution.ranker import FEATURES, WEIGHTS, Context, features_of
from bot.attribution.speakers import attribute

BANDS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)
L2 = 0.01
STEPS = 600
RATE = 0.1


@dataclass(slots=True)
class Example:
    """One untagged turn: each candidate's features, which ones are right, and the rules' answer's index."""

    features: np.ndarray
    right: np.ndarray
    rule_index: int | None


@dataclass(slots=True)
class Recorder:
    """A ranker that keeps the rules' answers and records every ranked turn's candidates."""

    turns: list[tuple[list[Character], Context]] = field(default_factory=list)

    def choose(self, candidates: list[Character], context: Context) -> None:
        self.turns.append((list(candidates), context))
        return None


def examples_of(novel: Novel) -> list[Example]:
    """The untagged turns of ``novel`` as training examples."""
    paragraphs = paragraph_spans(novel.text)
    characters = build_characters(novel.text, paragraphs)
    recorder = Recorder()
    attribute(novel.text, characters, paragraphs, ranker=recorder)
    golds = sorted(novel.golds, key=lambda g: g.start)
    gold_starts = [g.start for g in golds]
    examples = []
    for candidates, context in recorder.turns:
        index = bisect.bisect_left(gold_starts, context.starts[0])
        if index >= len(golds) or (len(context.starts) > 1 and golds[index].start >= context.starts[1]):
            continue
        gold = golds[index].speaker
        if gold is None or not candidates:
            continue
        right = np.array([novel.cast.resolve(c.name) == gold for c in candidates], dtype=float)
        matrix = np.array([features_of(c, context) for c in candidates], dtype=float)
        rule_index = candidates.index(context.rule_answer) if context.rule_answer in candidates else None
        examples.append(Example(matrix, right, rule_index))
    return examples


def fit(examples: list[Example]) -> np.ndarray:
    """Weights maximising the likelihood of a right candidate (any of them) under the softmax."""
    usable = [e for e in examples if e.right.any()]
    rows = np.concatenate([e.features for e in usable])
    rights = np.concatenate([e.right for e in usable])
    groups = np.concatenate([np.full(len(e.right), i) for i, e in enumerate(usable)])
    weights = np.zeros(rows.shape[1])
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, STEPS + 1):
        scores = rows @ weights
        top = np.full(len(usable), -np.inf)
        np.maximum.at(top, groups, scores)
        exps = np.exp(scores - top[groups])
        totals = np.bincount(groups, exps)
        right_totals = np.bincount(groups, exps * rights)
        probability = exps / totals[groups]
        right_share = exps * rights / right_totals[groups]
        gradient = (rows * (probability - right_share)[:, None]).sum(axis=0) / len(usable) + L2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= RATE * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return weights


def choices(weights: np.ndarray, examples: list[Example]) -> list[tuple[bool, float, bool, bool]]:
    """For each example: whether the ranker's choice is right, its probability, whether the rules' answer
    is right, and whether the two agree."""
    found = []
    for example in examples:
        scores = example.features @ weights
        exps = np.exp(scores - scores.max())
        best = int(scores.argmax())
        rules_right = example.rule_index is not None and bool(example.right[example.rule_index])
        found.append((bool(example.right[best]), float(exps[best] / exps.sum()), rules_right, best == example.rule_index))
    return found


def calibration(per_novel: dict[str, list[Example]]) -> tuple[list[float], list[float], list[int]]:
    """Each probability band's accuracy where the ranker overrules the rules (the only answers whose
    confidence it gives), out of fold: each novel scored by a model fitted on the others."""
    right = [0] * len(BANDS)
    total = [0] * len(BANDS)
    for name, held_out in per_novel.items():
        weights = fit([e for other, examples in per_novel.items() if other != name for e in examples])
        for is_right, probability, _, agrees in choices(weights, held_out):
            if agrees:
                continue
            band = max(i for i, low in enumerate(BANDS) if probability >= low)
            total[band] += 1
            right[band] += is_right
    accuracy = [(r + 1) / (t + 2) for r, t in zip(right, total, strict=True)]
    for index in range(1, len(accuracy)):  # a higher probability is never less sure
        accuracy[index] = max(accuracy[index], accuracy[index - 1])
    return [round(a, 4) for a in accuracy], list(BANDS), total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train_speaker_ranker", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of PDNC-format novels")
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights (default: %(default)s)")
    parser.add_argument("--evaluate", nargs="*", default=[], help="held-out novels: print the rules' and the ranker's totals")
    parser.add_argument("names", nargs="*", help="novels to train on (default: the development half)")
    args = parser.parse_args(argv)
    names = args.names or list(DEV)
    if set(names + args.evaluate) & set(CHECK):
        parser.error("the check half is spent: never train or evaluate on it")
    started = time.perf_counter()
    per_novel = {name: examples_of(load(args.corpus / name)) for name in names}
    examples = [e for found in per_novel.values() for e in found]
    weights = fit(examples)
    accuracy, bands, counts = calibration(per_novel)
    document = {
        "about": "Speaker ranker of bot/attribution/ranker.py: conditional logistic regression over an untagged "
                 "turn's candidates. Trained by `python -m benchmarks.train_speaker_ranker` on the expert labels of "
                 "the Project Dialogism Novel Corpus (Vishnubhotla, Hammond and Hirst, LREC 2022) for the novels "
                 "listed; calibration: accuracy per probability band, each novel scored by a model fitted on the "
                 "others. Do not edit by hand.",
        "trained_on": names,
        "turns": len(examples),
        "turns_with_right_candidate": sum(bool(e.right.any()) for e in examples),
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in weights],
        "calibration": {"bands": bands, "accuracy": accuracy, "turns": counts},
    }
    args.out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"{len(examples)} turns from {len(names)} novels ({document['turns_with_right_candidate']} with the right "
          f"speaker among the candidates) in {time.perf_counter() - started:.1f} s; written to {args.out}")
    print("calibration (band: accuracy, turns):", ", ".join(f"{b:g}: {a:.3f} ({t})" for b, a, t in zip(bands, accuracy, counts, strict=True)))
    if args.evaluate:
        held = [e for name in args.evaluate for e in examples_of(load(args.corpus / name))]
        found = choices(weights, held)
        ranker_right = sum(r for r, _, _, _ in found)
        rules_right = sum(r for _, _, r, _ in found)
        print(f"held out ({len(args.evaluate)} novels, {len(held)} ranked turns): rules {rules_right / len(held):.1%}, "
              f"ranker {ranker_right / len(held):.1%}, right speaker among candidates "
              f"{sum(bool(e.right.any()) for e in held) / len(held):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
