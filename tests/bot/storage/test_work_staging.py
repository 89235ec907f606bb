"""A new work saved on SQLite in chunks: readers never see it half-written, a failed or abandoned import
leaves nothing behind, and two imports at once never share a passage id."""

import asyncio
import multiprocessing
from pathlib import Path

import pytest

from bot.library.preparation import prepare_work
from bot.search.vocabulary import VocabularyEntry
from bot.storage import work_staging
from bot.storage.database import Database, Session
from bot.storage.records import ImportOutcome
from bot.storage.work_staging import STAGED_OWNER, Pace
from bot.storage.works import WorkRepository

EVERY_PIECE_ALONE = Pace(budget_seconds=0.0, pause_seconds=0.0)
"""Each piece in a transaction of its own, and no pause: the most chunks, no sleeping."""
TABLES = ("works", "passages", "sentence_terms", "vocabulary", "work_sections", "work_attribution")


def long_text(title: str, paragraphs: int = 400) -> str:
    """A text of well over one piece of passages, index rows and vocabulary."""
    body = "\n\n".join(
        f"Paragraph {n} of {title} begins here. Wren{n} spoke to Ash{n} about the lantern {n}. They left at dawn."
        for n in range(paragraphs)
    )
    return f"{title}\n\n{body}\n"


@pytest.fixture
async def database(tmp_path: Path):
    db = await Database.open(tmp_path / "folio.sqlite3")
    yield db
    await db.close()


async def rows(database: Database) -> dict[str, int]:
    counts = {}
    for table in TABLES:
        row = await database.fetch_one(f"SELECT COUNT(*) FROM {table}")
        counts[table] = int(row[0]) if row else 0
    return counts


async def staged_works(database: Database) -> int:
    row = await database.fetch_one("SELECT COUNT(*) FROM works WHERE guild_id = ?", (STAGED_OWNER,))
    return int(row[0]) if row else 0


async def test_readers_see_the_new_work_whole_or_not_at_all(database: Database) -> None:
    works = WorkRepository(database, pace=EVERY_PIECE_ALONE)
    prepared = prepare_work(long_text("Lanterns"))
    expected = len(prepared.parsed.passages)
    seen_partial, seen_staged, done = [], [], asyncio.Event()

    async def read_while_saving() -> None:
        while not done.is_set():
            seen_staged.append(await staged_works(database))
            assert all(summary.work.slug == "lanterns" for summary in await works.visible(5))
            found = await works.find("lanterns")
            if found is not None:
                row = await database.fetch_one("SELECT COUNT(*) FROM passages WHERE work_id = ?", (found.id,))
                seen_partial.append(int(row[0]) if row else 0)
            await asyncio.sleep(0)

    reader = asyncio.create_task(read_while_saving())
    saved = await works.save("lanterns", prepared, guild_id=5)
    done.set()
    await reader
    assert saved is not None and saved.outcome is ImportOutcome.ADDED
    assert max(seen_staged) == 1, "the reader ran while the work was staged"
    assert all(count == expected for count in seen_partial)
    assert await staged_works(database) == 0
    assert [summary.work.slug for summary in await works.visible(5)] == ["lanterns"]


async def test_a_failed_import_leaves_nothing_behind(database: Database) -> None:
    works = WorkRepository(database, pace=EVERY_PIECE_ALONE)
    before = await rows(database)
    prepared = prepare_work(long_text("Broken"))
    clash = prepared.vocabulary[-1]
    prepared.vocabulary.append(VocabularyEntry(clash.word, clash.term, clash.spread))  # fails in a late chunk
    with pytest.raises(Exception, match="UNIQUE"):
        await works.save("broken", prepared, guild_id=5)
    assert await rows(database) == before
    assert await works.find("broken") is None


def _stage_and_exit(path: Path, text: str) -> None:
    """A process that writes a staged work and stops before publishing it (as a killed import worker)."""

    async def stage() -> None:
        async with Database.opened(path, readers=0) as database:
            await work_staging.stage(
                database, prepare_work(text), "abandoned", 5, limits=None, one_copy=False, pace=EVERY_PIECE_ALONE
            )

    asyncio.run(stage())


