"""StoryAsker over a stored work: candidates the index does not rank first are still found; who-is, chapter and
unanswered questions each get what they ask for."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ask.routes import Route
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


STORY = """CHAPTER I.

Mr. Grey wore a long coat in every weather. He was a banker of fifty, stern and careful. Mr. Grey walked to the bank.

"Good morning," said Mr. Grey to Anna. Anna smiled at him and went on to the market.

Anna Bell was the baker's daughter, quick and kind. Anna bought apples at the market that morning.

CHAPTER II.

The storm came over the hills at night and broke the old mill wheel. The miller stood in the rain and watched the wheel turn no more.

In the morning the whole village came to see the broken mill wheel. Anna brought bread to the miller and his wife.

Mr. Grey lent the miller money to mend the mill wheel. By spring the wheel was turning again and the miller sang.
"""


@pytest.fixture
async def small_story(asker_and_library: tuple[StoryAsker, Library], tmp_path: Path) -> tuple[StoryAsker, str]:
    asker, library = asker_and_library
    path = tmp_path / "mill.txt"
    path.write_text(STORY)
    return asker, (await library.add_work(path, slug="mill")).record.slug


async def test_who_is_answers_with_the_describing_sentence(small_story: tuple[StoryAsker, str]) -> None:
    asker, slug = small_story
    result = await asker.ask("Who is Mr. Grey?", slug=slug)
    assert result.route is Route.WHO_IS and result.answered
    assert result.answers[0].sentence.text == "He was a banker of fifty, stern and careful."
    anna = await asker.ask("who is anna", slug=slug)
    assert anna.answers[0].sentence.text.startswith("Anna Bell was the baker's daughter")


async def test_who_is_someone_the_text_never_describes_is_answered_by_their_first_appearance(
    small_story: tuple[StoryAsker, str],
) -> None:
    asker, slug = small_story
    result = await asker.ask("Who is the miller?", slug=slug)
    assert result.route is Route.WHO_IS and result.answered
    assert result.answers[0].sentence.text.startswith("The miller stood in the rain")


async def test_a_passage_filter_keeps_answers_within_what_it_allows(small_story: tuple[StoryAsker, str]) -> None:
    asker, slug = small_story
    result = await asker.ask("Who is Mr. Grey?", slug=slug, within=lambda sentence: "banker" not in sentence.text)
    assert all("banker" not in hit.sentence.text for hit in [*result.answers, *result.closest])


async def test_a_chapter_is_summed_up_from_its_own_sentences(small_story: tuple[StoryAsker, str]) -> None:
    asker, slug = small_story
    result = await asker.ask("What happens in chapter 2?", slug=slug)
    assert result.route is Route.CHAPTER and 1 <= len(result.answers) <= 3
    assert all("mill" in hit.sentence.text or "miller" in hit.sentence.text for hit in result.answers)


async def test_an_unanswered_question_gets_closest_passages_and_an_example_from_the_work(
    small_story: tuple[StoryAsker, str],
) -> None:
    asker, slug = small_story
    result = await asker.ask("Where did the miller go to school?", slug=slug)
    assert not result.answered
    assert result.closest and result.closest[0].sentence.text in STORY
    assert result.example is not None and result.example.startswith("who is ") and "Derek" not in result.example


async def test_who_is_someone_the_work_never_names_is_declined_with_a_person_it_has(
    small_story: tuple[StoryAsker, str],
) -> None:
    asker, slug = small_story
    result = await asker.ask("Who is Colonel Quarrington?", slug=slug)
    assert result.route is Route.WHO_IS and not result.answered
    assert result.example is not None and result.example.startswith("who is ")
    assert "Quarrington" not in result.example


async def test_who_followed_by_words_no_name_goes_to_the_passages(small_story: tuple[StoryAsker, str]) -> None:
    asker, slug = small_story
    assert (await asker.ask("Who was Mr. Grey lending money?", slug=slug)).route is Route.PASSAGES
    assert (await asker.ask("Who is Quarrington?", slug=slug)).route is Route.WHO_IS


async def test_who_is_adds_where_someone_first_appears_after_what_describes_them(
    small_story: tuple[StoryAsker, str],
) -> None:
    asker, slug = small_story
    result = await asker.ask("Who is Anna?", slug=slug)
    shown = [hit.sentence.text for hit in result.answers]
    assert shown[0].startswith("Anna Bell was the baker's daughter")
    assert shown[1] == '"Good morning," said Mr. Grey to Anna.'
