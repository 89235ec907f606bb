"""The options of a multiple-choice question: drawing distinct wrong ones and shuffling them in."""

from __future__ import annotations

import random
from collections.abc import Iterator

from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine
from bot.trivia.question import Question, QuestionKind

WRONG_OPTIONS = 3
PLAUSIBLE_POOL = 6
"""Wrong options are drawn from this many of the most plausible candidates."""


def distinct_options(answer: str, candidates: Iterator[str], rng: random.Random) -> list[str]:
    """Up to :data:`WRONG_OPTIONS` wrong options drawn from the first :data:`PLAUSIBLE_POOL`
    candidates that differ from the answer and from each other once normalised."""
    seen = {normalise(answer)}
    pool: list[str] = []
    for candidate in candidates:
        key = normalise(candidate)
        if key and key not in seen:
            seen.add(key)
            pool.append(candidate)
            if len(pool) == PLAUSIBLE_POOL:
                break
    return rng.sample(pool, min(WRONG_OPTIONS, len(pool)))


def line_question(
    line: SpokenLine,
    kind: QuestionKind,
    text: str,
    answer: str,
    wrong: list[str],
    rng: random.Random,
    explanation: str | None = None,
) -> Question:
    """A multiple-choice question whose answer is in ``line`` (which it points at)."""
    options = shuffled([answer, *wrong], rng)
    return Question(kind, text, answer, options, passage_id=line.passage_id, offset=line.offset, explanation=explanation)


def shuffled(options: list[str], rng: random.Random) -> tuple[str, ...]:
    rng.shuffle(options)
    return tuple(options)