async def test_a_work_left_staged_by_a_stopped_process_is_swept(database: Database, tmp_path: Path) -> None:
    works = WorkRepository(database, pace=EVERY_PIECE_ALONE)
    before = await rows(database)
    worker = multiprocessing.get_context("spawn").Process(
        target=_stage_and_exit, args=(tmp_path / "folio.sqlite3", long_text("Abandoned"))
    )
    await asyncio.to_thread(worker.start)
    await asyncio.to_thread(worker.join)
    assert worker.exitcode == 0 and await staged_works(database) == 1
    assert await works.find("abandoned") is None and await works.all() == []
    assert await works.sweep_staged() == 1
    assert await rows(database) == before


async def test_two_imports_at_once_take_distinct_passage_ids(database: Database) -> None:
    works = WorkRepository(database, pace=EVERY_PIECE_ALONE)
    first, second = await asyncio.gather(
        works.save("north", prepare_work(long_text("North", 300)), guild_id=5),
        works.save("south", prepare_work(long_text("South", 300)), guild_id=6),
    )
    assert first is not None and second is not None
    ids = await database.fetch_all("SELECT id, work_id FROM passages")
    assert len({row[0] for row in ids}) == len(ids)
    by_work = {work_id: sum(1 for row in ids if row[1] == work_id) for work_id in (first.record.id, second.record.id)}
    assert all(count > 1000 for count in by_work.values())
    later = await works.save("east", prepare_work(long_text("East", 3)))
    assert later is not None
    newest = await database.fetch_one("SELECT MIN(id) FROM passages WHERE work_id = ?", (later.record.id,))
    assert newest is not None and newest[0] > max(row[0] for row in ids)


async def test_a_slug_taken_while_staging_falls_back_to_replacing(database: Database) -> None:
    works = WorkRepository(database, pace=EVERY_PIECE_ALONE)
    prepared = prepare_work(long_text("Raced"))
    work_id = await work_staging.stage(database, prepared, "raced", 5, limits=None, one_copy=False)
    assert work_id is not None
    other = await works.save("raced", prepare_work(long_text("Raced first", 3)), guild_id=5)
    async with database.transaction() as db:
        assert not await work_staging.publish(db, work_id, prepared, "raced", 5, limits=None, one_copy=False)
    await work_staging.discard(database, work_id, EVERY_PIECE_ALONE)
    assert await staged_works(database) == 0
    assert other is not None and (await works.visible(5))[0].work.id == other.record.id


async def passage_count(database: Database, work_id: int) -> int:
    row = await database.fetch_one("SELECT COUNT(*) FROM passages WHERE work_id = ?", (work_id,))
    return int(row[0]) if row else 0


async def cut_into(db: Session, work_id: int) -> None:
    """What one turn of a sweep deletes of a staged work: some of its passages and their index rows."""
    ids = [row[0] for row in await db.fetch_all("SELECT id FROM passages WHERE work_id = ? LIMIT 10", (work_id,))]
    marks = ", ".join("?" * len(ids))
    await db.execute(f"DELETE FROM sentence_terms WHERE rowid IN ({marks})", ids)
    await db.execute(f"DELETE FROM passages WHERE id IN ({marks})", ids)


async def test_a_discard_arriving_after_publishing_leaves_the_work_whole(database: Database) -> None:
    """A sweep that judged the writer gone (another pid namespace) must never cut into a published work."""
    prepared = prepare_work(long_text("Published"))
    work_id = await work_staging.stage(database, prepared, "published", 5, limits=None, one_copy=False)
    assert work_id is not None
    async with database.transaction() as db:
        assert await work_staging.publish(db, work_id, prepared, "published", 5, limits=None, one_copy=False)
    before = await rows(database)
    await work_staging.discard(database, work_id, EVERY_PIECE_ALONE)
    assert await rows(database) == before
    assert await passage_count(database, work_id) == len(prepared.parsed.passages)


