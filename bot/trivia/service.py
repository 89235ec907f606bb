"""Trivia over the library: a work's questions (generated and curated), for the CLI and the cog."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from bot.library.service import Library
from bot.library.views import WorkView
from bot.settings import DATA_DIR
from bot.storage.trivia import TriviaStore, WorkPassages
from bot.storage.trivia_history import TriviaHistory
from bot.text.ingest import WorkSpeakers
from bot.trivia import chapters
from bot.trivia.bank import CuratedQuestion, load_bank
from bot.trivia.characters import SpeakerCounts
from bot.trivia.events import Cast, Plot, plot_of
from bot.trivia.generate import generate
from bot.trivia.lines import TriviaSource, speaker_lines
from bot.trivia.people import Person
from bot.trivia.quality import Admission, Difficulty
from bot.trivia.question import Question, QuestionKind

BANK_DIR = DATA_DIR / "trivia"
"""Shipped banks: ``<slug>.yaml`` for the work of that slug."""
SOURCES_KEPT = 8


class TriviaService:
    def __init__(
        self,
        library: Library,
        store: TriviaStore,
        *,
        history: TriviaHistory | None = None,
        bank_dir: Path = BANK_DIR,
    ) -> None:
        self.library = library
        self.store = store
        self.history = history
        self._bank_dir = bank_dir
        self._sources: dict[tuple[int, str, int], TriviaSource] = {}
        self._banks: dict[str, list[CuratedQuestion]] = {}

    async def questions(
        self,
        *,
        slug: str | None,
        guild_id: int | None,
        kinds: Sequence[QuestionKind],
        count: int,
        seed: int,
        channel_id: int | None = None,
        difficulty: Difficulty | None = None,
        sections: range | None = None,
    ) -> tuple[WorkView, list[Question]]:
        """Up to ``count`` questions about the work ``slug`` (default: the server's), deterministic by
        ``seed``. In a server, none that its players retired or moderators banned, none the channel's
        last games asked while others remain, and only of ``difficulty`` if one is asked for; only
        about the sections ``sections`` (the reading progress), if given."""
        work = await self.library.load(slug, guild_id=guild_id)
        source = await self.source(work)
        curated = await self.curated(work, guild_id) if QuestionKind.PLOT in kinds else []
        if sections is not None:
            source = await asyncio.to_thread(within, source, sections)
            read = {sentence.paragraph for sentence in source.sentences}
            curated = [question for question in curated if question.passage is not None and question.passage in read]
        rivals = curated_rivals(source)
        plot = [as_question(question, source, rivals) for question in curated]
        admission = await self._admission(work.slug, guild_id, channel_id, difficulty)

        def pick() -> list[Question]:
            chosen = generate(source, count=count, seed=seed, kinds=kinds, curated=plot, admit=admission)
            if admission is not None and len(chosen) < count and admission.recent:
                more = admission.allowing_repeats()
                chosen += generate(source, count=count - len(chosen), seed=seed, kinds=kinds, curated=plot,
                                   admit=more, asked=chosen)
            return chosen

        return work, await asyncio.to_thread(pick)

    async def _admission(
        self, work_slug: str, guild_id: int | None, channel_id: int | None, wanted: Difficulty | None
    ) -> Admission | None:
        if guild_id is None or self.history is None:
            return None
        recent = await self.history.recent_questions(channel_id) if channel_id is not None else set()
        counts = await self.history.answer_counts(guild_id, work_slug) if wanted is not None else {}
        return Admission(work_slug, recent, await self.history.excluded(guild_id), wanted, counts)

    async def source(self, work: WorkView) -> TriviaSource:
        """The work's lines and sentences (kept for the last few works asked about)."""
        record = work.record
        key = (record.id, record.content_hash, record.parser_version)
        if key not in self._sources:
            passages = await self.store.passages(record.id)
            speakers = await self.library.speakers_of(work)
            if len(self._sources) >= SOURCES_KEPT:
                self._sources.pop(next(iter(self._sources)))
            self._sources[key] = await asyncio.to_thread(work_source, work, passages, speakers)
        return self._sources[key]

    async def curated(self, work: WorkView, guild_id: int | None) -> list[CuratedQuestion]:
        """The shipped bank's questions for the work, then the server's own."""
        own = await self.store.questions(guild_id, work.slug) if guild_id is not None else []
        return [*self.shipped_bank(work.slug), *own]

    def shipped_bank(self, slug: str) -> list[CuratedQuestion]:
        if slug not in self._banks:
            self._banks[slug] = load_bank(self._bank_dir / f"{slug}.yaml")
        return self._banks[slug]


def work_source(work: WorkView, passages: WorkPassages, speakers: WorkSpeakers) -> TriviaSource:
    """What questions about a stored work are made from: its paragraphs, sentences and who said what."""
    lines = speaker_lines(speakers.utterances, passages.paragraphs)
    paragraph_ids = {paragraph.ordinal: paragraph.id for paragraph in passages.paragraphs}
    titles = {index: section.title for index, section in work.outline.sections.items()}
    plot = plot_of(passages.sentences, people_of(speakers), titles)
    return TriviaSource(work.slug, work.title, lines, passages.sentences, paragraph_ids, plot)


def people_of(speakers: WorkSpeakers) -> list[Person]:
    """The work's named characters (people described only, "the woman", are left out)."""
    return [
        Person(c.name, tuple(dict.fromkeys([c.name, *c.aliases])), c.gender, c.first_offset, c.mentions)
        for c in speakers.people()
        if not c.described
    ]


def within(source: TriviaSource, sections: range) -> TriviaSource:
    """``source`` cut to the sections ``sections``: lines, sentences, plot points and people (those met
    there) from the chapters read only."""
    sentences = [sentence for sentence in source.sentences if sentence.section in sections]
    stop = max((sentence.end for sentence in sentences), default=0)
    people = [person for person in source.plot.cast.people if person.first_offset < stop]
    events = [event for event in source.plot.events if event.sentence.section in sections]
    relations = [relation for relation in source.plot.relations if relation.sentence.section in sections]
    return replace(
        source,
        lines=[line for line in source.lines if line.section in sections],
        sentences=sentences,
        plot=Plot(events, Cast(sentences, people), relations, chapters.within(source.plot.chapters, sections)),
    )


def curated_rivals(source: TriviaSource) -> tuple[str, ...]:
    """Names a typed answer to a curated question must not be closer to than to the answer: the work's speakers."""
    return tuple(SpeakerCounts(source.lines).speakers())


def as_question(curated: CuratedQuestion, source: TriviaSource, rivals: Sequence[str] = ()) -> Question:
    """A curated question ready to ask: its options, accepted answers, and passage id in the stored work."""
    answer = curated.answer_text
    return Question(
        QuestionKind.PLOT,
        curated.question,
        answer,
        options=curated.options,
        accepted=(curated.answer, *curated.accepted),
        rivals=tuple(name for name in (*rivals, *curated.wrong) if name not in (answer, *curated.accepted)),
        passage_id=source.paragraph_ids.get(curated.passage) if curated.passage is not None else None,
        explanation=curated.explanation,
    )
