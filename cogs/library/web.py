"""/web: a server's public page (moderators publish it, show its link, take it down) and readers' privacy.

The page itself is served by another process (``run_bot.py web``) from the same
database; this cog only writes what it reads. Every reply is private.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.folio_bot import FolioBot
from bot.storage.web_pages import WebPages
from bot.web.cli import page_url
from cogs.core.checks import moderators_only

log = logging.getLogger(__name__)

UNNAMED_SERVER = "A Discord server"
PROPAGATION = "within a minute"


class WebCog(commands.Cog):
    web = app_commands.Group(name="web", description="This server's public web page", guild_only=True)

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.pages = WebPages(bot.database, bot.clock)

    def url(self, token: str) -> str:
        return page_url(self.bot.settings.web_base_url, token)

    @web.command(name="on", description="Publish this server's page, or give it a new link (moderators)")
    @moderators_only
    async def on(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        had = await self.pages.of_guild(interaction.guild_id)
        name = interaction.guild.name if interaction.guild is not None else UNNAMED_SERVER
        page = await self.pages.publish(interaction.guild_id, name)
        log.info("Web page of server %d published", interaction.guild_id)
        old = f" The old link stops working {PROPAGATION}." if had else ""
        await interaction.response.send_message(
            f"This server's page is public: {self.url(page.token)}\n"
            "Anyone with the link can see the hall of fame, the most-loved passages, the trivia leaderboard"
            f" and the reaction map. `/web off` takes it down; `/web on` again gives a new link.{old}",
            ephemeral=True,
        )

    @web.command(name="show", description="The link to this server's page (moderators)")
    @moderators_only
    async def show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        page = await self.pages.of_guild(interaction.guild_id)
        text = f"This server's page: {self.url(page.token)}" if page else "This server has no public page. `/web on` publishes it."
        await interaction.response.send_message(text, ephemeral=True)

    @web.command(name="off", description="Take this server's page down (moderators)")
    @moderators_only
    async def off(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        if await self.pages.unpublish(interaction.guild_id):
            log.info("Web page of server %d taken down", interaction.guild_id)
            text = f"The page is taken down: its link answers “not found” {PROPAGATION}."
        else:
            text = "This server has no public page."
        await interaction.response.send_message(text, ephemeral=True)

    @web.command(name="hide-me", description="Appear as “a reader” on this server's public page")
    async def hide_me(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        await self.pages.hide_member(interaction.guild_id, interaction.user.id)
        await interaction.response.send_message(
            f"You appear as “a reader” on this server's page ({PROPAGATION}). `/web show-me` undoes it.",
            ephemeral=True,
        )

    @web.command(name="show-me", description="Appear by your name on this server's public page again")
    async def show_me(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        if await self.pages.show_member(interaction.guild_id, interaction.user.id):
            text = f"You appear by your display name on this server's page again ({PROPAGATION})."
        else:
            text = "You already appear by your display name. `/web hide-me` shows you as “a reader”."
        await interaction.response.send_message(text, ephemeral=True)

    @commands.Cog.listener()
    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        if before.name != after.name and await self.pages.rename(after.id, after.name):
            log.info("Web page of server %d renamed", after.id)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(WebCog(bot))
