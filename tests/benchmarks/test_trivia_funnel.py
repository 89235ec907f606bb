"""The trivia funnel accounts for every line said once: refused for a reason, or askable."""

from pathlib import Path

from benchmarks.trivia_funnel import funnel
from benchmarks.trivia_sample import source_of

STORY = Path(__file__).resolve().parents[2] / "data" / "hello-from-the-other-side.txt"


def test_every_line_said_once_is_refused_for_a_reason_or_askable() -> None:
    result = funnel(source_of(STORY.read_text(encoding="utf-8"), "hello"))
    refused, askable = result["refused"], result["askable"]
    assert isinstance(refused, dict) and isinstance(askable, dict)
    assert sum(refused.values()) + askable.get("strict", 0) + askable.get("lenient", 0) == result["said once"]
    assert askable.get("with rivals", 0) + askable.get("no rivals of the scene", 0) == askable.get(
        "strict", 0
    ) + askable.get("lenient", 0)
    assert set(result["alone"]) >= {"who-said-it", "true-or-false", "which-came-first"}
