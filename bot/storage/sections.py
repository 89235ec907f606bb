"""A work's structure as stored: every section in reading order, front and back matter included."""

from __future__ import annotations

from collections.abc import Sequence

from bot.storage.database import Database, Session
from bot.text.headings import SectionKind
from bot.text.sections import StructureSection

_COLUMNS = "kind, number, title, label, start_offset, end_offset, paragraphs, level, reading_section"


async def write_structure(db: Session, work_id: int, sections: Sequence[StructureSection]) -> None:
    """Replace the work's stored structure (the caller holds the write transaction)."""
    await db.execute("DELETE FROM work_sections WHERE work_id = ?", (work_id,))
    await db.executemany(
        f"INSERT INTO work_sections (work_id, position, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                work_id,
                position,
                s.kind.value,
                s.number,
                s.title,
                s.label,
                s.offset,
                s.end,
                s.paragraphs,
                s.level,
                s.reading_section,
            )
            for position, s in enumerate(sections)
        ),
    )


async def read_structure(database: Database, work_id: int) -> list[StructureSection]:
    rows = await database.fetch_all(
        f"SELECT {_COLUMNS} FROM work_sections WHERE work_id = ? ORDER BY position", (work_id,)
    )
    return [
        StructureSection(
            kind=SectionKind(row["kind"]),
            number=row["number"],
            title=row["title"],
            offset=row["start_offset"],
            end=row["end_offset"],
            paragraphs=row["paragraphs"],
            level=row["level"],
            reading_section=row["reading_section"],
            label=row["label"],
        )
        for row in rows
    ]
