"""The benchmark's query files are well formed and every expected line is really in its text."""

from __future__ import annotations

from functools import cache

import pytest
import yaml

from benchmarks import quote_bench
from benchmarks.query_sets import (
    IN_STORY_KINDS,
    KINDS,
    OFF_STORY,
    QUERIES_DIR,
    QUERY_SET_NAMES,
    QuerySet,
    is_expected,
    load_query_set,
)
from bot.ingest import parse_work

MIN_PER_KIND = {"hello-from-the-other-side": 10, "frankenstein": 20, "dracula": 20}


@cache
def sentences_of(name: str) -> tuple[str, ...]:
    query_set = load_query_set(name)
    work = parse_work(query_set.text_path.read_text(encoding="utf-8"))
    return tuple(sentence.text for sentence in work.sentences)


def test_every_query_file_is_listed() -> None:
    assert sorted(path.stem for path in QUERIES_DIR.glob("*.yaml")) == sorted(QUERY_SET_NAMES)


@pytest.mark.parametrize("name", QUERY_SET_NAMES)
def test_file_has_every_kind_and_nothing_else(name: str) -> None:
    data = yaml.safe_load((QUERIES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert set(data) == {"text", *KINDS}
    query_set = load_query_set(name)
    assert query_set.text_path.is_file()
    for kind in KINDS:
        assert len(query_set.of_kind(kind)) >= MIN_PER_KIND[name], kind


@pytest.mark.parametrize("name", QUERY_SET_NAMES)
def test_queries_are_distinct_and_shaped_by_kind(name: str) -> None:
    query_set = load_query_set(name)
    texts = [(query.kind, query.text) for query in query_set.queries]
    assert len(texts) == len(set(texts))
    assert all(query.text.strip() for query in query_set.queries)
    assert all(query.expect is None for query in query_set.of_kind(OFF_STORY))
    assert all(query.expect for kind in IN_STORY_KINDS for query in query_set.of_kind(kind))


@pytest.mark.parametrize("name", QUERY_SET_NAMES)
def test_every_expected_line_is_in_the_text(name: str) -> None:
    query_set: QuerySet = load_query_set(name)
    sentences = sentences_of(name)
    missing = [
        query.expect
        for query in query_set.queries
        if query.expect is not None and not any(is_expected(sentence, query.expect) for sentence in sentences)
    ]
    assert missing == []


def test_is_expected_ignores_case_punctuation_and_quote_style() -> None:
    assert is_expected("“I’m looking for the Stilinskis,” Derek started.", "I'm looking for the stilinskis")
    assert not is_expected("I’m looking for the Stilinskis", "looking for Stiles")


def test_benchmark_runs_on_the_bundled_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert quote_bench.main(["hello-from-the-other-side", "--markdown"]) == 0
    output = capsys.readouterr().out
    assert "| hello-from-the-other-side | folio |" in output
    assert "| hello-from-the-other-side | brute force |" in output


def test_benchmark_rejects_unknown_query_sets() -> None:
    with pytest.raises(SystemExit):
        quote_bench.main(["moby-dick"])