async def test_a_staged_work_a_sweep_cut_into_is_never_published(database: Database) -> None:
    prepared = prepare_work(long_text("Cut"))
    work_id = await work_staging.stage(database, prepared, "cut", 5, limits=None, one_copy=False)
    assert work_id is not None
    async with database.transaction() as db:
        await cut_into(db, work_id)
    async with database.transaction() as db:
        assert not await work_staging.publish(db, work_id, prepared, "cut", 5, limits=None, one_copy=False)
    await work_staging.discard(database, work_id, EVERY_PIECE_ALONE)
    assert await staged_works(database) == 0 and await passage_count(database, work_id) == 0


async def test_a_staged_work_swept_away_is_never_published(database: Database) -> None:
    prepared = prepare_work(long_text("Gone", 3))
    work_id = await work_staging.stage(database, prepared, "gone", 5, limits=None, one_copy=False)
    assert work_id is not None
    await work_staging.discard(database, work_id, EVERY_PIECE_ALONE)
    async with database.transaction() as db:
        assert not await work_staging.publish(db, work_id, prepared, "gone", 5, limits=None, one_copy=False)


async def test_a_save_whose_staged_work_was_swept_still_saves_it_whole(database: Database) -> None:
    """The import falls back to one transaction rather than publishing what a sweep left."""
    works = WorkRepository(database, pace=EVERY_PIECE_ALONE)
    prepared = prepare_work(long_text("Resaved"))
    original_publish = work_staging.publish

    async def publish_after_a_sweep(db, work_id, *args, **kwargs):  # type: ignore[no-untyped-def]
        await cut_into(db, work_id)
        return await original_publish(db, work_id, *args, **kwargs)

    work_staging.publish = publish_after_a_sweep  # type: ignore[assignment]
    try:
        saved = await works.save("resaved", prepared, guild_id=5)
    finally:
        work_staging.publish = original_publish  # type: ignore[assignment]
    assert saved is not None and saved.outcome is ImportOutcome.ADDED
    assert await passage_count(database, saved.record.id) == len(prepared.parsed.passages)
    assert await staged_works(database) == 0


async def test_an_import_whose_staged_work_a_sweep_deleted_mid_write_still_saves_it_whole(database: Database) -> None:
    """A sweep in another pid namespace may take a live writer for gone and delete its staged work: the
    writer then stops writing under that id (no index rows left without their passage, nothing written
    into a later work that takes the id) and saves the work in one transaction instead."""
    works = WorkRepository(database, pace=Pace(budget_seconds=0.0, pause_seconds=0.005))
    prepared = prepare_work(long_text("Swept", 1500))

    async def sweep_misjudging_the_writer() -> None:
        while True:
            staged = await database.fetch_one(
                "SELECT w.id FROM works w JOIN passages p ON p.work_id = w.id WHERE w.guild_id = ? LIMIT 1",
                (STAGED_OWNER,),
            )
            if staged is not None:
                await work_staging.discard(database, staged[0], EVERY_PIECE_ALONE)
                return
            await asyncio.sleep(0)

    sweeper = asyncio.create_task(sweep_misjudging_the_writer())
    saved = await works.save("swept", prepared, guild_id=5)
    await sweeper
    assert saved is not None and saved.outcome is ImportOutcome.ADDED
    assert await passage_count(database, saved.record.id) == len(prepared.parsed.passages)
    orphans = await database.fetch_one("SELECT COUNT(*) FROM sentence_terms WHERE rowid NOT IN (SELECT id FROM passages)")
    assert orphans is not None and orphans[0] == 0
    vocabulary = await database.fetch_one("SELECT COUNT(*) FROM vocabulary WHERE work_id = ?", (saved.record.id,))
    assert vocabulary is not None and vocabulary[0] == len(prepared.vocabulary)
    assert await staged_works(database) == 0
