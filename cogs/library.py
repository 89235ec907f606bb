"""/works: what is in the library."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.folio_bot import FolioBot
from cogs.library_ui import works_embed


class LibraryCog(commands.Cog):
    """Browsing the library of works."""

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    @app_commands.command(name="works", description="List the works Folio can quote from")
    async def works(self, interaction: discord.Interaction) -> None:
        summaries = await self.bot.library.works()
        await interaction.response.send_message(
            embed=works_embed(summaries, default_slug=self.bot.library.default_slug), ephemeral=True
        )


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(LibraryCog(bot))
