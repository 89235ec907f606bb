"""CharacterBook over a real Library (SQLite, or PostgreSQL with FOLIO_TEST_DATABASE_URL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.characters.service import CharacterBook, CharactersNotReady, UnknownCharacter
from bot.errors import UnknownWork
from bot.library.service import Library
from bot.storage.database import Database

CHAPTERS = """Chapter 1

Anna walked into the kitchen, where Ben was reading. Anna was tired, and Ben saw it.

“Where is the bread?” Anna asked.

“On the table,” Ben said.

Chapter 2

Anna slept. Anna dreamt of Ben.

Chapter 3

Ben woke Anna. “Breakfast,” Ben said.
"""


@pytest.fixture
async def library(database_target: Path | str):
    database = await Database.open(database_target)
    library = Library(database)
    yield library
    await library.close()
    await database.close()


async def test_a_cold_work_is_not_ready_at_once_then_is(library: Library) -> None:
    book = CharacterBook(library)
    with pytest.raises(CharactersNotReady, match="still reading Hello From the Other Side"):
        await book.roster_within(0, None, guild_id=None)
    work, roster = await book.roster_within(30, None, guild_id=None)
    assert work.title == "Hello From the Other Side" and roster.people[0].name == "Derek"
    await book.close()


async def test_a_report_locates_the_first_appearance(library: Library) -> None:
    book = CharacterBook(library)
    work, roster = await book.roster_within(30, None, guild_id=None)
    report = await book.report(work, roster, book.find(work, roster, "lydia"), guild_id=None)
    assert report.section_name == "Scene"
    first = report.first_appearance
    assert str(first.location).startswith("Scene 2 · ")
    assert "Lydia" in first.sentence.text and first.sentence.text in first.paragraph.text
    assert report.profile.first_section == 1 and report.profile.mentions_by_section[1] > 0


async def test_chapters_name_the_sections(library: Library) -> None:
    await library.add_text(CHAPTERS, slug="kitchen", guild_id=42)
    book = CharacterBook(library)
    work, roster = await book.roster_within(30, "kitchen", guild_id=42)
    report = await book.report(work, roster, book.find(work, roster, "Ben"), guild_id=42)
    assert report.section_name == "Chapter"
    assert report.profile.mentions_by_section == (3, 1, 2)
    assert report.profile.first_section == 0 and report.first_appearance.sentence.text.startswith("Anna walked")


async def test_an_unknown_name_suggests_who_is_there(library: Library) -> None:
    book = CharacterBook(library)
    work, roster = await book.roster_within(30, None, guild_id=None)
    with pytest.raises(UnknownCharacter) as raised:
        book.find(work, roster, "Stilez")
    assert str(raised.value).startswith(
        "There is no character called “Stilez” in Hello From the Other Side. Try Stiles"
    )


async def test_another_servers_work_is_unknown(library: Library) -> None:
    await library.add_text(CHAPTERS, slug="kitchen", guild_id=42)
    with pytest.raises(UnknownWork):
        await CharacterBook(library).roster_within(30, "kitchen", guild_id=7)
