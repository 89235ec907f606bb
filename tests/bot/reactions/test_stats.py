"""Ranking passages, periods, the export and the map."""

from collections import Counter
from datetime import UTC, datetime

from bot.reactions.reaction_map import Highlight, MapData, emoji_name, plain_words, render_map, series
from bot.reactions.stats import Period, export_csv, period_start, rank_passages

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def test_passages_rank_by_total_votes_then_by_id() -> None:
    rows = [(7, "⭐", 2), (7, "❤", 2), (3, "⭐", 4), (9, "⭐", 5)]
    ranked = rank_passages(rows, limit=2)
    assert [(tally.passage_id, tally.total) for tally in ranked] == [(9, 5), (3, 4)]
    assert rank_passages(rows, 3)[2].counts == Counter({"⭐": 2, "❤": 2})


def test_periods() -> None:
    assert period_start(Period.ALL, NOW) is None
    assert period_start(Period.WEEK, NOW) == datetime(2026, 11, 23, tzinfo=UTC)


def test_export_is_csv_with_a_header_and_emoji() -> None:
    data = export_csv([(1, "2026-11-30T00:00:00+00:00", "add", 5, "⭐", 10, 10, 7)])
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines()[1] == "1,2026-11-30T00:00:00+00:00,add,5,⭐,10,10,7"


def test_map_series_keep_the_five_most_used_emoji_and_fold_the_rest() -> None:
    votes = {0: Counter({"⭐": 5, "❤": 1, "😂": 1, "🔥": 1, "👀": 1, "🌙": 2}), 2: Counter({"🌙": 1, "🦋": 1})}
    data = MapData("Story", ["One", "Two", "Three"], votes, [])
    labelled = dict(series(data))
    assert labelled["white medium star"] == [5, 0, 0]
    assert labelled["other"] == [1, 0, 1] and len(labelled) == 6  # 👀 and 🦋, the least used
    assert emoji_name("folio:123456789012345678") == ":folio:"


def test_the_map_is_a_png() -> None:
    data = MapData("Story", ["One", "Two"], {1: Counter({"⭐": 3})}, [Highlight(1, "A line readers love", 3)])
    assert render_map(data).startswith(b"\x89PNG\r\n\x1a\n")


def test_labels_drop_quotes_and_italics_marks() -> None:
    assert plain_words("“_25 June, morning._--No man  knows”") == "25 June, morning.--No man knows"
