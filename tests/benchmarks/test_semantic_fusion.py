"""Fusing the engine's ranking with meaning: each method's order, ties, and one answer per paragraph."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from benchmarks.semantic_encoder import fuse_ranked, one_per_paragraph


@dataclass(frozen=True)
class Item:
    key: int
    score: float


RANKED = [Item(1, 90.0), Item(2, 80.0), Item(3, 40.0), Item(4, 10.0)]


def keys(items: list[Item]) -> list[int]:
    return [item.key for item in items]


def test_cosine_alone_orders_by_meaning() -> None:
    assert keys(fuse_ranked(RANKED, np.array([0.1, 0.2, 0.9, 0.5]), "cosine", 0.0)) == [3, 4, 2, 1]


def test_reciprocal_rank_fusion_lifts_a_close_runner_up_with_the_closest_meaning() -> None:
    fused = fuse_ranked(RANKED, np.array([0.1, 0.9, 0.2, 0.3]), "rrf", 1.0, k=5)
    assert keys(fused)[0] == 2


def test_reciprocal_rank_fusion_without_weight_keeps_the_engines_order() -> None:
    assert keys(fuse_ranked(RANKED, np.array([0.1, 0.2, 0.3, 0.9]), "rrf", 0.0)) == [1, 2, 3, 4]


def test_weighted_fusion_scales_both_scores_and_weighs_the_cosine() -> None:
    cosines = np.array([0.2, 0.6, 0.1, 0.0])
    assert keys(fuse_ranked(RANKED, cosines, "weighted", 0.1)) == [1, 2, 3, 4]
    assert keys(fuse_ranked(RANKED, cosines, "weighted", 1.0)) == [2, 1, 3, 4]


def test_ties_keep_the_engines_order() -> None:
    assert keys(fuse_ranked(RANKED, np.full(4, 0.5), "cosine", 0.0)) == [1, 2, 3, 4]


def test_fewer_than_two_items_are_returned_as_they_are() -> None:
    assert keys(fuse_ranked(RANKED[:1], np.array([0.3]), "weighted", 1.0)) == [1]
    assert fuse_ranked([], np.array([]), "rrf", 1.0) == []


def test_one_answer_per_paragraph_up_to_the_limit() -> None:
    paragraphs = {1: 10, 2: 10, 3: 11, 4: 12}
    assert keys(one_per_paragraph(RANKED, paragraphs.get, 2)) == [1, 3]
    assert keys(one_per_paragraph(RANKED, paragraphs.get, 5)) == [1, 3, 4]
