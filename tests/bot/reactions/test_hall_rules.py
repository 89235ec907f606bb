"""Hall-of-fame rules: post at the threshold, edit as the count moves, take down below remove_below."""

import pytest

from bot.reactions.hall import (
    BelowAction,
    EntryState,
    HallAction,
    HallConfig,
    HallEntry,
    InvalidHallSetup,
    check_thresholds,
    decide,
    parse_emojis,
)

CONFIG = HallConfig(guild_id=1, channel_id=2, emojis=("⭐",), threshold=3, remove_below=2)


def entry(state: EntryState, shown: int) -> HallEntry:
    return HallEntry(10, 2, 99, state, shown)


@pytest.mark.parametrize(
    ("count", "current", "action"),
    [
        (2, None, HallAction.NOTHING),
        (3, None, HallAction.POST),
        (3, entry(EntryState.POSTING, 0), HallAction.NOTHING),
        (3, entry(EntryState.POSTED, 3), HallAction.NOTHING),
        (4, entry(EntryState.POSTED, 3), HallAction.EDIT),
        (2, entry(EntryState.POSTED, 3), HallAction.EDIT),
        (1, entry(EntryState.POSTED, 3), HallAction.TAKE_DOWN),
        (1, entry(EntryState.MARKED, 1), HallAction.NOTHING),
        (2, entry(EntryState.MARKED, 1), HallAction.EDIT),
        (3, entry(EntryState.MARKED, 1), HallAction.RESTORE),
        (3, entry(EntryState.REMOVED, 1), HallAction.POST),
        (9, entry(EntryState.ORIGINAL_DELETED, 3), HallAction.NOTHING),
        (9, entry(EntryState.HALL_DELETED, 3), HallAction.NOTHING),
    ],
)
def test_decide(count: int, current: HallEntry | None, action: HallAction) -> None:
    assert decide(CONFIG, count, current) is action


def test_without_remove_below_a_post_stays_up() -> None:
    config = HallConfig(1, 2, ("⭐",), threshold=3, remove_below=None, below_action=BelowAction.DELETE)
    assert decide(config, 0, entry(EntryState.POSTED, 3)) is HallAction.EDIT


def test_emoji_option() -> None:
    assert parse_emojis(None) == ("⭐",)
    server = {123456789012345678}
    assert parse_emojis("⭐, 🌟 ⭐\ufe0f <:folio:123456789012345678>", server) == ("⭐", "🌟", "folio:123456789012345678")
    assert parse_emojis("👍🏽 🏳️‍🌈 1️⃣") == ("👍🏽", "🏳\u200d🌈", "1⃣")  # stored without variation selectors
    for not_one_emoji in ("star", "@everyoneé", "\u200b⭐", "\u202e⭐", "⭐\u0301\u0302", "⭐" * 200):
        with pytest.raises(InvalidHallSetup, match="not an emoji"):
            parse_emojis(not_one_emoji, server)
    with pytest.raises(InvalidHallSetup, match="not an emoji of this server"):
        parse_emojis("<:elsewhere:223456789012345678>", server)
    with pytest.raises(InvalidHallSetup, match="at most 5"):
        parse_emojis("1️⃣ 2️⃣ 3️⃣ 4️⃣ 5️⃣ 6️⃣")


def test_thresholds() -> None:
    check_thresholds(3, 1)
    for threshold, below in ((0, None), (1001, None), (3, 4), (3, 0)):
        with pytest.raises(InvalidHallSetup):
            check_thresholds(threshold, below)
