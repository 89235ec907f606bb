"""Capabilities switched off per server or channel: the command tree refuses their commands centrally.

A cog marks a command (or a whole group) with ``extras={"capability": "quote"}``.
:class:`FolioTree` looks the mark up, walking from a subcommand to its groups,
before any handler runs, and answers a command that is off where it was used
with a private note; an autocomplete offers no choices. Components are not
routed through the tree: a persistent item opts in by mixing in
:class:`CapabilityGate`. The server's configuration comes from the bot's cache
(:class:`bot.config.service.ServerConfigs`), so the check costs no database
round trip once a server has been seen.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

import discord
from discord import app_commands

from bot.config.capabilities import ALWAYS_ON, Decision, disabled_note
from cogs.core.checks import server_configs
from cogs.core.edge import refuse, request_problem
from cogs.core.failures import answer_failure
from cogs.core.fair_use_gate import admitted

log = logging.getLogger(__name__)

CAPABILITY = "capability"
"""The key of a command's ``extras`` naming its capability."""
AppCommand = app_commands.Command[Any, ..., Any] | app_commands.Group | app_commands.ContextMenu


def capability_of(command: AppCommand | None) -> str | None:
    """The capability a command belongs to: its own mark, else its nearest group's."""
    while command is not None:
        if capability := command.extras.get(CAPABILITY):
            return str(capability)
        command = getattr(command, "parent", None)
    return None


def channel_chain(interaction: discord.Interaction) -> list[int | None]:
    """Where an interaction happened, most specific first: the channel, then a thread's parent channel."""
    channel = interaction.channel
    return [interaction.channel_id, getattr(channel, "parent_id", None)]


async def decide(interaction: discord.Interaction, capability: str | None) -> Decision:
    """Whether `capability` is on where `interaction` happened (always, outside a server)."""
    if capability is None or interaction.guild_id is None:
        return ALWAYS_ON
    config = await server_configs(interaction).get(interaction.guild_id)
    return config.decide(capability, channel_chain(interaction))


async def allowed(interaction: discord.Interaction, capability: str | None) -> bool:
    """True if `capability` is on here; otherwise answers the interaction with the reason and returns False."""
    decision = await decide(interaction, capability)
    if decision.enabled:
        return True
    assert capability is not None
    if interaction.type is discord.InteractionType.autocomplete:
        await interaction.response.autocomplete([])
    else:
        await interaction.response.send_message(disabled_note(capability, decision.scope), ephemeral=True)
    return False


class FolioTree(app_commands.CommandTree[discord.Client]):
    """The command tree: refuses commands and autocompletes of capabilities that are off where they are used."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        command = interaction.command
        if interaction.type is discord.InteractionType.application_command and isinstance(command, app_commands.Command):
            problem = request_problem(interaction, command)
            if problem is not None:
                await refuse(interaction, problem)
                return False
        try:
            return await allowed(interaction, capability_of(command)) and await admitted(interaction)
        except Exception as error:  # e.g. the database is out of reach: the error handler explains
            if interaction.type is discord.InteractionType.autocomplete or command is None:
                log.warning("Could not check the capability of %r: %s", interaction.data, error)
                return False
            raise app_commands.CommandInvokeError(command, error) from error


class CapabilityGate:
    """Mix into a ``DynamicItem`` (or a ``View``) so its clicks obey the capability switches too."""

    capability: ClassVar[str]

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if interaction.guild_id is None:  # Folio's components live in servers only
            await refuse(interaction, f"a component ({self.capability}) outside a server")
            return False
        try:
            return await allowed(interaction, self.capability)
        except Exception as error:  # clicks bypass the command tree's error handler
            await answer_failure(interaction, error)
            return False
