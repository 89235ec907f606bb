"""Book markup: Discord markdown where text is shown, none where it is plain."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.discuss.prompts import thread_name
from bot.reactions.reaction_map import plain_words
from bot.text.ingest import parse_work
from bot.text.markup import plain_text, to_discord
from bot.text.sections import chart_labels

DATA = Path(__file__).resolve().parents[2] / "data" / "structure"


@pytest.mark.parametrize(
    ("raw", "shown", "plain"),
    [
        ("_3 May. Bistritz._--Left Munich", "*3 May. Bistritz.*--Left Munich", "3 May. Bistritz.--Left Munich"),
        ("It was =very= cold.", "It was **very** cold.", "It was very cold."),
        ("He *said* so.", "He *said* so.", "He said so."),
        ("snake_case and 2 * 3 * 4", "snake_case and 2 * 3 * 4", "snake_case and 2 * 3 * 4"),
    ],
)
def test_markup_is_shown_as_discord_markdown_and_stripped_in_plain_text(raw: str, shown: str, plain: str) -> None:
    assert to_discord(raw) == shown
    assert plain_text(raw) == plain
    assert plain_text(to_discord(raw)) == plain


def test_plain_text_uses_strip_markup() -> None:
    assert thread_name("Chapter I", "*3 May.*—Left Munich at 8:35") == "Chapter I: 3 May.—Left Munich at 8:35"
    assert plain_words("“*Mem.*, get recipe for Mina.”") == "Mem., get recipe for Mina."


def test_charts_label_sections_by_number_or_title() -> None:
    work = parse_work((DATA / "prologue_epilogue.txt").read_text(encoding="utf-8"))
    assert chart_labels(work.structure, 4) == ["Prologue", "1", "2", "Epilogue"]
    assert chart_labels(work.structure, 3) == ["1", "2", "3"]  # an outline that does not match: positions
    letters = parse_work((DATA / "letters.txt").read_text(encoding="utf-8"))
    assert chart_labels(letters.structure, 3) == ["LI", "LII", "Letter: Ann…"]
