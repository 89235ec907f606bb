import asyncio
import random
import sqlite3
from pathlib import Path

import pytest

from bot.errors import (
    InvalidQuery,
    InvalidWork,
    LibraryLimit,
    PassageNotFound,
    UnknownWork,
)
from bot.library.freshness import RECHECK_SECONDS
from bot.library.preparation import PARSER_VERSION
from bot.library.service import Library, LibraryOptions
from bot.library.uploads import BUNDLED_SLUG, MAX_TITLE_CHARS, decode_text, slugify
from bot.search.query import MAX_QUERY_CHARS
from bot.storage.database import Database
from bot.storage.records import ImportOutcome, LibraryLimits
from bot.text.ingest import content_hash
from tests.bot.library.test_library_freshness import ManualClock


@pytest.fixture
async def library(database_target: Path | str):
    database = await Database.open(database_target)
    yield Library(database)
    await database.close()


async def test_bundled_story_is_the_default_work(library: Library) -> None:
    work = await library.load()
    assert work.slug == BUNDLED_SLUG
    assert work.title == "Hello From the Other Side"
    assert len(work.outline.sections) == 4 and work.paragraph_count > 50


@pytest.mark.sqlite_only  # watches commits with SQLite's PRAGMA data_version
async def test_unchanged_bundled_story_is_neither_parsed_nor_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "folio.sqlite3"
    database = await Database.open(path)
    first = await Library(database).ensure_bundled_story()
    watcher = sqlite3.connect(path)  # PRAGMA data_version moves when another connection commits
    before = watcher.execute("PRAGMA data_version").fetchone()

    def no_parsing(*args: object) -> None:
        raise AssertionError("the unchanged bundled story was parsed again")

    monkeypatch.setattr("bot.library.importer.prepare_work", no_parsing)
    second = await Library(database).ensure_bundled_story()  # as after a restart
    after = watcher.execute("PRAGMA data_version").fetchone()
    watcher.close()
    await database.close()
    assert first == second
    assert before == after


async def test_changed_bundled_story_is_imported_again(tmp_path: Path, database_target: Path | str) -> None:
    database = await Database.open(database_target)
    story = tmp_path / "story.txt"
    story.write_text("First version of the story.\n")
    first = await Library(database, options=LibraryOptions(bundled_story=story)).ensure_bundled_story()
    story.write_text("Second version, with a new line.\n")
    second = await Library(database, options=LibraryOptions(bundled_story=story)).ensure_bundled_story()
    await database.close()
    assert first.content_hash != second.content_hash


