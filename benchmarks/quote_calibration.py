"""Calibrating /quote's accept decision: leave-one-set-out cross-validation over the tuned and development sets.

Each query of the sets is ranked once (:class:`bot.search.engine.QuoteIndex`, in memory: the database paths give
the same answers); the decision (:func:`bot.search.engine.combine`) is then replayed under every
:class:`~bot.search.engine.AcceptRule` of a small grid. For each set, the rule doing best on the *other* sets
(in-story hits minus :data:`FALSE_MATCH_COST` per false match) is scored on that set; the folds' sums are the
cross-validated figure, printed beside the current rule's. A query the phrase search answers is left as it is
(the decision does not judge it).

Run: ``python -m benchmarks.quote_calibration --corpus DIR [NAME ...]`` (default: every tuned and development set).
Never on blind sets.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import dataclass
from pathlib import Path

from benchmarks.query_sets import (
    CALIBRATION_SET_NAMES,
    CORPUS_DEV_SET_NAMES,
    QUERY_SET_NAMES,
    Query,
    is_expected,
    load_query_set,
)
from bot.search.engine import ACCEPT_RULE, AcceptRule, QuoteIndex, combine, lookup_queries, phrase_result
from bot.search.phrases import occurrences, phrase_query
from bot.search.scoring import QuoteMatch
from bot.text.ingest import parse_work

FALSE_MATCH_COST = 3
"""How many in-story hits one off-story line answered is worth giving up."""

GRID = [
    AcceptRule(lead, information, rare, gap, everyday_lead)
    for lead, information, rare, gap, everyday_lead in itertools.product(
        (0.0, 6.0, 8.0, 10.0), (1.8, 1.9, 2.0, 2.1), (3, 4, 99), (15.0, 20.0, 25.0), (0.0, 10.0, 15.0)
    )
]
"""The rules tried: contested lead (0: none), closest-match information, remembered rare words (99: none), gap,
the lead a closest match of everyday words needs (0: none)."""


@dataclass(frozen=True, slots=True)
class Ranked:
    """One query, ranked once, ready for the decision to be replayed."""

    set_name: str
    query: Query
    per_query: list[list[QuoteMatch]] | None
    """Each lookup query's ranked lines; ``None`` when the phrase search answered."""
    surface: str
    phrase_hit: bool
    """For a phrase-answered query: whether it passed."""

    def passed(self, rule: AcceptRule) -> bool:
        if self.per_query is None:
            return self.phrase_hit
        matches = combine(self.per_query, 5, self.surface, rule).matches
        if self.query.expect is None:
            return not matches
        return bool(matches) and is_expected(matches[0].text, self.query.expect)


def ranked_set(name: str, corpus: Path | None) -> list[Ranked]:
    query_set = load_query_set(name, corpus)
    work = parse_work(query_set.text_path.read_text(encoding="utf-8"))
    index = QuoteIndex((sentence.ordinal, sentence.text) for sentence in work.sentences)
    return [_ranked(name, index, query) for query in query_set.queries]


def _ranked(name: str, index: QuoteIndex, query: Query) -> Ranked:
    phrase = phrase_query(query.text, index.vocabulary)
    if phrase is not None and (found := phrase_result(occurrences(phrase, index.holding_all(phrase.terms)))):
        hit = not found.matches if query.expect is None else bool(found.matches) and is_expected(
            found.matches[0].text, query.expect
        )
        return Ranked(name, query, None, "", hit)
    queries = lookup_queries(query.text, index.vocabulary)
    per_query = [index.rank_query(analysed) for analysed in queries]
    return Ranked(name, query, per_query, queries[0].surface if queries else "", False)


def counts(rule: AcceptRule, ranked: list[Ranked]) -> tuple[int, int]:
    """(in-story hits, false matches) under `rule`."""
    hits = sum(r.passed(rule) for r in ranked if r.query.expect is not None)
    false = sum(not r.passed(rule) for r in ranked if r.query.expect is None)
    return hits, false


def _objective(rule: AcceptRule, ranked: list[Ranked]) -> int:
    hits, false = counts(rule, ranked)
    return hits - FALSE_MATCH_COST * false


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.quote_calibration", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="tuned or development query sets (default: all of them)")
    parser.add_argument("--corpus", type=Path, help="folder of the PDNC novels the sets naming a `novel` read")
    args = parser.parse_args(argv)
    names = args.names or [*QUERY_SET_NAMES, *CALIBRATION_SET_NAMES, *CORPUS_DEV_SET_NAMES]
    ranked = {name: ranked_set(name, args.corpus) for name in names}
    in_story = sum(r.query.expect is not None for rows in ranked.values() for r in rows)
    off_story = sum(len(rows) for rows in ranked.values()) - in_story
    totals = {"current rule": [0, 0], "cross-validated": [0, 0]}
    for held_out, rows in ranked.items():
        rest = [r for name, others in ranked.items() if name != held_out for r in others]
        chosen = max(GRID, key=lambda rule: _objective(rule, rest))
        print(f"{held_out}: chose {chosen}")
        for label, rule in (("current rule", ACCEPT_RULE), ("cross-validated", chosen)):
            hits, false = counts(rule, rows)
            totals[label][0] += hits
            totals[label][1] += false
    for label, (hits, false) in totals.items():
        print(f"{label}: in-story {hits}/{in_story}, false matches {false}/{off_story}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
