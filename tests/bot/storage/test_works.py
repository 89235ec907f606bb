"""The works repository: saving, replacing (ids kept), removing, and the quote index beside each work."""

import asyncio
from pathlib import Path

import pytest

from bot.library.preparation import prepare_work
from bot.library.work_passages import KINDS, WorkPassages
from bot.search.units import WorkUnits
from bot.storage.database import Database
from bot.storage.guilds import GuildSettings
from bot.storage.passages import PassageRepository
from bot.storage.quote_index import QuoteIndexStore
from bot.storage.records import ImportOutcome
from bot.storage.works import WorkRepository, passage_from_row
from bot.text.model import PassageKind

TINY = "Tiny\n\nOne. Two.\n\nThree, said Derek.\n"


@pytest.fixture
async def database(database_target: Path | str):
    db = await Database.open(database_target)
    yield db
    await db.close()


async def test_save_and_read_back(database: Database) -> None:
    works, passages = WorkRepository(database), PassageRepository(database)
    saved = await works.save("tiny", prepare_work(TINY))
    assert saved is not None and saved.outcome == ImportOutcome.ADDED
    assert (saved.summary.sections, saved.summary.paragraphs, saved.summary.sentences) == (1, 2, 3)
    second = await passages.at(saved.record.id, PassageKind.PARAGRAPH, 1)
    assert second is not None and second.text == "Three, said Derek." and second.id is not None
    assert await passages.by_id(second.id) == (saved.record.id, second)
    outline = await passages.outline(saved.record.id)
    assert outline.paragraphs == 2 and outline.sections[0].first_paragraph == 0


async def test_saving_reports_what_it_did(database: Database) -> None:
    works = WorkRepository(database)
    added = await works.save("tiny", prepare_work(TINY, "Old"), guild_id=7)
    same = await works.save("tiny", prepare_work(TINY, "Old"), guild_id=7)
    replaced = await works.save("tiny", prepare_work(TINY + "\nFour.\n", "New"), guild_id=7)
    assert [s.outcome for s in (added, same, replaced) if s] == [
        ImportOutcome.ADDED,
        ImportOutcome.UNCHANGED,
        ImportOutcome.REPLACED,
    ]
    assert added and replaced and replaced.record.id == added.record.id and replaced.summary.sentences == 4
    assert await works.save("tiny", prepare_work(TINY, "Again"), guild_id=7, replace=False) is None


async def test_slugs_are_per_server_and_a_server_never_takes_a_shared_slug(database: Database) -> None:
    works = WorkRepository(database)
    ours = await works.save("tiny", prepare_work(TINY, "Ours"), guild_id=7)
    theirs = await works.save("tiny", prepare_work(TINY, "Theirs"), guild_id=8)
    assert ours and theirs and ours.record.id != theirs.record.id and theirs.outcome == ImportOutcome.ADDED
    assert (await works.find("tiny", 7), await works.find("tiny", 8)) == (ours.record, theirs.record)
    assert await works.find("tiny") is None  # no shared work of that slug
    shared = await works.save("common", prepare_work(TINY, "Shared"))
    assert shared and await works.save("common", prepare_work(TINY, "Mine"), guild_id=7) is None
    # The operator may still share a slug a server uses: that server keeps seeing its own under it.
    assert await works.save("tiny", prepare_work(TINY, "For all"))
    assert [s.work.title for s in await works.visible(7)] == ["Shared", "Ours"]
    assert [s.work.title for s in await works.visible(9)] == ["Shared", "For all"]
    assert await works.delete(ours.record.id) and await works.find("tiny", 8) == theirs.record


async def test_concurrent_saves_of_one_slug_each_report_their_own_outcome(database: Database) -> None:
    """Only one can add the work; the others replace it or find it unchanged, never "add" it again."""
    works = WorkRepository(database)
    saves = [works.save("tiny", prepare_work(TINY, f"Title {n % 2}"), guild_id=7) for n in range(4)]
    outcomes = [saved.outcome for saved in await asyncio.gather(*saves) if saved]
    assert outcomes.count(ImportOutcome.ADDED) == 1
    assert len(await works.visible(7)) == 1


async def test_the_quote_index_finds_a_works_own_sentences_only(database: Database) -> None:
    works, index = WorkRepository(database), QuoteIndexStore(database)
    first = await works.save("first", prepare_work("The lamp was lit at dusk.\n"))
    second = await works.save("second", prepare_work("The lamp went out at dawn.\n"))
    assert first and second
    [unit] = await index.candidates(first.record.id, {"lamp"}, 10)
    assert unit.text == "The lamp was lit at dusk." and unit.terms[:2] == ("the", "lamp")
    assert [entry.word for entry in await index.vocabulary(second.record.id)].count("dawn") == 1


async def test_the_quote_index_can_require_one_more_word_of_a_second_group(database: Database) -> None:
    works, index = WorkRepository(database), QuoteIndexStore(database)
    saved = await works.save("giant", prepare_work("The giant slept.\n\nThe giant was eight feet tall.\n"))
    assert saved
    assert len(await index.candidates(saved.record.id, {"giant"}, 10)) == 2
    [unit] = await index.candidates(saved.record.id, {"giant"}, 10, required={"eight", "seven"})
    assert unit.text == "The giant was eight feet tall."
    assert await index.candidates(saved.record.id, {"giant"}, 10, required={"nine"}) == []


