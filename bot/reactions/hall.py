"""The hall of fame's rules: when to post a passage's message, update its count, or take it down.

A message enters the hall once it has ``threshold`` voters (people reacting with
any of the hall's emoji, each counted once). Its hall post is edited as the count
moves, and taken down (deleted or marked) when it drops below ``remove_below``.
A deleted original, or a hall post a moderator deleted, ends the entry for good:
nothing brings it back.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

import emoji

from bot.errors import FolioError, echo
from bot.reactions.votes import custom_emoji_id, key_of_text

DEFAULT_EMOJI = "⭐"
DEFAULT_THRESHOLD = 3
MAX_THRESHOLD = 1000
MAX_EMOJIS = 5
MAX_EMOJI_TEXT = 200
"""Longest emoji option accepted (a few custom emoji written as ``<:name:id>``)."""


class InvalidHallSetup(FolioError):
    """A hall-of-fame setting that cannot work."""


class BelowAction(StrEnum):
    DELETE = "delete"
    MARK = "mark"


class EntryState(StrEnum):
    POSTING = "posting"
    """Claimed by a process that is sending the post."""
    POSTED = "posted"
    MARKED = "marked"
    """Below ``remove_below``, kept with a note."""
    REMOVED = "removed"
    """Below ``remove_below``, deleted; may be posted again if it climbs back."""
    ORIGINAL_DELETED = "original_deleted"
    HALL_DELETED = "hall_deleted"


FINAL_STATES = frozenset({EntryState.ORIGINAL_DELETED, EntryState.HALL_DELETED})


class HallAction(StrEnum):
    NOTHING = "nothing"
    POST = "post"
    EDIT = "edit"
    TAKE_DOWN = "take_down"
    RESTORE = "restore"


@dataclass(frozen=True, slots=True)
class HallConfig:
    guild_id: int
    channel_id: int
    emojis: tuple[str, ...]
    threshold: int = DEFAULT_THRESHOLD
    remove_below: int | None = None
    below_action: BelowAction = BelowAction.MARK


@dataclass(frozen=True, slots=True)
class HallEntry:
    original_message_id: int
    hall_channel_id: int
    hall_message_id: int | None
    state: EntryState
    shown_count: int


def decide(config: HallConfig, count: int, entry: HallEntry | None) -> HallAction:
    """What to do now that a message has ``count`` voters."""
    if entry is None or entry.state is EntryState.REMOVED:
        return HallAction.POST if count >= config.threshold else HallAction.NOTHING
    if entry.state is EntryState.POSTED:
        if config.remove_below is not None and count < config.remove_below:
            return HallAction.TAKE_DOWN
        return HallAction.EDIT if count != entry.shown_count else HallAction.NOTHING
    if entry.state is EntryState.MARKED:
        if count >= config.threshold:
            return HallAction.RESTORE
        return HallAction.EDIT if count != entry.shown_count else HallAction.NOTHING
    return HallAction.NOTHING  # being posted elsewhere, or ended for good


def parse_emojis(text: str | None, server_emoji_ids: Collection[int] = ()) -> tuple[str, ...]:
    """The hall's emoji from what a moderator typed: emoji separated by spaces or commas (default ⭐).

    Each must be one real unicode emoji (a whole sequence: skin tones, flags and ZWJ families
    are one; text, zero-width or direction marks, or several emoji run together are not), or a
    custom emoji of this server (``server_emoji_ids``).
    """
    if text is None or not text.strip():
        return (DEFAULT_EMOJI,)
    keys: list[str] = []
    for part in text.replace(",", " ").split():
        key = key_of_text(part)
        custom_id = custom_emoji_id(key)
        if custom_id is not None and custom_id not in server_emoji_ids:
            raise InvalidHallSetup(f"{echo(part)} is not an emoji of this server. Use its own emoji, or emoji like ⭐.")
        if custom_id is None and not (emoji.is_emoji(part) or emoji.is_emoji(key)):
            raise InvalidHallSetup(f"{echo(part)} is not an emoji. Use emoji like ⭐ or a server emoji.")
        if key not in keys:
            keys.append(key)
    if len(keys) > MAX_EMOJIS:
        raise InvalidHallSetup(f"Give at most {MAX_EMOJIS} emoji.")
    return tuple(keys)


def check_thresholds(threshold: int, remove_below: int | None) -> None:
    """Raise :class:`InvalidHallSetup` unless 1 <= remove_below <= threshold <= MAX_THRESHOLD."""
    if not 1 <= threshold <= MAX_THRESHOLD:
        raise InvalidHallSetup(f"The threshold must be between 1 and {MAX_THRESHOLD}.")
    if remove_below is not None and not 1 <= remove_below <= threshold:
        raise InvalidHallSetup("remove_below must be at least 1 and at most the threshold.")
