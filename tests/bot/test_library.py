import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from bot import ingest
from bot.database import Database
from bot.errors import InvalidQuery, InvalidWork, PassageNotFound, UnknownWork
from bot.library import BUNDLED_SLUG, MAX_TITLE_CHARS, AddedWork, ImportOutcome, Library, decode_text, slugify


@pytest.fixture
async def library(tmp_path: Path):
    database = await Database.open(tmp_path / "folio.sqlite3")
    yield Library(database)
    await database.close()


@contextlib.asynccontextmanager
async def opened(path: Path) -> AsyncIterator[Database]:
    database = await Database.open(path)
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts ``bot.ingest.parse_work`` is asked to parse, in order (it still parses them)."""
    texts: list[str] = []
    parse_work = ingest.parse_work

    def recording(source_text: str, **options: object):
        texts.append(source_text)
        return parse_work(source_text, **options)

    monkeypatch.setattr(ingest, "parse_work", recording)
    return texts


@contextlib.contextmanager
def watching_commits(path: Path) -> Iterator[Callable[[], bool]]:
    """Yields ``committed()``: whether another connection has committed to the database
    at ``path`` since the block began (SQLite's ``PRAGMA data_version``, read from a
    connection of our own, changes exactly then)."""
    connection = sqlite3.connect(path)
    try:

        def data_version() -> int:
            return connection.execute("PRAGMA data_version").fetchone()[0]

        before = data_version()
        yield lambda: data_version() != before
    finally:
        connection.close()


async def test_bundled_story_is_the_default_work(library: Library) -> None:
    work = await library.load()
    assert work.slug == BUNDLED_SLUG
    assert work.title == "Hello From the Other Side"
    assert len(work.sections) == 4 and len(work.paragraphs) > 50


async def test_unchanged_bundled_story_is_not_stored_again(tmp_path: Path, parsed: list[str]) -> None:
    path = tmp_path / "folio.sqlite3"
    async with opened(path) as database:
        first = await Library(database).ensure_bundled_story()
    assert len(parsed) == 1  # the first start imports it

    async with opened(path) as database:  # as after a restart
        with watching_commits(path) as committed:
            second = await Library(database).ensure_bundled_story()
            assert not committed()
    assert len(parsed) == 1  # not parsed again
    assert first == second


async def test_changed_bundled_story_is_imported_again(tmp_path: Path, parsed: list[str]) -> None:
    path = tmp_path / "folio.sqlite3"
    story = tmp_path / "story.txt"
    async with opened(path) as database:
        story.write_text("First version of the story.\n")
        first = await Library(database, bundled_story=story).ensure_bundled_story()
        story.write_text("Second version, with a new line.\n")
        with watching_commits(path) as committed:
            second = await Library(database, bundled_story=story).ensure_bundled_story()
            assert committed()
    assert parsed == ["First version of the story.\n", "Second version, with a new line.\n"]
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
    work = await library.load()
    first, last = work.location(work.paragraphs[0]), work.location(work.paragraphs[-1])
    assert first.paragraph_number == 1 and first.percent_through < 3
    assert last.percent_through == 100 and last.paragraph_number == last.paragraphs_in_section


async def test_paragraph_out_of_range(library: Library) -> None:
    work = await library.load()
    with pytest.raises(PassageNotFound):
        work.paragraph(len(work.paragraphs))


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
    work = await library.load("the-keeper")
    assert work.title == "Changed" and "lighthouse" in work.paragraphs[1].text


async def test_re_adding_an_unchanged_text_is_a_no_op(tmp_path: Path, parsed: list[str]) -> None:
    path = tmp_path / "folio.sqlite3"
    text = "The keeper climbed the stairs every night.\n"
    async with opened(path) as database:
        library = Library(database)
        added = await library.add_text(text, slug="keeper", guild_id=1)
        assert parsed == [text]

        with watching_commits(path) as committed:
            again = await library.add_text(text, slug="keeper", guild_id=1)
            assert not committed()
        assert parsed == [text]  # not parsed again
        assert again == AddedWork(added.record, ImportOutcome.UNCHANGED)

        retitled = await library.add_text(text, slug="keeper", title="The Keeper", guild_id=1)
    assert retitled.outcome == ImportOutcome.REPLACED and retitled.record.title == "The Keeper"
    assert parsed == [text, text]  # a new title is a new import of the same text


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
    assert "third" in (await library.load("story", guild_id=1)).sentences[0].text
    assert "Another" in (await library.load("story-2", guild_id=1)).sentences[0].text


async def test_two_servers_racing_for_a_slug_do_not_overwrite_each_other(library: Library) -> None:
    """Both check the slug is free, then both parse and save: one must be refused."""
    novel = (Path(__file__).parents[2] / "benchmarks" / "corpus" / "frankenstein.txt").read_text()
    results = await asyncio.gather(
        library.add_text(novel, slug="book", guild_id=1),
        library.add_text("A short story about a lighthouse.\n", slug="book", guild_id=2),
        return_exceptions=True,
    )
    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, BaseException)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], InvalidWork) and "taken" in str(losers[0])
    winner = winners[0].record
    work = await library.load("book", guild_id=winner.guild_id)
    assert work.record.content_hash == winner.content_hash and work.sentences


async def test_reads_during_an_import_see_all_or_nothing(library: Library) -> None:
    novel = (Path(__file__).parents[2] / "benchmarks" / "corpus" / "dracula.txt").read_text()
    importing = asyncio.create_task(library.add_text(novel, slug="dracula"))
    seen: list[int] = []
    while not importing.done():
        listing = {w.work.slug: w.sentences for w in await library.works()}
        if "dracula" in listing:
            seen.append(listing["dracula"])
        await asyncio.sleep(0)
    await importing
    await library.set_default_work(1, "dracula")  # a write right after: no nested transaction
    assert all(count > 8000 for count in seen)


async def test_long_titles_are_shortened(library: Library) -> None:
    added = await library.add_text("A story.\n", slug="long", title="T" * 500)
    assert len(added.record.title) <= MAX_TITLE_CHARS


async def test_servers_own_the_works_they_add(library: Library) -> None:
    await library.add_text("The keeper climbed the stairs.\n", slug="keeper", guild_id=1)
    assert [w.work.slug for w in await library.works(1)] == [BUNDLED_SLUG, "keeper"]
    assert [w.work.slug for w in await library.works(2)] == [BUNDLED_SLUG]
    with pytest.raises(UnknownWork):
        await library.lookup("keeper climbed the stairs", slug="keeper", guild_id=2)
    with pytest.raises(InvalidWork, match="taken"):
        await library.add_text("Another text.\n", slug="keeper", guild_id=2)
    with pytest.raises(UnknownWork):
        await library.remove_work("keeper", guild_id=2)


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


async def test_a_work_replaced_elsewhere_is_reloaded(tmp_path: Path) -> None:
    """Another process (the CLI) re-imports a work the bot has in memory."""
    database = await Database.open(tmp_path / "folio.sqlite3")
    bot_library, cli_library = Library(database), Library(database)
    await cli_library.add_text("The first version.\n", slug="changing")
    assert "first" in (await bot_library.load("changing")).sentences[0].text
    await cli_library.add_text("The second version.\n", slug="changing")
    assert "second" in (await bot_library.load("changing")).sentences[0].text
    await database.close()
