"""Reading a work's stored passages in place: paragraphs by number or near a passage, the sentence at an offset."""

from __future__ import annotations

from bot.errors import PassageNotFound, echo
from bot.library.views import QuoteHit, WorkView
from bot.storage.passages import PassageRepository
from bot.storage.records import WorkRecord
from bot.storage.works import WorkRepository
from bot.text.model import Passage, PassageKind


class Navigation:
    """Paragraphs and sentences of works already loaded, and where a stored passage is."""

    def __init__(self, passages: PassageRepository, works: WorkRepository) -> None:
        self._passages = passages
        self._works = works

    async def place_of(self, passage_id: int, *, guild_id: int | None) -> tuple[WorkRecord, int]:
        """The work holding the passage with this id, and the passage's ordinal; the work must be one
        ``guild_id`` sees."""
        found = await self._passages.by_id(passage_id)
        record = await self._works.get(found[0]) if found else None
        if found is None or record is None or not record.visible_to(guild_id):
            raise PassageNotFound("That passage is no longer in the library: the work was changed or removed.")
        return record, found[1].ordinal

    async def paragraph_of(self, work: WorkView, ordinal: int) -> tuple[WorkView, Passage]:
        """Paragraph number ``ordinal`` (from 0) of ``work``."""
        paragraph = await self._passages.at(work.record.id, PassageKind.PARAGRAPH, ordinal)
        if paragraph is None:
            raise PassageNotFound(f"{echo(work.title)} has no paragraph {ordinal + 1}; it has {work.paragraph_count}.")
        return work, paragraph

    async def paragraphs_in(self, work: WorkView, ordinals: range) -> list[Passage]:
        """The paragraphs of `work` numbered `ordinals` (those that exist), in order."""
        found = await self._passages.paragraphs(work.record.id, list(ordinals))
        return [found[ordinal] for ordinal in ordinals if ordinal in found]

    async def sentence_at(self, work: WorkView, offset: int) -> QuoteHit:
        """The sentence of ``work`` at ``offset`` in its source text, with its paragraph."""
        sentence = await self._passages.containing(work.record.id, PassageKind.SENTENCE, offset)
        paragraph = await self._passages.containing(work.record.id, PassageKind.PARAGRAPH, offset)
        if sentence is None or paragraph is None:
            raise PassageNotFound(f"{echo(work.title)} has no text at that point.")
        return QuoteHit(work, sentence, paragraph, score=1.0)
