"""When the passage of the day is due, in a server's time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.discuss.schedule import InvalidTimezone, due_day, latest_slot, timezone_names, zone

PARIS = zone("Europe/Paris")


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def test_the_slot_is_today_once_the_local_hour_has_come() -> None:
    assert latest_slot(utc(3, 8, 59), 10, PARIS) == date(2026, 12, 2)  # 09:59 in Paris
    assert latest_slot(utc(3, 9, 0), 10, PARIS) == date(2026, 12, 3)  # 10:00 in Paris


def test_a_local_day_can_start_on_the_previous_utc_day() -> None:
    assert latest_slot(utc(3, 23, 30), 0, PARIS) == date(2026, 12, 4)  # 00:30 on the 4th in Paris


def test_a_day_is_due_once() -> None:
    assert due_day(utc(3, 9), 10, PARIS, date(2026, 12, 2), None) == date(2026, 12, 3)
    assert due_day(utc(3, 15), 10, PARIS, date(2026, 12, 2), date(2026, 12, 3)) is None


def test_nothing_is_due_before_the_first_day() -> None:
    assert due_day(utc(3, 9), 10, PARIS, date(2026, 12, 3), None) is None


def test_after_downtime_only_the_latest_missed_day_is_due() -> None:
    assert due_day(utc(9, 12), 10, PARIS, date(2026, 12, 2), date(2026, 12, 3)) == date(2026, 12, 9)


@pytest.mark.parametrize("name", ["Mars/Olympus", "", "../../etc/passwd", "/etc/localtime", "x" * 80])
def test_unknown_time_zones_are_refused_with_an_example(name: str) -> None:
    with pytest.raises(InvalidTimezone, match="Europe/Paris"):
        zone(name)


def test_time_zone_names_are_offered_as_typed_shortest_first() -> None:
    assert timezone_names("paris", 25) == ["Europe/Paris"]
    assert timezone_names("new york", 25) == ["America/New_York"]
    assert len(timezone_names("", 25)) == 25
