"""/read: the work in order, a page of paragraphs at a time, with ◀ ▶ and a menu to jump to a section."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import FolioError, PassageNotFound
from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.library.views import WorkView
from bot.progress.chapters import BeyondProgress, Horizon
from bot.progress.tracker import last_read_paragraph
from bot.read.pager import page_after, page_before, page_from
from bot.read.pages import Page, piece_count
from bot.read.sections import CHOICE_PREFIX, find_section, matching, section_name
from bot.text.excerpt import shorten
from bot.text.markup import plain_text
from bot.text.model import Passage
from cogs.core.choices import work_choices
from cogs.core.deferral import after_a_second, reply
from cogs.core.discord_limits import CHOICE_CHARS
from cogs.reading.quote_ui import turn_page
from cogs.reading.read_ui import READER_COG, ReadButton, SectionMenu, reader_page
from cogs.reading.spoilers import horizon_for

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
        spoilers="Read past the reading progress: only you see the pages",
    )
    async def read(
        self,
        interaction: discord.Interaction,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
        section: app_commands.Range[str, 1, MAX_SECTION_CHARS] | None = None,
        spoilers: bool = False,
    ) -> None:
        opening = self._opening(interaction, work, section, spoilers=spoilers)
        work_view, page, last = await after_a_second(interaction, opening, ephemeral=spoilers)
        await reply(interaction, **reader_page(work_view, page, last, spoilers=spoilers), ephemeral=spoilers)

    async def _opening(
        self, interaction: discord.Interaction, work: str | None, section: str | None, *, spoilers: bool
    ) -> tuple[WorkView, Page, int | None]:
        """The first page of /read (the work's, or its section's) and the last paragraph read."""
        view = await self.bot.library.load(work, guild_id=interaction.guild_id)
        start = find_section(view.outline, section, view.title) if section else None
        horizon = None if spoilers else await horizon_for(interaction, view)
        if start is not None and horizon is not None and not horizon.is_read(start.index):
            raise BeyondProgress(horizon)
        last = last_read_paragraph(view, horizon)
        return view, await page_from(self.bot.library, view, start.first_paragraph if start else 0, last), last

    async def turn(
        self, interaction: discord.Interaction, passage_id: int, piece: int | None, step: int, *, spoilers: bool
    ) -> None:
        """Show the page after (`step` 1) or before (-1) the page whose edge is this paragraph (a ◀ ▶ click)."""
        library = self.bot.library

        async def render(work: WorkView, edge: Passage, horizon: Horizon | None) -> dict[str, Any]:
            last = last_read_paragraph(work, horizon)
            if step < 0:
                page = await page_before(library, work, edge, piece)
            elif horizon is not None and last is not None and edge.ordinal >= last and piece_count(edge) - 1 <= (piece or 0):
                raise BeyondProgress(horizon)
            else:
                page = await page_after(library, work, edge, piece, last)
            return reader_page(work, page, last, spoilers=spoilers)

        edge = library.paragraph_near(passage_id, 0, guild_id=interaction.guild_id)
        await turn_page(interaction, edge, render, spoilers=spoilers)

    async def jump(self, interaction: discord.Interaction, passage_id: int, section: int, *, spoilers: bool) -> None:
        """Show the first page of section `section` of the page's work (a menu choice)."""
        library = self.bot.library

        async def render(work: WorkView, start: Passage, horizon: Horizon | None) -> dict[str, Any]:
            last = last_read_paragraph(work, horizon)
            return reader_page(work, await page_from(library, work, start.ordinal, last), last, spoilers=spoilers)

        start = self._section_start(passage_id, section, interaction.guild_id)
        await turn_page(interaction, start, render, spoilers=spoilers)

    async def _section_start(self, passage_id: int, section: int, guild_id: int | None) -> tuple[WorkView, Passage]:
        work, _ = await self.bot.library.paragraph_near(passage_id, 0, guild_id=guild_id)
        outline = work.outline.sections.get(section)
        if outline is None:
            raise PassageNotFound("That section is no longer in the work. Run /read again.")
        return await self.bot.library.paragraph_at(work.slug, outline.first_paragraph, guild_id=guild_id)

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
        horizon = await horizon_for(interaction, view)
        return [
            app_commands.Choice(
                name=shorten(plain_text(section_name(section)), CHOICE_CHARS), value=f"{CHOICE_PREFIX}{section.index}"
            )
            for section in matching(view.outline, current)
            if horizon is None or interaction.namespace.spoilers or horizon.is_read(section.index)
        ]


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(ReadCog(bot))
