"""Whether a capability is on where a command runs: channel override, then server, then on."""

import pytest

from bot.config.capabilities import CAPABILITIES, Scope, ServerConfig, disabled_note

GUILD, CHANNEL, THREAD, OTHER = 1, 10, 11, 12


def test_everything_is_on_by_default() -> None:
    config = ServerConfig(GUILD)
    for capability in CAPABILITIES:
        decision = config.decide(capability, [CHANNEL])
        assert decision.enabled and decision.scope is Scope.DEFAULT


def test_the_server_switch_applies_in_every_channel() -> None:
    config = ServerConfig(GUILD, server_switches={"trivia": False})
    assert not config.enabled("trivia", [CHANNEL])
    assert not config.enabled("trivia", [OTHER])
    assert config.decide("trivia", [OTHER]).scope is Scope.SERVER
    assert config.enabled("quote", [CHANNEL])


def test_a_channel_override_beats_the_server_switch_both_ways() -> None:
    config = ServerConfig(
        GUILD,
        server_switches={"trivia": False, "quote": True},
        channel_switches={CHANNEL: {"trivia": True, "quote": False}},
    )
    assert config.enabled("trivia", [CHANNEL]) and not config.enabled("trivia", [OTHER])
    assert not config.enabled("quote", [CHANNEL]) and config.enabled("quote", [OTHER])
    assert config.decide("quote", [CHANNEL]).scope is Scope.CHANNEL


def test_a_thread_follows_its_own_override_then_its_parent_channel() -> None:
    config = ServerConfig(GUILD, channel_switches={CHANNEL: {"ask": False}, THREAD: {"trivia": False}})
    assert not config.enabled("ask", [THREAD, CHANNEL])  # the parent's override
    assert not config.enabled("trivia", [THREAD, CHANNEL])
    assert config.enabled("trivia", [CHANNEL])
    assert ServerConfig(GUILD, channel_switches={THREAD: {"ask": True}, CHANNEL: {"ask": False}}).enabled(
        "ask", [THREAD, CHANNEL]
    )


@pytest.mark.parametrize("capability", [None, "library", "no-such-thing"])
def test_commands_without_a_known_capability_are_always_on(capability: str | None) -> None:
    config = ServerConfig(GUILD, server_switches={name: False for name in CAPABILITIES})
    assert config.enabled(capability, [CHANNEL])


def test_missing_channel_ids_are_skipped() -> None:
    config = ServerConfig(GUILD, server_switches={"quote": False}, channel_switches={CHANNEL: {"quote": True}})
    assert config.enabled("quote", [None, CHANNEL])
    assert not config.enabled("quote", [None])


def test_the_note_says_what_is_off_and_where() -> None:
    assert disabled_note("quote", Scope.CHANNEL).startswith("Quoting is turned off in this channel.")
    assert "on this server" in disabled_note("trivia", Scope.SERVER)
    assert "/config set" in disabled_note("trivia", Scope.SERVER)
