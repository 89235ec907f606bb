"""The passage-message registry, the reaction ledger and hall-of-fame entries, on SQLite or PostgreSQL."""

import asyncio
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.reactions.hall import EntryState, HallConfig
from bot.reactions.votes import EventOrder, ReactionEvent, VoteKey
from bot.storage.database import Database
from bot.storage.hall_of_fame import HallOfFame
from bot.storage.passage_messages import MessageKind, PassageMessages
from bot.storage.reactions import ReactionLedger

GUILD, CHANNEL, HALL_CHANNEL = 1, 2, 3
READER = 500


class StillClock:
    def timestamp(self) -> float:
        return datetime(2026, 11, 30, tzinfo=UTC).timestamp()

    def now(self) -> datetime:
        return datetime(2026, 11, 30, tzinfo=UTC)


@pytest.fixture
async def database(database_target: Path | str):
    db = await Database.open(database_target)
    yield db
    await db.close()


async def show(database: Database, message_id: int, passage_id: int = 7, kind: MessageKind = MessageKind.QUOTE) -> None:
    await PassageMessages(database, StillClock()).record(
        message_id=message_id,
        channel_id=CHANNEL,
        guild_id=GUILD,
        passage_id=passage_id,
        kind=kind,
        requested_by=READER,
    )


async def test_the_registry_remembers_what_a_message_shows_now(database: Database) -> None:
    registry = PassageMessages(database, StillClock())
    await show(database, 100, passage_id=7)
    await show(database, 100, passage_id=8, kind=MessageKind.NAVIGATION)
    shown = await registry.get(100)
    assert shown is not None and (shown.passage_id, shown.kind, shown.requested_by) == (
        8,
        MessageKind.NAVIGATION,
        READER,
    )
    assert shown.shown_at == StillClock().now()
    assert await registry.get(101) is None
    await registry.record(message_id=102, channel_id=1, guild_id=None, passage_id=7, kind=MessageKind.QUOTE)
    assert await registry.get(102) is None  # a direct message: reactions count in servers only


async def test_reactions_on_unknown_messages_are_not_logged(database: Database) -> None:
    ledger = ReactionLedger(database, StillClock())
    assert await ledger.record(ReactionEvent(VoteKey(999, 1, "⭐"), True, 1)) is None


async def test_concurrent_shuffled_duplicated_events_give_exact_counts(database: Database) -> None:
    ledger = ReactionLedger(database, StillClock())
    order = EventOrder(await ledger.next_generation())
    for message_id in (100, 101):
        await show(database, message_id)
    rng = random.Random(3)
    keys = [VoteKey(m, u, e) for m in (100, 101) for u in range(1, 6) for e in ("⭐", "❤")]
    events = [ReactionEvent(rng.choice(keys), rng.random() < 0.6, order.next()) for _ in range(300)]
    truth = {event.key: event.added for event in events}
    delivered = events + rng.sample(events, 60)
    rng.shuffle(delivered)
    await asyncio.gather(*(ledger.record(event) for event in delivered))
    for message_id in (100, 101):
        expected = {
            e: sum(1 for k, on in truth.items() if on and k.message_id == message_id and k.emoji == e)
            for e in ("⭐", "❤")
        }
        assert dict(await ledger.counts(message_id)) == {e: n for e, n in expected.items() if n}
        stored = await ledger.stored_votes(message_id)
        assert stored == {k: on for k, on in truth.items() if k.message_id == message_id}


async def test_own_request_votes_follow_the_server_setting(database: Database) -> None:
    ledger = ReactionLedger(database, StillClock())
    await show(database, 100)
    for user, order in ((READER, 1), (2, 2)):
        await ledger.record(ReactionEvent(VoteKey(100, user, "⭐"), True, order))
    assert await ledger.voters(100, ("⭐",)) == 2 and await ledger.count_own_requests(GUILD)
    await ledger.set_count_own_requests(GUILD, False)
    assert await ledger.voters(100, ("⭐",)) == 1 and (await ledger.counts(100))["⭐"] == 1


async def test_a_restart_orders_after_the_last_process(database: Database) -> None:
    ledger = ReactionLedger(database, StillClock())
    first, second = await ledger.next_generation(), await ledger.next_generation()
    assert second == first + 1


