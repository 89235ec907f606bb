"""What Discord checks before it delivers a slash command or autocomplete: the synced schema.

Discord's client only lets a user run a command the bot synced, with the
options it declared, and checks each value against it. So Discord never
delivers a command with an unknown option, a missing required one, a string
outside ``min_length``..``max_length`` (default 0..6000), a number outside
``min_value``..``max_value``, a value that is not one of the option's
``choices``, a value of the wrong type, or an attachment or channel that is
not in ``data.resolved`` (or a channel of a type the option's ``channel_types`` excludes). :func:`interaction_problems` lists
what an interaction a test made breaks, so the fake can refuse to deliver it.

An autocomplete carries what the user has typed so far: no option is required
yet, and the focused option (exactly one, and one declared with ``autocomplete``)
holds partial text, of which only ``max_length`` is checked (the client stops the
typing there). The other options passed the client's checks, so they are checked in full.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .payloads import INTERACTION_APPLICATION_COMMAND, INTERACTION_AUTOCOMPLETE, JSON

SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)
TYPE_NAMES = {
    STRING: "a string",
    INTEGER: "an integer",
    BOOLEAN: "a boolean",
    USER: "a user id",
    CHANNEL: "a channel id",
    ROLE: "a role id",
    MENTIONABLE: "a user or role id",
    NUMBER: "a number",
    ATTACHMENT: "an attachment id",
}
STRING_MAX_LENGTH = 6000
INTEGER_BOUND = 2**53
"""Discord's integer and number options hold values within -2**53..2**53."""
CHAT_INPUT = 1


def interaction_problems(synced: Mapping[int | None, list[JSON]], interaction: JSON) -> list[str]:
    """What in a slash command or autocomplete ``interaction`` Discord would never deliver.

    ``synced`` holds the bot's command schemas by guild id (``None``: global).
    Other interactions are not checked: the result is empty.
    """
    if interaction.get("type") not in (INTERACTION_APPLICATION_COMMAND, INTERACTION_AUTOCOMPLETE):
        return []
    data = interaction["data"]
    command = find_command(synced, data)
    if command is None:
        return [f"the bot synced no command /{data['name']} (type {data.get('type', CHAT_INPUT)})"]
    schemas, given, where = command.get("options") or [], data.get("options") or [], data["name"]
    while any(schema["type"] in (SUB_COMMAND, SUB_COMMAND_GROUP) for schema in schemas):
        names = [schema["name"] for schema in schemas]
        if len(given) != 1 or given[0].get("type") not in (SUB_COMMAND, SUB_COMMAND_GROUP):
            return [f"/{where} needs exactly one of its subcommands {names}, got {given}"]
        chosen = next((schema for schema in schemas if schema["name"] == given[0]["name"]), None)
        if chosen is None or chosen["type"] != given[0]["type"]:
            return [f"/{where} has no subcommand (group) {given[0]['name']!r}; it has {names}"]
        schemas, given, where = chosen.get("options") or [], given[0].get("options") or [], f"{where} {chosen['name']}"
    autocomplete = interaction["type"] == INTERACTION_AUTOCOMPLETE
    resolved = data.get("resolved") or {}
    return _options_problems(schemas, given, f"/{where}", autocomplete=autocomplete, resolved=resolved)


def find_command(synced: Mapping[int | None, list[JSON]], data: JSON) -> JSON | None:
    """The schema of the command ``data`` invokes: synced to its guild, else globally, else to any guild.

    The fake hosts one guild; tests stand for other guilds by their id alone, so a
    command the bot synced to its home guild is taken to exist in those too.
    """
    guild_id = int(data["guild_id"]) if data.get("guild_id") else None
    kind = data.get("type", CHAT_INPUT)
    for scope in (guild_id, None, *synced):
        for command in synced.get(scope, []):
            if command["name"] == data["name"] and command.get("type", CHAT_INPUT) == kind:
                return command
    return None


