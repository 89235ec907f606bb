"""What keeps a lookup cheap gives the same answers: pruned matching windows, remembered analysis."""

from __future__ import annotations

import random

import pytest

from bot.library.quote_search import Candidates
from bot.search import vocabulary as vocabulary_module
from bot.search.analysis import analyse, analysed_before
from bot.search.engine import QuoteIndex
from bot.search.scoring import Unit, _credit_of, _window_credit
from bot.search.textnorm import words

LINES = [
    "The ferryman counted the lanterns twice before the river rose.",
    "Nobody on the quay believed the ferryman about the lanterns.",
    "By morning the river had taken the lower road and the mill.",
    "She wrote to her brother that the ferry would not run again.",
]


def every_window(hits: list[tuple[int, int, float]], span: int, query) -> float:
    """The reference: the best credit over a window starting at each hit."""
    return max(_credit_of([h for h in hits if start <= h[0] < start + span], query) for start, _, _ in hits)


def test_pruned_windows_find_the_best_window_of_all() -> None:
    index = QuoteIndex(enumerate(LINES))
    query = analyse(words("ferryman lanterns river quay mill brother ferry road"), index.vocabulary)
    assert query is not None
    chance = random.Random(19)
    for _ in range(300):
        hits = sorted(
            (chance.randrange(60), chance.randrange(len(query.words)), chance.choice((1.0, 0.9, 0.6)))
            for _ in range(chance.randrange(1, 14))
        )
        span = query.window + 3
        expected = every_window(hits, span, query) if hits[-1][0] - hits[0][0] >= span else _credit_of(hits, query)
        assert _window_credit(hits, query) == pytest.approx(expected, rel=1e-12)


def test_words_analysed_once_are_known_as_analysed() -> None:
    index = QuoteIndex(enumerate(LINES))
    typed = words("the feryman counted lanterns")
    assert not analysed_before(typed, index.vocabulary)
    analyse(typed, index.vocabulary)
    assert analysed_before(typed, index.vocabulary)
    assert not analysed_before([*typed, "quay"], index.vocabulary)


def test_words_whose_corrections_were_forgotten_are_not_analysed_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """The phrase search corrects a misspelt word again: once its corrections are forgotten, planning the
    lookup is work for a thread, not the event loop."""
    monkeypatch.setattr(vocabulary_module, "CORRECTIONS_KEPT", 1)
    index = QuoteIndex(enumerate(LINES))
    typed = words("feryman lanterns")
    analyse(typed, index.vocabulary)
    assert analysed_before(typed, index.vocabulary)
    analyse(words("brothr"), index.vocabulary)  # the vocabulary remembers one misspelling's corrections only
    assert not analysed_before(typed, index.vocabulary)


def test_remembered_corrections_are_a_fresh_dict_each_time() -> None:
    vocabulary = QuoteIndex(enumerate(LINES)).vocabulary
    first = vocabulary.corrections("feryman")
    assert "ferryman" in first
    first["mill"] = 1.0
    assert vocabulary.corrections("feryman") == {t: c for t, c in first.items() if t != "mill"}


def test_shared_candidates_are_filtered_only_for_a_query_that_searched_fewer_terms() -> None:
    units = [Unit.of(key, line) for key, line in enumerate(LINES)]
    candidates = Candidates(units, frozenset({"ferryman", "mill"}))
    assert candidates.of(0, {"ferryman", "mill"}) is units
    assert [unit.key for unit in candidates.of(1, {"mill"})] == [2]
