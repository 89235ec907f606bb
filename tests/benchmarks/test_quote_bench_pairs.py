"""The quote benchmark times brute force beside each engine, query by query, and divides by those times."""

from __future__ import annotations

from benchmarks import quote_bench
from benchmarks.query_sets import load_query_set


def test_brute_force_is_timed_beside_each_query_of_an_engine_before_and_after_in_turn() -> None:
    query_set = load_query_set("hello-from-the-other-side")
    calls: list[tuple[str, str]] = []

    def engine(query: str) -> quote_bench.Answer:
        calls.append(("engine", query))
        return quote_bench.Answer(None, False)

    run = quote_bench._run(query_set, engine, lambda query: calls.append(("brute force", query)))
    texts = [query.text for query in query_set.queries]
    timed = calls[len(texts) :]  # after the warm-up pass
    pairs = [(("brute force", text), ("engine", text)) for text in texts]
    assert timed == [step for position, pair in enumerate(pairs) for step in pair[:: 1 if position % 2 == 0 else -1]]
    assert len(run.beside) == len(run.latencies) == len(texts)


def test_the_ratio_to_brute_force_divides_by_the_paired_times() -> None:
    engine = quote_bench.EngineRun(latencies=[0.002, 0.004], beside=[0.030, 0.010])
    engine.record("exact", True, 0.003)
    engine.beside.append(0.020)
    baseline = quote_bench.EngineRun(latencies=[1.0, 1.0, 1.0])
    report = quote_bench.TextReport(
        name="story", words=1, sentences=1, parse_ms=0, build_ms=0, build_peak_mib=0,
        folio=engine, baseline=baseline, suggest_latencies=[],
        database=quote_bench.DatabaseRun(1, 0.0, 1, 0.0, engine, []), fts5=quote_bench.EngineRun(latencies=[1.0]),
    )
    rows = {row[1]: row[-1] for row in quote_bench.result_rows([report])}
    assert rows[quote_bench.MEMORY_ENGINE] == "0.150"  # 9 ms over 60 ms, not over the baseline's own run
    assert rows[quote_bench.FTS5_ENGINE] == "1.000"  # no paired times: the baseline's run
