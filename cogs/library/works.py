"""/works for everyone; /library for moderators: add, remove and choose works per server."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS, MAX_TITLE_CHARS, check_work_size
from cogs.core.checks import moderators_only
from cogs.core.choices import work_choices
from cogs.library.works_ui import (
    default_set_embed,
    removed_embed,
    work_added_embed,
    works_embed,
)


class LibraryCog(commands.Cog):
    """Browsing the library, and moderators managing their server's works."""

    library = app_commands.Group(
        name="library",
        description="Manage this server's works (moderators)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    @app_commands.command(name="works", description="List the works Folio can quote from")
    async def works(self, interaction: discord.Interaction) -> None:
        summaries = await self.bot.library.works(interaction.guild_id)
        default = await self.bot.library.default_work(interaction.guild_id)
        await interaction.response.send_message(
            embed=works_embed(summaries, default_slug=default.slug), ephemeral=True
        )

    @library.command(name="add", description="Add a work from a text file (plain text, AO3 download or Gutenberg)")
    @app_commands.describe(
        file="A .txt file, UTF-8 preferred",
        title="Title to show (default: detected from the text)",
        slug="Short id used in commands (default: from the title or file name)",
    )
    @moderators_only
    async def add(
        self,
        interaction: discord.Interaction,
        file: discord.Attachment,
        title: app_commands.Range[str, 1, MAX_TITLE_CHARS] | None = None,
        slug: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None  # the group is guild-only
        check_work_size(file.filename, file.size)  # before downloading it
        await interaction.response.defer(ephemeral=True, thinking=True)
        added = await self.bot.library.add_upload(
            await file.read(), file.filename, slug=slug, title=title, guild_id=interaction.guild_id
        )
        await interaction.followup.send(embed=work_added_embed(added), ephemeral=True)

    @library.command(name="remove", description="Remove a work this server added")
    @app_commands.describe(work="The work to remove")
    @moderators_only
    async def remove(self, interaction: discord.Interaction, work: app_commands.Range[str, 1, MAX_SLUG_CHARS]) -> None:
        library = self.bot.library
        was_default = (await library.default_work(interaction.guild_id)).slug == work
        record = await library.remove_work(work, guild_id=interaction.guild_id)
        now_default = await library.default_work(interaction.guild_id) if was_default else None
        await interaction.response.send_message(embed=removed_embed(record, now_default), ephemeral=True)

    @library.command(name="default", description="Choose the work this server's commands use when none is named")
    @app_commands.describe(work="The work to use by default")
    @moderators_only
    async def default(self, interaction: discord.Interaction, work: app_commands.Range[str, 1, MAX_SLUG_CHARS]) -> None:
        assert interaction.guild_id is not None  # the group is guild-only
        record, _ = await self.bot.configs.set_default_work(  # audited, as with /config set
            self.bot.library, interaction.guild_id, work, user_id=interaction.user.id
        )
        await interaction.response.send_message(embed=default_set_embed(record), ephemeral=True)

    @remove.autocomplete("work")
    async def removable_works(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        summaries = await self.bot.library.works(interaction.guild_id)
        own = [summary for summary in summaries if summary.work.guild_id == interaction.guild_id]
        return work_choices(own, current)

    @default.autocomplete("work")
    async def visible_works(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(LibraryCog(bot))
