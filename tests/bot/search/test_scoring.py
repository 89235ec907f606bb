"""Rescoring's parts a database lookup runs apart: runs across two units, and analysis remembered per work."""

from bot.search.analysis import analyse
from bot.search.engine import QuoteIndex
from bot.search.scoring import Ranking, Unit, rank
from bot.search.textnorm import words

LINES = [(0, "The lamp was lit."), (1, "Welcome to my house!"), (2, "Enter freely and of your own will!")]


def test_only_lines_shorter_than_the_query_may_start_a_run() -> None:
    index = QuoteIndex(LINES)
    units = [Unit.of(key, text) for key, text in LINES]
    long_query = analyse(words("welcome to my house enter freely and of your own will"), index.vocabulary)
    short_query = analyse(words("welcome"), index.vocabulary)
    assert long_query is not None and short_query is not None
    assert {unit.key for unit in Ranking.of(units, long_query, index.vocabulary).run_starts()} == {0, 1, 2}
    assert Ranking.of(units, short_query, index.vocabulary).run_starts() == []


def test_a_ranking_with_its_runs_is_what_rank_gives() -> None:
    index = QuoteIndex(LINES)
    units = [Unit.of(key, text) for key, text in LINES]
    query = analyse(words("welcome to my house enter freely and of your own will"), index.vocabulary)
    assert query is not None
    by_key = dict(zip((key for key, _ in LINES), units, strict=True))

    def follower(unit: Unit) -> Unit | None:
        return by_key.get(unit.key + 1)

    ranking = Ranking.of(units, query, index.vocabulary)
    alone = ranking.ranked()
    ranking.add_runs(follower, index.vocabulary)
    assert ranking.ranked() == rank(units, query, index.vocabulary, follower)
    assert [m.key for m in ranking.ranked()[:2]] == [1, 2] and ranking.ranked()[0].score > alone[0].score


def test_query_words_are_analysed_once_per_work() -> None:
    first, second = QuoteIndex(LINES), QuoteIndex(LINES)
    once = analyse(words("welcom house"), first.vocabulary)
    again = analyse(words("house welcom"), first.vocabulary)
    elsewhere = analyse(words("welcom house"), second.vocabulary)
    assert once is not None and again is not None and elsewhere is not None
    assert {id(w) for w in once.words} == {id(w) for w in again.words}
    assert not {id(w) for w in once.words} & {id(w) for w in elsewhere.words}
    assert [w.alternatives for w in once.words] == [w.alternatives for w in elsewhere.words]


_FIRST = "Since the name of Quillfeather was spoken, the marmalade cellar stayed shut."


def _invented_novel() -> QuoteIndex:
    """One line holding a name and a word few books use, one holding everyday words, and many common lines."""
    lines = [
        _FIRST,
        *(f"The rain fell on the roof of the mill for hour {n}." for n in range(60)),
    ]
    return QuoteIndex(enumerate(lines))


def test_a_work_s_rare_everyday_words_are_rare_but_not_distinctive() -> None:
    index = _invented_novel()
    query = analyse(words("since the name of it"), index.vocabulary)
    assert query is not None
    match = rank([Unit.of(0, _FIRST)], query, index.vocabulary)[0]
    assert match.rare_words >= 2 and match.distinctive_words == 0


def test_names_and_uncommon_words_are_distinctive() -> None:
    index = _invented_novel()
    query = analyse(words("Quillfeather kept the marmalade cellar shut"), index.vocabulary)
    assert query is not None
    match = rank([Unit.of(0, _FIRST)], query, index.vocabulary)[0]
    assert match.distinctive_words == match.rare_words >= 3


