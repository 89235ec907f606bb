import asyncio
import sqlite3
from collections.abc import Callable
from pathlib import Path

import aiosqlite
import pytest

from bot.storage.database import MIGRATIONS, Database, ImportOutcome, Migration
from bot.errors import DatabaseUnavailable
from bot.text.model import Layout, ParsedWork, Passage, PassageKind


def tiny_work(title: str = "Tiny") -> ParsedWork:
    source = "One. Two.\n\nThree."
    return ParsedWork(
        title=title,
        author="Someone",
        layout=Layout.PLAIN,
        source_text=source,
        passages=[
            Passage(PassageKind.SCENE, 0, 0, len(source), source, section=0, title="Scene 1"),
            Passage(PassageKind.PARAGRAPH, 0, 0, 9, "One. Two.", section=0, paragraph=0),
            Passage(PassageKind.PARAGRAPH, 1, 11, 17, "Three.", section=0, paragraph=1),
            Passage(PassageKind.SENTENCE, 0, 0, 4, "One.", section=0, paragraph=0),
            Passage(PassageKind.SENTENCE, 1, 5, 9, "Two.", section=0, paragraph=0),
            Passage(PassageKind.SENTENCE, 2, 11, 17, "Three.", section=0, paragraph=1),
            Passage(PassageKind.DIALOGUE, 0, 11, 17, "Three.", section=0, paragraph=1, speaker="Derek"),
        ],
    )


@pytest.fixture
async def database(tmp_path: Path):
    db = await Database.open(tmp_path / "folio.sqlite3")
    yield db
    await db.close()


async def test_new_database_is_migrated_to_latest(database: Database) -> None:
    assert await database.schema_version() == MIGRATIONS[-1].version


async def test_migrations_run_once_and_persist(tmp_path: Path) -> None:
    path = tmp_path / "folio.sqlite3"
    first = await Database.open(path)
    await first.save_work("tiny", tiny_work(), "hash")
    await first.close()
    again = await Database.open(path)
    assert await again.schema_version() == MIGRATIONS[-1].version
    assert (await again.find_work("tiny")) is not None
    await again.close()


async def test_wal_and_foreign_keys_are_on(database: Database) -> None:
    assert await database.pragma("journal_mode") == "wal"
    assert await database.pragma("foreign_keys") == 1


async def test_save_and_load_round_trip(database: Database) -> None:
    work = tiny_work()
    record = (await database.save_work("tiny", work, "abc123")).record
    assert (record.slug, record.title, record.author, record.layout) == ("tiny", "Tiny", "Someone", Layout.PLAIN)
    loaded = await database.load_passages(record.id, list(PassageKind))
    assert sorted(loaded, key=lambda p: (p.kind, p.ordinal)) == sorted(work.passages, key=lambda p: (p.kind, p.ordinal))


async def test_saving_a_slug_again_replaces_the_work(database: Database) -> None:
    await database.save_work("tiny", tiny_work("Old"), "one")
    second = (await database.save_work("tiny", tiny_work("New"), "two")).record
    works = await database.list_works()
    assert [w.work.title for w in works] == ["New"]
    assert works[0].paragraphs == 2 and works[0].sentences == 3 and works[0].sections == 1
    assert len(await database.load_passages(second.id, [PassageKind.SENTENCE])) == 3


async def test_failed_migration_leaves_nothing_behind(database: Database) -> None:
    broken = Migration(
        MIGRATIONS[-1].version + 1,
        "broken",
        ("CREATE TABLE half_done (id INTEGER)", "THIS IS NOT SQL"),
    )
    with pytest.raises(sqlite3.OperationalError, match="syntax error"):
        await database.migrate((*MIGRATIONS, broken))
    assert await database.schema_version() == MIGRATIONS[-1].version
    assert not await database.table_exists("half_done")


async def test_delete_work(database: Database) -> None:
    await database.save_work("tiny", tiny_work(), "abc")
    assert await database.delete_work("tiny") is True
    assert await database.delete_work("tiny") is False
    assert await database.list_works() == []


async def test_replacing_a_work_keeps_its_id_and_the_settings_pointing_at_it(database: Database) -> None:
    first = (await database.save_work("tiny", tiny_work("Old"), "one", guild_id=7)).record
    await database.set_default_work(7, first.id)
    second = (await database.save_work("tiny", tiny_work("New"), "two", guild_id=7)).record
    assert second.id == first.id
    default = await database.default_work(7)
    assert default is not None and default.title == "New"


