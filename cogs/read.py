"""/read: the work in order, a page (as many paragraphs as fit) at a time, with ◀ ▶ and a menu to jump to a section."""

from __future__ import annotations

from collections.abc import Awaitable

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import FolioError, PassageNotFound
from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.library.views import WorkView
from bot.read.pages import Page
from bot.read.reader import page_at, page_turned
from bot.read.sections import CHOICE_PREFIX, find_section, matching, section_name
from bot.text.excerpt import shorten
from bot.text.markup import plain_text
from bot.text.model import Passage
from cogs.choices import work_choices
from cogs.discord_limits import CHOICE_CHARS
from cogs.quote_ui import turn_to
from cogs.read_ui import READER_COG, ReadButton, SectionMenu, page_embed, reader_view

MAX_SECTION_CHARS = 100


class ReadCog(commands.Cog, name=READER_COG):
    """Reading a work from start to end, or from a section."""

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(ReadButton, SectionMenu)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(ReadButton, SectionMenu)

    @app_commands.command(
        name="read", description="Read the story in order, a passage at a time", extras={"capability": "discussion"}
    )
    @app_commands.describe(
        work="Which work (default: the server's story)",
        section='Where to start: "chapter 20", "XX", a chapter\'s title... (default: the start)',
    )
    async def read(
        self,
        interaction: discord.Interaction,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
        section: app_commands.Range[str, 1, MAX_SECTION_CHARS] | None = None,
    ) -> None:
        library = self.bot.library
        view = await library.load(work, guild_id=interaction.guild_id)
        start = find_section(view.outline, section, plain_text(view.title)).first_paragraph if section else 0
        work_view, page = await page_at(library, view.slug, start, guild_id=interaction.guild_id)
        await interaction.response.send_message(embed=page_embed(work_view, page), view=reader_view(work_view, page))

    async def turn(self, interaction: discord.Interaction, passage_id: int, step: int) -> None:
        """Show the page before or after the one starting at `passage_id` (a ◀ ▶ click)."""
        await self._show(interaction, page_turned(self.bot.library, passage_id, step, guild_id=interaction.guild_id))

    async def jump(self, interaction: discord.Interaction, passage_id: int, section: int) -> None:
        """Show the first page of section `section` of the page's work (a menu choice)."""
        await self._show(interaction, self._section_start(passage_id, section, interaction.guild_id))

    async def _section_start(self, passage_id: int, section: int, guild_id: int | None) -> tuple[WorkView, Page]:
        work, _ = await self.bot.library.paragraph_near(passage_id, 0, guild_id=guild_id)
        outline = work.outline.sections.get(section)
        if outline is None:
            raise PassageNotFound("That section is no longer in the work. Run /read again.")
        return await page_at(self.bot.library, work.slug, outline.first_paragraph, guild_id=guild_id)

    async def _show(self, interaction: discord.Interaction, finding: Awaitable[tuple[WorkView, Page]]) -> None:
        async def rendering() -> tuple[discord.Embed, discord.ui.View, Passage]:
            work, page = await finding
            return page_embed(work, page), reader_view(work, page), page.first

        await turn_to(interaction, rendering())

    @read.autocomplete("work")
    async def read_work_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)

    @read.autocomplete("section")
    async def read_section_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            view = await self.bot.library.load(interaction.namespace.work, guild_id=interaction.guild_id)
        except FolioError:
            return []
        return [
            app_commands.Choice(
                name=shorten(plain_text(section_name(section)), CHOICE_CHARS), value=f"{CHOICE_PREFIX}{section.index}"
            )
            for section in matching(view.outline, current)
        ]


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(ReadCog(bot))
