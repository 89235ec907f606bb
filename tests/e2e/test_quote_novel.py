"""/quote on a whole novel added with the offline CLI, and under concurrent load."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.fake_discord import payloads
from tests.fake_discord.bot_process import REPO_ROOT, database_env
from tests.fake_discord.harness import Harness, running_folio
from tests.postgres import target_database

pytestmark = pytest.mark.asyncio(loop_scope="module")

DRACULA = REPO_ROOT / "benchmarks" / "corpus" / "dracula.txt"


def add_work_with_cli(database: Path | str, path: Path, slug: str) -> None:
    env = {**os.environ, **database_env(database), "LOG_LEVEL": "WARNING"}
    subprocess.run(
        [sys.executable, "run_bot.py", "add-work", str(path), "--slug", slug],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def folio_with_dracula(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    async with target_database(tmp_path_factory.mktemp("folio-novel") / "folio.sqlite3") as database:
        add_work_with_cli(database, DRACULA, "dracula")
        async with running_folio(database) as harness:
            yield harness


async def test_quote_finds_a_misremembered_line_in_dracula(folio_with_dracula: Harness) -> None:
    command = payloads.slash_command("quote", {"text": "listen to them, children of the nite", "work": "dracula"})
    callback = await folio_with_dracula.interact(command)
    [embed] = callback.json["data"]["embeds"]
    assert embed["title"] == "Dracula"
    assert "**“Listen to them—the children of the night.**" in embed["description"]
    where = next(field["value"] for field in embed["fields"] if field["name"] == "Where")
    assert where.startswith("Chapter II: Jonathan Harker’s Journal—Continued · paragraph ")


async def test_a_line_retold_in_other_words_is_answered_as_the_closest_match(folio_with_dracula: Harness) -> None:
    command = payloads.slash_command("quote", {"text": "he latched the windows tight and rubbed the sashes with the flowers", "work": "dracula"})
    callback = await folio_with_dracula.interact(command)
    [embed] = callback.json["data"]["embeds"]
    assert "**First he fastened up the windows and latched them securely;" in embed["description"]
    assert embed["footer"]["text"].startswith("Closest match, worded differently · Match ")


async def test_the_speaker_field_names_only_a_sure_speaker(folio_with_dracula: Harness) -> None:
    tagged = payloads.slash_command("quote", {"text": "of blood so pure that we need not defibrinate", "work": "dracula"})
    [embed] = (await folio_with_dracula.interact(tagged)).json["data"]["embeds"]
    assert next(f["value"] for f in embed["fields"] if f["name"] == "Speaker") == "Van Helsing"
    unsure = payloads.slash_command("quote", {"text": "The blood is the life", "work": "dracula"})
    [embed] = (await folio_with_dracula.interact(unsure)).json["data"]["embeds"]
    assert "The blood is the life!”**" in embed["description"]
    assert "Speaker" not in {f["name"] for f in embed["fields"]}  # a guess is not shown as a fact


async def test_navigation_stays_inside_the_novel(folio_with_dracula: Harness) -> None:
    command = payloads.slash_command("quote", {"text": "Enter freely and of your own will", "work": "dracula"})
    reply = await folio_with_dracula.interact(command)
    message = reply.response["resource"]["message"]
    next_button = message["components"][0]["components"][1]
    assert next_button["custom_id"].startswith("folio:p:")
    click = await folio_with_dracula.interact(payloads.component_click(next_button["custom_id"], message))
    assert click.json["type"] == 7
    assert click.json["data"]["embeds"][0]["title"] == "Dracula"


async def test_many_readers_at_once_all_get_answers(folio_with_dracula: Harness) -> None:
    lines = [
        "For the dead travel fast",
        "I am all in a sea of wonders",
        "hello from the other side",
        "We learn from failure, not from success",
        "It was the best of times, it was the worst of times",
        "!!!",
    ] * 3
    commands = [
        payloads.slash_command("quote", {"text": text, **({} if "other side" in text else {"work": "dracula"})})
        for text in lines
    ]
    callbacks = await asyncio.gather(*(folio_with_dracula.interact(command) for command in commands))
    assert all(callback.json["type"] == 4 for callback in callbacks)
    titles = [next(iter(callback.json["data"].get("embeds") or [{}])).get("title") for callback in callbacks]
    assert titles[:6] == ["Dracula", "Dracula", "Hello From the Other Side", "Dracula", "Not in the story", None]
    assert folio_with_dracula.bot.tracebacks() == []
