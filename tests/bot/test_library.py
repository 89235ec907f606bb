from pathlib import Path

import pytest

from bot.database import Database
from bot.errors import InvalidQuery, InvalidWork, PassageNotFound, UnknownWork
from bot.library import BUNDLED_SLUG, Library, slugify


@pytest.fixture
async def library(tmp_path: Path):
    database = await Database.open(tmp_path / "folio.sqlite3")
    yield Library(database)
    await database.close()


async def test_bundled_story_is_the_default_work(library: Library) -> None:
    work = await library.load()
    assert work.slug == BUNDLED_SLUG
    assert work.title == "Hello From the Other Side"
    assert len(work.sections) == 4 and len(work.paragraphs) > 50


async def test_unchanged_bundled_story_is_not_stored_again(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "folio.sqlite3")
    first = await Library(database).ensure_bundled_story()
    second = await Library(database).ensure_bundled_story()  # as after a restart
    await database.close()
    assert first == second  # same row, same added_at: no re-import


async def test_changed_bundled_story_is_imported_again(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "folio.sqlite3")
    story = tmp_path / "story.txt"
    story.write_text("First version of the story.\n")
    first = await Library(database, bundled_story=story).ensure_bundled_story()
    story.write_text("Second version, with a new line.\n")
    second = await Library(database, bundled_story=story).ensure_bundled_story()
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
    record = await library.add_work(path)
    assert record.slug == "the-keeper"
    lookup = await library.lookup("nobody thanked him", slug="the-keeper")
    assert "thanked him" in lookup.hits[0].sentence.text

    path.write_text("A different text now.\n\nWith the lighthouse gone.\n")
    await library.add_work(path, title="Changed")
    work = await library.load("the-keeper")
    assert work.title == "Changed" and "lighthouse" in work.paragraphs[1].text


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
    assert slugify("???") == "work"
    assert len(slugify("x" * 100)) == 40
