"""Reading a stored work's passages: by stable id, by position, and the outline of its sections."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.storage.database import Database, Dialect, Row
from bot.storage.sections import read_structure
from bot.storage.works import PASSAGE_COLUMNS, passage_from_row
from bot.text.model import SECTION_KINDS, Passage, PassageKind
from bot.text.sections import StructureSection, chapter_of, reading_order


@dataclass(frozen=True, slots=True)
class SectionOutline:
    """A section (chapter or scene) as locations need it: no text."""

    index: int
    title: str | None
    first_paragraph: int
    paragraphs: int
    start: int = 0
    """Offset of the section's first paragraph in the source text."""
    end: int = 0
    """Offset just past the section's last paragraph."""
    kind: PassageKind = PassageKind.SCENE


@dataclass(frozen=True, slots=True)
class WorkOutline:
    """What locating a paragraph in its work needs: its sections, and where the story starts and ends."""

    sections: dict[int, SectionOutline]
    paragraphs: int
    story_start: int
    story_end: int
    structure: tuple[StructureSection, ...] = ()
    """Every section in reading order, front and back matter included (see :mod:`bot.text.structure`)."""

    def chapters(self) -> list[StructureSection]:
        """The sections a reader reads (chapters, letters, scenes, parts with text), in reading order."""
        return reading_order(self.structure)

    def chapter_of(self, paragraph: Passage) -> StructureSection | None:
        """The chapter (letter, scene) a paragraph, sentence or dialogue is in."""
        return chapter_of(self.structure, paragraph.section)


MANY_ROWS = 200
"""Rows past which turning them into passages runs in a worker thread."""


def _by_ordinal(rows: Sequence[Any]) -> dict[int, Passage]:
    return {row["ordinal"]: passage_from_row(row) for row in rows}


class PassageRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def by_id(self, passage_id: int) -> tuple[int, Passage] | None:
        """The passage with this stable id, and its work's id; None if it no longer exists."""
        row = await self._database.fetch_one(
            f"SELECT work_id, {PASSAGE_COLUMNS} FROM passages WHERE id = ?", (passage_id,)
        )
        return (row["work_id"], passage_from_row(row)) if row else None

    async def at(self, work_id: int, kind: PassageKind, ordinal: int) -> Passage | None:
        row = await self._database.fetch_one(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE work_id = ? AND kind = ? AND ordinal = ?",
            (work_id, kind, ordinal),
        )
        return passage_from_row(row) if row else None

    async def containing(self, work_id: int, kind: PassageKind, offset: int) -> Passage | None:
        """The passage of ``kind`` that starts last at or before ``offset`` (in the source text)."""
        row = await self._database.fetch_one(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE work_id = ? AND kind = ? AND start_offset <= ?"
            " ORDER BY ordinal DESC LIMIT 1",
            (work_id, kind, offset),
        )
        return passage_from_row(row) if row else None

    async def many(self, passage_ids: Sequence[int]) -> dict[int, Passage]:
        """Passages by id (those that exist)."""
        if not passage_ids:
            return {}
        ids, values = self._among(passage_ids)
        rows = await self._database.fetch_all(f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE id {ids}", values)
        return {row["id"]: passage_from_row(row) for row in rows}

    async def with_paragraphs(
        self, work_id: int, sentence_ids: Sequence[int]
    ) -> tuple[dict[int, Passage], dict[int, Passage]]:
        """Sentences by id and the work's paragraphs holding them by ordinal (those that exist), in one query."""
        if not sentence_ids:
            return {}, {}
        # The ids alone pick the sentences: with `work_id = ? AND kind = ?` beside them,
        # SQLite scanned the work's sentences in passages_in_order instead.
        ids, values = self._among(sentence_ids)
        rows = await self._database.fetch_all(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE id {ids}"
            f" UNION ALL SELECT {PASSAGE_COLUMNS} FROM passages WHERE work_id = ? AND kind = ? AND ordinal IN"
            f" (SELECT paragraph FROM passages WHERE id {ids})",
            (*values, work_id, PassageKind.PARAGRAPH, *values),
        )
        found = [passage_from_row(row) for row in rows]
        sentences = {p.id: p for p in found if p.kind is PassageKind.SENTENCE}
        paragraphs = {p.ordinal: p for p in found if p.kind is PassageKind.PARAGRAPH}
        return sentences, paragraphs

    async def paragraphs(self, work_id: int, ordinals: Sequence[int]) -> dict[int, Passage]:
        """Paragraphs of a work by ordinal (those that exist)."""
        return await self.of_kind_at(work_id, PassageKind.PARAGRAPH, ordinals)

    async def of_kind_at(self, work_id: int, kind: PassageKind, ordinals: Sequence[int]) -> dict[int, Passage]:
        """Passages of one kind of a work by ordinal (those that exist)."""
        if not ordinals:
            return {}
        among, values = self._among(ordinals)
        rows = await self._database.fetch_all(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE work_id = ? AND kind = ? AND ordinal {among}",
            (work_id, kind, *values),
        )
        if len(rows) > MANY_ROWS:  # a thousand rows take tens of milliseconds to read: not on the event loop
            return await asyncio.to_thread(_by_ordinal, rows)
        return _by_ordinal(rows)

    def _among(self, values: Sequence[int]) -> tuple[str, tuple[object, ...]]:
        """``IN (?, ?, ...)`` on SQLite; on PostgreSQL ``= ANY(?)`` with one array, so that every lookup runs
        the same prepared statement (a list of another length was a new statement, parsed and planned again)."""
        if self._database.dialect is Dialect.POSTGRES:
            return "= ANY(?::bigint[])", (list(values),)
        return f"IN ({', '.join('?' * len(values))})", tuple(values)

    async def of_kinds(self, work_id: int, kinds: Sequence[PassageKind]) -> list[Row]:
        """The rows of a work's passages of these kinds, for :func:`~bot.storage.works.passage_from_row` (which a
        caller may run in a worker: a novel has thousands)."""
        marks = ", ".join("?" * len(kinds))
        return await self._database.fetch_all(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE work_id = ? AND kind IN ({marks})", (work_id, *kinds)
        )

    async def in_section(self, work_id: int, kind: PassageKind, section: int) -> list[Passage]:
        """The passages of one kind in section number `section` of a work, in order."""
        rows = await self._database.fetch_all(
            f"SELECT {PASSAGE_COLUMNS} FROM passages WHERE work_id = ? AND kind = ? AND section = ? ORDER BY ordinal",
            (work_id, kind, section),
        )
        return [passage_from_row(row) for row in rows]

    async def outline(self, work_id: int) -> WorkOutline:
        titles = await self._database.fetch_all(
            "SELECT section, title, kind FROM passages WHERE work_id = ? AND kind IN (?, ?)", (work_id, *SECTION_KINDS)
        )
        spans = await self._database.fetch_all(
            "SELECT section, MIN(ordinal), COUNT(*), MIN(start_offset), MAX(end_offset) FROM passages"
            " WHERE work_id = ? AND kind = ? GROUP BY section",
            (work_id, PassageKind.PARAGRAPH),
        )
        heading = {row[0]: (row[1], PassageKind(row[2])) for row in titles}
        sections = {}
        for index, first_paragraph, paragraphs, start, end in spans:
            title, kind = heading.get(index, (None, PassageKind.SCENE))
            sections[index] = SectionOutline(index, title, first_paragraph, paragraphs, start, end, kind)
        return WorkOutline(
            sections=sections,
            paragraphs=sum(section.paragraphs for section in sections.values()),
            story_start=min((row[3] for row in spans), default=0),
            story_end=max((row[4] for row in spans), default=0),
            structure=tuple(await read_structure(self._database, work_id)),
        )
