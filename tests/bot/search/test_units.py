"""A work's sentences held in memory for the quote engine: by key, the next one, their size."""

from bot.search.scoring import Unit
from bot.search.units import WorkUnits

ROWS = [(10, "The lamp was lit.", "the lamp be light"), (11, "The moon rose.", "the moon rise"), (15, "Dawn.", "dawn")]


def test_units_come_back_by_key_in_the_order_asked_and_unknown_keys_are_left_out() -> None:
    units = WorkUnits.of_rows(ROWS)
    assert len(units) == 3
    assert [unit.text for unit in units.among([15, 99, 10])] == ["Dawn.", "The lamp was lit."]
    assert units.among([11])[0].terms == ("the", "moon", "rise")


def test_the_sentence_after_a_unit_is_the_next_in_the_work_none_after_the_last() -> None:
    units = WorkUnits.of_rows(ROWS)
    first, second, last = units.among([10, 11, 15])
    assert units.following(first) == second and units.following(second) == last
    assert units.following(last) is None
    assert units.following(Unit(99, "Elsewhere.", ("elsewhere",))) is None


def test_equal_terms_share_one_string_and_the_size_grows_with_the_text() -> None:
    units = WorkUnits.of_rows(ROWS)
    first, second, _ = units.among([10, 11, 15])
    assert first.terms[0] is second.terms[0]
    longer = WorkUnits.of_rows([*ROWS, (16, "A much longer sentence than any other here. " * 20, "a")])
    assert longer.estimated_bytes() > units.estimated_bytes() + 800


def test_the_terms_of_units_come_back_by_key_unknown_keys_left_out() -> None:
    units = WorkUnits.of_rows(ROWS)
    assert units.terms_of([15, 99, 11]) == {15: ("dawn",), 11: ("the", "moon", "rise")}
    assert units.terms_of([]) == {}
