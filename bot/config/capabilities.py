"""Capabilities: the parts of Folio a server can turn on or off, for the whole server or one channel.

A command belongs to a capability when it says so (the cogs mark it with
``extras={"capability": name}``); a command that names none, such as the
moderators' own commands, is always on. Whether a capability is on in a channel
is decided by the most specific switch: the channel's (or, in a thread, its
parent channel's) override, then the server's, then the default: on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

CAPABILITIES: dict[str, str] = {
    "quote": "Quoting: /quote and its ◀ ▶ buttons",
    "ask": "Asking the story: /ask",
    "discussion": "Discussion: /discuss, /read, /character and the passage of the day",
    "trivia": "Trivia games",
    "reactions": "Reactions and the hall of fame",
}
"""Every capability, by name, with what it covers (shown by /config and /help)."""


class Scope(StrEnum):
    """Which switch decided whether a capability is on."""

    CHANNEL = "channel"
    SERVER = "server"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class Decision:
    enabled: bool
    scope: Scope


ALWAYS_ON = Decision(True, Scope.DEFAULT)


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """One server's settings as stored: every switch a moderator set, and the moderator role."""

    guild_id: int
    moderator_role_id: int | None = None
    server_switches: Mapping[str, bool] = field(default_factory=dict)
    """Capability → on/off for the whole server (absent: the default, on)."""
    channel_switches: Mapping[int, Mapping[str, bool]] = field(default_factory=dict)
    """Channel id → capability → on/off, overriding the server's switch in that channel."""

    def decide(self, capability: str | None, channel_ids: Iterable[int | None] = ()) -> Decision:
        """Whether `capability` is on where an interaction happened.

        `channel_ids` is the channel, then the channel it is in (a thread's parent),
        most specific first; the first one with an override decides.
        """
        if capability is None or capability not in CAPABILITIES:
            return ALWAYS_ON
        for channel_id in channel_ids:
            switch = self.channel_switches.get(channel_id, {}).get(capability) if channel_id else None
            if switch is not None:
                return Decision(switch, Scope.CHANNEL)
        switch = self.server_switches.get(capability)
        if switch is not None:
            return Decision(switch, Scope.SERVER)
        return ALWAYS_ON

    def enabled(self, capability: str | None, channel_ids: Iterable[int | None] = ()) -> bool:
        return self.decide(capability, channel_ids).enabled


def disabled_note(capability: str, scope: Scope) -> str:
    """What a reader is told when they use a command that is turned off where they are."""
    what = CAPABILITIES.get(capability, capability).split(":")[0]
    where = "in this channel" if scope is Scope.CHANNEL else "on this server"
    return f"{what} is turned off {where}. A moderator can turn it back on with /config set."
