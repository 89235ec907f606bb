"""A trivia question, however it was made: generated from the text or curated by people."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class QuestionKind(StrEnum):
    """Kinds of question; the values are the names the CLI and ``/trivia start kind`` take."""

    WHO_SAID_IT = "who-said-it"
    FINISH_THE_QUOTE = "finish-the-quote"
    MISSING_WORD = "missing-word"
    WHAT_CAME_NEXT = "what-came-next"
    WHICH_CAME_FIRST = "which-came-first"
    TRUE_OR_FALSE = "true-or-false"
    WHO_WAS_THERE = "who-was-there"
    PLOT = "plot"
    """Curated plot-point questions from a bank (``data/trivia/<slug>.yaml`` and moderators' own)."""


GENERATED_KINDS: tuple[QuestionKind, ...] = tuple(kind for kind in QuestionKind if kind is not QuestionKind.PLOT)
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
