"""The reply /ask sends when it does not answer: its title agrees with what it says."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from bot.ask.service import AskResult
from bot.progress.chapters import Chapter, Horizon
from bot.progress.tracker import Progress
from bot.storage.progress import Scope
from cogs.reading.ask import not_answered_embed

WORK: Any = SimpleNamespace(title="The Lamplighter of Vellport")
HIT: Any = SimpleNamespace(sentence=SimpleNamespace(text="Mirela lit the lamps at dusk."), location="Chapter 1")
CHAPTER = Chapter(1, "Chapter 1", 1, "", 0, 3)


def result(*, unsure: bool) -> AskResult:
    return AskResult(WORK, "Who lit the lamps?", [], closest=[HIT, HIT], unsure=unsure)


def test_an_unsure_decline_is_titled_not_sure_and_says_so() -> None:
    embed = not_answered_embed(result(unsure=True))
    assert embed.title == "Not sure" and "I can't tell which passage" in (embed.description or "")
    assert not_answered_embed(result(unsure=False)).title == "Not in the story"


def test_a_decline_within_a_readers_progress_is_titled_as_what_it_says() -> None:
    progress = Progress(Scope.READER, 7, CHAPTER, Horizon(CHAPTER, complete=False))
    embed = not_answered_embed(result(unsure=True), progress)
    assert "The answer may lie further on" in (embed.description or "")
    assert embed.title == "Not in the story"
