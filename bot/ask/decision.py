"""Answer or decline: whether /ask claims its best passage as the answer, or shows its closest passages instead.

Ranking (:mod:`bot.ask.ranking`) always has a best sentence; this module decides whether it *is* the answer.
The best sentence is claimed only when every check of :data:`CHECKS` passes, each reading one piece of
evidence:

- the work mentions the question's words (a question about a dragon the book never names is not answered);
- the best sentence itself holds enough of the question and what it asks for (a place for "where", a
  number for "how many", a person other than those asked about for "who"; see :func:`bot.ask.ranking.answers`);
- it is clearly ahead of the best sentence of any other paragraph (:data:`MIN_MARGIN`): when two places of
  the book answer about equally well, ranking cannot tell which is right, so both are shown, not claimed.

Otherwise /ask says the book does not answer and shows the closest passages privately, the best among them:
a right passage shown as "closest" misleads no one, where a wrong answer claimed does. Each check is a
plain function of the question and the ranked answers, so a further piece of evidence (a similarity of
meaning, say) is one more entry of :data:`CHECKS`. Fitted on half the development question sets and
measured on the other half (docs/pending/19-decline.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.ask.cues import QuestionKind
from bot.ask.question import Question
from bot.ask.ranking import MAX_UNKNOWN_SHARE, Answer, answers

ParagraphOf = Callable[[int], int | None]
"""The paragraph of a sentence, by its key."""
Check = Callable[[Question, list[Answer], ParagraphOf], bool]
"""One piece of evidence that the best of the ranked answers (typed ones, best first) answers the question."""

MIN_MARGIN = 0.12
"""Least lead, as a share of its score, the best sentence must have over the best of any other paragraph.
Fitted on the development half: of the best sentences that pass the other checks, a lead under it marks
3 in 10 of the right ones but 2 in 3 of the wrong ones and of the unanswerable questions' best guesses."""
FOLLOW_UP_SHARE = 0.8
"""Once the best answer is claimed, a further one is shown if it passes the evidence check too, or scores this
share of the best: the close runners-up, for when the first is wrong."""
CUE_GATED = frozenset({QuestionKind.MEASURE})
"""Kinds whose best answer must hold a cue: "how old is Lydia?" is not answered by a line naming Lydia without
an age or a number in it."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The answers to claim, best first (empty when /ask declines), and why it declines."""

    shown: list[Answer]
    declined_because: str | None = None

    @property
    def answered(self) -> bool:
        return bool(self.shown)


def mentions_the_question(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> bool:
    """The work mentions enough of the question's words (:data:`bot.ask.ranking.MAX_UNKNOWN_SHARE`)."""
    return question.unknown_share <= MAX_UNKNOWN_SHARE


def holds_the_answer(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> bool:
    """The best sentence holds enough of the question, with what it asks for (and, for a measure, its cue)."""
    best = ranked[0]
    return answers(question, best) and (best.cued or question.kind not in CUE_GATED)


def clear_of_the_rest(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> bool:
    """The best sentence leads the best of every other paragraph by :data:`MIN_MARGIN` of its score."""
    return lead(ranked, paragraph_of) >= MIN_MARGIN


CHECKS: tuple[tuple[str, Check], ...] = (
    ("the work never mentions what the question asks about", mentions_the_question),
    ("the best passage does not hold what was asked", holds_the_answer),
    ("other passages answer about as well", clear_of_the_rest),
)
"""Why /ask would decline, each with the check that must pass for it to answer, in the order tried."""


def lead(ranked: list[Answer], paragraph_of: ParagraphOf) -> float:
    """0-1: how far the best answer is ahead of the best from another paragraph, as a share of its score
    (1 when no other paragraph has a candidate; 0 for a best answer scoring nothing)."""
    best = ranked[0]
    if best.score <= 0:
        return 0.0
    place = paragraph_of(best.key)
    rival = next((answer for answer in ranked[1:] if paragraph_of(answer.key) != place), None)
    return 1.0 if rival is None else max(0.0, (best.score - rival.score) / best.score)


def decide(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf, limit: int) -> Decision:
    """Whether the work answers `question`, given its candidate answers best first, and which to show: the best
    and, one per paragraph, up to `limit`, those passing the evidence check or scoring :data:`FOLLOW_UP_SHARE`
    of the best. Sentences that hold nothing of what was asked (untyped) are never shown."""
    typed = [answer for answer in ranked if answer.typed]
    if not typed:
        return Decision([], "no passage holds what was asked")
    failed = next((reason for reason, check in CHECKS if not check(question, typed, paragraph_of)), None)
    if failed is not None:
        return Decision([], failed)
    chosen: list[Answer] = []
    seen: set[int | None] = set()
    best = typed[0]
    for answer in typed:
        if len(chosen) == limit:
            break
        paragraph = paragraph_of(answer.key)
        good = answer is best or answers(question, answer) or answer.score >= FOLLOW_UP_SHARE * best.score
        if good and paragraph not in seen:
            seen.add(paragraph)
            chosen.append(answer)
    return Decision(chosen)
