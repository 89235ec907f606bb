"""A work's passages held in memory (the database's answers are compared in tests/bot/storage/test_works.py)."""

from bot.library.preparation import prepare_work
from bot.library.work_passages import WorkPassages


def test_the_cache_counts_the_paragraphs_text() -> None:
    short = WorkPassages(prepare_work("A line.\n").parsed.passages)
    longer = WorkPassages(prepare_work("A line. " + "Word " * 400 + "\n").parsed.passages)
    assert longer.estimated_bytes() > short.estimated_bytes() + 1500
