"""Logs every reaction on a message showing a passage, and runs the hall of fame (/halloffame).

Raw reaction events are used, so messages sent before a restart still count; the
guild reactions intent they need is among Discord's default (unprivileged) intents.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from typing import Literal

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.folio_bot import FolioBot
from bot.reactions.hall import (
    DEFAULT_THRESHOLD,
    MAX_EMOJI_TEXT,
    MAX_THRESHOLD,
    BelowAction,
    HallConfig,
    check_thresholds,
    parse_emojis,
)
from bot.reactions.votes import (
    EventOrder,
    ReactionEvent,
    VoteKey,
    emoji_key,
    emoji_label,
)
from bot.storage.hall_of_fame import HallOfFame
from bot.storage.reactions import ReactionLedger
from cogs.community.hall_keeper import HallKeeper
from cogs.core.checks import check_can_post, moderators_only

log = logging.getLogger(__name__)

CAPABILITY = {"capability": "reactions"}
REACTION_LOG_COG = "ReactionLogCog"


class ReactionLogCog(commands.Cog, name=REACTION_LOG_COG):
    """The reaction log and the hall of fame."""

    halloffame = app_commands.Group(
        name="halloffame",
        description="Post the passages readers love most to a channel (moderators)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
        extras=CAPABILITY,
    )

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.ledger = ReactionLedger(bot.database, bot.clock)
        self.hall = HallOfFame(bot.database, bot.clock)
        self.keeper = HallKeeper(bot, bot.library, self.ledger, self.hall, bot.passage_messages)
        self.order = EventOrder(0)
        self.hall_edits = tasks.loop(seconds=bot.settings.tick_seconds)(self.keeper.flush)

    async def cog_load(self) -> None:
        self.order = EventOrder(await self.ledger.next_generation())
        self.hall_edits.start()

    async def cog_unload(self) -> None:
        self.hall_edits.cancel()

    # --- events --------------------------------------------------------------------------------

    @commands.Cog.listener()
    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        await self._on_reaction(payload, added=True)

    @commands.Cog.listener()
    async def on_raw_reaction_remove(self, payload: discord.RawReactionActionEvent) -> None:
        await self._on_reaction(payload, added=False)

    async def _on_reaction(self, payload: discord.RawReactionActionEvent, *, added: bool) -> None:
        order = self.order.next()  # before any await: the order events arrived in
        emoji = emoji_key(payload.emoji.name or "_", payload.emoji.id)
        outcome = await self._log_reaction(
            payload, ReactionEvent(VoteKey(payload.message_id, payload.user_id, emoji), added, order)
        )
        log.debug(
            "Reaction %s on %d by %d (%s): %s",
            "added" if added else "removed",
            payload.message_id,
            payload.user_id,
            emoji,
            outcome,
        )

    async def _log_reaction(self, payload: discord.RawReactionActionEvent, event: ReactionEvent) -> str:
        """Log the event and update the hall of fame; says what became of it."""
        if payload.guild_id is None or self._by_a_bot(payload):
            return "ignored"
        if not self._sent_by_folio(payload):
            return "not a passage message"  # known without asking the database
        being_sent = self.bot.passage_messages.being_sent(payload.message_id)  # taken before any await
        await self.bot.passage_messages.settled(being_sent)  # the passage the reader saw is recorded
        target = await self.ledger.record(event)
        if target is None:
            return "not a passage message"
        await self.keeper.refresh(target)
        return "logged"

    def _sent_by_folio(self, payload: discord.RawReactionActionEvent) -> bool:
        """Whether the message is Folio's (known on an add; on a removal, assumed)."""
        me = self.bot.user
        return payload.message_author_id is None or (me is not None and payload.message_author_id == me.id)

    def _by_a_bot(self, payload: discord.RawReactionActionEvent) -> bool:
        """Folio itself, or (on an add, which carries the member) any bot."""
        me = self.bot.user
        return (me is not None and payload.user_id == me.id) or (payload.member is not None and payload.member.bot)

    @commands.Cog.listener()
    async def on_raw_reaction_clear(self, payload: discord.RawReactionClearEvent) -> None:
        await self._clear(payload.message_id, None)

    @commands.Cog.listener()
    async def on_raw_reaction_clear_emoji(self, payload: discord.RawReactionClearEmojiEvent) -> None:
        await self._clear(payload.message_id, emoji_key(payload.emoji.name or "_", payload.emoji.id))

    async def _clear(self, message_id: int, emoji: str | None) -> None:
        """A moderator removed every reaction (or every one of an emoji): each vote is removed."""
        order = self.order.next()  # before any await, as for single events
        target = await self.ledger.target_of(message_id)
        if target is not None:
            await self.ledger.clear(message_id, emoji, order, target)
            await self.keeper.refresh(target)
        log.debug("Reactions cleared on %d (%s)", message_id, emoji or "every emoji")

    @commands.Cog.listener()
    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self.keeper.message_deleted(payload.message_id)

    @commands.Cog.listener()
    async def on_raw_bulk_message_delete(self, payload: discord.RawBulkMessageDeleteEvent) -> None:
        for message_id in payload.message_ids:
            await self.keeper.message_deleted(message_id)

    # --- /halloffame -----------------------------------------------------------------------------

    @halloffame.command(name="setup", description="Post passages to a channel once enough readers react")
    @app_commands.describe(
        channel="Where the hall of fame lives",
        emoji="Emoji that count, separated by spaces (default ⭐)",
        threshold=f"Readers needed to enter the hall (default {DEFAULT_THRESHOLD})",
        remove_below="Take a post down when fewer readers than this remain (default: never)",
        when_below="Delete a post that falls below remove_below, or keep it marked (default: mark)",
    )
    @moderators_only
    async def setup(
        self,
        interaction: discord.Interaction,
        channel: discord.TextChannel,
        emoji: app_commands.Range[str, 1, MAX_EMOJI_TEXT] | None = None,
        threshold: app_commands.Range[int, 1, MAX_THRESHOLD] = DEFAULT_THRESHOLD,
        remove_below: app_commands.Range[int, 1, MAX_THRESHOLD] | None = None,
        when_below: Literal["mark", "delete"] = "mark",
    ) -> None:
        assert interaction.guild_id is not None  # the group is guild-only
        check_thresholds(threshold, remove_below)
        check_can_post(channel, interaction.guild.me if interaction.guild else None)
        config = HallConfig(
            guild_id=interaction.guild_id,
            channel_id=channel.id,
            emojis=parse_emojis(emoji, {known.id for known in interaction.guild.emojis} if interaction.guild else ()),
            threshold=threshold,
            remove_below=remove_below,
            below_action=BelowAction(when_below),
        )
        await self.hall.configure(config)
        animated = {known.id for known in interaction.guild.emojis if known.animated} if interaction.guild else set()
        await interaction.response.send_message(setup_summary(config, channel.mention, animated), ephemeral=True)

    @halloffame.command(name="off", description="Stop posting to the hall of fame (its posts stay)")
    @moderators_only
    async def off(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        was_on = await self.hall.turn_off(interaction.guild_id)
        message = (
            "The hall of fame is off. Its posts stay where they are." if was_on else "The hall of fame was not on."
        )
        await interaction.response.send_message(message, ephemeral=True)


def setup_summary(config: HallConfig, channel_mention: str, animated_ids: Collection[int] = ()) -> str:
    """What the hall of fame will do, in a sentence for the moderator who set it up."""
    emojis = " ".join(emoji_label(emoji, animated_ids) for emoji in config.emojis)
    below = (
        f" A post {'is deleted' if config.below_action is BelowAction.DELETE else 'is marked'}"
        f" when fewer than {config.remove_below} remain."
        if config.remove_below
        else ""
    )
    return (
        f"Hall of fame on in {channel_mention}: a passage enters when {config.threshold} reader(s)"
        f" react with {emojis}.{below}"
    )


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(ReactionLogCog(bot))
