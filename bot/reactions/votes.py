"""Counting reactions exactly: one vote per (message, user, emoji), the newest event wins.

Discord may deliver a reaction event twice, late, or interleaved with others
(fast add/remove bursts are handled concurrently). Each event therefore carries
an ``order`` (the order the bot received it, see :class:`EventOrder`), and a
vote's state changes only for an event newer than the one that last set it:
a duplicate or a stale event changes nothing. Bots' reactions never count, and
whether a reader's vote on a passage they asked for counts is a server setting.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

VARIATION_SELECTOR = "\ufe0f"
CUSTOM_EMOJI = re.compile(
    r"<a?:(?P<name>[A-Za-z0-9_]{2,32}):(?P<id>\d{15,21})>|(?P<bare>[A-Za-z0-9_]{2,32}):(?P<bare_id>\d{15,21})"
)
ORDER_BITS = 32
"""An order is ``generation << ORDER_BITS | counter``: later processes order after earlier ones."""


def emoji_key(name: str, emoji_id: int | None = None) -> str:
    """How an emoji is stored: a custom emoji as ``name:id``, a unicode one as itself without variation selectors.

    Discord sends ⭐ with or without U+FE0F depending on the client; both are one emoji.
    """
    if emoji_id is not None:
        return f"{name}:{emoji_id}"
    return name.replace(VARIATION_SELECTOR, "")


def key_of_text(text: str) -> str:
    """The key of an emoji as a person types it: ``<:name:id>``, ``name:id`` or a unicode emoji."""
    match = CUSTOM_EMOJI.fullmatch(text.strip())
    if match:
        return emoji_key(match["name"] or match["bare"], int(match["id"] or match["bare_id"]))
    return emoji_key(text.strip())


def custom_emoji_id(key: str) -> int | None:
    """The id of a custom emoji's key (``name:id``); ``None`` for a unicode emoji."""
    _, _, emoji_id = key.partition(":")
    return int(emoji_id) if emoji_id.isdigit() else None


def emoji_label(key: str, animated_ids: Collection[int] = ()) -> str:
    """How a stored emoji is written back in Discord: custom ones as ``<:name:id>`` (``<a:name:id>`` if
    animated, as ``animated_ids`` says)."""
    name, _, emoji_id = key.partition(":")
    if not emoji_id:
        return key
    return f"<{'a' if custom_emoji_id(key) in animated_ids else ''}:{name}:{emoji_id}>"


@dataclass(frozen=True, slots=True)
class VoteKey:
    message_id: int
    user_id: int
    emoji: str


@dataclass(frozen=True, slots=True)
class ReactionEvent:
    """One reaction added or removed, as received."""

    key: VoteKey
    added: bool
    order: int


@dataclass(frozen=True, slots=True)
class VoteState:
    present: bool
    order: int


def apply(current: VoteState | None, event: ReactionEvent) -> VoteState | None:
    """The vote's state after ``event``; None when the event is stale or a duplicate (nothing to write)."""
    if current is not None and current.order >= event.order:
        return None
    return VoteState(event.added, event.order)


class EventOrder:
    """Numbers events in the order this process receives them.

    Take a number before the handler's first ``await``: handlers start in the
    order their events arrived, so the numbers follow the gateway's order even
    when the writes that follow interleave. ``generation`` is unique per process
    start (kept in the database), so a restarted bot orders after the last one.
    """

    def __init__(self, generation: int) -> None:
        self._base = generation << ORDER_BITS
        self._counter = itertools.count(1)

    def next(self) -> int:
        return self._base | next(self._counter)


@dataclass(frozen=True, slots=True)
class Vote:
    """A vote as counting sees it: who, with what, on which message (the original), for whom it was asked."""

    target_message_id: int
    user_id: int
    emoji: str
    requester_id: int | None


def counts(votes: Iterable[Vote], *, count_own_requests: bool) -> Counter[str]:
    """Votes per emoji: one per user and emoji across a message and its hall-of-fame copy."""
    counted = {(vote.user_id, vote.emoji) for vote in votes if counts_vote(vote, count_own_requests)}
    return Counter(emoji for _, emoji in counted)


def voters(votes: Iterable[Vote], emojis: Iterable[str], *, count_own_requests: bool) -> int:
    """How many people voted with any of ``emojis`` (a hall of fame's count: one per person)."""
    wanted = set(emojis)
    return len({vote.user_id for vote in votes if vote.emoji in wanted and counts_vote(vote, count_own_requests)})


def counts_vote(vote: Vote, count_own_requests: bool) -> bool:
    """A vote counts unless it is on the voter's own request and the server does not count those."""
    return count_own_requests or vote.user_id != vote.requester_id


def recount_events(stored: dict[VoteKey, bool], observed: set[VoteKey], order: int) -> list[ReactionEvent]:
    """The events that bring ``stored`` votes (present or not) to what Discord shows (``observed``).

    ``order`` is taken before Discord was asked, so an event that arrives while the
    recount reads Discord is newer, and wins over what the recount saw.
    """
    removed = [key for key, present in stored.items() if present and key not in observed]
    added = [key for key in observed if not stored.get(key, False)]
    return [ReactionEvent(key, False, order) for key in removed] + [ReactionEvent(key, True, order) for key in added]
