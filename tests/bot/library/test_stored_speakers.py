"""Library.speakers: a work's characters and attribution, worked out at import, stored (both backends) and read."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import bot.library.speakers as speakers_module
from bot.attribution.stored import decode, encode
from bot.errors import UnknownWork
from bot.library.service import Library
from bot.storage.database import Database
from bot.text.ingest import WorkSpeakers, attribute_work


@pytest.fixture
async def database(database_target: Path | str):
    database = await Database.open(database_target)
    yield database
    await database.close()


@pytest.fixture
def library(database: Database) -> Library:
    return Library(database)


def _never(text: str) -> WorkSpeakers:
    raise AssertionError("attribution worked out again instead of read from storage")


async def test_speakers_of_the_default_work(library: Library) -> None:
    work, found = await library.speakers()
    assert work.slug == "hello-from-the-other-side"
    assert len(found.utterances) == 90
    assert {"Derek", "Stiles", "Lydia"} <= {c.name for c in found.people()}
    assert found.utterance_counts()["Lydia"] > 10


async def test_the_import_stores_the_attribution_and_the_bot_only_reads_it(
    library: Library, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await library.add_text("“Hi,” said Ada.\n\n“Bye,” said Bo.", slug="short")
    monkeypatch.setattr(speakers_module, "attribute_work", _never)
    first, second = await asyncio.gather(library.speakers("short"), library.speakers("short"))
    assert first[1] is second[1]
    assert [u.speaker for u in first[1].utterances] == ["Ada", "Bo"]
    await library.add_text("“Hello,” said Cy.", slug="short")  # replaced: its own attribution, stored at import
    _, replaced = await library.speakers("short")
    assert [u.speaker for u in replaced.utterances] == ["Cy"]
    rows = await database.fetch_all("SELECT work_id FROM work_attribution WHERE work_id = ?", (first[0].record.id,))
    assert len(rows) == 1


async def test_a_work_stored_without_attribution_is_worked_out_once_off_the_loop(
    library: Library, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await library.add_text("“Hi,” said Ada.\n\n“Bye,” said Bo.", slug="older")
    async with database.transaction() as session:
        await session.execute("DELETE FROM work_attribution")
    threads: list[int] = []

    def counting(text: str) -> WorkSpeakers:
        threads.append(threading.get_ident())
        return attribute_work(text)

    monkeypatch.setattr(speakers_module, "attribute_work", counting)
    work, found = await library.speakers("older")
    assert [u.speaker for u in found.utterances] == ["Ada", "Bo"]
    assert len(threads) == 1 and threading.get_ident() not in threads
    stored = await database.fetch_all("SELECT work_id FROM work_attribution WHERE work_id = ?", (work.record.id,))
    assert len(stored) == 1
    monkeypatch.setattr(speakers_module, "attribute_work", _never)
    fresh = Library(database)  # another process: reads what was stored
    _, again = await fresh.speakers("older")
    assert [u.speaker for u in again.utterances] == ["Ada", "Bo"]


def test_stored_attribution_decodes_to_what_was_worked_out() -> None:
    text = Path("data/hello-from-the-other-side.txt").read_text(encoding="utf-8")
    worked_out = attribute_work(text)
    stored = decode(encode(worked_out))
    assert stored is not None
    assert stored.utterances == worked_out.utterances
    assert [(c.name, c.aliases, c.gender, c.mentions) for c in stored.characters.characters] == [
        (c.name, c.aliases, c.gender, c.mentions) for c in worked_out.characters.characters
    ]
    derek = stored.characters.find("Derek")
    assert derek is not None and stored.mentions_of(derek) == worked_out.mentions_of(worked_out.characters.find("Derek"))
    assert [c.name for c in stored.people()] == [c.name for c in worked_out.people()]


async def test_speakers_of_an_unknown_work(library: Library) -> None:
    with pytest.raises(UnknownWork):
        await library.speakers("nope")
