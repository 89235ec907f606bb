"""The passage of the day: /daily setup and /daily off (moderators), and the loop that posts it.

The loop polls the bot's clock every ``settings.tick_seconds`` (never sleeping
until a moment) and posts each due day of the servers this process owns once:
the day is claimed in the database before the post and marked done after it, so
a restart, a second bot process or downtime never posts a day twice, and after
downtime only the latest missed day is posted. A post that fails releases the
day, which is tried again a few minutes later.
"""

from __future__ import annotations

import asyncio
import logging

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.discuss.daily import DailyPlanner, DueDay
from bot.discuss.schedule import DEFAULT_TIMEZONE, MAX_TIMEZONE_CHARS, timezone_names
from bot.discuss.service import DiscussionService
from bot.errors import FolioError
from bot.folio_bot import FolioBot
from bot.progress.tracker import Audience
from bot.storage.passage_messages import MessageKind
from cogs.community.discuss_ui import discussion_embed, open_thread
from cogs.community.passage_posts import send_passage
from cogs.core.checks import check_can_post, moderators_only
from cogs.core.discord_limits import CHOICES

log = logging.getLogger(__name__)

MODERATORS = discord.Permissions(manage_guild=True)


class DailyCog(commands.Cog):
    """Once a day, a passage with a prompt and a thread, in the channel a server chose."""

    daily = app_commands.Group(
        name="daily",
        description="The passage of the day (moderators)",
        guild_only=True,
        default_permissions=MODERATORS,
        extras={"capability": "discussion"},
    )

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.planner = DailyPlanner(bot.database, bot.clock)
        self.discussions = DiscussionService(bot.library, bot.database, bot.clock)

    async def cog_load(self) -> None:
        await asyncio.to_thread(timezone_names, "", 1)  # lists the zone database once, off the event loop
        self.tick.change_interval(seconds=self.bot.settings.tick_seconds)
        self.tick.start()

    async def cog_unload(self) -> None:
        self.tick.cancel()

    @daily.command(
        name="setup",
        description="Post a passage of the day in a channel, at an hour",
        extras={"capability": "discussion"},
    )
    @app_commands.describe(
        channel="Where to post it",
        hour="The hour to post at, 0-23, in the time zone",
        timezone="A time zone like Europe/Paris or America/New_York (default: UTC)",
    )
    @moderators_only
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        hour: app_commands.Range[int, 0, 23],
        timezone: app_commands.Range[str, 1, MAX_TIMEZONE_CHARS] = DEFAULT_TIMEZONE,
    ) -> None:
        assert interaction.guild_id is not None, "guild_only"
        check_can_post(channel, interaction.guild.me if interaction.guild else None)
        first = await self.planner.set_up(interaction.guild_id, channel.id, hour, timezone)
        await interaction.response.send_message(
            f"Passage of the day: every day at {hour:02d}:00 ({first.tzinfo}) in {channel.mention}. "
            f"The first one comes <t:{int(first.timestamp())}:F>.",
            ephemeral=True,
        )

    @setup.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name, value=name) for name in timezone_names(current, CHOICES)]

    @daily.command(
        name="off",
        description="Stop the passage of the day",
        extras={"capability": "discussion"},
    )
    @moderators_only
    async def off(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None, "guild_only"
        stopped = await self.planner.turn_off(interaction.guild_id)
        message = "The passage of the day is off." if stopped else "There was no passage of the day to turn off."
        await interaction.response.send_message(message, ephemeral=True)

    @tasks.loop(seconds=1.0)
    async def tick(self) -> None:
        try:
            for due in await self.planner.claim_due(self.bot.owns_guild, self.bot.lease.instance):
                await self._post_or_release(due)
        except Exception:  # one bad tick must not stop the loop
            log.exception("Posting the passage of the day failed")
        if self.tick.current_loop == 0:
            log.info("Passage of the day: first check done")

    @tick.before_loop
    async def before_tick(self) -> None:
        await self.bot.wait_until_ready()

    async def _post_or_release(self, due: DueDay) -> None:
        """Post a claimed day; if that fails, give the day back to be tried again later."""
        try:
            posted = await self._post(due)
        except Exception:
            log.exception("Passage of the day for server %d failed", due.schedule.guild_id)
            posted = False
        if not posted:
            retry_at = await self.planner.failed(due)
            log.warning("Passage of the day for server %d: trying again at %.0f", due.schedule.guild_id, retry_at)

    async def _post(self, due: DueDay) -> bool:
        guild_id = due.schedule.guild_id
        channel = self.bot.get_channel(due.schedule.channel_id)
        if not isinstance(channel, discord.TextChannel):
            log.warning(
                "Passage of the day for server %d: channel %d is gone",
                guild_id,
                due.schedule.channel_id,
            )
            return False
        work = await self.bot.library.load(None, guild_id=guild_id)
        horizon = await self.bot.progress.horizon(work, Audience(guild_id, (channel.id,)))
        chosen = await self.discussions.pick(slug=work.slug, guild_id=guild_id, horizon=horizon)
        try:
            heading = f"Passage of the day, {due.day:%d %B}"
            message = await send_passage(
                self.bot,
                channel,
                chosen.paragraph,
                MessageKind.PASSAGE_OF_THE_DAY,
                embed=discussion_embed(chosen, heading=heading),
            )
        except discord.HTTPException as error:  # e.g. the bot may no longer send messages there
            log.warning(
                "Passage of the day for server %d: could not post in %s: %s",
                guild_id,
                channel.id,
                error,
            )
            return False
        assert chosen.paragraph.id is not None, "stored passages have ids"
        await self.planner.posted(due, chosen.paragraph.id)  # at once: from here on, never posted again
        log.info("Posted the passage of the day for %s in server %d", due.day, guild_id)
        try:
            await open_thread(self.discussions, message, chosen, guild_id=guild_id, origin="daily")
        except (discord.HTTPException, FolioError) as error:
            log.warning("Passage of the day for server %d: no discussion thread: %s", guild_id, error)
        return True


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(DailyCog(bot))
