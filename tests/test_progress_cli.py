"""`run_bot.py quote|ask|trivia --upto N` as real subprocesses, on either backend: only chapters 1..N count."""

from __future__ import annotations

import json
from pathlib import Path

from tests.test_run_bot import ROOT, run_bot

STORY = (ROOT / "data" / "hello-from-the-other-side.txt").read_text(encoding="utf-8")
SCENE_2_STARTS = STORY.index("Derek halted his steps")
IN_SCENE_3 = "He left the pack and became a hunter"


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
    offsets = [q["offset"] for q in questions if q["offset"] is not None]
    assert offsets and all(offset < SCENE_2_STARTS for offset in offsets)  # type: ignore[operator]
    refused = run_bot("quote", "--upto", "0", "tea", database=database_target)
    assert refused.returncode == 2 and "chapter count of 1 or more" in refused.stderr
