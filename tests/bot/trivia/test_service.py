"""Questions about a stored work: generated ones and the curated bank, with the server's own questions."""

from pathlib import Path

import pytest

from bot.library.service import Library
from bot.storage.database import Database
from bot.storage.trivia import TriviaStore
from bot.trivia.bank import CuratedQuestion
from bot.trivia.question import AnswerFormat, QuestionKind
from bot.trivia.service import TriviaService

GUILD = 5


@pytest.fixture
async def service(database_target: Path | str):
    database = await Database.open(database_target)
    yield TriviaService(Library(database), TriviaStore(database))
    await database.close()


async def test_the_bundled_bank_is_asked_with_its_passages(service: TriviaService) -> None:
    work, questions = await service.questions(slug=None, guild_id=None, kinds=[QuestionKind.PLOT], count=100, seed=1)
    assert len(questions) == len(service.shipped_bank(work.slug)) >= 25
    loft = next(q for q in questions if q.text == "Where did Derek lead Stiles, who was tailing him?")
    assert loft.format is AnswerFormat.CHOICE and loft.answer == "The loft" and "Derek's loft" in loft.accepted
    paragraph = await service.library.paragraph_near(loft.passage_id, 0, guild_id=None)
    assert "the loft" in paragraph[1].text
    typed = next(q for q in questions if q.format is AnswerFormat.TEXT)
    assert "Derek" in typed.rivals  # a typed answer naming another character is wrong


async def test_a_servers_own_questions_join_the_bank(service: TriviaService) -> None:
    work = await service.library.load(None)
    await service.store.add_questions(GUILD, work.slug, [CuratedQuestion("Our own?", "yes")], 1, now=0.0)
    _, here = await service.questions(slug=None, guild_id=GUILD, kinds=[QuestionKind.PLOT], count=100, seed=1)
    _, elsewhere = await service.questions(slug=None, guild_id=GUILD + 1, kinds=[QuestionKind.PLOT], count=100, seed=1)
    assert "Our own?" in {q.text for q in here} and "Our own?" not in {q.text for q in elsewhere}


async def test_generated_questions_point_at_stored_paragraphs(service: TriviaService) -> None:
    _, questions = await service.questions(
        slug=None, guild_id=None, kinds=[QuestionKind.WHO_SAID_IT], count=3, seed=2
    )
    for question in questions:
        _, paragraph = await service.library.paragraph_near(question.passage_id, 0, guild_id=None)
        first_word = question.text.split("“", 1)[1].split(" ")[0].strip(".,!?")
        assert first_word in paragraph.text
