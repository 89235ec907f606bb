"""Quote lookup through the database answers as the same engine over an index in memory."""

from pathlib import Path

import pytest

from bot.library.service import Library
from bot.search.engine import QuoteIndex
from bot.storage.database import Database
from bot.text.ingest import parse_work

TEXT = (
    "Count Dracula\n\n"
    "The lamp was lit. Welcome to my house! Enter freely and of your own will!\n\n"
    "He shook my hand with a strength which made me wince. The light and warmth were a comfort.\n\n"
    "I found the door locked and the windows barred. The castle is a veritable prison.\n"
)
QUERIES = (
    "welcome to my house enter freely and of your own will",
    "the castle is a veritable prisn",
    "he shook my hand with such strength",
    "the door was locked",
    "nothing of the sort happened here",
)


@pytest.fixture
async def library(database_target: Path | str):
    database = await Database.open(database_target)
    library = Library(database)
    await library.add_text(TEXT, slug="castle")
    yield library
    await database.close()


async def test_a_quote_across_two_sentences_matches_both_with_their_paragraph(library: Library) -> None:
    found = await library.lookup(QUERIES[0], slug="castle")
    assert [hit.sentence.text for hit in found.hits] == ["Welcome to my house!", "Enter freely and of your own will!"]
    assert {hit.paragraph.text for hit in found.hits} == {
        "The lamp was lit. Welcome to my house! Enter freely and of your own will!"
    }


@pytest.mark.parametrize("query", QUERIES)
async def test_the_database_answers_as_the_index_in_memory(library: Library, query: str) -> None:
    in_memory = QuoteIndex((s.ordinal, s.text) for s in parse_work(TEXT).sentences).lookup(query)
    found = await library.lookup(query, slug="castle")
    assert [(hit.sentence.text, round(hit.score, 9)) for hit in found.hits] == [
        (match.text, round(match.score, 9)) for match in in_memory.matches
    ]
    assert [hit.sentence.text for hit in found.suggestions] == [match.text for match in in_memory.suggestions]
