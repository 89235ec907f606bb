"""What readers love: /passage top, /reactions stats, map, export, recount and settings."""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from typing import Literal, cast

import discord
from discord import app_commands
from discord.ext import commands

from bot.errors import FolioError, PassageNotFound
from bot.folio_bot import FolioBot, answer_failure
from bot.library.uploads import MAX_SLUG_CHARS
from bot.progress.chapters import Horizon
from bot.progress.tracker import Audience
from bot.reactions.links import message_id_of
from bot.reactions.reaction_map import map_data, render_map
from bot.reactions.stats import (
    PassageTally,
    Period,
    export_csv,
    period_start,
    rank_passages,
)
from bot.reactions.votes import VoteKey, emoji_key, key_of_text, recount_events
from bot.storage.reaction_stats import ReactionStats, VoteFilter
from cogs.community.reaction_log import CAPABILITY, REACTION_LOG_COG, ReactionLogCog
from cogs.community.reaction_pages import TopPageButton, TopQuery, top_navigation
from cogs.community.reactions_ui import (
    RankedPassage,
    member_stats_embed,
    passage_stats_embed,
    server_stats_embed,
    top_embed,
)
from cogs.core.checks import moderators_only
from cogs.core.choices import work_choices
from cogs.reading.spoilers import audience, horizon_for

TOP_LIMIT = 100
PAGE_SIZE = 8
MAX_EMOJI_OPTION = 100
MAX_MESSAGE_OPTION = 200


class NothingYet(FolioError):
    """No reactions match what was asked."""