async def test_bundled_slug_is_reserved(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "other.txt"
    path.write_text("Another story.\n")
    with pytest.raises(InvalidWork, match="bundled story"):
        await library.add_work(path, slug=BUNDLED_SLUG)


async def test_lookup_returns_hit_with_paragraph_and_location(library: Library) -> None:
    lookup = await library.lookup("Stiles was a lovly boy")
    best = lookup.hits[0]
    assert "lovely boy" in best.sentence.text
    assert best.sentence.text in best.paragraph.text
    assert best.sentence.paragraph == best.paragraph.ordinal
    location = best.location
    assert location.section_title == "Scene 1"
    assert 1 <= location.paragraph_number <= location.paragraphs_in_section
    assert 0 <= location.percent_through <= 100


async def test_lookup_of_an_off_story_line_has_no_hits(library: Library) -> None:
    lookup = await library.lookup("It was the best of times, it was the worst of times")
    assert lookup.hits == []


async def test_lookup_rejects_bad_input(library: Library) -> None:
    with pytest.raises(InvalidQuery):
        await library.lookup("   ")


async def test_location_runs_from_start_to_end(library: Library) -> None:
    work, first_paragraph = await library.paragraph_at(BUNDLED_SLUG, 0, guild_id=None)
    _, last_paragraph = await library.paragraph_at(BUNDLED_SLUG, work.paragraph_count - 1, guild_id=None)
    first, last = work.location(first_paragraph), work.location(last_paragraph)
    assert first.paragraph_number == 1 and first.percent_through < 3
    assert last.percent_through == 100 and last.paragraph_number == last.paragraphs_in_section


async def test_paragraph_out_of_range(library: Library) -> None:
    work = await library.load()
    with pytest.raises(PassageNotFound, match=f"has no paragraph {work.paragraph_count + 1}"):
        await library.paragraph_at(BUNDLED_SLUG, work.paragraph_count, guild_id=None)


async def test_add_work_and_replace_it(library: Library, tmp_path: Path) -> None:
    path = tmp_path / "The Keeper.txt"
    path.write_text("The keeper climbed the stairs every night.\n\nNobody ever thanked him for the light.\n")
    added = await library.add_work(path)
    assert (added.record.slug, added.outcome) == ("the-keeper", ImportOutcome.ADDED)
    lookup = await library.lookup("nobody thanked him", slug="the-keeper")
    assert "thanked him" in lookup.hits[0].sentence.text

    assert (await library.add_work(path)).outcome == ImportOutcome.UNCHANGED
    path.write_text("A different text now.\n\nWith the lighthouse gone.\n")
    assert (await library.add_work(path, title="Changed")).outcome == ImportOutcome.REPLACED
    work, second = await library.paragraph_at("the-keeper", 1, guild_id=None)
    assert work.title == "Changed" and "lighthouse" in second.text


async def test_unknown_work(library: Library) -> None:
    with pytest.raises(UnknownWork, match="nope"):
        await library.load("nope")


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary\x00", b"   \n\n  "])
async def test_unusable_files_are_refused(library: Library, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InvalidWork):
        await library.add_work(path)


def test_slugify() -> None:
    assert slugify("Dracula (1897)") == "dracula-1897"
    assert slugify("Les Misérables") == "les-miserables"
    assert slugify("???") == slugify("Война и мир") == "work"
    assert len(slugify("x" * 100)) == 40


def test_decode_text_reads_utf16_utf8_and_windows_files() -> None:
    assert decode_text("Naïve “quotes”".encode("utf-16"), "notepad.txt") == "Naïve “quotes”"
    assert decode_text("Naïve “quotes”, no mark".encode("utf-16-le"), "le.txt") == "Naïve “quotes”, no mark"
    assert decode_text("Naïve “quotes”, no mark".encode("utf-16-be"), "be.txt") == "Naïve “quotes”, no mark"
    assert decode_text("\ufeffNaïve".encode("utf-8"), "bom.txt") == "Naïve"
    assert decode_text("Naïve".encode("cp1252"), "old.txt") == "Naïve"
    with pytest.raises(InvalidWork, match="not a text file"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00", "cover.png")


async def test_uploads_never_overwrite_by_a_made_up_slug(library: Library) -> None:
    first = await library.add_upload(b"The first story.\n", "story.txt", slug=None, title=None, guild_id=1)
    second = await library.add_upload(b"Another story.\n", "story.txt", slug=None, title=None, guild_id=1)
    assert (first.record.slug, second.record.slug) == ("story", "story-2")
    assert second.outcome == ImportOutcome.ADDED
    replaced = await library.add_upload(b"A third story.\n", "x.txt", slug="story", title=None, guild_id=1)
    assert replaced.outcome == ImportOutcome.REPLACED
    assert "third" in (await library.paragraph_at("story", 0, guild_id=1))[1].text
    assert "Another" in (await library.paragraph_at("story-2", 0, guild_id=1))[1].text


async def test_two_servers_racing_for_a_slug_each_get_their_own(library: Library) -> None:
    """Both check the slug is free, then both parse and save: each server's own work is saved, neither overwritten."""
    novel = (Path(__file__).parents[3] / "benchmarks" / "corpus" / "frankenstein.txt").read_text()
    short = "A short story about a lighthouse.\n"
    saved = await asyncio.gather(
        library.add_text(novel, slug="book", guild_id=1), library.add_text(short, slug="book", guild_id=2)
    )
    assert [s.record.guild_id for s in saved] == [1, 2]
    for guild_id, text in ((1, novel), (2, short)):
        work = await library.load("book", guild_id=guild_id)
        assert work.record.content_hash == content_hash(text) and work.paragraph_count


async def test_one_server_racing_two_uploads_of_one_name_numbers_the_second(library: Library) -> None:
    texts = [b"The keeper climbed the stairs.\n", b"The diver went down.\n"]
    saved = await asyncio.gather(
        *(library.add_upload(text, "book.txt", slug=None, title=None, guild_id=1) for text in texts)
    )
    assert sorted(s.record.slug for s in saved) == ["book", "book-2"]


async def _stored(database: Database, slug: str) -> tuple[int, int, int]:
    """What a reader sees of a work in the database itself (no cache): its row, its passages, its words,
    in one statement, so in one snapshot."""
    work = "(SELECT id FROM works WHERE slug = ?)"
    row = await database.fetch_one(
        f"SELECT (SELECT COUNT(*) FROM works WHERE slug = ?), (SELECT COUNT(*) FROM passages WHERE work_id = {work}),"
        f" (SELECT COUNT(*) FROM vocabulary WHERE work_id = {work})",
        (slug, slug, slug),
    )
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


async def test_reads_during_an_import_see_all_or_nothing(database_target: Path | str) -> None:
    novel = (Path(__file__).parents[3] / "benchmarks" / "corpus" / "dracula.txt").read_text()
    async with Database.opened(database_target) as database:
        library = Library(database)
        await library.ensure_bundled_story()
        importing = asyncio.create_task(library.add_text(novel, slug="dracula"))
        seen: list[tuple[int, int, int]] = []
        while not importing.done():
            seen.append(await _stored(database, "dracula"))
            await asyncio.sleep(0)
        await importing
        await library.set_default_work(1, "dracula")  # a write right after: no nested transaction
        whole = await _stored(database, "dracula")
    assert whole[0] == 1 and whole[1] > 8000 and whole[2] > 5000
    assert len(seen) > 10, "the reads ran while the import was under way"
    assert set(seen) <= {(0, 0, 0), whole}, "a reader saw a work half written"


async def test_long_titles_are_shortened(library: Library) -> None:
    added = await library.add_text("A story.\n", slug="long", title="T" * 500)
    assert len(added.record.title) <= MAX_TITLE_CHARS


async def test_servers_own_the_works_they_add(library: Library) -> None:
    await library.add_text("The keeper climbed the stairs.\n", slug="keeper", guild_id=1)
    assert [w.work.slug for w in await library.works(1)] == [BUNDLED_SLUG, "keeper"]
    assert [w.work.slug for w in await library.works(2)] == [BUNDLED_SLUG]
    with pytest.raises(UnknownWork):
        await library.lookup("keeper climbed the stairs", slug="keeper", guild_id=2)
    with pytest.raises(UnknownWork):
        await library.remove_work("keeper", guild_id=2)


async def test_slugs_are_per_server_and_shared_slugs_stay_taken(library: Library) -> None:
    await library.add_text("The keeper climbed the stairs.\n", slug="keeper", guild_id=1)
    theirs = await library.add_upload(b"The diver went down.\n", "keeper.txt", slug=None, title=None, guild_id=2)
    assert theirs.record.slug == "keeper"  # nothing learnt of server 1's work
    assert (await library.lookup("diver went down", slug="keeper", guild_id=2)).hits
    assert not (await library.lookup("diver went down", slug="keeper", guild_id=1)).hits
    await library.remove_work("keeper", guild_id=2)
    assert (await library.lookup("keeper climbed the stairs", slug="keeper", guild_id=1)).hits
    await library.add_text("A shared text.\n", slug="shared")
    with pytest.raises(InvalidWork, match="taken"):
        await library.add_text("Another text.\n", slug="shared", guild_id=1)
    mine = await library.add_upload(b"Another text.\n", "shared.txt", slug=None, title=None, guild_id=1)
    assert mine.record.slug == "shared-2"  # the shared work is one the server sees anyway


async def test_default_work_per_server(library: Library) -> None:
    await library.add_text("The keeper climbed the stairs.\n", slug="keeper", guild_id=1)
    await library.set_default_work(1, "keeper")
    assert (await library.default_work(1)).slug == "keeper"
    assert (await library.default_work(2)).slug == BUNDLED_SLUG
    assert (await library.load(guild_id=1)).slug == "keeper"
    await library.remove_work("keeper", guild_id=1)
    assert (await library.default_work(1)).slug == BUNDLED_SLUG


async def test_shared_works_are_removed_only_by_the_operator(library: Library) -> None:
    await library.add_text("A shared text.\n", slug="shared")
    with pytest.raises(InvalidWork, match="operator"):
        await library.remove_work("shared", guild_id=1)
    with pytest.raises(InvalidWork, match="bundled story stays"):
        await library.remove_work(BUNDLED_SLUG, guild_id=None)
    assert (await library.remove_work("shared", guild_id=None)).slug == "shared"


async def test_a_work_replaced_elsewhere_is_reloaded(tmp_path: Path, database_target: Path | str) -> None:
    """Another process (the CLI) re-imports a work the bot has in memory: seen within RECHECK_SECONDS."""
    database, clock = await Database.open(database_target), ManualClock()
    bot_library, cli_library = Library(database, options=LibraryOptions(clock=clock)), Library(database)
    await cli_library.add_text("The first version.\n", slug="changing")
    assert (await bot_library.lookup("the first version", slug="changing")).hits
    await cli_library.add_text("The second version.\n", slug="changing")
    clock.seconds += RECHECK_SECONDS
    assert (await bot_library.lookup("the second version", slug="changing")).hits
    assert not (await bot_library.lookup("the first version", slug="changing")).hits
    await database.close()


@pytest.mark.parametrize(
    "data",
    [
        bytes(byte or 1 for byte in random.Random(seed).randbytes(20_000))  # binary, without a NUL byte
        for seed in range(3)
    ]
    + ["Ελληνικά".encode().replace(b"\xce", b"\x01")],  # damaged: control characters everywhere
)
def test_decode_text_refuses_what_is_not_prose(data: bytes) -> None:
    with pytest.raises(InvalidWork, match="doesn't read as text"):
        decode_text(data, "noise.bin")


def test_decode_text_accepts_prose_in_any_script() -> None:
    for prose in ("Война и мир. " * 50, "吾輩は猫である。名前はまだ無い。" * 50, "Ὅμηρος. " * 50):
        assert decode_text(prose.encode("utf-8"), "prose.txt") == prose


async def test_concurrent_uploads_to_one_slug_each_describe_their_own_work(library: Library) -> None:
    """Each reply names the text it stored, with that text's counts; only one of them adds the work."""
    short = b"A short tale.\n"
    long = b"A longer tale.\n\nIt has two paragraphs. And three sentences.\n"
    results = await asyncio.gather(
        *(library.add_upload(data, "tale.txt", slug="tale", title=None, guild_id=1) for data in (short, long, long))
    )
    assert [r.outcome for r in results].count(ImportOutcome.ADDED) == 1
    for result, data in zip(results, (short, long, long), strict=True):
        assert (result.summary.paragraphs, result.summary.sentences) == (data.count(b"\n\n") + 1, data.count(b"."))


async def test_suggestions_read_only_as_much_as_a_quote_may_hold(library: Library) -> None:
    """Autocomplete searches the first MAX_QUERY_CHARS characters of whatever arrives, however long."""
    typed = "hello from the other side".ljust(MAX_QUERY_CHARS) + " Derek Stiles loft" * 5_000
    capped = await library.suggest(typed[:MAX_QUERY_CHARS])
    assert capped and await library.suggest(typed) == capped


KEEPER = "The Keeper\n\nThe keeper climbed the stairs every night.\n\nHe lit the great lamp at dusk.\n\nNobody ever thanked him.\n"


async def test_a_passage_keeps_its_id_when_a_paragraph_is_inserted_above_it(library: Library) -> None:
    await library.add_text(KEEPER, slug="keeper")
    before = (await library.lookup("he lit the great lamp", slug="keeper")).hits[0]
    inserted = KEEPER.replace("The keeper climbed", "A storm came in from the sea.\n\nThe keeper climbed")
    assert (await library.add_text(inserted, slug="keeper")).outcome == ImportOutcome.REPLACED
    after = (await library.lookup("he lit the great lamp", slug="keeper")).hits[0]
    assert (after.paragraph.id, after.sentence.id) == (before.paragraph.id, before.sentence.id)
    assert after.paragraph.ordinal == before.paragraph.ordinal + 1
    assert before.paragraph.id is not None
    _, following = await library.paragraph_near(before.paragraph.id, 1, guild_id=None)
    assert following.text == "Nobody ever thanked him."


async def test_a_passage_whose_text_is_gone_says_so(library: Library) -> None:
    await library.add_text(KEEPER, slug="keeper")
    gone = (await library.lookup("nobody ever thanked him", slug="keeper")).hits[0]
    await library.add_text(KEEPER.replace("Nobody ever thanked him.", "Everyone thanked him."), slug="keeper")
    assert gone.paragraph.id is not None
    with pytest.raises(PassageNotFound, match="no longer"):
        await library.paragraph_near(gone.paragraph.id, 0, guild_id=None)


async def test_a_newer_parser_prepares_stored_works_once_keeping_their_ids(database_target: Path | str) -> None:
    database = await Database.open(database_target)
    library = Library(database)
    await library.add_text(KEEPER, slug="keeper")
    before = (await library.lookup("he lit the great lamp", slug="keeper")).hits[0]
    async with database.transaction() as session:  # as if stored by the previous release
        await session.execute("UPDATE works SET parser_version = ? WHERE slug = ?", (PARSER_VERSION - 1, "keeper"))
    assert await library.upgrade_works() == 1
    assert await library.upgrade_works() == 0
    after = (await library.lookup("he lit the great lamp", slug="keeper")).hits[0]
    assert after.work.record.parser_version == PARSER_VERSION
    assert (after.paragraph.id, after.sentence.id) == (before.paragraph.id, before.sentence.id)
    await database.close()


async def test_the_cache_evicts_within_its_budget_and_reloads(tmp_path: Path, database_target: Path | str) -> None:
    database = await Database.open(database_target)
    library = Library(database, options=LibraryOptions(cache_bytes=1))
    await library.add_text(KEEPER, slug="keeper")
    assert (await library.lookup("keeper climbed the stairs", slug="keeper")).hits
    assert (await library.lookup("hello from the other side")).hits
    assert len(library.cache) == 1 and library.cache.stats.evictions == 1
    assert (await library.lookup("keeper climbed the stairs", slug="keeper")).hits  # loaded again, still right
    assert library.cache.stats.loads == 3 and library.cache.stats.evictions == 2
    await database.close()


async def test_a_server_cannot_add_more_than_its_limits(tmp_path: Path, database_target: Path | str) -> None:
    database = await Database.open(database_target)
    library = Library(database, options=LibraryOptions(limits=LibraryLimits(max_works=2, max_bytes=200)))
    await library.add_upload(b"One short story.\n", "one.txt", slug=None, title=None, guild_id=1)
    with pytest.raises(LibraryLimit, match="MB"):
        await library.add_upload(b"Words. " * 40, "big.txt", slug=None, title=None, guild_id=1)
    await library.add_upload(b"Two short stories.\n", "two.txt", slug=None, title=None, guild_id=1)
    with pytest.raises(LibraryLimit, match="remove one"):
        await library.add_upload(b"Three.\n", "three.txt", slug=None, title=None, guild_id=1)
    replaced = await library.add_upload(b"One, replaced.\n", "one.txt", slug="one", title=None, guild_id=1)
    assert replaced.outcome == ImportOutcome.REPLACED  # replacing stays within the limits
    assert (await library.add_upload(b"Elsewhere.\n", "x.txt", slug=None, title=None, guild_id=2)).record
    await database.close()


async def test_another_process_sees_works_added_and_removed_within_the_bound(database_target: Path | str) -> None:
    first_db, second_db = await Database.open(database_target), await Database.open(database_target)
    clock = ManualClock()
    first, second = Library(first_db), Library(second_db, options=LibraryOptions(clock=clock))
    assert [w.work.slug for w in await second.works()] == [BUNDLED_SLUG]
    await first.add_text(KEEPER, slug="keeper")
    clock.seconds += RECHECK_SECONDS
    assert [w.work.slug for w in await second.works()] == [BUNDLED_SLUG, "keeper"]
    assert (await second.lookup("keeper climbed the stairs", slug="keeper")).hits
    await first.remove_work("keeper", guild_id=None)
    clock.seconds += RECHECK_SECONDS
    with pytest.raises(UnknownWork):
        await second.lookup("keeper climbed the stairs", slug="keeper")
    await first_db.close()
    await second_db.close()


@pytest.mark.sqlite_only  # watches commits with SQLite's PRAGMA data_version
async def test_re_adding_an_unchanged_text_is_a_no_op(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "folio.sqlite3"
    database = await Database.open(path)
    library = Library(database)
    text = "The keeper climbed the stairs every night.\n"
    added = await library.add_text(text, slug="keeper", guild_id=1)
    prepared: list[str] = []
    monkeypatch.setattr("bot.library.importer.prepare_work", lambda text, title, file_name=None: prepared.append(text) or _fail())
    watcher = sqlite3.connect(path)
    before = watcher.execute("PRAGMA data_version").fetchone()
    again = await library.add_text(text, slug="keeper", guild_id=1)
    assert watcher.execute("PRAGMA data_version").fetchone() == before  # nothing committed
    watcher.close()
    assert prepared == [] and again.outcome == ImportOutcome.UNCHANGED and again.record == added.record
    with pytest.raises(AssertionError, match="prepared"):  # a new title is a new import of the same text
        await library.add_text(text, slug="keeper", title="The Keeper", guild_id=1)
    assert prepared == [text]
    await database.close()


def _fail() -> None:
    raise AssertionError("prepared again")


async def test_a_work_removed_and_added_again_is_never_read_from_the_removed_ones_cache(library: Library) -> None:
    text = "The keeper climbed the stairs every night.\n\nNobody ever thanked him for the light.\n"
    await library.works(1)  # the bundled story first: the work removed is then the last one added
    await library.add_text(text, slug="keeper", title="First", guild_id=1)
    first = await library.lookup("nobody thanked him", slug="keeper", guild_id=1)  # its view now cached
    await library.remove_work("keeper", guild_id=1)
    await library.add_text(text, slug="keeper", title="Second", guild_id=1)
    second = await library.lookup("nobody thanked him", slug="keeper", guild_id=1)
    assert [hit.sentence.text for hit in second.hits] == [hit.sentence.text for hit in first.hits]
    assert second.hits[0].work.title == "Second"
