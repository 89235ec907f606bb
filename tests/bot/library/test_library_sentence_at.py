"""Finding a passage by source offset, and section offsets in a work's outline (both backends)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import PassageNotFound
from bot.library.service import BUNDLED_STORY_PATH, Library
from bot.storage.database import Database
from bot.text.ingest import parse_work
from bot.text.model import PassageKind


@pytest.fixture
async def library(database_target: Path | str):
    database = await Database.open(database_target)
    library = Library(database)
    yield library
    await library.close()
    await database.close()


@pytest.fixture(scope="module")
def story_text() -> str:
    return BUNDLED_STORY_PATH.read_text(encoding="utf-8")


async def test_the_outline_knows_where_each_section_starts_and_ends(library: Library, story_text: str) -> None:
    work = await library.load()
    parsed = parse_work(story_text).sections
    outline = [work.outline.sections[index] for index in sorted(work.outline.sections)]
    assert [(s.start, s.end, s.kind) for s in outline] == [(p.start, p.end, p.kind) for p in parsed]
    assert {s.kind for s in outline} == {PassageKind.SCENE}


async def test_the_sentence_at_an_offset_comes_with_its_paragraph(library: Library, story_text: str) -> None:
    offset = story_text.index("Stiles was a lovely boy")
    hit = await library.sentence_at("hello-from-the-other-side", offset + 3, guild_id=None)
    assert "Stiles was a lovely boy" in hit.sentence.text
    assert hit.paragraph.start <= offset < hit.paragraph.end
    assert str(hit.location).startswith("Scene 1 · paragraph ")


async def test_an_offset_before_the_story_has_no_sentence(library: Library) -> None:
    with pytest.raises(PassageNotFound):
        await library.sentence_at("hello-from-the-other-side", -1, guild_id=None)