class ReactionViewsCog(commands.Cog):
    """Rankings, statistics, the map and the export of the reaction log."""

    passage = app_commands.Group(
        name="passage", description="Passages of the story", guild_only=True, extras=CAPABILITY
    )
    reactions = app_commands.Group(
        name="reactions", description="What readers react to", guild_only=True, extras=CAPABILITY
    )

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.stats = ReactionStats(bot.database)

    @property
    def log(self) -> ReactionLogCog:
        return cast(ReactionLogCog, self.bot.get_cog(REACTION_LOG_COG))

    @passage.command(name="top", description="The passages readers love most")
    @app_commands.describe(
        work="Only this work (default: every work)",
        emoji="Only this emoji (default: all)",
        period="Only reactions from this period (default: all time)",
    )
    async def top(
        self,
        interaction: discord.Interaction,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
        emoji: app_commands.Range[str, 1, MAX_EMOJI_OPTION] | None = None,
        period: Literal["week", "month", "year", "all"] = "all",
    ) -> None:
        assert interaction.guild_id is not None
        work_id = (await self.bot.library.load(work, guild_id=interaction.guild_id)).record.id if work else None
        query = TopQuery(Period(period), work_id, key_of_text(emoji) if emoji else "")
        embed, view = await self.top_page(interaction.guild_id, query, 0, audience(interaction))
        await interaction.response.send_message(embed=embed, view=view)

    async def turn_top_page(self, interaction: discord.Interaction, query: TopQuery, page: int) -> None:
        """A ◀ ▶ click on a /passage top list: the ranking as it is now, at ``page``."""
        assert interaction.guild_id is not None
        try:
            embed, view = await self.top_page(interaction.guild_id, query, page, audience(interaction))
        except Exception as error:  # clicks bypass the command tree's error handler
            await answer_failure(interaction, error)
            return
        await interaction.response.edit_message(embed=embed, view=view)

    async def top_page(
        self, guild_id: int, query: TopQuery, page: int, readers: Audience | None = None
    ) -> tuple[discord.Embed, discord.ui.View]:
        votes = VoteFilter(
            guild_id,
            work_id=query.work_id,
            emoji=query.emoji or None,
            since=period_start(query.period, self.bot.clock.now()),
        )
        tallies = rank_passages(await self.stats.passage_votes(votes), TOP_LIMIT)
        if not tallies:
            raise NothingYet("No reactions on passages yet. React to a /quote reply to start the list!")
        pages = -(-len(tallies) // PAGE_SIZE)
        page = min(max(page, 0), pages - 1)
        start = page * PAGE_SIZE
        entries = await self.ranked(guild_id, tallies[start : start + PAGE_SIZE], start + 1, readers)
        heading = "Most-loved passages" + ("" if query.period is Period.ALL else f" this {query.period}")
        return top_embed(heading, entries, page, pages), top_navigation(query, page, pages)

    async def ranked(
        self, guild_id: int, tallies: list[PassageTally], first_rank: int, readers: Audience | None = None
    ) -> list[RankedPassage]:
        """Tallies with their passages, skipping passages no longer in the library; those past the
        reading progress of `readers` (if given) are marked further on."""
        entries = []
        horizons: dict[int, Horizon | None] = {}
        for rank, tally in enumerate(tallies, first_rank):
            try:
                work, paragraph = await self.bot.library.paragraph_near(tally.passage_id, 0, guild_id=guild_id)
            except PassageNotFound:
                continue
            if readers is not None and work.record.id not in horizons:
                horizons[work.record.id] = await self.bot.progress.horizon(work, readers)
            horizon = horizons.get(work.record.id)
            further_on = horizon is not None and not horizon.is_read(paragraph.section)
            entries.append(RankedPassage(rank, tally, work, paragraph, further_on))
        return entries

    @top.autocomplete("work")
    async def top_work(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)

    @reactions.command(name="stats", description="Who reacts most, favourite emoji, or a passage's history")
    @app_commands.describe(member="A reader's reactions", passage="A passage's reactions, by its number")
    async def stats_command(
        self,
        interaction: discord.Interaction,
        member: discord.Member | None = None,
        passage: app_commands.Range[int, 1, 2**53] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        everyone = VoteFilter(interaction.guild_id)
        if passage is not None:
            work, paragraph = await self.bot.library.paragraph_near(passage, 0, guild_id=interaction.guild_id)
            rows = await self.stats.passage_votes(VoteFilter(interaction.guild_id, passage_id=passage))
            counts = Counter({emoji: votes for _, emoji, votes in rows})
            history = await self.stats.history(interaction.guild_id, passage)
            horizon = await horizon_for(interaction, work, private=True)
            further_on = horizon is not None and not horizon.is_read(paragraph.section)
            embed = passage_stats_embed(work, paragraph, counts, history, further_on=further_on)
        elif member is not None:
            theirs = VoteFilter(interaction.guild_id, user_id=member.id)
            loved = rank_passages(await self.stats.passage_votes(theirs), 3)
            entries = await self.ranked(interaction.guild_id, loved, 1, audience(interaction, private=True))
            embed = member_stats_embed(member.mention, await self.stats.emojis(theirs), entries)
        else:
            emojis = await self.stats.emojis(everyone)
            embed = server_stats_embed(sum(emojis.values()), await self.stats.reactors(everyone), emojis)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @reactions.command(name="map", description="A picture of which parts of a work readers love")
    @app_commands.describe(work="Which work (default: the server's story)")
    async def map_command(
        self, interaction: discord.Interaction, work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None
    ) -> None:
        assert interaction.guild_id is not None
        view = await self.bot.library.load(work, guild_id=interaction.guild_id)
        votes = VoteFilter(interaction.guild_id, work_id=view.record.id)
        by_section = await self.stats.section_votes(votes)
        if not by_section:
            raise NothingYet(f"No reactions on {view.title} yet.")
        await interaction.response.defer(thinking=True)
        tallies = rank_passages(await self.stats.passage_votes(votes), 3)
        loved = await self.ranked(interaction.guild_id, tallies, 1, audience(interaction))
        shown = [(e.paragraph, e.tally.total) for e in loved if not e.further_on]
        data = map_data(view.title, view.outline, by_section, shown)
        png = await asyncio.to_thread(render_map, data)
        await interaction.followup.send(file=discord.File(io.BytesIO(png), filename="reactions-map.png"))

    @map_command.autocomplete("work")
    async def map_work(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)

    @reactions.command(name="export", description="The reaction log as a CSV file (moderators)")
    @moderators_only
    async def export(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        rows = await self.stats.export_rows(interaction.guild_id)
        data = await asyncio.to_thread(export_csv, rows)
        file = discord.File(io.BytesIO(data), filename="folio-reactions.csv")
        await interaction.response.send_message(f"{len(rows)} reaction event(s).", file=file, ephemeral=True)

    @reactions.command(name="recount", description="Count a message's reactions again from Discord (moderators)")
    @app_commands.describe(message="The message's link (or id)")
    @moderators_only
    async def recount(
        self, interaction: discord.Interaction, message: app_commands.Range[str, 1, MAX_MESSAGE_OPTION]
    ) -> None:
        message_id = message_id_of(message)
        shown = await self.bot.passage_messages.get(message_id)
        if shown is None or shown.guild_id != interaction.guild_id:
            raise NothingYet("That is not a message of Folio's showing a passage in this server.")
        await interaction.response.defer(ephemeral=True, thinking=True)
        log = self.log
        order = log.order.next()  # events arriving while Discord is read are newer than what it shows
        channel = self.bot.get_partial_messageable(shown.channel_id, guild_id=shown.guild_id)
        try:
            fetched = await channel.fetch_message(message_id)
        except discord.NotFound:
            raise NothingYet("That message has been deleted.") from None
        observed = await _current_votes(fetched)
        target = await log.ledger.target_of(message_id)
        assert target is not None, "the message shows a passage"
        events = recount_events(await log.ledger.stored_votes(message_id), observed, order)
        await log.ledger.record_many(events, target)
        await log.keeper.refresh(target)
        added = sum(event.added for event in events)
        await interaction.followup.send(
            f"Recounted: {len(observed)} reaction(s) from readers now ({added} found, {len(events) - added} gone).",
            ephemeral=True,
        )

    @reactions.command(name="settings", description="Whether a reader's reaction to a passage they asked for counts")
    @app_commands.describe(count_own_requests="Count reactions on passages the reader asked for (default: yes)")
    @moderators_only
    async def settings(self, interaction: discord.Interaction, count_own_requests: bool) -> None:
        assert interaction.guild_id is not None
        await self.log.ledger.set_count_own_requests(interaction.guild_id, count_own_requests)
        answer = "count" if count_own_requests else "no longer count"
        await interaction.response.send_message(
            f"Reactions on passages a reader asked for themselves {answer}.", ephemeral=True
        )


async def _current_votes(message: discord.Message) -> set[VoteKey]:
    """Every reader's reaction on the message, as Discord lists them now (bots left out)."""
    observed = set()
    for reaction in message.reactions:
        emoji = reaction.emoji
        key = emoji_key(emoji, None) if isinstance(emoji, str) else emoji_key(emoji.name or "_", emoji.id)
        async for user in reaction.users(limit=None):
            if not user.bot:
                observed.add(VoteKey(message.id, user.id, key))
    return observed


async def setup(bot: FolioBot) -> None:
    bot.add_dynamic_items(TopPageButton)
    await bot.add_cog(ReactionViewsCog(bot))


async def teardown(bot: FolioBot) -> None:
    bot.remove_dynamic_items(TopPageButton)
