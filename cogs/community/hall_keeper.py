"""Keeps each server's hall of fame in step with the votes: posts once, edits, takes down.

Decisions are :func:`bot.reactions.hall.decide`'s; this module carries them out
in Discord. A message is handled by one task at a time (a lock per message), and
a post needs the entry's claim in the database first (:meth:`HallOfFame.claim`),
so neither fast reactions nor a second bot process can post twice. Posts are sent
at once; edits wait for the next tick (:meth:`HallKeeper.flush`), so a burst of
reactions costs at most one edit per post per tick.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, cast

import discord

from bot.errors import FolioError
from bot.library.service import Library
from bot.progress.tracker import Audience
from bot.reactions.hall import (
    BelowAction,
    EntryState,
    HallAction,
    HallConfig,
    HallEntry,
    decide,
)
from bot.reactions.locks import KeyedLocks
from bot.storage.hall_of_fame import HallOfFame
from bot.storage.passage_messages import MessageKind, PassageMessages
from bot.storage.reactions import ReactionLedger, ReactionTarget
from cogs.community.reactions_ui import hall_content, hall_embed

if TYPE_CHECKING:
    from bot.folio_bot import FolioBot

log = logging.getLogger(__name__)

EDITS_PER_TICK = 5


class HallKeeper:
    def __init__(
        self,
        client: discord.Client,
        library: Library,
        ledger: ReactionLedger,
        hall: HallOfFame,
        registry: PassageMessages,
    ) -> None:
        self.client = client
        self.library = library
        self.ledger = ledger
        self.hall = hall
        self.registry = registry
        self.locks = KeyedLocks()
        self._waiting: set[int] = set()
        self._marked: dict[int, ReactionTarget] = {}

    async def refresh(self, target: ReactionTarget) -> None:
        """After a vote: post the message if it just reached the threshold; if its post needs a
        new count (or taking down), mark it for the next :meth:`flush`.

        If a refresh of the message is already waiting for its turn, that one will read
        the newer count, so this one returns at once.
        """
        if target.message_id in self._waiting:
            return
        config = await self.hall.config(target.guild_id)
        if config is None or target.message_id in self._waiting:
            return
        self._waiting.add(target.message_id)
        async with self.locks.hold(target.message_id):
            self._waiting.discard(target.message_id)
            await self._bring_up_to_date(config, target, edit=False)

    async def flush(self) -> None:
        """Edit (or take down) the hall posts marked since the last flush, each once, with its count now.

        Run every tick: however fast reactions come, a hall post is edited at most once a tick, and
        at most :data:`EDITS_PER_TICK` posts are (the others wait their turn, oldest first). Waiting out
        Discord's rate limits happens here, never while reactions are being counted.
        """
        due = list(self._marked.values())[:EDITS_PER_TICK]
        for target in due:
            del self._marked[target.message_id]
            try:
                config = await self.hall.config(target.guild_id)
                if config is not None:
                    async with self.locks.hold(target.message_id):
                        await self._bring_up_to_date(config, target, edit=True)
            except Exception:  # one bad entry must not stop the others, nor the loop
                log.exception("Updating the hall-of-fame post of message %d failed", target.message_id)

    async def _bring_up_to_date(self, config: HallConfig, target: ReactionTarget, *, edit: bool) -> None:
        count = await self.ledger.voters(target.message_id, config.emojis)
        entry = await self.hall.entry(target.message_id)
        action = decide(config, count, entry)
        if action is HallAction.POST:
            await self._post(config, target, count)
        elif action is HallAction.NOTHING or entry is None or entry.hall_message_id is None:
            return
        elif edit:
            await self._change(action, config, target, entry, count)
        else:
            self._marked[target.message_id] = target

    async def message_deleted(self, message_id: int) -> None:
        """A deleted original takes its hall post down; a deleted hall post is never sent again."""
        async with self.locks.hold(message_id):
            entry = await self.hall.end_for_deleted(message_id)
        if entry is not None and entry.original_message_id == message_id and entry.hall_message_id is not None:
            await self._delete(entry)

    async def _post(self, config: HallConfig, target: ReactionTarget, count: int) -> None:
        if not await self.hall.claim(target.message_id, target.guild_id, config.channel_id):
            return  # another task or process is posting it, or has
        async with self.registry.sending():
            try:
                embed = await self._embed(target, config.channel_id)
                channel = self.client.get_partial_messageable(config.channel_id, guild_id=target.guild_id)
                sent = await channel.send(hall_content(config, target, count), embed=embed)
            except (discord.HTTPException, FolioError) as error:
                await self.hall.release(target.message_id)
                log.warning("Could not post message %d to the hall of fame: %s", target.message_id, error)
                return
            await self.registry.record(
                message_id=sent.id,
                channel_id=config.channel_id,
                guild_id=target.guild_id,
                passage_id=target.passage_id,
                kind=MessageKind.HALL_OF_FAME,
                requested_by=target.requested_by,
            )
            posted = await self.hall.update(target.message_id, EntryState.POSTED, count, sent.id)
        if not posted:
            await _quietly(sent.delete())  # the original was deleted while this was being posted
            return
        log.info("Hall of fame: message %d posted as %d", target.message_id, sent.id)

    async def _change(
        self, action: HallAction, config: HallConfig, target: ReactionTarget, entry: HallEntry, count: int
    ) -> None:
        marked = entry.state is EntryState.MARKED and action is not HallAction.RESTORE
        if action is HallAction.TAKE_DOWN and config.below_action is BelowAction.DELETE:
            await self.hall.update(target.message_id, EntryState.REMOVED, count, None)
            await self._delete(entry)
            return
        if action is HallAction.TAKE_DOWN:
            marked = True
        state = EntryState.MARKED if marked else EntryState.POSTED
        post = self._post_of(entry)
        try:
            await post.edit(content=hall_content(config, target, count, marked=marked))  # the embed stays
        except discord.NotFound:
            await self.hall.end_for_deleted(post.id)  # deleted while Folio was away
            return
        except (discord.HTTPException, FolioError) as error:
            log.warning("Could not update hall-of-fame post %d: %s", post.id, error)
            return
        await self.hall.update(target.message_id, state, count, entry.hall_message_id)

    async def _embed(self, target: ReactionTarget, channel_id: int) -> discord.Embed:
        """The hall post's embed: the passage behind spoiler tags if the hall channel has not read it yet."""
        work, paragraph = await self.library.paragraph_near(target.passage_id, 0, guild_id=target.guild_id)
        readers = Audience(target.guild_id, (channel_id,))
        horizon = await cast("FolioBot", self.client).progress.horizon(work, readers)
        further_on = horizon is not None and not horizon.is_read(paragraph.section)
        return hall_embed(work, paragraph, target, further_on=further_on)

    def _post_of(self, entry: HallEntry) -> discord.PartialMessage:
        assert entry.hall_message_id is not None
        channel = self.client.get_partial_messageable(entry.hall_channel_id)
        return channel.get_partial_message(entry.hall_message_id)

    async def _delete(self, entry: HallEntry) -> None:
        await _quietly(self._post_of(entry).delete())


async def _quietly(deletion: Awaitable[None]) -> None:
    """Delete a message, if it is still there."""
    try:
        await deletion
    except discord.NotFound:
        pass
    except discord.HTTPException as error:
        log.warning("Could not delete a hall-of-fame post: %s", error)
