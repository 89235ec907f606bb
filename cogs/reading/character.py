"""/character: meet one of the work's people, with a chart of where the story mentions them."""

from __future__ import annotations

import asyncio
from io import BytesIO

import discord
from discord import app_commands
from discord.ext import commands

from bot.characters.service import CharacterBook, CharacterReport
from bot.errors import FolioError
from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.progress.chapters import section_filter
from bot.progress.tracker import last_read_offset
from cogs.core.choices import work_choices
from cogs.core.discord_limits import CHOICES
from cogs.reading.character_ui import CHART_FILE, character_choice, character_embed, chart_title
from cogs.reading.spoilers import horizon_for

MAX_NAME_CHARS = 100
COMMAND_WAIT = 1.5
"""Seconds /character waits for a work's characters before answering that they are not ready: Discord
allows 3 for the first answer, and the profile (up to a quarter of a second for a novel) comes first."""
AUTOCOMPLETE_WAIT = 1.0


class CharacterCog(commands.Cog):
    """Character profiles."""

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.book = CharacterBook(bot.library)

    async def cog_unload(self) -> None:
        await self.book.close()

    @app_commands.command(
        name="character",
        description="Meet a character: first appearance, mentions, lines and who they talk with",
        extras={"capability": "discussion"},
    )
    @app_commands.describe(name="The character's name", work="Which work (default: the server's story)")
    async def character(
        self,
        interaction: discord.Interaction,
        name: app_commands.Range[str, 1, MAX_NAME_CHARS],
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        guild_id = interaction.guild_id
        story, roster = await self.book.roster_within(COMMAND_WAIT, work, guild_id=guild_id)
        person = self.book.find(story, roster, name)
        horizon = await horizon_for(interaction, story)
        report = await self.book.report(story, roster, person, guild_id=guild_id, within=section_filter(horizon))
        # Anything that went wrong so far (an unknown name...) is answered privately; only the chart waits.
        await interaction.response.defer(thinking=True)
        chart = await asyncio.to_thread(_draw_chart, report)
        await interaction.edit_original_response(
            embed=character_embed(report), attachments=[discord.File(BytesIO(chart), filename=CHART_FILE)]
        )

    @character.autocomplete("name")
    async def character_name_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            story, roster = await self.book.roster_within(
                AUTOCOMPLETE_WAIT, interaction.namespace.work, guild_id=interaction.guild_id
            )
        except FolioError:  # an unknown work, or characters not read yet: no choices this keystroke
            return []
        stop = last_read_offset(story, await horizon_for(interaction, story, private=True))  # people met so far
        met = [c for c in roster.matching(current, len(roster.people)) if stop is None or c.first_offset < stop]
        return [character_choice(character) for character in met[:CHOICES]]

    @character.autocomplete("work")
    async def character_work_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)


def _draw_chart(report: CharacterReport) -> bytes:
    """The mentions chart as PNG bytes; matplotlib is imported here, in the worker, on first use."""
    from bot.charts.mentions import mentions_chart
    from bot.text.sections import chart_labels

    return mentions_chart(
        report.profile.mentions_by_section,
        title=chart_title(report),
        section_label=report.section_name,
        first_section=report.profile.first_section,
        tick_labels=chart_labels(report.work.outline.structure, len(report.profile.mentions_by_section)),
    )


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(CharacterCog(bot))
