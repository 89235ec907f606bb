"""Library.speakers: a work's attribution, worked out in a thread once per text and kept."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import bot.library.speakers as speakers_module
from bot.errors import UnknownWork
from bot.library.service import Library
from bot.storage.database import Database
from bot.text.ingest import WorkSpeakers


@pytest.fixture
async def library(database_target: Path | str):
    database = await Database.open(database_target)
    yield Library(database)
    await database.close()


async def test_speakers_of_the_default_work(library: Library) -> None:
    work, found = await library.speakers()
    assert work.slug == "hello-from-the-other-side"
    assert len(found.utterances) == 90
    assert {"Derek", "Stiles", "Lydia"} <= {c.name for c in found.people()}
    assert found.utterance_counts()["Lydia"] > 10


async def test_attribution_runs_off_the_event_loop_once_per_text(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[int] = []
    real = speakers_module.attribute_work

    def counting(text: str) -> WorkSpeakers:
        threads.append(threading.get_ident())
        return real(text)

    monkeypatch.setattr(speakers_module, "attribute_work", counting)
    first, second = await asyncio.gather(library.speakers(), library.speakers())
    assert first[1] is second[1]
    assert threads and threading.get_ident() not in threads
    assert len(threads) == 1

    await library.add_text("“Hi,” said Ada.\n\n“Bye,” said Bo.", slug="short")
    _, short = await library.speakers("short")
    assert [u.speaker for u in short.utterances] == ["Ada", "Bo"]
    await library.add_text("“Hello,” said Cy.", slug="short")  # replaced: attributed again
    _, replaced = await library.speakers("short")
    assert [u.speaker for u in replaced.utterances] == ["Cy"]
    assert len(threads) == 3


async def test_speakers_of_an_unknown_work(library: Library) -> None:
    with pytest.raises(UnknownWork):
        await library.speakers("nope")
