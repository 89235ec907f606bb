"""A trivia question, however it was made: generated from the text or curated by people."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class QuestionKind(StrEnum):
    """Kinds of question; the values are the names the CLI and ``/trivia start kind`` take."""

    EVENT = "event"
    """Who did what: a plot point from the narration (see :mod:`bot.trivia.events`)."""
    WHICH_CAME_FIRST = "which-came-first"
    """Which of two plot points, chapters apart, came first."""
    RELATION = "relation"
    """Who is whose kin or servant, as the narration states it (see :mod:`bot.trivia.relations`)."""
    WHO_SAID_IT = "who-said-it"
    FINISH_THE_QUOTE = "finish-the-quote"
    MISSING_WORD = "missing-word"
    TRUE_OR_FALSE = "true-or-false"
    PLOT = "plot"
    """Curated plot-point questions from a bank (``data/trivia/<slug>.yaml`` and moderators' own)."""

    @property
    def category(self) -> Category:
        return CATEGORIES[self]


class Category(StrEnum):
    """What a question is about, for players choosing and for mixing a game."""

    EVENTS = "events"
    CHARACTERS = "characters"
    QUOTES = "quotes"


CATEGORIES: dict[QuestionKind, Category] = {
    QuestionKind.EVENT: Category.EVENTS,
    QuestionKind.WHICH_CAME_FIRST: Category.EVENTS,
    QuestionKind.PLOT: Category.EVENTS,
    QuestionKind.RELATION: Category.CHARACTERS,
    QuestionKind.WHO_SAID_IT: Category.CHARACTERS,
    QuestionKind.TRUE_OR_FALSE: Category.CHARACTERS,
    QuestionKind.FINISH_THE_QUOTE: Category.QUOTES,
    QuestionKind.MISSING_WORD: Category.QUOTES,
}


def known_kinds(names: Iterable[str]) -> frozenset[QuestionKind]:
    """The kinds among ``names`` that still exist (stored settings may name retired ones)."""
    return frozenset(QuestionKind(name) for name in names if name in QuestionKind._value2member_map_)


GENERATED_KINDS: tuple[QuestionKind, ...] = tuple(kind for kind in QuestionKind if kind is not QuestionKind.PLOT)
DEFAULT_KINDS: frozenset[QuestionKind] = frozenset(QuestionKind) - {QuestionKind.MISSING_WORD, QuestionKind.FINISH_THE_QUOTE}
"""The kinds a server's games ask until its moderators choose. Missing-word and finish-the-quote are
off: judged samples found few of their questions fit to play (a wrong word or ending that fits the
grammar seldom fits the sense, and one that fits the sense may be right too); moderators may turn
them on."""
ASKED_ONLY_BY_NAME: frozenset[QuestionKind] = frozenset({QuestionKind.EVENT})
"""Kinds a game asks only when a player names them (``/trivia start kind:event``), never in a mix:
judged blind samples found few who-did-it questions fit to play (2 of 8, 3 of 11): an action lifted
out of its moment is trivial ("returned to his station") or fits several people at different times."""
TRUE, FALSE = "True", "False"


class AnswerFormat(StrEnum):
    CHOICE = "choice"
    """Pick one of ``options`` (buttons)."""
    TRUE_FALSE = "true-false"
    TEXT = "text"
    """Type the answer (a modal); judged by :mod:`bot.trivia.judging`."""


@dataclass(frozen=True, slots=True)
class Question:
    """One question. ``options`` (the answer among them) make it multiple choice; without them the
    answer is typed, and ``accepted`` lists other ways of saying it. ``rivals`` are wrong answers a
    typed answer must not be closer to (the work's other characters, the wrong options).

    ``passage_id`` is the stable id of the paragraph the answer comes from; ``offset`` the character
    offset of the quote's opening quotation mark in the original file, for quote-based kinds.
    """

    kind: QuestionKind
    text: str
    answer: str
    options: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    rivals: tuple[str, ...] = ()
    passage_id: int | None = None
    offset: int | None = None
    explanation: str | None = None

    @property
    def format(self) -> AnswerFormat:
        if set(self.options) == {TRUE, FALSE}:
            return AnswerFormat.TRUE_FALSE
        return AnswerFormat.CHOICE if self.options else AnswerFormat.TEXT

    def as_json(self) -> dict[str, object]:
        """The CLI's object for this question."""
        return {
            "kind": str(self.kind),
            "question": self.text,
            "options": list(self.options),
            "answer": self.answer,
            "passage_id": self.passage_id,
            "offset": self.offset,
        }
