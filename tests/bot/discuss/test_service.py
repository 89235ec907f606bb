"""Picking passages to discuss, and live threads, on SQLite or PostgreSQL with the bundled story."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bot.clock import FileClock
from bot.discuss.service import LIVE_THREAD_SECONDS, OPENING_SECONDS, DiscussionService, QuoteNotFound, is_good
from bot.library.service import Library
from bot.reactions.votes import EventOrder, ReactionEvent, VoteKey
from bot.storage.database import Database
from bot.storage.passage_messages import MessageKind, PassageMessages
from bot.storage.reactions import ReactionLedger

pytestmark = pytest.mark.asyncio
GUILD = 1_300_000_000_000_000_100


def clock_at(tmp_path: Path, timestamp: float) -> FileClock:
    path = tmp_path / "clock"
    path.write_text(str(timestamp), encoding="ascii")
    return FileClock(path)


async def test_a_picked_passage_is_good_and_not_discussed_before(database_target: Path | str, tmp_path: Path) -> None:
    async with Database.opened(database_target) as database:
        service = DiscussionService(Library(database), database, clock_at(tmp_path, 1e9), random.Random(7))
        seen = set()
        for message_id in range(12):
            chosen = await service.pick(slug=None, guild_id=GUILD)
            assert is_good(chosen.paragraph) and chosen.paragraph.id not in seen
            seen.add(chosen.paragraph.id)
            assert chosen.paragraph.id is not None
            await service.record(
                guild_id=GUILD, channel_id=1, passage_id=chosen.paragraph.id, message_id=message_id, origin="daily"
            )


async def test_a_thread_is_live_for_a_week_and_an_opening_one_for_a_minute(
    database_target: Path | str, tmp_path: Path
) -> None:
    async with Database.opened(database_target) as database:
        clock = clock_at(tmp_path, 1e9)
        service = DiscussionService(Library(database), database, clock)
        chosen = await service.find("Stiles became a hunter", slug=None, guild_id=GUILD)
        passage = chosen.paragraph.id
        assert passage is not None
        opening = await service.record(
            guild_id=GUILD, channel_id=1, passage_id=passage, message_id=55, origin="discuss"
        )
        assert await service.live_thread(GUILD, passage) == 55  # its thread will take the message's id
        clock.path.write_text(str(1e9 + OPENING_SECONDS + 1), encoding="ascii")
        assert await service.live_thread(GUILD, passage) is None  # the thread was never opened
        await service.thread_opened(opening, 77)
        assert await service.live_thread(GUILD, passage) == 77
        assert await service.live_thread(GUILD + 1, passage) is None  # another server's
        clock.path.write_text(str(1e9 + LIVE_THREAD_SECONDS + 1), encoding="ascii")
        assert await service.live_thread(GUILD, passage) is None


async def test_a_quote_not_in_the_work_is_not_found(database_target: Path | str, tmp_path: Path) -> None:
    async with Database.opened(database_target) as database:
        service = DiscussionService(Library(database), database, clock_at(tmp_path, 1e9))
        with pytest.raises(QuoteNotFound, match="couldn't find"):
            await service.find("It was the best of times, it was the worst of times", slug=None, guild_id=GUILD)


async def test_once_readers_vote_the_best_loved_passage_not_yet_discussed_comes_first(
    database_target: Path | str, tmp_path: Path
) -> None:
    async with Database.opened(database_target) as database:
        clock = clock_at(tmp_path, 1e9)
        service = DiscussionService(Library(database), database, clock, random.Random(7))
        loved = (await service.find("Stiles became a hunter", slug=None, guild_id=GUILD)).paragraph
        liked = (await service.find("I'm looking for the Stilinskis", slug=None, guild_id=GUILD)).paragraph
        assert loved.id is not None and liked.id is not None and loved.id != liked.id
        registry, ledger = PassageMessages(database, clock), ReactionLedger(database, clock)
        order = EventOrder(await ledger.next_generation())
        for message_id, passage, readers in ((501, loved, 3), (502, liked, 1)):
            await registry.record(
                message_id=message_id, channel_id=1, guild_id=GUILD, passage_id=passage.id, kind=MessageKind.QUOTE
            )
            for reader in range(readers):
                await ledger.record(ReactionEvent(VoteKey(message_id, 10 + reader, "⭐"), True, order.next()))
        first = await service.pick(slug=None, guild_id=GUILD)
        assert first.paragraph.id == loved.id
        await service.record(guild_id=GUILD, channel_id=1, passage_id=loved.id, message_id=1, origin="daily")
        assert (await service.pick(slug=None, guild_id=GUILD)).paragraph.id == liked.id
        await service.record(guild_id=GUILD, channel_id=1, passage_id=liked.id, message_id=2, origin="daily")
        other = await service.pick(slug=None, guild_id=GUILD)  # every loved passage discussed: a random good one
        assert other.paragraph.id not in (loved.id, liked.id) and is_good(other.paragraph)