async def test_votes_on_the_hall_copy_count_for_the_original(database: Database) -> None:
    ledger, hall = ReactionLedger(database, StillClock()), HallOfFame(database, StillClock())
    await show(database, 100)
    assert await hall.claim(100, GUILD, HALL_CHANNEL)
    await hall.update(100, EntryState.POSTED, 3, hall_message_id=200)
    await show(database, 200, kind=MessageKind.HALL_OF_FAME)
    await ledger.record(ReactionEvent(VoteKey(100, 1, "⭐"), True, 1))
    target = await ledger.record(ReactionEvent(VoteKey(200, 1, "⭐"), True, 2))  # the same person, on the copy
    await ledger.record(ReactionEvent(VoteKey(200, 2, "⭐"), True, 3))
    assert target is not None and target.message_id == 100
    assert await ledger.voters(100, ("⭐",)) == 2


async def test_one_batch_of_events_on_originals_copies_and_other_messages(database: Database) -> None:
    """Events recorded together are written together; each handler gets its own message's target."""
    ledger, hall = ReactionLedger(database, StillClock()), HallOfFame(database, StillClock())
    await show(database, 100)
    await show(database, 101, passage_id=9)
    assert await hall.claim(100, GUILD, HALL_CHANNEL)
    await hall.update(100, EntryState.POSTED, 3, hall_message_id=200)
    await show(database, 200, kind=MessageKind.HALL_OF_FAME)
    messages = [100, 200, 101, 999] * 5
    events = [ReactionEvent(VoteKey(m, user, "⭐"), True, user) for user, m in enumerate(messages, start=1)]
    targets = await asyncio.gather(*(ledger.record(event) for event in events))
    assert [t and (t.message_id, t.passage_id) for t in targets] == [(100, 7), (100, 7), (101, 9), None] * 5
    row = await database.fetch_one("SELECT COUNT(*) FROM reaction_events")
    assert row is not None and row[0] == 15
    assert await ledger.voters(100, ("⭐",)) == 10 and await ledger.voters(101, ("⭐",)) == 5


async def test_only_one_claim_wins_and_deleted_entries_stay_ended(database: Database) -> None:
    hall = HallOfFame(database, StillClock())
    claims = await asyncio.gather(*(hall.claim(100, GUILD, HALL_CHANNEL) for _ in range(8)))
    assert claims.count(True) == 1
    await hall.update(100, EntryState.POSTED, 3, hall_message_id=200)
    ended = await hall.end_for_deleted(200)
    assert ended is not None and ended.hall_message_id == 200
    entry = await hall.entry(100)
    assert entry is not None and entry.state is EntryState.HALL_DELETED
    assert not await hall.claim(100, GUILD, HALL_CHANNEL)
    assert not await hall.update(100, EntryState.POSTED, 4, hall_message_id=201)  # no resurrection
    assert await hall.end_for_deleted(100) is None  # already ended
    assert await hall.end_for_deleted(12345) is None


async def test_a_removed_entry_may_be_claimed_again_and_a_failed_post_released(database: Database) -> None:
    hall = HallOfFame(database, StillClock())
    assert await hall.claim(100, GUILD, HALL_CHANNEL)
    await hall.release(100)
    assert await hall.entry(100) is None
    assert await hall.claim(100, GUILD, HALL_CHANNEL)
    await hall.update(100, EntryState.REMOVED, 1, hall_message_id=None)
    assert await hall.claim(100, GUILD, HALL_CHANNEL)


async def test_hall_settings_round_trip(database: Database) -> None:
    hall = HallOfFame(database, StillClock())
    config = HallConfig(GUILD, HALL_CHANNEL, ("⭐", "folio:123456789012345678"), threshold=5, remove_below=2)
    await hall.configure(config)
    assert await hall.config(GUILD) == config
    assert await hall.turn_off(GUILD) and await hall.config(GUILD) is None
    assert not await hall.turn_off(GUILD)


async def test_settled_waits_for_the_messages_being_sent(database: Database) -> None:
    registry = PassageMessages(database, StillClock())
    assert registry.being_sent(300) == frozenset()
    sent, release = asyncio.Event(), asyncio.Event()

    async def send_and_record(message_id: int | None) -> None:
        async with registry.sending(message_id):
            sent.set()  # Discord shows the message; its reactions may arrive from now on
            await release.wait()
            await show(database, 300)

    sending = asyncio.create_task(send_and_record(None))
    await sent.wait()
    waiting = asyncio.create_task(registry.settled(registry.being_sent(300)))
    await asyncio.sleep(0)
    assert not waiting.done()
    release.set()
    await waiting
    assert await registry.get(300) is not None
    await sending


async def test_an_edit_of_another_message_is_not_waited_for(database: Database) -> None:
    registry = PassageMessages(database, StillClock())
    async with registry.sending(301):
        assert len(registry.being_sent(301)) == 1 and registry.being_sent(302) == frozenset()
