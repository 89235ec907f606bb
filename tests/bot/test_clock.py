from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FileClock, SystemClock, clock_for
from bot.settings import Settings, SettingsError
from tests.fake_discord.bot_clock import BotClock


def test_file_clock_follows_the_file_a_test_moves(tmp_path: Path) -> None:
    control = BotClock(tmp_path / "clock", datetime(2026, 1, 1, 23, 59, tzinfo=UTC))
    clock = FileClock(control.path)
    assert clock.now() == datetime(2026, 1, 1, 23, 59, tzinfo=UTC)
    control.advance(minutes=2)
    assert clock.now() == datetime(2026, 1, 2, 0, 1, tzinfo=UTC)
    assert clock.timestamp() == clock.now().timestamp()


def test_missing_clock_file_is_an_error_not_the_real_time(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        FileClock(tmp_path / "absent").now()


def test_settings_choose_the_clock(tmp_path: Path) -> None:
    assert isinstance(clock_for(Settings.from_env({}, dotenv=False).clock_file), SystemClock)
    settings = Settings.from_env({"FOLIO_CLOCK_FILE": str(tmp_path / "c"), "FOLIO_TICK_SECONDS": "0.05"}, dotenv=False)
    assert isinstance(clock_for(settings.clock_file), FileClock)
    assert settings.tick_seconds == 0.05


@pytest.mark.parametrize("value", ["0", "-1", "soon", "7200"])
def test_bad_tick_is_refused(value: str) -> None:
    with pytest.raises(SettingsError, match="FOLIO_TICK_SECONDS"):
        Settings.from_env({"FOLIO_TICK_SECONDS": value}, dotenv=False)
