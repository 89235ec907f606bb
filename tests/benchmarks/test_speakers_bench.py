"""The speaker benchmark: PDNC-format folders read right, names resolved as the corpus's notes say,
and a run reports accuracy per type, the confident subset, calibration and the cast's quality."""

from __future__ import annotations

from pathlib import Path

import pytest

import run_bot
from benchmarks import speakers_bench
from benchmarks.speakers_calibration import calibration_of, cross_validated, novel_average, novel_threshold
from benchmarks.speakers_gold import GoldCast, GoldCharacter, NearestName, Tally, at_threshold, load
from bot.attribution.quotes import find_quotes, paragraph_spans

BUNDLED = speakers_bench.DATA / speakers_bench.BUNDLED


@pytest.mark.parametrize("folder", sorted(p for p in speakers_bench.DATA.iterdir() if p.is_dir()))
def test_labelled_quotations_fall_inside_quotes_and_name_listed_characters(folder: Path) -> None:
    novel = load(folder)
    quotes = find_quotes(novel.text, paragraph_spans(novel.text))
    inside = sum(any(quote.start < gold.start < quote.end for quote in quotes) for gold in novel.golds)
    assert inside >= 0.97 * len(novel.golds)  # the rest: nested quotes the corpus wrote with spaces
    assert sum(gold.speaker is not None for gold in novel.golds) >= 0.95 * len(novel.golds)


def test_the_bundled_story_is_labelled_whole() -> None:
    novel = load(BUNDLED)
    assert len(novel.golds) == len(find_quotes(novel.text, paragraph_spans(novel.text))) == 90
    assert {gold.quote_type for gold in novel.golds} == {"Explicit", "Anaphoric", "Implicit"}


def _cast() -> GoldCast:
    return GoldCast([
        GoldCharacter(0, "Sherlock Holmes", frozenset({"Sherlock Holmes", "Mr. Holmes"}), "major", "m"),
        GoldCharacter(1, "Mr. Pelling", frozenset({"Mr. Pelling"}), "major"),
        GoldCharacter(2, "Mrs. Pelling", frozenset({"Mrs. Pelling"}), "major"),
    ])


def test_a_name_counts_when_it_fits_exactly_one_characters_aliases() -> None:
    cast = _cast()
    assert cast.resolve("Holmes") == 0 and cast.resolve("Dr. Holmes") == 0
    assert cast.resolve("Mrs. Pelling") == 2
    assert cast.resolve("Pelling") is None  # fits two people
    assert cast.resolve("Watson") is None and cast.resolve(None) is None


def test_a_titled_name_fits_only_a_character_of_the_gender_its_title_shows() -> None:
    cast = _cast()
    assert cast.resolve("Mrs. Sherlock Holmes") is None and cast.resolve("Miss Holmes") is None  # his wife, a sister
    assert cast.resolve("Mr. Sherlock Holmes") == 0


def test_nearest_name_is_the_closest_name_outside_quotes() -> None:
    text = 'Sherlock Holmes sat. "Hello," he said, and after a long while Mrs. Pelling came.'
    assert NearestName(text, _cast()).speaker(text.index("Hello")) == 0


def test_the_halves_are_apart_and_hold_the_four_first_novels_in_development() -> None:
    assert not set(speakers_bench.DEV) & set(speakers_bench.CHECK)
    assert len(speakers_bench.DEV) + len(speakers_bench.CHECK) == 19
    assert {"AlicesAdventuresInWonderland", "AnneOfGreenGables", "TheInvisibleMan", "TheSignOfTheFour"} <= set(
        speakers_bench.DEV
    )