def _options_problems(
    schemas: list[JSON], given: list[JSON], where: str, *, autocomplete: bool, resolved: JSON
) -> list[str]:
    declared = {schema["name"]: schema for schema in schemas}
    names = [option["name"] for option in given]
    problems = [f"{where} got option {name!r} twice" for name in sorted(set(names)) if names.count(name) > 1]
    focused = [option["name"] for option in given if option.get("focused")]
    if autocomplete and len(focused) != 1:
        problems.append(f"an autocomplete of {where} focuses exactly one option, not {focused}")
    if not autocomplete and focused:
        problems.append(f"only autocompletes focus an option; {where} focused {focused}")
    if not autocomplete:
        missing = [name for name, schema in declared.items() if schema.get("required") and name not in names]
        problems += [f"{where} lacks its required option {name!r}" for name in missing]
    for option in given:
        schema = declared.get(option["name"])
        label = f"{where} option {option['name']!r}"
        if schema is None:
            problems.append(f"{where} has no option {option['name']!r}; it has {sorted(declared)}")
        elif option.get("type") != schema["type"]:
            problems.append(f"{label} is of type {schema['type']}, not {option.get('type')}")
        elif option.get("focused"):
            problems += _focused_problems(schema, option.get("value"), label)
        else:
            problems += _value_problems(schema, option.get("value"), label, resolved)
    return problems


def _focused_problems(schema: JSON, value: Any, label: str) -> list[str]:
    """What the partial text of the focused option of an autocomplete breaks."""
    if not schema.get("autocomplete"):
        return [f"{label} has no autocomplete, so Discord sends no autocomplete for it"]
    if not isinstance(value, str) and not _is_of_type(schema["type"], value):
        return [f"{label} holds typed text, not {value!r}"]
    limit = schema.get("max_length", STRING_MAX_LENGTH)
    if schema["type"] == STRING and len(value) > limit:
        return [f"{label} is {len(value)} characters; the user cannot type more than its max_length {limit}"]
    return []


def _value_problems(schema: JSON, value: Any, label: str, resolved: JSON) -> list[str]:
    """What a submitted option value breaks in its schema."""
    kind = schema["type"]
    if not _is_of_type(kind, value):
        return [f"{label} must be {TYPE_NAMES.get(kind, f'of type {kind}')}, not {value!r}"]
    problems = []
    choices = [choice["value"] for choice in schema.get("choices") or []]
    if choices and value not in choices:
        problems.append(f"{label} must be one of its choices {choices}, not {value!r}")
    if kind == STRING:
        low, high = schema.get("min_length", 0), schema.get("max_length", STRING_MAX_LENGTH)
        if not low <= len(value) <= high:
            problems.append(f"{label} must be {low} to {high} characters long, not {len(value)}")
    if kind in (INTEGER, NUMBER):
        low, high = schema.get("min_value", -INTEGER_BOUND), schema.get("max_value", INTEGER_BOUND)
        if not low <= value <= high:
            problems.append(f"{label} must be within {low}..{high}, not {value}")
    if kind == ATTACHMENT and value not in (resolved.get("attachments") or {}):
        problems.append(f"{label} names attachment {value}, which data.resolved.attachments lacks")
    if kind == USER and value not in (resolved.get("users") or {}):
        problems.append(f"{label} names user {value}, which data.resolved.users lacks")
    if kind == CHANNEL:
        problems += _channel_problems(schema, value, label, resolved)
    return problems


def _channel_problems(schema: JSON, value: Any, label: str, resolved: JSON) -> list[str]:
    """A channel option's value must be resolved, and of a type the option allows (``channel_types``)."""
    channel = (resolved.get("channels") or {}).get(value)
    if channel is None:
        return [f"{label} names channel {value}, which data.resolved.channels lacks"]
    allowed = schema.get("channel_types")
    if allowed and channel["type"] not in allowed:
        return [f"{label} only takes channels of types {allowed}, not {channel['type']}"]
    return []


def _is_of_type(kind: int, value: Any) -> bool:
    if kind == STRING:
        return isinstance(value, str)
    if kind == BOOLEAN:
        return isinstance(value, bool)
    if kind == INTEGER:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == NUMBER:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str) and value.isdigit()  # a snowflake: user, channel, role, mentionable, attachment
