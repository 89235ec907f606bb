"""The edge: interactions Discord would never send are refused privately before any handler runs.

Discord checks a slash command against the schema the bot synced (option types,
choices, lengths, ranges, guild-only commands, channels of the server), but a
forged or broken payload can still arrive. :func:`request_problem` checks it
again, so handlers may trust their arguments (but for the length of text: handlers
explain a wrong one in their own words); :func:`guard_interaction_parsing`
keeps a payload discord.py cannot even parse (a member ``permissions`` of
``"abc"``) from ending the gateway connection. Both answer
:data:`INVALID_REQUEST`, privately, and log one line without a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands
from discord.enums import AppCommandOptionType as Kind

log = logging.getLogger(__name__)

INVALID_REQUEST = "This request isn't valid."
DISCORD_NUMBER_BOUND = 2**53
"""Discord's integer and number options hold values within -2**53..2**53."""
SUBCOMMAND_KINDS = (Kind.subcommand.value, Kind.subcommand_group.value)
EPHEMERAL = 1 << 6
CHANNEL_MESSAGE = 4
Command = app_commands.Command[Any, ..., Any]


def is_guild_only(command: Command | app_commands.Group | None) -> bool:
    """Whether the command, or a group it is in, may only be used in a server."""
    while command is not None:
        contexts = command.allowed_contexts
        if getattr(command, "guild_only", False) or (
            contexts is not None and contexts.guild and not (contexts.dm_channel or contexts.private_channel)
        ):
            return True
        command = command.parent
    return False


def request_problem(interaction: discord.Interaction, command: Command) -> str | None:
    """What in this slash command Discord would not have sent, or ``None``."""
    if interaction.guild_id is None and is_guild_only(command):
        return f"/{command.qualified_name} is guild-only but came from a direct message"
    data: dict[str, Any] = interaction.data or {}  # type: ignore[assignment]
    given = _leaf_options(data)
    names = [option.get("name") for option in given]
    if len(set(names)) < len(names):
        return "an option is given twice"
    missing = [p.name for p in command.parameters if p.required and p.display_name not in names]
    if missing:
        return f"required option {missing[0]!r} is missing"
    resolved = data.get("resolved") or {}
    for option in given:
        parameter = next((p for p in command.parameters if p.display_name == option.get("name")), None)
        if parameter is None:
            return f"unknown option {str(option.get('name'))[:40]!r}"
        problem = _value_problem(interaction, parameter, option, resolved)
        if problem is not None:
            return f"option {parameter.name!r}: {problem}"
    return None


def _leaf_options(data: dict[str, Any]) -> list[dict[str, Any]]:
    options = data.get("options") or []
    while len(options) == 1 and isinstance(options[0], dict) and options[0].get("type") in SUBCOMMAND_KINDS:
        options = options[0].get("options") or []
    return [option for option in options if isinstance(option, dict)]


def _value_problem(
    interaction: discord.Interaction, parameter: app_commands.Parameter, option: dict[str, Any], resolved: dict[str, Any]
) -> str | None:
    kind, value = parameter.type, option.get("value")
    if option.get("type") != kind.value:
        return f"of type {option.get('type')!r}, not {kind.value}"
    check = _CHECKS.get(kind)
    problem = check(parameter, value) if check is not None else None
    if problem is None and parameter.choices and value not in [choice.value for choice in parameter.choices]:
        problem = "not one of its choices"
    if problem is None and kind is Kind.channel:
        problem = _channel_problem(interaction, parameter, value, resolved)
    if problem is None and kind is Kind.attachment and value not in (resolved.get("attachments") or {}):
        problem = "an attachment that is not resolved"
    return problem


def _string_problem(parameter: app_commands.Parameter, value: Any) -> str | None:
    """Text must be text; its length is left to the handler, which explains a wrong one in its own words."""
    return None if isinstance(value, str) else "not text"


