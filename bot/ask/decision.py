"""Answer or decline: whether /ask claims its best passage as the answer, or shows its closest passages instead.

Ranking (:mod:`bot.ask.ranking`) always has a best sentence; this module decides whether it *is* the answer.
The best sentence is claimed only when every check of :data:`CHECKS` passes, each reading one piece of
evidence:

- the work mentions the question's words (a question about a dragon the book never names is not answered);
- the best sentence itself holds enough of the question and what it asks for (a place for "where", a
  number for "how many", a person other than those asked about for "who"; see :func:`bot.ask.ranking.answers`);
- it is clearly ahead of every sentence elsewhere that does not answer (:data:`MIN_MARGIN`): when a passage
  lacking the question's words or what it asks for scores about as well, the best's lead comes from ranking's
  bonuses, not from evidence, and ranking cannot tell the answer from a guess. Rivals that hold the answer too
  do not count against it: a question the book answers in several places ("what did he have for supper?")
  gets those places as its answers.

Otherwise /ask says the book does not answer and shows the closest passages privately, the best among them:
a right passage shown as "closest" misleads no one, where a wrong answer claimed does. Each check is a
plain function of the question and the ranked answers, so a further piece of evidence (a similarity of
meaning, say) is one more entry of :data:`CHECKS`. Fitted on half the development question sets and
measured on the other half (docs/benchmarks.md, "/ask answers or declines").
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

MIN_MARGIN = 0.25
"""Least lead, as a share of its score, the best sentence must have over every sentence of another paragraph
that does not hold the answer. Fitted on the development half: of the best sentences that pass the other
checks, a guess this close marks 1 in 4 of the right ones but 2 in 3 of the wrong ones and of the unanswerable
questions' best guesses."""
FOLLOW_UP_SHARE = 0.8
"""Once the best answer is claimed, a further one is shown if it passes the evidence check too, or scores this
share of the best: the close runners-up, for when the first is wrong."""
CUE_GATED = frozenset({QuestionKind.MEASURE})
"""Kinds whose best answer must hold a cue: "how old is Mirela?" is not answered by a line naming Mirela without
an age or a number in it."""


@dataclass(frozen=True, slots=True)
class Decision:
    """The answers to claim, best first (empty when /ask declines), and why it declines."""

    shown: list[Answer]
    declined_because: str | None = None

    @property
    def answered(self) -> bool:
        return bool(self.shown)

    @property
    def unsure(self) -> bool:
        """Declined because guesses came as close as the best passage (not because nothing came close)."""
        return self.declined_because == CLOSE_GUESSES


def mentions_the_question(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> bool:
    """The work mentions enough of the question's words (:data:`bot.ask.ranking.MAX_UNKNOWN_SHARE`)."""
    return question.unknown_share <= MAX_UNKNOWN_SHARE


def holds_the_answer(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> bool:
    """The best sentence holds enough of the question, with what it asks for (and, for a measure, its cue)."""
    return is_evidence(question, ranked[0])


def scores_something(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> bool:
    """The best sentence scores above nothing: else no passage came close, and there is no guess to weigh."""
    return ranked[0].score > 0


def clear_of_guesses(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> bool:
    """No sentence of another paragraph that fails :func:`is_evidence` scores within :data:`MIN_MARGIN` of the
    best (rivals that hold the answer too are further answers, shown below the best)."""
    return rival_guess(question, ranked, paragraph_of) is None


CLOSE_GUESSES = "passages that do not answer score about as well"
"""Why /ask declines when it is unsure rather than finding nothing: the closest passages may well hold the answer."""
CHECKS: tuple[tuple[str, Check], ...] = (
    ("the work never mentions what the question asks about", mentions_the_question),
    ("the best passage does not hold what was asked", holds_the_answer),
    ("no passage comes close", scores_something),
    (CLOSE_GUESSES, clear_of_guesses),
)
"""Why /ask would decline, each with the check that must pass for it to answer, in the order tried."""


def is_evidence(question: Question, answer: Answer) -> bool:
    """`answer` holds enough of the question and what it asks for (:func:`bot.ask.ranking.answers`), and, for a
    measure, a number or a measure word."""
    return answers(question, answer) and (answer.cued or question.kind not in CUE_GATED)


def rival_guess(question: Question, ranked: list[Answer], paragraph_of: ParagraphOf) -> Answer | None:
    """The best-ranked sentence of another paragraph than the best's that is not evidence (:func:`is_evidence`)
    yet scores within :data:`MIN_MARGIN` of the best, if any."""
    best = ranked[0]
    place, floor = paragraph_of(best.key), (1 - MIN_MARGIN) * best.score
    close = (answer for answer in ranked[1:] if answer.score > floor and paragraph_of(answer.key) != place)
    return next((answer for answer in close if not is_evidence(question, answer)), None)


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
        good = answer is best or is_evidence(question, answer) or answer.score >= FOLLOW_UP_SHARE * best.score
        if good and paragraph not in seen:
            seen.add(paragraph)
            chosen.append(answer)
    return Decision(chosen)
