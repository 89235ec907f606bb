"""/ask over a stored work: candidate sentences from the quote index, ranked as answers.

The index hands over the sentences holding any focus word of the question (best
BM25 rank first); the sentences around each are read from the database as its
context; ranking (:mod:`bot.ask.ranking`) runs in a worker thread. The cost
depends on the question, not on the length of the work.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from bot.ask.cues import SEARCHED_KINDS
from bot.ask.question import Question, described_names, names_in, parse_question
from bot.ask.ranking import Answer, Candidate, rank, shown_answers
from bot.errors import EmptyQuestion
from bot.library.service import Library
from bot.library.views import QuoteHit, WorkView
from bot.search.query import clean_query
from bot.search.textnorm import term, words
from bot.search.vocabulary import Vocabulary
from bot.storage.database import Database
from bot.storage.passages import PassageRepository
from bot.storage.quote_index import QuoteIndexStore
from bot.text.model import Passage, PassageKind

ASK_CANDIDATES = 200
"""Sentences the index hands to ranking."""
CUED_CANDIDATES = 100
"""More, for a question whose answers hold a cue ("how tall" -> feet): sentences with a cue and a word of it."""
CONTEXT_REACH = 2
"""Sentences on each side of a candidate that count as its context."""
ANSWER_REACH = 1
"""Sentences on each side of a sentence the index found, in its paragraph, that are candidates too: the answer
is often the sentence after the one that repeats the question ("the creature was made... ." "It was eight feet...")."""
SHOWN_ANSWERS = 3
"""The best answer and up to two more, from other paragraphs."""


@dataclass(frozen=True, slots=True)
class AskResult:
    """What `/ask` found: answers best first (empty when the work does not answer the question)."""

    work: WorkView
    question: str
    answers: list[QuoteHit]

    @property
    def answered(self) -> bool:
        return bool(self.answers)


class StoryAsker:
    """Answers questions about the works of a :class:`Library` from their text."""

    def __init__(self, library: Library, database: Database) -> None:
        self._library = library
        self._index = QuoteIndexStore(database)
        self._passages = PassageRepository(database)

    async def ask(
        self,
        question: str,
        *,
        slug: str | None = None,
        guild_id: int | None = None,
        limit: int = SHOWN_ANSWERS,
        sections: range | None = None,
    ) -> AskResult:
        """The passages of the work that answer `question` (only from `sections`, the reading progress,
        if given); raises InvalidQuery for unusable input."""
        if not question.strip():
            raise EmptyQuestion()
        cleaned = clean_query(question)
        work = await self._library.load(slug, guild_id=guild_id)
        parsed = await asyncio.to_thread(parse_question, cleaned, work.vocabulary)
        if parsed is None:
            return AskResult(work, cleaned, [])
        ranked, sentences = await self._ranked(work, parsed, sections)
        shown = shown_answers(parsed, ranked, lambda key: sentences[key].paragraph, limit)
        return AskResult(work, cleaned, await self._hits(work, sentences, shown))

    async def _ranked(
        self, work: WorkView, question: Question, sections: range | None
    ) -> tuple[list[Answer], dict[int, Passage]]:
        """Every candidate sentence ranked as an answer, best first, and the candidates by id."""
        units = await self._index.candidates(work.record.id, question.search_terms, ASK_CANDIDATES, sections=sections)
        if question.kind in SEARCHED_KINDS and question.cues:
            required = question.cues - question.search_terms
            units += await self._index.candidates(
                work.record.id, question.search_terms, CUED_CANDIDATES, required, sections=sections
            )
        found = await self._passages.many(list({unit.key for unit in units}))
        reach = CONTEXT_REACH + ANSWER_REACH
        ordinals = {o for s in found.values() for o in range(s.ordinal - reach, s.ordinal + reach + 1)}
        neighbours = await self._passages.of_kind_at(work.record.id, PassageKind.SENTENCE, sorted(ordinals))
        sentences = _with_neighbours(found, neighbours)
        ranked = await asyncio.to_thread(_rank, question, list(sentences.values()), neighbours, work.vocabulary)
        return ranked, sentences

    async def _hits(self, work: WorkView, sentences: dict[int, Passage], answers: list[Answer]) -> list[QuoteHit]:
        chosen = [sentences[answer.key] for answer in answers]
        paragraphs = await self._passages.paragraphs(
            work.record.id, [s.paragraph for s in chosen if s.paragraph is not None]
        )
        return [
            QuoteHit(work, sentence, paragraphs[sentence.paragraph], answer.score)
            for sentence, answer in zip(chosen, answers, strict=True)
            if sentence.paragraph in paragraphs
        ]


def _with_neighbours(found: dict[int, Passage], neighbours: dict[int, Passage]) -> dict[int, Passage]:
    """The sentences found and those within :data:`ANSWER_REACH` of them in their paragraph, by id."""
    sentences = dict(found)
    for sentence in found.values():
        for ordinal in range(sentence.ordinal - ANSWER_REACH, sentence.ordinal + ANSWER_REACH + 1):
            near = neighbours.get(ordinal)
            if near is not None and near.id is not None and near.paragraph == sentence.paragraph:
                sentences.setdefault(near.id, near)
    return sentences


def _rank(
    question: Question, sentences: list[Passage], neighbours: dict[int, Passage], vocabulary: Vocabulary
) -> list[Answer]:
    terms = {ordinal: tuple(map(term, words(s.text))) for ordinal, s in neighbours.items()}
    candidates = [_candidate(sentence, terms, neighbours) for sentence in sentences]
    return rank(question, candidates, len(candidates), vocabulary)


def _candidate(sentence: Passage, terms: dict[int, tuple[str, ...]], neighbours: dict[int, Passage]) -> Candidate:
    """`sentence` as ranking sees it: its context is its neighbours in its paragraph, the rest nearby."""
    around = [
        o for o in range(sentence.ordinal - CONTEXT_REACH, sentence.ordinal + CONTEXT_REACH + 1) if o in neighbours
    ]
    same = [o for o in around if o != sentence.ordinal and neighbours[o].paragraph == sentence.paragraph]
    other = [o for o in around if neighbours[o].paragraph != sentence.paragraph]
    context = frozenset(t for ordinal in same for t in terms[ordinal])
    nearby = frozenset(t for ordinal in other for t in terms[ordinal])
    return Candidate(
        key=sentence.id or 0,
        terms=terms.get(sentence.ordinal) or tuple(map(term, words(sentence.text))),
        names=frozenset(names_in(sentence.text)),
        context=context,
        asks=sentence.text.rstrip(" \"'”’)").endswith("?"),
        nearby=nearby,
        described=described_names(sentence.text),
        text=sentence.text,
    )
