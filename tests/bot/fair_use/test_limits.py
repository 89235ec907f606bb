"""Fair use's rules: cooldowns per member and command, costly work at once per server, moderators' bounds."""

import pytest

from bot.fair_use.limits import (
    AT_ONCE,
    HeavyWork,
    LimitOutOfBounds,
    MemberCooldowns,
    ServerLimits,
    checked,
    seconds_text,
)

GUILD, OTHER_GUILD, ALICE, BOB = 1, 2, 11, 12


def test_a_member_waits_out_their_own_cooldown_only() -> None:
    cooldowns = MemberCooldowns()
    cooldowns.use(GUILD, "ask", ALICE, now=100.0)
    assert cooldowns.wait(GUILD, "ask", ALICE, 10.0, now=104.0) == 6.0
    assert cooldowns.wait(GUILD, "ask", ALICE, 10.0, now=110.0) == 0.0
    assert cooldowns.wait(GUILD, "ask", BOB, 10.0, now=104.0) == 0.0
    assert cooldowns.wait(GUILD, "discuss", ALICE, 10.0, now=104.0) == 0.0
    assert cooldowns.wait(OTHER_GUILD, "ask", ALICE, 10.0, now=104.0) == 0.0
    assert cooldowns.wait(GUILD, "ask", ALICE, 0.0, now=100.0) == 0.0, "0 turns the cooldown off"


def test_memory_stays_bounded_under_a_flood_of_members() -> None:
    cooldowns = MemberCooldowns(kept=100)
    for user in range(1_000):
        cooldowns.use(GUILD, "ask", user, now=float(user))
    assert len(cooldowns._last) <= 100
    assert cooldowns.wait(GUILD, "ask", 999, 10.0, now=1_000.0) == 9.0, "the newest uses are kept"


def test_a_server_runs_at_most_its_limit_of_costly_work_at_once() -> None:
    heavy = HeavyWork()
    assert heavy.try_start(GUILD, 2) and heavy.try_start(GUILD, 2)
    assert not heavy.try_start(GUILD, 2)
    assert heavy.try_start(OTHER_GUILD, 2), "another server is not held up"
    heavy.finish(GUILD)
    assert heavy.running(GUILD) == 1 and heavy.try_start(GUILD, 2)


def test_moderators_change_limits_within_bounds_only() -> None:
    assert checked("ask", 0) == 0.0 and checked("ask", 600) == 600.0
    assert checked(AT_ONCE, 5) == 5.0
    for name, value in (("ask", -1), ("ask", 601), (AT_ONCE, 0), (AT_ONCE, 11), (AT_ONCE, 2.5), ("quote", 5)):
        with pytest.raises(LimitOutOfBounds):
            checked(name, value)
    limits = ServerLimits.from_overrides({"ask": 3.0, AT_ONCE: 1.0})
    assert limits.cooldowns["ask"] == 3.0 and limits.cooldowns["discuss"] == 10.0 and limits.at_once == 1


def test_waits_read_naturally() -> None:
    assert [seconds_text(s) for s in (0.2, 1.0, 9.1, 130.0)] == ["1 second", "1 second", "10 seconds", "3 minutes"]
