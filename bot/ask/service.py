"""/ask over a stored work: each kind of question answered from the part of the text that answers it.

The question's form picks its route (:mod:`bot.ask.routes`): "who is X?" reads the
sentences naming X for those that say what X is (:mod:`bot.ask.describe`);
"what happens in chapter N?", "how does it end/begin?" sum that chapter up
(:mod:`bot.ask.summary`); any other question goes to passage retrieval: the index
hands over the sentences holding any focus word of the question (best BM25 rank
first); the sentences around each (its context), their terms and the hits' paragraphs
are read from the work's view in memory (:class:`~bot.library.work_passages.WorkPassages`,
:class:`~bot.search.units.WorkUnits`), not the database, and gathering them with the
ranking (:mod:`bot.ask.ranking`) runs in one worker thread. The cost depends on the
question, not on the length of the work.

Headings, contents lines, signatures, date lines and sentences only repeating the
question never answer (:mod:`bot.ask.answers`). When the work does not answer, the
result still holds the closest passages, from different places, to show privately.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.ask.answers import adds_to, is_non_answer
from bot.ask.chapters import chapter_span, numbered_sections, section_asked
from bot.ask.chat import standard_question
from bot.ask.cues import SEARCHED_KINDS
from bot.ask.decision import decide
from bot.ask.people import is_a_name
from bot.ask.question import Question, described_names, names_in, parse_question
from bot.ask.ranking import Answer, Candidate, rank
from bot.ask.routes import Route, Routed, chapter_number, route_question
from bot.ask.summary import even, summarise, towards_end, towards_start
from bot.ask.who_is import WhoIsReader
from bot.characters.roster import Roster
from bot.characters.service import CharacterBook, CharactersNotReady
from bot.errors import EmptyQuestion
from bot.library.service import Library
from bot.library.views import QuoteHit, WorkView
from bot.search.query import clean_query
from bot.search.textnorm import term, words
from bot.search.vocabulary import Vocabulary
from bot.storage.database import Database
from bot.storage.quote_index import QuoteIndexStore
from bot.text.model import Passage

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
CLOSEST_SHOWN = 3
"""Closest passages shown privately when the work does not answer."""
CLOSEST_SPACING = 5
"""Paragraphs apart the closest passages must be: different places of the work, not one scene thrice."""
SUMMARY_SENTENCES = 3
MAX_HEADINGS = 500
"""Most sentences holding "chapter" read for the text's own chapter headings."""
CHAPTER = term("chapter")
EXAMPLE_PEOPLE = 3
"""The most mentioned people a "not found" reply may suggest asking about."""
ENDS_SENTENCES = 12
"""Fewest sentences read for how a work begins or ends (a third of its first or last chapter, if more)."""

PassageFilter = Callable[[Passage], bool]
"""Which sentences may be shown (a reader's progress, say): a sentence it refuses is never an answer."""
POSITIONS = {Route.ENDING: towards_end, Route.OPENING: towards_start}


@dataclass(frozen=True, slots=True)
class AskResult:
    """What `/ask` found: answers best first (empty when the work does not answer the question)."""

    work: WorkView
    question: str
    answers: list[QuoteHit]
    route: Route = Route.PASSAGES
    closest: list[QuoteHit] = field(default_factory=list)
    """When unanswered: the passages nearest to an answer, from different places (to show privately)."""
    character: str | None = None
    """For a who-is answer: the character's name, as /character knows them."""
    example: str | None = None
    """A question this work does answer, for the reply that says it does not answer this one."""
    unsure: bool = False
    """Unanswered because several passages came about as close and none clearly answers: the closest may."""

    @property
    def answered(self) -> bool:
        return bool(self.answers)