def _number_problem(parameter: app_commands.Parameter, value: Any) -> str | None:
    integral = parameter.type is Kind.integer
    if isinstance(value, bool) or not isinstance(value, int if integral else (int, float)):
        return "not a number"
    low = parameter.min_value if parameter.min_value is not None else -DISCORD_NUMBER_BOUND
    high = parameter.max_value if parameter.max_value is not None else DISCORD_NUMBER_BOUND
    return None if low <= value <= high else f"out of range {low}..{high}"


def _boolean_problem(parameter: app_commands.Parameter, value: Any) -> str | None:
    return None if isinstance(value, bool) else "not a boolean"


def _snowflake_problem(parameter: app_commands.Parameter, value: Any) -> str | None:
    return None if isinstance(value, str) and value.isdigit() and len(value) <= 20 else "not an id"


_CHECKS: dict[Kind, Callable[[app_commands.Parameter, Any], str | None]] = {
    Kind.string: _string_problem,
    Kind.integer: _number_problem,
    Kind.number: _number_problem,
    Kind.boolean: _boolean_problem,
    Kind.user: _snowflake_problem,
    Kind.channel: _snowflake_problem,
    Kind.role: _snowflake_problem,
    Kind.mentionable: _snowflake_problem,
    Kind.attachment: _snowflake_problem,
}


def _channel_problem(
    interaction: discord.Interaction, parameter: app_commands.Parameter, value: Any, resolved: dict[str, Any]
) -> str | None:
    """A channel must be resolved, of a type the option takes, and in the server the command came from."""
    channel = (resolved.get("channels") or {}).get(value)
    if not isinstance(channel, dict):
        return "a channel that is not resolved"
    allowed = [kind.value for kind in parameter.channel_types]
    if allowed and channel.get("type") not in allowed:
        return "a channel of a type it does not take"
    known = interaction.client.get_channel(int(value))
    server = getattr(getattr(known, "guild", None), "id", None)
    stated = channel.get("guild_id")
    if (server is not None and server != interaction.guild_id) or (
        stated is not None and str(stated) != str(interaction.guild_id)
    ):
        return "a channel of another server"
    return None


async def refuse(interaction: discord.Interaction, problem: str) -> None:
    """Answer :data:`INVALID_REQUEST` privately (an autocomplete gets no choices); log why, in one line."""
    log.warning("Refused interaction %s: %s", interaction.id, problem)
    try:
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
        elif not interaction.response.is_done():
            await interaction.response.send_message(INVALID_REQUEST, ephemeral=True)
    except discord.HTTPException as error:
        log.warning("Could not refuse interaction %s: %s", interaction.id, error)


def guard_interaction_parsing(bot: discord.Client) -> None:
    """Keep an INTERACTION_CREATE that discord.py cannot parse from ending the connection: refuse it instead."""
    state = bot._connection
    parse = state.parsers["INTERACTION_CREATE"]
    pending: set[asyncio.Task[None]] = set()

    def guarded(data: dict[str, Any]) -> None:
        try:
            parse(data)
        except Exception as error:  # only parsing runs here: handlers run in tasks of their own
            log.warning("Refused an interaction discord.py could not read (%s: %s)", type(error).__name__, error)
            task = asyncio.get_running_loop().create_task(_refuse_unparsed(bot, data))
            pending.add(task)
            task.add_done_callback(pending.discard)

    state.parsers["INTERACTION_CREATE"] = guarded


async def _refuse_unparsed(bot: discord.Client, data: dict[str, Any]) -> None:
    interaction_id, token = str(data.get("id", "")), str(data.get("token", ""))
    if not interaction_id.isdigit() or not token.isalnum():
        return
    route = discord.http.Route(
        "POST", "/interactions/{interaction_id}/{token}/callback", interaction_id=interaction_id, token=token
    )
    body = {
        "type": CHANNEL_MESSAGE,
        "data": {"content": INVALID_REQUEST, "flags": EPHEMERAL, "allowed_mentions": {"parse": []}},
    }
    try:
        await bot.http.request(route, json=body)
    except discord.HTTPException as error:
        log.warning("Could not refuse interaction %s: %s", interaction_id, error)
