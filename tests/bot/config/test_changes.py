"""Parsing what a moderator types into /config set: setting names, switches, roles, works."""

import pytest

from bot.config.capabilities import CAPABILITIES
from bot.config.changes import (
    DEFAULT_WORK,
    MODERATOR_ROLE,
    SETTINGS,
    CapabilitySwitch,
    InvalidSetting,
    RoleChoice,
    WorkChoice,
    parse_change,
    parse_role,
    parse_switch,
    setting_named,
    switch_text,
)

ROLE_ID = 1_300_000_000_000_000_555


def test_every_capability_is_a_setting() -> None:
    assert set(CAPABILITIES) <= set(SETTINGS)
    assert {MODERATOR_ROLE, DEFAULT_WORK} <= set(SETTINGS)


@pytest.mark.parametrize("typed", ["moderator_role", "Moderator Role", " moderator-role ", "MODERATOR_ROLE"])
def test_setting_names_are_forgiving_about_form(typed: str) -> None:
    assert setting_named(typed) == MODERATOR_ROLE


def test_an_unknown_setting_lists_the_real_ones() -> None:
    with pytest.raises(InvalidSetting) as raised:
        setting_named("colour")
    assert "“colour”" in str(raised.value) and "moderator_role" in str(raised.value) and "trivia" in str(raised.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("on", True), ("Yes", True), ("enable", True), ("OFF", False), ("disabled", False), ("default", None)],
)
def test_switches(typed: str, expected: bool | None) -> None:
    assert parse_switch(typed) is expected


def test_a_value_that_is_no_switch_is_refused_plainly() -> None:
    with pytest.raises(InvalidSetting, match="“maybe” is not a switch: use on, off or default"):
        parse_switch("maybe")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (f"<@&{ROLE_ID}>", RoleChoice(role_id=ROLE_ID)),
        (str(ROLE_ID), RoleChoice(role_id=ROLE_ID)),
        ("@Book club host", RoleChoice(name="Book club host")),
        ("  Readers ", RoleChoice(name="Readers")),
        ("none", RoleChoice()),
    ],
)
def test_roles(typed: str, expected: RoleChoice) -> None:
    assert parse_role(typed) == expected


def test_no_role_clears() -> None:
    assert parse_role("None").clears and not parse_role("Readers").clears


def test_an_empty_role_name_is_refused() -> None:
    with pytest.raises(InvalidSetting):
        parse_role(" @ ")


def test_a_capability_change_for_the_server_or_a_channel() -> None:
    assert parse_change("trivia", "off") == CapabilitySwitch("trivia", False)
    assert parse_change("Quote", "on", channel_id=7) == CapabilitySwitch("quote", True, 7)
    assert parse_change("quote", "default", channel_id=7) == CapabilitySwitch("quote", None, 7)


def test_the_default_work_is_a_slug() -> None:
    assert parse_change("default_work", " Dracula ") == WorkChoice("dracula")
    with pytest.raises(InvalidSetting):
        parse_change("default_work", "  ")


@pytest.mark.parametrize("setting", [MODERATOR_ROLE, DEFAULT_WORK])
def test_server_wide_settings_refuse_a_channel(setting: str) -> None:
    with pytest.raises(InvalidSetting, match="applies to the whole server"):
        parse_change(setting, "x", channel_id=7)


def test_an_overlong_value_is_refused() -> None:
    with pytest.raises(InvalidSetting, match="too long"):
        parse_change("quote", "o" * 101)


def test_switch_text() -> None:
    assert [switch_text(value) for value in (True, False, None)] == ["on", "off", "default"]
