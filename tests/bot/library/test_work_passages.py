"""A work's passages held in memory answer a lookup's hits as the database does."""

from pathlib import Path

import pytest

from bot.library.preparation import prepare_work
from bot.library.work_passages import KINDS, WorkPassages
from bot.storage.database import Database
from bot.storage.passages import PassageRepository
from bot.storage.works import WorkRepository, passage_from_row
from bot.text.model import PassageKind

TEXT = "Tiny\n\nThe kettle sang. Nobody came.\n\nThen Mirela opened the door, said the clock.\n"


@pytest.fixture
async def database(database_target: Path | str):
    db = await Database.open(database_target)
    yield db
    await db.close()


async def test_hits_in_memory_are_the_databases(database: Database) -> None:
    repository = PassageRepository(database)
    saved = await WorkRepository(database).save("tiny", prepare_work(TEXT))
    assert saved is not None
    work_id = saved.record.id
    held = WorkPassages(passage_from_row(row) for row in await repository.of_kinds(work_id, KINDS))
    sentences = [await repository.at(work_id, PassageKind.SENTENCE, ordinal) for ordinal in range(3)]
    keys = [s.id for s in sentences if s is not None and s.id is not None]
    assert len(keys) == 3
    wanted = [keys[2], keys[0], 10**9]  # an id the work does not have is left out
    assert held.with_paragraphs(wanted) == await repository.with_paragraphs(work_id, wanted)
    assert held.with_paragraphs([]) == ({}, {})
    assert held.sentence_text(keys[1], "other") == "Nobody came." and held.sentence_text(10**9, "other") == "other"


def test_the_cache_counts_the_paragraphs_text() -> None:
    short = WorkPassages(prepare_work("A line.\n").parsed.passages)
    longer = WorkPassages(prepare_work("A line. " + "Word " * 400 + "\n").parsed.passages)
    assert longer.estimated_bytes() > short.estimated_bytes() + 1500