async def test_deleting_a_default_work_clears_the_setting(database: Database) -> None:
    record = (await database.save_work("tiny", tiny_work(), "one", guild_id=7)).record
    await database.set_default_work(7, record.id)
    await database.delete_work("tiny")
    assert await database.default_work(7) is None
    assert await database.default_work(8) is None


async def test_servers_see_shared_works_and_their_own(database: Database) -> None:
    await database.save_work("shared", tiny_work("Shared"), "a")
    await database.save_work("ours", tiny_work("Ours"), "b", guild_id=1)
    await database.save_work("theirs", tiny_work("Theirs"), "c", guild_id=2)
    assert [w.work.slug for w in await database.list_works(1)] == ["shared", "ours"]
    assert [w.work.slug for w in await database.list_works(None)] == ["shared"]
    ours = await database.find_work("ours")
    assert ours is not None and ours.visible_to(1) and not ours.visible_to(2)


async def test_a_version_1_database_upgrades_with_its_works(tmp_path: Path) -> None:
    """A database created by the first release (schema v1) keeps its works on upgrade."""
    path = tmp_path / "old.sqlite3"
    connection = await aiosqlite.connect(path, isolation_level=None)
    old = Database(connection)
    await old.migrate(MIGRATIONS[:1])
    await connection.execute(
        "INSERT INTO works (slug, title, author, layout, content_hash, source_text, added_at)"
        " VALUES ('kept', 'Kept', NULL, 'plain', 'h', 'text', '2026-01-01')"
    )
    await old.close()

    upgraded = await Database.open(path)
    assert await upgraded.schema_version() == MIGRATIONS[-1].version
    kept = await upgraded.find_work("kept")
    await upgraded.close()
    assert kept is not None and kept.title == "Kept" and kept.guild_id is None


async def test_saving_reports_what_it_did_with_the_counts_it_stored(database: Database) -> None:
    added = await database.save_work("tiny", tiny_work("Old"), "one", guild_id=7)
    same = await database.save_work("tiny", tiny_work("Old"), "one", guild_id=7)
    replaced = await database.save_work("tiny", tiny_work("New"), "two", guild_id=7)
    assert [s.outcome for s in (added, same, replaced)] == [
        ImportOutcome.ADDED,
        ImportOutcome.UNCHANGED,
        ImportOutcome.REPLACED,
    ]
    assert (replaced.summary.sections, replaced.summary.paragraphs, replaced.summary.sentences) == (1, 2, 3)
    assert await database.save_work("tiny", tiny_work("Theirs"), "three", guild_id=8) is None
    assert await database.save_work("tiny", tiny_work("Again"), "four", guild_id=7, replace=False) is None


async def test_concurrent_saves_of_one_slug_each_report_their_own_outcome(database: Database) -> None:
    """Only one can add the work; the others replace it or find it unchanged, never "add" it again."""
    saves = [database.save_work("tiny", tiny_work(f"Title {n % 2}"), f"hash {n % 2}", guild_id=7) for n in range(4)]
    outcomes = [saved.outcome for saved in await asyncio.gather(*saves)]
    assert outcomes.count(ImportOutcome.ADDED) == 1
    assert len(await database.list_works(7)) == 1


@pytest.mark.parametrize(
    ("make_path", "problem"),
    [
        (lambda tmp: _write(tmp / "notes.sqlite3", b"Dear diary, this is no database.\n" * 200), "not a SQLite database"),
        (lambda tmp: tmp, "it is a folder"),
        (lambda tmp: _write(tmp / "plain-file", b"x") / "folio.sqlite3", "plain-file is a file, not a folder"),
        (lambda tmp: _write(tmp / "plain-file", b"x") / "deeper" / "folio.sqlite3", "plain-file is a file"),
    ],
)
async def test_an_unusable_database_is_explained_and_left_untouched(
    tmp_path: Path, make_path: Callable[[Path], Path], problem: str
) -> None:
    path = make_path(tmp_path)
    before = _snapshot(tmp_path)
    with pytest.raises(DatabaseUnavailable, match=problem) as raised:
        await Database.open(path)
    assert str(path) in str(raised.value)
    assert _snapshot(tmp_path) == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
