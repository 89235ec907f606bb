"""StoryAsker over a stored work: the candidates the index does not rank first are still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ask.service import ASK_CANDIDATES, StoryAsker
from bot.library.service import Library
from bot.storage.database import Database


@pytest.fixture
async def asker_and_library(database_target: Path | str):
    database = await Database.open(database_target)
    library = Library(database)
    yield StoryAsker(library, database), library
    await database.close()


async def test_a_measure_is_found_among_more_sentences_naming_the_subject_than_the_index_hands_over(
    asker_and_library: tuple[StoryAsker, Library], tmp_path: Path
) -> None:
    asker, library = asker_and_library
    walks = "\n\n".join("The giant walked." for _ in range(ASK_CANDIDATES + 50))
    path = tmp_path / "giant.txt"
    path.write_text(f"{walks}\n\nWhen the moon rose the giant stood, a full eight feet in height, by the river.\n")
    saved = await library.add_work(path, slug="giant")
    result = await asker.ask("How tall was the giant?", slug=saved.record.slug)
    assert result.answered
    assert "eight feet" in result.answers[0].sentence.text
