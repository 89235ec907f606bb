"""/reload: the bot's owner reloads one cog without restarting the bot."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import FolioError
from bot.folio_bot import EXTENSIONS, FolioBot
from cogs.core.help import OWNER_ONLY
from cogs.core.safe_text import echoed

log = logging.getLogger(__name__)
MAX_EXTENSION_CHARS = 100
REASON_CHARS = 500


class NotOwner(FolioError):
    def __init__(self) -> None:
        super().__init__("Only the bot's owner can reload cogs.")


class OwnerCog(commands.Cog):
    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    @app_commands.command(
        name="reload",
        description="Reload one of Folio's cogs without restarting (the bot's owner)",
        extras={OWNER_ONLY: True},
    )
    @app_commands.describe(extension="The cog to reload")
    @app_commands.choices(extension=[app_commands.Choice(name=name, value=name) for name in EXTENSIONS])
    @app_commands.default_permissions(manage_guild=True)
    async def reload(
        self, interaction: discord.Interaction, extension: app_commands.Range[str, 1, MAX_EXTENSION_CHARS]
    ) -> None:
        if not await self.bot.is_owner(interaction.user):  # checked here: default permissions only hide it
            raise NotOwner()
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            synced = await self.bot.reload_cog(extension)
        except commands.ExtensionError as error:
            log.exception("Reloading %s failed", extension)
            cause = echoed(str(error.__cause__ or error), REASON_CHARS)
            await interaction.followup.send(
                f"Reloading `{extension}` failed; the loaded version stays. {cause}", ephemeral=True
            )
            return
        where = f"; {synced} commands synced to this server" if synced is not None else ""
        await interaction.followup.send(f"Reloaded `{extension}`{where}.", ephemeral=True)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(OwnerCog(bot))
