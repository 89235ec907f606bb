"""The structure bench's expectations are well formed (a chapter is a [number, title] pair)."""

from __future__ import annotations

import yaml

from benchmarks.structure_bench import NOVELS


def test_every_first_and_last_chapter_is_a_number_and_a_title() -> None:
    novels = yaml.safe_load(NOVELS.read_text(encoding="utf-8"))
    for name, expected in novels.items():
        for key in ("first", "last"):
            if key in expected:
                assert isinstance(expected[key], list) and len(expected[key]) == 2, (name, key, expected[key])
        assert expected["split"] in ("dev", "check"), name