async def test_the_quote_index_lists_a_works_matching_sentences_and_every_sentence_in_order(database: Database) -> None:
    works, index = WorkRepository(database), QuoteIndexStore(database)
    saved = await works.save("lamps", prepare_work("The lamp was lit.\n\nA lamp went out. The moon rose.\n"))
    other = await works.save("other", prepare_work("The lamp of another book.\n"))
    assert saved and other
    rows = await index.sentences(saved.record.id)
    assert [text for _, text, _ in rows] == ["The lamp was lit.", "A lamp went out.", "The moon rose."]
    assert rows[2][2].split() == ["the", "moon", "rise"]
    ids = await index.matching(saved.record.id, {"lamp", "moon"}, cap=3)
    assert ids is not None and sorted(ids) == sorted(key for key, _, _ in rows)
    assert await index.matching(saved.record.id, {"lamp"}, cap=1) is None  # more than the cap: not listed
    assert await index.matching(saved.record.id, {"sun"}, cap=3) == []


async def test_removing_a_work_removes_its_index_and_clears_defaults(database: Database) -> None:
    works, index, guilds = WorkRepository(database), QuoteIndexStore(database), GuildSettings(database)
    saved = await works.save("tiny", prepare_work(TINY), guild_id=7)
    assert saved
    await guilds.set_default_work(7, saved.record.id)
    version = await works.library_version()
    assert await works.delete(saved.record.id) is True and await works.delete(saved.record.id) is False
    assert await works.library_version() > version
    assert await index.candidates(saved.record.id, {"derek"}, 10) == []
    assert await guilds.default_work(7) is None
    row = await database.fetch_one("SELECT COUNT(*) FROM sentence_terms")
    assert row is not None and row[0] == 0  # the index has no rows of a removed work


async def test_sentences_come_with_their_paragraphs_in_one_query(database: Database) -> None:
    works, passages = WorkRepository(database), PassageRepository(database)
    saved = await works.save("tiny", prepare_work(TINY))
    assert saved is not None
    work_id = saved.record.id
    two = await passages.at(work_id, PassageKind.SENTENCE, 1)
    three = await passages.at(work_id, PassageKind.SENTENCE, 2)
    assert two is not None and three is not None and two.id is not None and three.id is not None
    sentences, paragraphs = await passages.with_paragraphs(work_id, [three.id, two.id, 10**9])
    assert sentences == {two.id: two, three.id: three}
    assert {ordinal: p.text for ordinal, p in paragraphs.items()} == {0: "One. Two.", 1: "Three, said Derek."}
    assert await passages.with_paragraphs(work_id, []) == ({}, {})


async def test_the_quote_index_lists_matching_sentences_within_the_sections_read(database: Database) -> None:
    works, index = WorkRepository(database), QuoteIndexStore(database)
    text = "CHAPTER I\n\nThe lamp was lit.\n\nCHAPTER II\n\nThe lamp went out.\n"
    saved = await works.save("chapters", prepare_work(text))
    assert saved
    rows = await index.sentences(saved.record.id)
    lit, out = (key for key, text, _ in rows if "lamp" in text)
    assert sorted(await index.matching(saved.record.id, {"lamp", "moon"}, cap=5) or []) == sorted([lit, out])
    assert await index.matching(saved.record.id, {"lamp"}, cap=5, sections=range(0, 1)) == [lit]


async def test_a_works_sentences_and_paragraphs_are_read_in_one_query(database: Database) -> None:
    works, passages = WorkRepository(database), PassageRepository(database)
    saved = await works.save("tiny", prepare_work(TINY))
    assert saved is not None
    rows = await passages.of_kinds(saved.record.id, (PassageKind.SENTENCE, PassageKind.PARAGRAPH))
    kinds = sorted(str(row["kind"]) for row in rows)
    assert kinds == ["paragraph"] * 2 + ["sentence"] * 3


KETTLE = "Tiny\n\nThe kettle sang. Nobody came.\n\nThen Mirela opened the door, said the clock.\n"


async def test_a_works_passages_held_in_memory_give_the_hits_the_database_gives(database: Database) -> None:
    repository = PassageRepository(database)
    saved = await WorkRepository(database).save("tiny", prepare_work(KETTLE))
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


async def test_a_works_sentences_held_in_memory_read_by_id_ordinal_and_section_as_the_database_reads_them(
    database: Database,
) -> None:
    repository, index = PassageRepository(database), QuoteIndexStore(database)
    saved = await WorkRepository(database).save("tiny", prepare_work(KETTLE))
    assert saved is not None
    work_id = saved.record.id
    held = WorkPassages(passage_from_row(row) for row in await repository.of_kinds(work_id, KINDS))
    by_ordinal = await repository.of_kind_at(work_id, PassageKind.SENTENCE, range(-1, 5))
    keys = [s.id for s in by_ordinal.values() if s.id is not None]
    assert len(by_ordinal) == 3 and held.sentences_at(range(-1, 5)) == by_ordinal
    assert held.sentences([*keys, 10**9]) == await repository.many([*keys, 10**9])
    assert held.paragraphs_at([1, 0, 7]) == await repository.paragraphs(work_id, [1, 0, 7])
    assert held.sentences_in(0) == await repository.in_section(work_id, PassageKind.SENTENCE, 0)
    assert held.sentences_in(5) == [] and held.sentences([]) == {} and held.sentences_at([]) == {}
    rows = await index.sentences(work_id)
    units = WorkUnits.of_rows(rows)
    assert units.terms_of(keys) == await index.terms_of(keys)
