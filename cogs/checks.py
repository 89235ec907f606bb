"""Checks shared by every cog: who counts as a moderator.

The checks run in the bot on every call, whatever the server's command permission
overrides say, so default permissions only hide commands; they never grant them.
"""

from __future__ import annotations

import discord
from discord import app_commands


def is_moderator(interaction: discord.Interaction) -> bool:
    """In a server, with Manage Server; raises the check failure that explains what is missing."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    if not interaction.permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])
    return True


moderators_only = app_commands.check(is_moderator)
"""Decorator for moderator commands: the handler runs only for a moderator (see :func:`is_moderator`)."""
