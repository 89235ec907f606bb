"""The SQLite/PostgreSQL benchmark: its load mix, its options, and one real set on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import backends_bench
from benchmarks.query_sets import KINDS, load_query_set
from tests.postgres import TEST_DATABASE_URL

needs_server = pytest.mark.skipif(TEST_DATABASE_URL is None, reason="needs FOLIO_TEST_DATABASE_URL (set by .ci/run)")


def test_the_load_mix_uses_every_dracula_query_before_repeating_one() -> None:
    texts = [query.text for query in load_query_set(backends_bench.LOAD_SET).queries]
    mix = backends_bench.load_texts(backends_bench.LOAD_CONCURRENCY, 0)
    assert len(mix) == backends_bench.LOAD_CONCURRENCY
    assert sorted(mix[: len(texts)]) == sorted(texts)
    assert mix == backends_bench.load_texts(backends_bench.LOAD_CONCURRENCY, 0)
    assert mix != backends_bench.load_texts(backends_bench.LOAD_CONCURRENCY, 1)


@pytest.mark.parametrize("argv", [[], ["quotes", "nonsense"], ["--database-url", "postgresql://h/db", "--rounds", "0"]])
def test_bad_options_are_usage_errors(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(backends_bench.URL_VARIABLE, raising=False)
    with pytest.raises(SystemExit) as exit_info:
        backends_bench.main(argv)
    assert exit_info.value.code == 2


@needs_server
async def test_the_bundled_story_answers_alike_on_both_backends(tmp_path: Path) -> None:
    assert TEST_DATABASE_URL is not None
    report = await backends_bench.measure_set(load_query_set("hello-from-the-other-side"), TEST_DATABASE_URL, tmp_path)
    queries = len(load_query_set("hello-from-the-other-side").queries)
    for run in (report.sqlite, report.postgres):
        assert run.counts(*KINDS)[1] == queries and len(run.latencies) == len(run.fresh_latencies) == queries
        assert run.changed_answers == 0
    assert report.same_answers == queries
    assert report.sqlite.counts(*KINDS) == report.postgres.counts(*KINDS)
    candidates = report.candidates
    assert candidates.calls >= queries - 1 and candidates.found["current"] == candidates.found["previous"]
    rows = backends_bench.quote_rows([report, report])
    assert [row[:2] for row in rows][-2:] == [["all texts", "SQLite"], ["all texts", "PostgreSQL"]]
