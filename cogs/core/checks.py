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
from bot.errors import FolioError


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


async def has_moderator_rights(interaction: discord.Interaction) -> bool:
    """:func:`is_moderator` as a yes or no, for buttons and for handlers that also let others act."""
    try:
        return await is_moderator(interaction)
    except app_commands.CheckFailure:
        return False


moderators_only = app_commands.check(is_moderator)
"""Decorator for moderator commands: the handler runs only for a moderator (see :func:`is_moderator`)."""


POST_PERMISSIONS = ("view_channel", "send_messages", "embed_links")
"""What Folio needs in a channel it is asked to post in (the hall of fame, the passage of the day)."""


class CannotPost(FolioError):
    """A channel Folio is asked to post in, where it lacks :data:`POST_PERMISSIONS`."""


def check_can_post(channel: discord.abc.GuildChannel, me: discord.Member | None) -> None:
    """Raise :class:`CannotPost` if Folio cannot post in ``channel`` (unknown without its member: let pass)."""
    if me is None:
        return
    granted = channel.permissions_for(me)
    missing = [name.replace("_", " ").title() for name in POST_PERMISSIONS if not getattr(granted, name)]
    if missing:
        raise CannotPost(f"I can't post there: give me {', '.join(missing)} in that channel first.")
