"""/discuss: post a passage with a question to talk about, and open a public thread on it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discuss.service import Chosen, DiscussionService, QuoteNotFound
from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.progress.tracker import Progress
from bot.search.query import MAX_QUERY_CHARS
from bot.storage.passage_messages import MessageKind
from cogs.community.discuss_ui import discussion_embed, open_thread
from cogs.community.passage_posts import reply_with_passage
from cogs.core.choices import work_choices
from cogs.core.deferral import after_a_second, reply
from cogs.reading.quote_spoilers import further_on
from cogs.reading.quote_ui import not_found_embed
from cogs.reading.spoilers import progress_for

ALREADY_DISCUSSED = "That passage is already being discussed: <#{}>"
BEING_POSTED = "Someone is posting that passage for discussion right now; its thread will be there in a moment."
NO_THREAD = "I posted the passage, but couldn't open a thread on it here: I need the Create Public Threads permission."


class DiscussCog(commands.Cog):
    """Passages posted for discussion, each with its own thread."""

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.service = DiscussionService(bot.library, bot.database, bot.clock)

    @app_commands.command(
        name="discuss",
        description="Post a passage with a question to talk about, and open a thread on it",
        extras={"capability": "discussion"},
    )
    @app_commands.guild_only()
    @app_commands.describe(
        quote="A line from the passage to discuss (default: a passage picked for you)",
        work="Which work (default: the server's story)",
    )
    async def discuss(
        self,
        interaction: discord.Interaction,
        quote: app_commands.Range[str, 1, MAX_QUERY_CHARS] | None = None,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        guild_id = interaction.guild_id
        progress, chosen = await after_a_second(interaction, self._choose(interaction, quote, work))
        if isinstance(chosen, QuoteNotFound):
            missing = chosen
            everywhere = await self.bot.library.lookup(quote or "", slug=work, guild_id=guild_id) if progress else None
            if progress is not None and everywhere is not None and everywhere.hits:
                await reply(interaction, content=further_on(everywhere, progress), ephemeral=True)
            else:
                await reply(interaction, embed=not_found_embed(missing.lookup), ephemeral=True)
            return
        passage_id = chosen.paragraph.id
        assert passage_id is not None, "stored passages have ids"
        live = await self.service.live_thread(guild_id, passage_id)
        if live is not None:
            await reply(interaction, content=ALREADY_DISCUSSED.format(live), ephemeral=True)
            return
        async with self.service.claimed(guild_id, passage_id, interaction.id) as won:
            if not won:  # another /discuss of it, in this process or another, is posting it now
                if not interaction.response.is_done():
                    await interaction.response.defer(ephemeral=True, thinking=True)
                live = await self.service.wait_for_live_thread(guild_id, passage_id)
                await interaction.followup.send(ALREADY_DISCUSSED.format(live) if live else BEING_POSTED, ephemeral=True)
                return
            sent_id = await reply_with_passage(
                interaction,
                chosen.paragraph,
                MessageKind.DISCUSSION,
                embed=discussion_embed(chosen),
            )
            channel = interaction.channel
            message = (  # a follow-up (after a deferral) carries no server: its channel's message does
                channel.get_partial_message(sent_id)
                if sent_id is not None and isinstance(channel, discord.TextChannel)
                else await interaction.original_response()
            )
            if await open_thread(self.service, message, chosen, guild_id=guild_id, origin="discuss") is None:
                await interaction.followup.send(NO_THREAD, ephemeral=True)

    async def _choose(
        self, interaction: discord.Interaction, quote: str | None, work: str | None
    ) -> tuple[Progress | None, Chosen | QuoteNotFound]:
        """The progress in force and the passage to discuss (or why the quote gave none), all of it
        within the deferral: reading a work the first time may be slow too."""
        guild_id = interaction.guild_id
        progress = await progress_for(interaction, await self.bot.library.load(work, guild_id=guild_id))
        horizon = progress.horizon if progress else None
        try:
            if quote:
                return progress, await self.service.find(quote, slug=work, guild_id=guild_id, horizon=horizon)
            return progress, await self.service.pick(slug=work, guild_id=guild_id, horizon=horizon)
        except QuoteNotFound as missing:
            return progress, missing

    @discuss.autocomplete("work")
    async def discuss_work_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(DiscussCog(bot))