class StoryAsker:
    """Answers questions about the works of a :class:`Library` from their text."""

    def __init__(
        self, library: Library, database: Database, *, characters: CharacterBook | None = None, roster_wait: float = 60.0
    ) -> None:
        """`roster_wait`: seconds a question waits for a work's people to be read (the first time, about a
        second for a novel); past it, a who-is question goes by the name as typed."""
        self._library = library
        self._index = QuoteIndexStore(database)
        self._characters = characters or CharacterBook(library)
        self._roster_wait = roster_wait
        self._who_is = WhoIsReader(self._index)

    async def ask(
        self,
        question: str,
        *,
        slug: str | None = None,
        guild_id: int | None = None,
        limit: int = SHOWN_ANSWERS,
        within: PassageFilter | None = None,
        sections: range | None = None,
    ) -> AskResult:
        """The passages of the work that answer `question`; raises InvalidQuery for unusable input.

        `within`, if given, says which sentences may be shown (answers and closest passages);
        `sections` (the reading progress) which sections they may come from, searched as such."""
        if not question.strip():
            raise EmptyQuestion()
        cleaned = clean_query(question)
        work = await self._library.load(slug, guild_id=guild_id)
        allowed = _within(within, sections)
        routed = route_question(standard_question(cleaned))
        result: AskResult | None = None
        if routed.route is Route.WHO_IS:
            result = await self._ask_who_is(work, cleaned, routed, allowed, limit, guild_id)
        elif routed.route in (Route.CHAPTER, Route.OPENING, Route.ENDING):
            result = await self._ask_chapter(work, cleaned, routed, allowed)
        if result is None:
            result = await self._ask_passages(work, cleaned, allowed, limit, sections)
        if not result.answered:
            result = replace(result, example=await self._example(work, cleaned, guild_id))
        return result

    async def _ask_who_is(
        self, work: WorkView, question: str, routed: Routed, allowed: PassageFilter, limit: int, guild_id: int | None
    ) -> AskResult | None:
        """What the text says X is; unanswered if the work (or the part allowed) never names X, a name: no passage
        about someone else answers "who is X?" (the reply suggests a person the work has). None (passage retrieval)
        for words no name ("who was Tom scolding?")."""
        roster = await self._roster(work, guild_id)
        found = await self._who_is.read(work, routed.name or "", roster, allowed, limit)
        if found is None:
            return AskResult(work, question, [], Route.WHO_IS) if is_a_name(routed.name or "") else None
        answers, closest, name = found
        return AskResult(work, question, _hits(work, answers), Route.WHO_IS, _hits(work, closest), name)

    async def _ask_chapter(self, work: WorkView, question: str, routed: Routed, allowed: PassageFilter) -> AskResult:
        """The chapter's most central sentences, in the order of the text."""
        sentences = [s for s in _part_asked(await self._chapter(work, routed), routed.route) if allowed(s)]
        by_id = {s.id: s for s in sentences if s.id is not None}
        vocabulary = work.vocabulary
        central = await asyncio.to_thread(
            summarise,
            [(key, s.text) for key, s in by_id.items()],
            lambda t: vocabulary.idf(t) if vocabulary.knows(t) else 1.0,
            SUMMARY_SENTENCES,
            POSITIONS.get(routed.route, even),
        )
        chosen = sorted(central, key=lambda c: by_id[c.key].ordinal)
        return AskResult(work, question, _hits(work, [(c.key, c.score) for c in chosen]), routed.route)

    async def _chapter(self, work: WorkView, routed: Routed) -> list[Passage]:
        """The sentences of the chapter asked about: by the outline when its sections are numbered, else by the
        text's own "CHAPTER N" headings, else the Nth section of the outline."""
        wanted = chapter_number(routed.chapter or "")
        if routed.route is Route.CHAPTER and wanted is not None and not numbered_sections(work.outline):
            headings = await self._index.holding_all(work.record.id, [CHAPTER], MAX_HEADINGS)
            found = work.passages.sentences(unit.key for unit in headings)
            span = chapter_span(sorted((s.ordinal, s.text) for s in found.values() if is_non_answer(s.text)), wanted)
            if span is not None:
                by_ordinal = work.passages.sentences_at(range(*span))
                return [by_ordinal[o] for o in sorted(by_ordinal)]
        section = section_asked(work.outline, routed)
        if section is None:
            return []
        return work.passages.sentences_in(section.index)

    async def _ask_passages(
        self, work: WorkView, question: str, allowed: PassageFilter, limit: int, sections: range | None
    ) -> AskResult:
        parsed = await asyncio.to_thread(parse_question, standard_question(question), work.vocabulary)
        if parsed is None:
            return AskResult(work, question, [])
        ranked, sentences = await self._ranked(work, parsed, allowed, sections)
        decision = decide(parsed, ranked, lambda key: sentences[key].paragraph, limit)
        answers = _hits(work, [(answer.key, answer.score) for answer in decision.shown])
        closest = [] if decision.shown else _spread(ranked, sentences)
        return AskResult(work, question, answers, closest=_hits(work, closest), unsure=decision.unsure)

    async def _ranked(
        self, work: WorkView, question: Question, allowed: PassageFilter, sections: range | None
    ) -> tuple[list[Answer], dict[int, Passage]]:
        """Every candidate sentence ranked as an answer, best first, and the candidates by id."""
        units = await self._index.candidates(work.record.id, question.search_terms, ASK_CANDIDATES, sections=sections)
        if question.kind in SEARCHED_KINDS and question.cues:
            required = question.cues - question.search_terms
            units += await self._index.candidates(
                work.record.id, question.search_terms, CUED_CANDIDATES, required, sections=sections
            )
        return await asyncio.to_thread(_rank_found, question, work, {unit.key for unit in units}, allowed)

    async def _example(self, work: WorkView, question: str, guild_id: int | None) -> str:
        """A question the work answers: who one of its most mentioned people (not the one asked about) is,
        else how it begins."""
        roster = await self._roster(work, guild_id)
        asked = set(words(question))
        people = [p.name for p in roster.people[:EXAMPLE_PEOPLE] if not asked & set(words(p.name))] if roster else []
        return f"who is {people[0]}?" if people else "how does it begin?"

    async def _roster(self, work: WorkView, guild_id: int | None) -> Roster | None:
        """The work's people, if known within the wait (see :meth:`__init__`); reading them goes on if not."""
        try:
            return (await self._characters.roster_within(self._roster_wait, work.slug, guild_id=guild_id))[1]
        except CharactersNotReady:
            return None


