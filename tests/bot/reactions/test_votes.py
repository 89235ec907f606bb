"""Counting rules: one vote per (message, user, emoji), the newest event wins, bots and own requests."""

import random

from bot.reactions.votes import (
    EventOrder,
    ReactionEvent,
    Vote,
    VoteKey,
    VoteState,
    apply,
    counts,
    emoji_key,
    emoji_label,
    key_of_text,
    recount_events,
    voters,
)

KEY = VoteKey(10, 1, "⭐")


def replay(events: list[ReactionEvent]) -> dict[VoteKey, VoteState]:
    """Apply events in the order given (which may not be the order they happened in)."""
    state: dict[VoteKey, VoteState] = {}
    for event in events:
        if (new := apply(state.get(event.key), event)) is not None:
            state[event.key] = new
    return state


def test_add_then_remove_leaves_no_vote() -> None:
    state = replay([ReactionEvent(KEY, True, 1), ReactionEvent(KEY, False, 2)])
    assert state[KEY] == VoteState(False, 2)


def test_a_duplicate_event_changes_nothing() -> None:
    added = ReactionEvent(KEY, True, 1)
    assert apply(VoteState(True, 1), added) is None


def test_a_stale_remove_arriving_after_a_newer_add_is_ignored() -> None:
    state = replay([ReactionEvent(KEY, True, 3), ReactionEvent(KEY, False, 2)])
    assert state[KEY].present


def test_a_remove_that_overtook_its_add_still_wins() -> None:
    state = replay([ReactionEvent(KEY, False, 2), ReactionEvent(KEY, True, 1)])
    assert not state[KEY].present


def test_any_delivery_order_of_a_burst_gives_the_state_of_its_last_event() -> None:
    rng = random.Random(7)
    keys = [VoteKey(m, u, e) for m in (1, 2) for u in (1, 2, 3) for e in ("⭐", "❤")]
    events = [ReactionEvent(rng.choice(keys), rng.random() < 0.6, order) for order in range(1, 400)]
    truth = {event.key: event.added for event in events}  # in true order, the last event wins
    for _ in range(20):
        shuffled = events + rng.sample(events, 50)  # duplicates too
        rng.shuffle(shuffled)
        assert {key: state.present for key, state in replay(shuffled).items()} == truth


def test_a_restarted_process_orders_after_the_previous_one() -> None:
    first, second = EventOrder(1), EventOrder(2)
    early = [first.next() for _ in range(1000)]
    assert second.next() > max(early)
    assert early == sorted(early) and len(set(early)) == len(early)


def test_counts_are_per_person_and_emoji_and_respect_the_own_request_setting() -> None:
    votes = [
        Vote(10, 1, "⭐", requester_id=1),  # the reader who asked for it
        Vote(10, 2, "⭐", requester_id=1),
        Vote(10, 2, "⭐", requester_id=1),  # same person on the hall copy: once
        Vote(10, 3, "❤", requester_id=1),
    ]
    assert counts(votes, count_own_requests=True) == {"⭐": 2, "❤": 1}
    assert counts(votes, count_own_requests=False) == {"⭐": 1, "❤": 1}
    assert voters(votes, ["⭐", "❤"], count_own_requests=True) == 3
    assert voters(votes, ["⭐"], count_own_requests=False) == 1


def test_emoji_keys_ignore_variation_selectors_and_keep_custom_ids() -> None:
    assert emoji_key("⭐\ufe0f") == emoji_key("⭐") == "⭐"
    assert emoji_key("folio", 123456789012345678) == "folio:123456789012345678"
    assert key_of_text("<:folio:123456789012345678>") == "folio:123456789012345678"
    assert key_of_text("<a:spin:123456789012345678>") == "spin:123456789012345678"
    assert emoji_label("folio:123456789012345678") == "<:folio:123456789012345678>"
    assert emoji_label("⭐") == "⭐"


def test_recount_turns_the_stored_votes_into_what_discord_shows() -> None:
    gone, kept, new = VoteKey(1, 1, "⭐"), VoteKey(1, 2, "⭐"), VoteKey(1, 3, "⭐")
    stored = {gone: True, kept: True, VoteKey(1, 4, "⭐"): False}
    events = recount_events(stored, {kept, new}, order=77)
    assert [(event.key, event.added, event.order) for event in events] == [(gone, False, 77), (new, True, 77)]
