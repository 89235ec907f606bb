"""The settings `/config set` changes, and how a moderator's typed value becomes a change.

A setting is a capability (switched on or off, for the server or one channel),
the moderator role, or the default work. Parsing is forgiving about the form
(``On``, ``yes``, ``enable``; ``@Role``, a role mention or id) and strict about
the meaning: a value that fits no form is refused with a message that lists the
forms that work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.config.capabilities import CAPABILITIES
from bot.errors import FolioError, echo

MODERATOR_ROLE = "moderator_role"
DEFAULT_WORK = "default_work"
SETTINGS: dict[str, str] = {
    MODERATOR_ROLE: "Who besides Manage Server may run moderator commands (a role, or none)",
    DEFAULT_WORK: "The work commands use when none is named (a work's slug)",
    **{name: f"{what} (on, off, or default)" for name, what in CAPABILITIES.items()},
}
"""Every setting `/config set` knows, with what it takes."""
SERVER_WIDE = frozenset({MODERATOR_ROLE, DEFAULT_WORK})
"""Settings that apply to the whole server, never to one channel."""

ON_WORDS = frozenset({"on", "yes", "true", "enable", "enabled", "1"})
OFF_WORDS = frozenset({"off", "no", "false", "disable", "disabled", "0"})
DEFAULT_WORDS = frozenset({"default", "inherit", "reset", "clear"})
NO_ROLE_WORDS = frozenset({"none", "no", "off", "clear", "reset"})
ROLE_MENTION = re.compile(r"<@&(?P<id>\d{1,20})>")
SNOWFLAKE = re.compile(r"\d{15,20}")
MAX_VALUE_CHARS = 100


class InvalidSetting(FolioError):
    """A setting name or value `/config set` cannot use; the message says what would work."""


@dataclass(frozen=True, slots=True)
class CapabilitySwitch:
    """Turn `capability` on (True), off (False) or back to the default (None), server-wide or in one channel."""

    capability: str
    enabled: bool | None
    channel_id: int | None = None


@dataclass(frozen=True, slots=True)
class RoleChoice:
    """The moderator role, as typed: an id (from a mention or typed), a name to look up, or no role."""

    role_id: int | None = None
    name: str | None = None

    @property
    def clears(self) -> bool:
        return self.role_id is None and self.name is None


@dataclass(frozen=True, slots=True)
class WorkChoice:
    slug: str


Change = CapabilitySwitch | RoleChoice | WorkChoice


def setting_named(typed: str) -> str:
    """The setting a moderator typed (any case, spaces or dashes for underscores)."""
    name = re.sub(r"[\s-]+", "_", typed.strip().casefold()).strip("_")
    if name not in SETTINGS:
        raise InvalidSetting(f"There is no setting {echo(typed)}. Settings: {', '.join(SETTINGS)}.")
    return name


def parse_change(setting: str, value: str, channel_id: int | None = None) -> Change:
    """What setting `setting` to `value` (in channel `channel_id`, if given) means."""
    name = setting_named(setting)
    if channel_id is not None and name in SERVER_WIDE:
        raise InvalidSetting(f"{name} applies to the whole server: leave out the channel.")
    if len(value) > MAX_VALUE_CHARS:
        raise InvalidSetting(f"That value is too long (at most {MAX_VALUE_CHARS} characters).")
    if name == MODERATOR_ROLE:
        return parse_role(value)
    if name == DEFAULT_WORK:
        slug = value.strip().casefold()
        if not slug:
            raise InvalidSetting("Name the work to use by default (its slug, as /works shows it).")
        return WorkChoice(slug)
    return CapabilitySwitch(name, parse_switch(value), channel_id)


def parse_switch(value: str) -> bool | None:
    """On (True), off (False) or default (None), from the forms moderators type."""
    word = value.strip().casefold()
    if word in ON_WORDS:
        return True
    if word in OFF_WORDS:
        return False
    if word in DEFAULT_WORDS:
        return None
    raise InvalidSetting(f"{echo(value)} is not a switch: use on, off or default.")


def parse_role(value: str) -> RoleChoice:
    """A role by mention (``<@&id>``), by id, or by name (with or without ``@``); or no role."""
    typed = value.strip()
    if typed.casefold() in NO_ROLE_WORDS:
        return RoleChoice()
    if mention := ROLE_MENTION.fullmatch(typed):
        return RoleChoice(role_id=int(mention["id"]))
    if SNOWFLAKE.fullmatch(typed):
        return RoleChoice(role_id=int(typed))
    name = typed.removeprefix("@").strip()
    if not name:
        raise InvalidSetting("Name a role (by name or mention), or none to have no moderator role.")
    return RoleChoice(name=name)


def switch_text(enabled: bool | None) -> str:
    """A switch as /config shows and records it."""
    return "default" if enabled is None else ("on" if enabled else "off")