def _hits(work: WorkView, scored: list[tuple[int, float]]) -> list[QuoteHit]:
    """Sentences (by id, with a score) with their paragraphs, in the order given (from the work's view)."""
    return [hit for key, score in scored if (hit := work.hit(key, score)) is not None]


def _part_asked(sentences: list[Passage], route: Route) -> list[Passage]:
    """The part of a chapter a question means: its last third for the ending, its first for the beginning."""
    third = max(len(sentences) // 3, min(len(sentences), ENDS_SENTENCES))
    if route is Route.ENDING:
        return sentences[-third:] if third else []
    if route is Route.OPENING:
        return sentences[:third]
    return sentences


def _within(within: PassageFilter | None, sections: range | None) -> PassageFilter:
    """One filter of the two limits a question may come with (either may be absent)."""
    if sections is None:
        return within or _everything
    if within is None:
        return lambda sentence: sentence.section in sections
    return lambda sentence: sentence.section in sections and within(sentence)


def _everything(_: Passage) -> bool:
    return True


def _spread(ranked: list[Answer], sentences: dict[int, Passage]) -> list[tuple[int, float]]:
    """The best candidates at least :data:`CLOSEST_SPACING` paragraphs apart, up to :data:`CLOSEST_SHOWN`."""
    chosen: list[tuple[int, float]] = []
    places: list[int] = []
    for answer in ranked:
        paragraph = sentences[answer.key].paragraph or 0
        if all(abs(paragraph - other) >= CLOSEST_SPACING for other in places):
            chosen.append((answer.key, answer.score))
            places.append(paragraph)
        if len(chosen) == CLOSEST_SHOWN:
            break
    return chosen


def _with_neighbours(found: dict[int, Passage], neighbours: dict[int, Passage]) -> dict[int, Passage]:
    """The sentences found and those within :data:`ANSWER_REACH` of them in their paragraph, by id."""
    sentences = dict(found)
    for sentence in found.values():
        for ordinal in range(sentence.ordinal - ANSWER_REACH, sentence.ordinal + ANSWER_REACH + 1):
            near = neighbours.get(ordinal)
            if near is not None and near.id is not None and near.paragraph == sentence.paragraph:
                sentences.setdefault(near.id, near)
    return sentences


def _rank_found(
    question: Question, work: WorkView, keys: set[int], allowed: PassageFilter
) -> tuple[list[Answer], dict[int, Passage]]:
    """The sentences the index found (`keys`) and those next to them, as `allowed`, ranked as answers, and the
    candidates by id: read from the work's view, in a worker thread (a novel's question reads a thousand or so)."""
    found = work.passages.sentences(keys)
    reach = CONTEXT_REACH + ANSWER_REACH
    ordinals = {o for s in found.values() for o in range(s.ordinal - reach, s.ordinal + reach + 1)}
    neighbours = work.passages.sentences_at(ordinals)
    sentences = {key: s for key, s in _with_neighbours(found, neighbours).items() if allowed(s)}
    stored = work.units.terms_of(s.id for s in neighbours.values() if s.id is not None)
    terms = {ordinal: stored[s.id] for ordinal, s in neighbours.items() if s.id in stored}
    return _rank(question, list(sentences.values()), neighbours, terms, work.vocabulary), sentences


def _rank(
    question: Question,
    sentences: list[Passage],
    neighbours: dict[int, Passage],
    stored: dict[int, tuple[str, ...]],
    vocabulary: Vocabulary,
) -> list[Answer]:
    """The candidates ranked as answers, those that can never answer left out (see :mod:`bot.ask.answers`).

    `stored` holds the index's terms of the neighbours by ordinal (a sentence missing there is analysed here)."""
    terms = {o: stored.get(o) or tuple(map(term, words(s.text))) for o, s in neighbours.items()}
    term_sets = {ordinal: frozenset(found) for ordinal, found in terms.items()}
    candidates = [
        _candidate(sentence, terms, term_sets, neighbours, question.defines)
        for sentence in sentences
        if not is_non_answer(sentence.text) and adds_to(terms.get(sentence.ordinal, ()), question.search_terms)
    ]
    return rank(question, candidates, len(candidates), vocabulary)


def _candidate(
    sentence: Passage,
    terms: dict[int, tuple[str, ...]],
    term_sets: dict[int, frozenset[str]],
    neighbours: dict[int, Passage],
    defines: bool,
) -> Candidate:
    """`sentence` as ranking sees it: its context is its neighbours in its paragraph, the rest nearby (and,
    for a question asking what something is, the names it describes in apposition)."""
    around = [
        o for o in range(sentence.ordinal - CONTEXT_REACH, sentence.ordinal + CONTEXT_REACH + 1) if o in neighbours
    ]
    same = [o for o in around if o != sentence.ordinal and neighbours[o].paragraph == sentence.paragraph]
    other = [o for o in around if neighbours[o].paragraph != sentence.paragraph]
    context = frozenset().union(*(term_sets[ordinal] for ordinal in same))
    nearby = frozenset().union(*(term_sets[ordinal] for ordinal in other))
    return Candidate(
        key=sentence.id or 0,
        terms=terms.get(sentence.ordinal) or tuple(map(term, words(sentence.text))),
        names=frozenset(names_in(sentence.text)),
        context=context,
        asks=sentence.text.rstrip(" \"'”’)").endswith("?"),
        nearby=nearby,
        described=described_names(sentence.text) if defines else frozenset(),
        text=sentence.text,
    )
