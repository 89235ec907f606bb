"""`run_bot.py quote|ask|trivia --upto N` as real subprocesses, on either backend: only chapters 1..N count."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from bot.storage.database import Database
from bot.storage.passages import PassageRepository
from tests.test_run_bot import run_bot

IN_SCENE_3 = "He left the pack and became a hunter"


async def sections_of(database: Path | str, passage_ids: list[object]) -> set[int]:
    async with Database.opened(database) as opened:
        found = await PassageRepository(opened).many([int(str(p)) for p in passage_ids])
    return {passage.section for passage in found.values()}


def answers(database: Path | str, *args: str) -> list[dict[str, object]]:
    result = run_bot(*args, "--json", database=database)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_quote_finds_a_line_only_once_its_chapter_is_read(database_target: Path | str) -> None:
    [before] = answers(database_target, "quote", "--upto", "2", IN_SCENE_3)
    assert before["matches"] == []
    [after] = answers(database_target, "quote", "--upto", "3", IN_SCENE_3)
    assert after["matches"][0]["location"].startswith("Scene 3")


def test_ask_and_trivia_keep_to_the_chapters_read(database_target: Path | str) -> None:
    for answer in answers(database_target, "ask", "--upto", "1", "Why did Derek leave Beacon Hills?"):
        assert all(hit["location"].startswith("Scene 1") for hit in answer["answers"])  # type: ignore[union-attr]
    questions = answers(database_target, "trivia", "--upto", "1", "--count", "12", "--seed", "5")
    passages = [q["passage_id"] for q in questions if q["passage_id"] is not None]
    assert passages and asyncio.run(sections_of(database_target, passages)) == {0}  # Scene 1 only
    refused = run_bot("quote", "--upto", "0", "tea", database=database_target)
    assert refused.returncode == 2 and "chapter count of 1 or more" in refused.stderr
