"""The benchmark's query files are well formed and every expected line is really in its text."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

import pytest
import yaml
from rapidfuzz import fuzz, process, utils

import run_bot
from benchmarks import quote_bench
from benchmarks.query_sets import (
    BLIND_SET_NAMES,
    CALIBRATION_SET_NAMES,
    CORPUS_BLIND_SET_NAMES,
    CORPUS_DEV_SET_NAMES,
    HOLDOUT_SET_NAMES,
    IN_STORY_KINDS,
    KINDS,
    OFF_STORY,
    QUERIES_DIR,
    QUERY_SET_NAMES,
    QuerySet,
    is_expected,
    load_query_set,
)
from bot.text.ingest import parse_work

MIN_PER_KIND = {
    "hello-from-the-other-side": 10,
    "frankenstein": 20,
    "dracula": 20,
    "frankenstein-holdout": 15,
    "dracula-holdout": 15,
    "hello-from-the-other-side-blind": 15,
    "sign-of-the-four-blind": 15,
    "invisible-man-blind": 15,
}
ALL_SET_NAMES = (*QUERY_SET_NAMES, *HOLDOUT_SET_NAMES, *BLIND_SET_NAMES)
FIRST_KINDS = ("exact", "typos", "misremembered", "fragments", "shuffled", OFF_STORY)
"""The kinds of the sets written before the blind sets; the blind sets have every kind."""


TUNING_KINDS = {"dracula": ("paraphrase",), "frankenstein": ("paraphrase",)}
"""Kinds added to tuned sets (with at least :data:`MIN_TUNING_QUERIES` queries) to tune the engine on them."""
MIN_TUNING_QUERIES = 10


def kinds_of(name: str) -> tuple[str, ...]:
    return KINDS if name in BLIND_SET_NAMES else (*FIRST_KINDS, *TUNING_KINDS.get(name, ()))


@cache
def sentences_of(name: str) -> tuple[str, ...]:
    query_set = load_query_set(name)
    work = parse_work(query_set.text_path.read_text(encoding="utf-8"))
    return tuple(sentence.text for sentence in work.sentences)


def _text_in_repository(name: str) -> bool:
    """A set whose text is in the repository (``text:``); the others name a ``novel`` of ``--corpus``."""
    return "novel" not in yaml.safe_load((QUERIES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def test_every_query_file_is_listed() -> None:
    corpus_sets = (*CORPUS_BLIND_SET_NAMES, *CORPUS_DEV_SET_NAMES)  # read by the bench alone, from --corpus
    listed = (*ALL_SET_NAMES, *CALIBRATION_SET_NAMES, *corpus_sets)
    assert sorted(path.stem for path in QUERIES_DIR.glob("*.yaml")) == sorted(listed)


@pytest.mark.parametrize("name", CALIBRATION_SET_NAMES)
def test_calibration_sets_name_lines_of_their_text(name: str) -> None:
    query_set = load_query_set(name)
    sentences = sentences_of(name)
    assert query_set.of_kind(OFF_STORY) and query_set.of_kind("misremembered") and query_set.of_kind("typos")
    assert [q.text for q in query_set.queries if q.expect and not any(is_expected(s, q.expect) for s in sentences)] == []


@pytest.mark.parametrize("name", ALL_SET_NAMES)
def test_file_has_every_kind_and_nothing_else(name: str) -> None:
    data = yaml.safe_load((QUERIES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    assert set(data) == {"text", *kinds_of(name)}
    query_set = load_query_set(name)
    assert query_set.text_path.is_file()
    for kind in kinds_of(name):
        least = MIN_TUNING_QUERIES if kind in TUNING_KINDS.get(name, ()) else MIN_PER_KIND[name]
        assert len(query_set.of_kind(kind)) >= least, kind


@pytest.mark.parametrize("name", ALL_SET_NAMES)
def test_queries_are_distinct_and_shaped_by_kind(name: str) -> None:
    query_set = load_query_set(name)
    texts = [(query.kind, query.text) for query in query_set.queries]
    assert len(texts) == len(set(texts))
    assert all(query.text.strip() for query in query_set.queries)
    assert all(query.expect is None for query in query_set.of_kind(OFF_STORY))
    assert all(query.expect for kind in IN_STORY_KINDS for query in query_set.of_kind(kind))


@pytest.mark.parametrize("name", ALL_SET_NAMES)
def test_every_expected_line_is_in_the_text(name: str) -> None:
    query_set: QuerySet = load_query_set(name)
    sentences = sentences_of(name)
    missing = [
        query.expect
        for query in query_set.queries
        if query.expect is not None and not any(is_expected(sentence, query.expect) for sentence in sentences)
    ]
    assert missing == []


def _targets(name: str) -> set[int]:
    """Ordinals of the sentences the in-story queries of ``name`` expect."""
    sentences = sentences_of(name)
    return {
        ordinal
        for query in load_query_set(name).queries
        if query.expect is not None
        for ordinal, sentence in enumerate(sentences)
        if is_expected(sentence, query.expect)
    }


@pytest.mark.parametrize("name", HOLDOUT_SET_NAMES)
def test_holdout_set_shares_nothing_with_the_tuned_sets(name: str) -> None:
    holdout = load_query_set(name)
    tuned = [load_query_set(tuned_name) for tuned_name in QUERY_SET_NAMES]
    assert holdout.text_path in {query_set.text_path for query_set in tuned}
    tuned_texts = {query.text.casefold() for query_set in tuned for query in query_set.queries}
    assert [query.text for query in holdout.queries if query.text.casefold() in tuned_texts] == []
    same_text = [query_set.name for query_set in tuned if query_set.text_path == holdout.text_path]
    assert all(_targets(name).isdisjoint(_targets(tuned_name)) for tuned_name in same_text)


@pytest.mark.parametrize("name", BLIND_SET_NAMES)
def test_blind_set_shares_no_query_with_any_other_set(name: str) -> None:
    others = [load_query_set(other) for other in ALL_SET_NAMES if other != name]
    other_texts = {query.text.casefold() for query_set in others for query in query_set.queries}
    assert [query.text for query in load_query_set(name).queries if query.text.casefold() in other_texts] == []


def test_is_expected_ignores_case_punctuation_and_quote_style() -> None:
    assert is_expected("“I’m looking for the Stilinskis,” Derek started.", ("I'm looking for the stilinskis",))
    assert not is_expected("I’m looking for the Stilinskis", ("looking for Stiles",))


def test_is_expected_takes_any_of_several_lines() -> None:
    assert is_expected("You know my methods.", ("Apply them", "You know my methods"))


def test_benchmark_runs_on_the_bundled_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert quote_bench.main(["hello-from-the-other-side", "--markdown"]) == 0
    output = capsys.readouterr().out
    assert "| hello-from-the-other-side | folio (database) |" in output
    assert "| hello-from-the-other-side | folio (in memory) |" in output
    assert "| hello-from-the-other-side | brute force |" in output
    assert "tuned sets:" in output and "false matches" in output


def test_database_engine_answers_the_bundled_story() -> None:
    query_set = load_query_set("hello-from-the-other-side")
    run = quote_bench.measure_database(query_set, query_set.text_path.read_text(encoding="utf-8"))
    assert sum(run.lookups.total.values()) == len(query_set.queries)
    assert run.lookups.counts("exact") == (len(query_set.of_kind("exact")),) * 2
    passed, total = run.lookups.counts(*IN_STORY_KINDS)
    assert passed >= 0.9 * total
    assert run.import_ms > 0 and run.database_bytes > 0 and run.cold_ms > 0
    assert len(run.suggest_latencies) == total


async def test_database_engine_counts_a_refused_query_as_no_answer(tmp_path) -> None:
    async with quote_bench.Database.opened(tmp_path / "folio.sqlite3") as database:
        library = quote_bench.Library(database)
        await library.ensure_bundled_story()
        with pytest.raises(quote_bench.FolioError):
            await library.lookup("!!!")
        answer = await quote_bench._database_answer(library, "hello-from-the-other-side", "!!!")
    assert answer == quote_bench.Answer(None, False)


def test_benchmark_rejects_unknown_query_sets() -> None:
    with pytest.raises(SystemExit):
        quote_bench.main(["moby-dick"])


def test_benchmark_runs_only_the_holdout_sets_with_holdout(monkeypatch: pytest.MonkeyPatch) -> None:
    measured: list[str] = []

    def measure(query_set: QuerySet, postgres_url: str | None = None) -> SimpleNamespace:
        measured.append(query_set.name)
        return SimpleNamespace(name=query_set.name)

    monkeypatch.setattr(quote_bench, "measure", measure)
    monkeypatch.setattr(quote_bench, "index_rows", lambda reports: [])
    monkeypatch.setattr(quote_bench, "database_rows", lambda reports: [])
    monkeypatch.setattr(quote_bench, "result_header", lambda reports: ["text"])
    monkeypatch.setattr(quote_bench, "result_rows", lambda reports: [])
    monkeypatch.setattr(quote_bench, "cutoff_rows", lambda reports: [])
    assert quote_bench.main(["--holdout"]) == 0
    assert measured == list(HOLDOUT_SET_NAMES)
    measured.clear()
    assert quote_bench.main(["--blind"]) == 0
    in_repository = [name for name in CORPUS_BLIND_SET_NAMES if _text_in_repository(name)]
    assert measured == [*BLIND_SET_NAMES, *in_repository]  # the others need --corpus
    measured.clear()
    assert quote_bench.main([]) == 0
    assert measured == list(QUERY_SET_NAMES)
    measured.clear()
    assert quote_bench.main(["dracula-holdout"]) == 0
    assert measured == ["dracula-holdout"]


@pytest.mark.parametrize("argv", [["frankenstein", "--holdout"], ["--holdout", "--blind"], ["dracula", "--blind"]])
def test_benchmark_takes_one_choice_of_sets(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        quote_bench.main(argv)


def test_baseline_ignores_case_and_punctuation() -> None:
    baseline = quote_bench.Baseline.over(["Hello, from the OTHER side!", "hello for the other ride"])
    assert baseline.answer("hello from the other side") == quote_bench.Answer("Hello, from the OTHER side!", True)


@pytest.mark.parametrize("name", ALL_SET_NAMES)
def test_baseline_answers_as_extract_one_with_default_process(name: str) -> None:
    sentences = list(sentences_of(name))
    baseline = quote_bench.Baseline.over(sentences)
    for query in load_query_set(name).queries[::7]:  # a sample keeps the test quick
        text, score, _ = process.extractOne(query.text, sentences, scorer=fuzz.WRatio, processor=utils.default_process)
        assert baseline.answer(query.text) == quote_bench.Answer(text, score >= quote_bench.BASELINE_CUTOFF)


def test_benchmark_help_names_the_run_bot_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        run_bot.main(["bench", "--help"])
    assert capsys.readouterr().out.startswith("usage: run_bot.py bench ")


def test_the_judge_normalises_on_its_own_not_with_the_engine() -> None:
    # the engine folds word forms ("fled" is "flee") and contractions; the judge compares words as written
    assert not is_expected("He fled the house.", ("he flee the house",))
    assert not is_expected("Don't go.", ("do not go",))
    assert is_expected("Café—Derek’s, at last", ("cafe derek s at",))
    assert is_expected("It was Derek’s voice.", ("it was Derek",))  # an expect may stop before a possessive
    judge_source = (QUERIES_DIR.parent / "query_sets.py").read_text(encoding="utf-8")
    assert "bot.search" not in judge_source and "from bot" not in judge_source
