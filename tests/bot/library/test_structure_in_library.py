"""Front and back matter stay out of what readers search, ask and are quizzed on, through the real
library and database (both backends); the stored structure is the parsed one; one copy per text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.ask.service import StoryAsker
from bot.errors import AlreadyInLibrary
from bot.library.service import Library
from bot.storage.database import Database
from bot.storage.records import ImportOutcome
from bot.storage.trivia import TriviaStore
from bot.text.headings import SectionKind
from bot.text.ingest import parse_work
from bot.trivia.question import QuestionKind
from bot.trivia.service import TriviaService

DATA = Path(__file__).resolve().parents[2] / "data" / "structure"
EXPECTED: dict[str, dict] = yaml.safe_load((DATA / "expected.yaml").read_text(encoding="utf-8"))
WITH_MATTER = sorted(name for name, entry in EXPECTED.items() if entry["front_only"] or entry["back_only"])


@pytest.fixture
async def database(database_target: Path | str):
    opened = await Database.open(database_target)
    yield opened
    await opened.close()


def slug_of(name: str) -> str:
    return Path(name).stem.replace("_", "-")


def mentions(word: str, text: str) -> bool:
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text, re.IGNORECASE) is not None


@pytest.mark.parametrize("name", WITH_MATTER)
async def test_no_front_or_back_word_is_found_by_quote_ask_or_trivia(database: Database, name: str) -> None:
    library = Library(database)
    slug = slug_of(name)
    await library.add_text((DATA / name).read_text(encoding="utf-8"), slug=slug)
    asker, trivia = StoryAsker(library, database), TriviaService(library, TriviaStore(database))
    _, questions = await trivia.questions(slug=slug, guild_id=None, kinds=list(QuestionKind), count=40, seed=3)
    quizzed = " ".join(f"{q.text} {' '.join(q.options)} {q.answer}" for q in questions)
    for word in EXPECTED[name]["front_only"] + EXPECTED[name]["back_only"]:
        lookup = await library.lookup(word, slug=slug)
        found = [hit.paragraph.text for hit in (*lookup.hits, *lookup.suggestions, *lookup.occurrences)]
        assert not any(mentions(word, text) for text in found), (word, found)
        answers = await asker.ask(f"Who is {word}?", slug=slug)
        assert not any(mentions(word, hit.paragraph.text) for hit in answers.answers), word
        assert not mentions(word, quizzed), word


async def test_the_stored_structure_is_the_parsed_one(database: Database) -> None:
    library = Library(database)
    text = (DATA / "parts.txt").read_text(encoding="utf-8")
    await library.add_text(text, slug="river")
    view = await library.load("river")
    assert list(view.outline.structure) == parse_work(text).structure
    chapters = view.outline.chapters()
    assert [(s.kind, s.number) for s in chapters] == [(SectionKind.CHAPTER, str(n)) for n in range(1, 6)]
    work, paragraph = await library.paragraph_at("river", 3, guild_id=None)
    chapter = work.outline.chapter_of(paragraph)
    assert chapter is not None and chapter.number == "4" and chapter.reading_section == paragraph.section


async def test_the_same_text_under_another_slug_is_refused_and_the_same_slug_is_unchanged(database: Database) -> None:
    library = Library(database)
    text = (DATA / "letters.txt").read_text(encoding="utf-8")
    await library.add_upload(text.encode(), "letters.txt", slug=None, title=None, guild_id=7)
    with pytest.raises(AlreadyInLibrary, match="Already in the library as `letters`"):
        await library.add_upload(text.encode(), "anna.txt", slug=None, title=None, guild_id=7)
    with pytest.raises(AlreadyInLibrary):
        await library.add_upload(text.encode(), "anna.txt", slug="anna", title=None, guild_id=7)
    again = await library.add_upload(text.encode(), "letters.txt", slug="letters", title=None, guild_id=7)
    assert again.outcome is ImportOutcome.UNCHANGED
    other_server = await library.add_upload(text.encode(), "letters.txt", slug=None, title=None, guild_id=8)
    assert other_server.outcome is ImportOutcome.ADDED  # another server's library is its own


async def test_titles_come_from_the_text_else_the_file_name(database: Database) -> None:
    library = Library(database)
    saved = await library.add_upload(
        (DATA / "gutenberg_title_page.txt").read_bytes(), "lantern.txt", slug=None, title=None, guild_id=7
    )
    assert (saved.record.title, saved.record.author) == ("The Lantern Keeper", "Martha Quill")
    bare = await library.add_upload((DATA / "no_chapters.txt").read_bytes(), "the_kettle.txt", slug=None, title=None, guild_id=7)
    assert bare.record.title == "The kettle"
