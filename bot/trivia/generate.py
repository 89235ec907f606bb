"""Questions generated from a work's text, each with an answer the text makes certain: a game's pack,
the kinds taking turns.

Each kind has its builder (:mod:`bot.trivia.speaker_questions`, :mod:`bot.trivia.quote_questions`,
:mod:`bot.trivia.plot_questions`) over the source's :class:`~bot.trivia.facts.Facts`; this module
chooses among what they offer. Deterministic: the same source, kinds, count and seed give the same questions.
Each kind draws from its own random stream (seeded by the seed and the kind),
so asking for more kinds never changes another kind's questions.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence

from bot.trivia import line_fitness
from bot.trivia.facts import Facts
from bot.trivia.lines import TriviaSource
from bot.trivia.people import broken_name
from bot.trivia.plot_questions import event, relation, which_came_first
from bot.trivia.question import GENERATED_KINDS, Question, QuestionKind
from bot.trivia.quote_questions import finish_the_quote, missing_word
from bot.trivia.speaker_questions import true_or_false, who_said_it

MAX_ANSWER_SHARE = 0.25
"""No one person is the answer to more than this share of a game's questions, so always guessing
the narrator or the main talker does not pay."""
MIN_CHARS_APART = 1_500
"""Two questions of one game come from places at least this far apart in the text, so one
question's options do not give away another's answer."""

Builder = Callable[[Facts, random.Random], Iterator[Question]]
"""Makes one kind's questions lazily, from the source's facts and that kind's random stream."""

BUILDERS: dict[QuestionKind, Builder] = {
    QuestionKind.EVENT: event,
    QuestionKind.WHICH_CAME_FIRST: which_came_first,
    QuestionKind.RELATION: relation,
    QuestionKind.WHO_SAID_IT: who_said_it,
    QuestionKind.FINISH_THE_QUOTE: finish_the_quote,
    QuestionKind.MISSING_WORD: missing_word,
    QuestionKind.TRUE_OR_FALSE: true_or_false,
}


def generate(
    source: TriviaSource,
    *,
    count: int,
    seed: int,
    kinds: Sequence[QuestionKind] = GENERATED_KINDS,
    curated: Sequence[Question] = (),
    admit: Callable[[Question], bool] | None = None,
    asked: Sequence[Question] = (),
) -> list[Question]:
    """Up to ``count`` questions, the kinds taking turns; never two about the same line or sentence,
    nor from nearby places (:data:`MIN_CHARS_APART`), nor one person the answer too often
    (:data:`MAX_ANSWER_SHARE`).

    ``curated`` questions (kind ``plot``) take their turn where ``plot`` is in ``kinds``. Only
    questions ``admit`` accepts are chosen (see :class:`bot.trivia.quality.Admission`); ``asked``
    are questions already chosen for the game, which these join.
    """
    facts = Facts.of(source)
    streams = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        if kind is QuestionKind.PLOT:
            streams.append(iter(rng.sample(list(curated), len(curated))))
        else:
            streams.append(BUILDERS[kind](facts, rng))  # lazy: only the questions needed are made
    chosen = _Chosen(count, length=source.sentences[-1].end if source.sentences else 0, people=len(facts.speakers.speakers()))
    for question in asked:
        chosen.add(question)
    count += len(asked)
    while streams and len(chosen.questions) < count:
        for stream in list(streams):
            question = next((q for q in stream if chosen.admits(q) and _readable(q) and (admit is None or admit(q))), None)
            if question is None:
                streams.remove(stream)
                continue
            chosen.add(question)
            if len(chosen.questions) == count:
                break
    return chosen.questions[len(asked) :]


class _Chosen:
    """A game's questions so far, and what they rule out for the next."""

    def __init__(self, count: int, *, length: int, people: int) -> None:
        self.questions: list[Question] = []
        self._subjects: set[tuple[int | None, str]] = set()
        self._offsets: list[int] = []
        self._answers: Counter[str] = Counter()
        share = max(MAX_ANSWER_SHARE, 1 / max(1, people) + 0.1)  # a story of three speakers: about a third each
        self._max_per_answer = max(1, round(count * share))
        self._apart = min(MIN_CHARS_APART, length // (3 * max(1, count)))  # a short story must still fill a game

    def admits(self, question: Question) -> bool:
        if _subject(question) in self._subjects:
            return False
        if question.offset is not None and any(abs(question.offset - o) < self._apart for o in self._offsets):
            return False
        return not (_about_a_person(question) and self._answers[question.answer] >= self._max_per_answer)

    def add(self, question: Question) -> None:
        self.questions.append(question)
        self._subjects.add(_subject(question))
        if question.offset is not None:
            self._offsets.append(question.offset)
        if _about_a_person(question):
            self._answers[question.answer] += 1


def _readable(question: Question) -> bool:
    """Whether everything the question shows is whole words: no name or line broken where the source
    lost an accented letter ("Ren e" for Renée, "Am lie" for Amélie), whatever the kind."""
    if _about_a_person(question) and any(broken_name(option) for option in question.options):
        return False
    return not any(line_fitness.has_broken_word(text) for text in (question.text, *question.options))


def _about_a_person(question: Question) -> bool:
    return question.kind in (QuestionKind.WHO_SAID_IT, QuestionKind.EVENT, QuestionKind.RELATION)


def _subject(question: Question) -> tuple[int | None, str]:
    return (question.offset, question.answer) if question.offset is not None else (question.passage_id, question.answer)
