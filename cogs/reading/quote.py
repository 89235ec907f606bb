"""/quote: find a half-remembered line, then step through the passages around it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import FolioError
from bot.folio_bot import FolioBot, answer_failure
from bot.library.everywhere import lookup_anywhere
from bot.library.uploads import MAX_SLUG_CHARS
from bot.library.views import QuoteLookup, WorkView
from bot.progress.chapters import section_filter
from bot.progress.quotes import split_by_progress
from bot.progress.tracker import last_read_paragraph
from bot.search.query import MAX_QUERY_CHARS
from bot.search.thesaurus import warm_up as warm_up_thesaurus
from bot.storage.passage_messages import MessageKind
from bot.text.model import Passage
from cogs.community.passage_posts import reply_with_passage
from cogs.core.choices import text_choice, work_choices
from cogs.core.deferral import after_a_second, reply
from cogs.core.discord_limits import CHOICES
from cogs.reading.occurrences_ui import (
    OccurrencePageButton,
    occurrence_pages,
    occurrences_embed,
    page_count,
)
from cogs.reading.quote_spoilers import further_on, send_hidden
from cogs.reading.quote_ui import (
    NAVIGATOR_COG,
    QUOTE_CAPABILITY,
    STALE_BUTTON,
    PassageButton,
    is_private,
    not_found_embed,
    paragraph_page,
    passage_navigation,
    quote_embed,
    turn_page,
    turned_by_owner,
)
from cogs.reading.spoilers import horizon_for, progress_for


class QuoteCog(commands.Cog, name=NAVIGATOR_COG):
    """Quote lookup, passage navigation and the pages of a word's occurrences."""

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(PassageButton, OccurrencePageButton)
        await asyncio.to_thread(warm_up_thesaurus)  # else the first /quote would read it

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(PassageButton, OccurrencePageButton)

    async def step_from(self, interaction: discord.Interaction, passage_id: int, step: int) -> None:
        """Turn the clicked message to the paragraph `step` away from passage `passage_id` (a ◀/▶ click)."""
        await self._show(
            interaction,
            self.bot.library.paragraph_near(passage_id, step, guild_id=interaction.guild_id),
        )

    async def show_paragraph(self, interaction: discord.Interaction, slug: str, ordinal: int) -> None:
        """Turn the clicked message to paragraph `ordinal` of `slug` (a button from before stable ids)."""
        await self._show(
            interaction,
            self.bot.library.paragraph_at(slug, ordinal, guild_id=interaction.guild_id),
        )

    async def show_occurrences(self, interaction: discord.Interaction, slug: str, page: int, query: str) -> None:
        """Turn the clicked list to page `page` of where `query` occurs in `slug` (the search runs again)."""
        own = turned_by_owner(interaction)
        try:
            everywhere = await self.bot.library.lookup(query, slug=slug, guild_id=interaction.guild_id)
            horizon = await horizon_for(interaction, everywhere.work, private=not own or is_private(interaction))
            lookup, _ = split_by_progress(everywhere, horizon)
        except Exception as error:  # clicks bypass the command tree's error handler
            await answer_failure(interaction, error)
            return
        if lookup.hits or not lookup.occurrences or page >= page_count(lookup):
            await interaction.response.send_message(STALE_BUTTON, ephemeral=True)  # the work changed since
            return
        embed, view = occurrences_embed(lookup, page), occurrence_pages(lookup, page)
        if own:
            await interaction.response.edit_message(embed=embed, view=view)
        else:
            await interaction.response.send_message(embed=embed, view=view or discord.utils.MISSING, ephemeral=True)

    async def _show(
        self,
        interaction: discord.Interaction,
        finding: Awaitable[tuple[WorkView, Passage]],
    ) -> None:
        await turn_page(interaction, finding, paragraph_page(passage_navigation))

    @app_commands.command(
        name="quote",
        description="Find a line you half-remember in the story",
        extras={"capability": QUOTE_CAPABILITY},
    )
    @app_commands.describe(
        text="The line as you remember it: typos and fuzzy wording are fine",
        work="Which work to search (default: the server's story)",
        spoilers="Search the whole work, past the reading progress: answered privately, hidden in spoiler tags",
    )
    async def quote(
        self,
        interaction: discord.Interaction,
        text: app_commands.Range[str, 1, MAX_QUERY_CHARS],
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
        spoilers: bool = False,
    ) -> None:
        if spoilers:
            everywhere = await self.bot.library.lookup(text, slug=work, guild_id=interaction.guild_id)
            await send_hidden(interaction, everywhere)
            return
        everywhere, elsewhere = await after_a_second(interaction, self._find(text, work, interaction.guild_id))
        progress = await progress_for(interaction, everywhere.work)
        horizon = progress.horizon if progress else None
        lookup, further_on_only = split_by_progress(everywhere, horizon)
        if progress is not None and further_on_only is not None:
            await reply(interaction, content=further_on(further_on_only, progress), ephemeral=True)
            return
        if lookup.occurrences and not lookup.hits:
            pages = occurrence_pages(lookup, 0)
            await reply(
                interaction,
                embed=occurrences_embed(lookup, 0),
                view=pages if pages is not None else discord.utils.MISSING,
            )
            return
        if not lookup.hits:
            await reply(interaction, embed=not_found_embed(lookup), ephemeral=True)
            return
        best = lookup.hits[0]
        await reply_with_passage(
            interaction,
            best.paragraph,
            MessageKind.QUOTE,
            embed=quote_embed(lookup, elsewhere=elsewhere),
            view=passage_navigation(best.work, best.paragraph, last_read_paragraph(best.work, horizon)),
        )

    async def _find(self, text: str, work: str | None, guild_id: int | None) -> tuple[QuoteLookup, bool]:
        """Where ``text`` is: in ``work``, or else in any work the server sees (and whether that is another one)."""
        if work is None:  # the server's default work, else whichever of its works holds the line
            found = await lookup_anywhere(self.bot.library, text, guild_id=guild_id)
            return found.lookup, found.elsewhere
        return await self.bot.library.lookup(text, slug=work, guild_id=guild_id), False

    @quote.autocomplete("text")
    async def quote_text_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        if not current.strip():
            return []
        try:
            work = await self.bot.library.load(interaction.namespace.work, guild_id=interaction.guild_id)
            horizon = await horizon_for(interaction, work, private=True)  # only the reader sees the choices
            sentences = await self.bot.library.suggest(
                current,
                slug=work.slug,
                guild_id=interaction.guild_id,
                limit=CHOICES,
                sections=section_filter(horizon),
            )
        except FolioError:
            return []
        return [text_choice(sentence) for sentence in sentences]

    @quote.autocomplete("work")
    async def quote_work_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(QuoteCog(bot))
