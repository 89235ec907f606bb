"""Checks shared by every cog: who counts as a moderator.

A moderator has Manage Server, or holds the server's moderator role (set with
``/config set setting: moderator_role``). The checks run in the bot on every
call, whatever the server's command permission overrides say, so default
permissions only hide commands; they never grant them.
"""

from __future__ import annotations

from typing import Protocol, cast

import discord
from discord import app_commands

from bot.config.service import ServerConfigs


class ConfiguredClient(Protocol):
    """What the checks need of the bot (``FolioBot``): every server's configuration."""

    configs: ServerConfigs


def server_configs(interaction: discord.Interaction) -> ServerConfigs:
    """The configurations of the bot the interaction came to."""
    return cast(ConfiguredClient, interaction.client).configs


class NotModerator(app_commands.MissingPermissions):
    """Neither Manage Server nor the server's moderator role `role_id`."""

    def __init__(self, role_id: int) -> None:
        super().__init__(["manage_guild"])
        self.role_id = role_id


async def is_moderator(interaction: discord.Interaction) -> bool:
    """In a server, with Manage Server or the moderator role; raises the check failure that explains what is missing."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if interaction.permissions.manage_guild:
        return True
    role_id = (await server_configs(interaction).get(interaction.guild_id)).moderator_role_id
    if role_id is None:
        raise app_commands.MissingPermissions(["manage_guild"])
    if isinstance(interaction.user, discord.Member) and interaction.user.get_role(role_id) is not None:
        return True
    raise NotModerator(role_id)


moderators_only = app_commands.check(is_moderator)
"""Decorator for moderator commands: the handler runs only for a moderator (see :func:`is_moderator`)."""