def test_a_run_reports_accuracy_confidence_and_the_cast(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_bot.main(["bench", "speakers", "--markdown", "--corpus", str(speakers_bench.DATA), BUNDLED.name]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| hello-from-the-other-side | other | 90 |"))
    assert "nearest name" in out and "[0.95, 1]" in out and "wrong merges" in out
    overall = float(row.split("|")[7].strip().rstrip("%"))
    assert overall >= 90.0  # the goal for the bundled story


def test_a_missing_corpus_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        speakers_bench.main(["--corpus", "/nonexistent/folder"])
    assert "no such folder" in capsys.readouterr().err


def _confident(*levels: tuple[float, int, int]) -> Tally:
    tally = Tally()
    for confidence, right, total in levels:
        tally.confidence_right[confidence], tally.confidence_total[confidence] = right, total
    return tally


def test_the_confident_threshold_keeps_the_average_novel_right_enough() -> None:
    large = _confident((0.99, 990, 1000), (0.9, 950, 1000), (0.6, 30, 100))
    small = _confident((0.99, 10, 10), (0.9, 9, 10))
    assert at_threshold(large, 0.9) == (1940, 2000)
    assert novel_average([large, small], 0.9) == pytest.approx((0.97 + 0.95) / 2)
    assert novel_threshold([large], 0.97) == 0.9  # 1940 of 2000: 97%
    assert novel_threshold([large, small], 0.97) == 0.99  # the small novel's 95% pulls 0.9 under
    assert novel_threshold([_confident((0.99, 90, 100), (0.9, 100, 100))], 0.97) is None  # never from above


def test_calibration_needs_the_whole_development_half(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        speakers_bench.main(["--corpus", str(speakers_bench.DATA), "--calibrate", BUNDLED.name])
    assert "--calibrate measures the whole development half" in capsys.readouterr().err


def _novel_tally(right_agreed: int, right_disputed: int) -> Tally:
    """One novel's record: 100 agreeing and 100 disputed named tags, so many of each right."""
    tally = Tally()
    tally.rule_total.update({"named tag, agreed": 100, "named tag, disputed": 100})
    tally.rule_right.update({"named tag, agreed": right_agreed, "named tag, disputed": right_disputed})
    return tally


def test_calibration_fits_how_much_a_novels_agreement_moves_confidence() -> None:
    agreeing, disputing = _novel_tally(99, 60), Tally()
    disputing.rule_total.update({"named tag, agreed": 20, "named tag, disputed": 180})
    disputing.rule_right.update({"named tag, agreed": 10, "named tag, disputed": 90})
    fitted = calibration_of([agreeing, disputing])
    assert fitted.measured["named tag, agreed"] == (109, 120)
    assert fitted.agreement.slope > 0
    flat = calibration_of([_novel_tally(90, 90), _novel_tally(90, 90)])
    assert flat.agreement.slope == 0


def test_the_development_half_is_cross_validated_novel_by_novel() -> None:
    novel = load(BUNDLED)
    trusted, doubted = Tally(), Tally()
    trusted.rule_total["named tag"], trusted.rule_right["named tag"] = 1000, 1000
    doubted.rule_total["named tag"], doubted.rule_right["named tag"] = 1000, 500
    own_record = Tally()  # the held-out novel's own record never counts
    own_record.rule_total["named tag"], own_record.rule_right["named tag"] = 1000, 0
    sure = cross_validated([novel], {"other": trusted, novel.name: own_record})[novel.name]
    unsure = cross_validated([novel], {"other": doubted, novel.name: own_record})[novel.name]
    assert sure.total["Overall"] == unsure.total["Overall"] == len(novel.golds)
    assert sure.rule_total["named tag"] > 0
    assert sure.confident > unsure.confident


def test_detail_lists_splits_and_merges_but_never_the_check_halfs() -> None:
    development, check = Tally(novels=[0.5]), Tally(novels=[0.5])
    development.details.append("AnneOfGreenGables: split Orla in Orla | Miss Venn")
    check.details.append("HardTimes: merge someone")
    tallies = {"AnneOfGreenGables": development, "HardTimes": check}
    shown = "\n".join(speakers_bench.report(tallies, markdown=False, detail=True))
    assert "split Orla in Orla | Miss Venn" in shown and "merge someone" not in shown
    assert "split Orla" not in "\n".join(speakers_bench.report(tallies, markdown=False))


def test_a_blind_corpus_texts_names_stay_hidden_but_the_repositorys_own_are_shown() -> None:
    blind = Tally(novels=[0.5], unmatched_top=["Zephyrine"])
    blind.details.append("SomeBlindNovel: split Quill in Quill | Mr. Quill")
    tallies = {"SomeBlindNovel": blind}
    hidden = "\n".join(speakers_bench.report(tallies, markdown=False, detail=True))
    assert "Zephyrine" not in hidden and "Quill" not in hidden
    shown = "\n".join(speakers_bench.report(tallies, markdown=False, tuned=True, detail=True))
    assert "Zephyrine" in shown and "split Quill" in shown
