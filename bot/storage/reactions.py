"""The reaction log: every vote event on a passage's message, each vote's current state, and its counts.

A vote's row changes only for an event newer than the one that last wrote it
(the rule of :func:`bot.reactions.votes.apply`, applied atomically in SQL), so
duplicates, stale events and concurrent writers leave the counts exact.
Votes on a hall-of-fame copy count for the original message.

Events recorded while a write is under way are written together in the next
transaction (a group commit): a burst costs a few commits, not one per event.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass

from bot.clock import Clock
from bot.reactions.votes import ReactionEvent, VoteKey
from bot.storage.database import Database, Session

MAX_BATCH = 500
"""Most events written in one transaction."""
COUNTED = (
    "present = 1 AND (requester_id IS NULL OR user_id <> requester_id OR COALESCE("
    "(SELECT count_own_requests FROM reaction_settings s WHERE s.guild_id = reaction_votes.guild_id), 1) = 1)"
)
"""SQL: the vote is on now and counts (see :func:`bot.reactions.votes.counts_vote`)."""
UPSERT_VOTE = (
    "INSERT INTO reaction_votes (message_id, user_id, emoji, guild_id, target_message_id, passage_id,"
    " requester_id, present, event_order, voted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (message_id, user_id, emoji) DO UPDATE SET present = excluded.present,"
    " event_order = excluded.event_order,"
    " passage_id = CASE WHEN excluded.present = 1 THEN excluded.passage_id ELSE reaction_votes.passage_id END,"
    " voted_at = CASE WHEN excluded.present = 1 THEN excluded.voted_at ELSE reaction_votes.voted_at END"
    " WHERE reaction_votes.event_order < excluded.event_order"
)


@dataclass(frozen=True, slots=True)
class ReactionTarget:
    """What a reacted-to message stands for: the original message and the passage it shows."""

    message_id: int
    guild_id: int
    channel_id: int
    passage_id: int
    requested_by: int | None


class ReactionLedger:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._pending: list[tuple[ReactionEvent, asyncio.Future[ReactionTarget | None]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def next_generation(self) -> int:
        """A number no earlier process start got: the high bits of this process's event orders."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "UPDATE reaction_order SET generation = generation + 1 WHERE id = 1 RETURNING generation"
            )
        assert row is not None, "migration 7 inserts the row"
        return int(row[0])

    async def target_of(self, message_id: int) -> ReactionTarget | None:
        """The original message and passage a message's reactions count for; None if it shows no passage."""
        async with self._database.reader() as db:
            return await _target(db, message_id)

    async def record(self, event: ReactionEvent) -> ReactionTarget | None:
        """Log ``event`` and apply it to its vote; None (nothing logged) if the message shows no passage."""
        done: asyncio.Future[ReactionTarget | None] = asyncio.get_running_loop().create_future()
        self._pending.append((event, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_pending(), name="folio-reaction-writer")
        return await done

    async def _write_pending(self) -> None:
        """Write what is pending, one transaction per batch, until nothing is."""
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                async with self._database.transaction() as db:
                    targets = await _targets(db, {event.key.message_id for event, _ in batch})
                    await self._write(db, [(event, targets[event.key.message_id]) for event, _ in batch
                                           if event.key.message_id in targets])
            except Exception as error:  # each waiting handler sees it
                for _, done in batch:
                    if not done.done():
                        done.set_exception(error)
                continue
            for event, done in batch:  # reported only now that its batch is committed
                if not done.done():
                    done.set_result(targets.get(event.key.message_id))

    async def record_many(self, events: list[ReactionEvent], target: ReactionTarget) -> None:
        """Log and apply several events on messages standing for ``target`` (a recount), in one transaction."""
        async with self._database.transaction() as db:
            await self._write(db, [(event, target) for event in events])

    async def clear(self, message_id: int, emoji: str | None, order: int, target: ReactionTarget) -> None:
        """Remove every present vote on a message (of one emoji, if given), as of event ``order``."""
        votes = await self.stored_votes(message_id)
        cleared = [key for key, present in votes.items() if present and emoji in (None, key.emoji)]
        await self.record_many([ReactionEvent(key, False, order) for key in cleared], target)

    async def _write(self, db: Session, logged: list[tuple[ReactionEvent, ReactionTarget]]) -> None:
        """Log each event and apply it to its vote: two statements for the whole batch."""
        now = self._clock.now().isoformat()
        await db.executemany(
            "INSERT INTO reaction_events (guild_id, message_id, target_message_id, passage_id, user_id, emoji,"
            " added, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (t.guild_id, e.key.message_id, t.message_id, t.passage_id, e.key.user_id, e.key.emoji, int(e.added), now)
                for e, t in logged
            ],
        )
        await db.executemany(
            UPSERT_VOTE,
            [
                (e.key.message_id, e.key.user_id, e.key.emoji, t.guild_id, t.message_id, t.passage_id, t.requested_by,
                 int(e.added), e.order, now)
                for e, t in logged
            ],
        )

    async def stored_votes(self, message_id: int) -> dict[VoteKey, bool]:
        """Every vote ever recorded on one message, present or not."""
        rows = await self._database.fetch_all(
            "SELECT user_id, emoji, present FROM reaction_votes WHERE message_id = ?", (message_id,)
        )
        return {VoteKey(message_id, row["user_id"], row["emoji"]): bool(row["present"]) for row in rows}

    async def counts(self, target_message_id: int) -> Counter[str]:
        """Counting votes per emoji on a message and its hall copy (each person once per emoji)."""
        rows = await self._database.fetch_all(
            f"SELECT emoji, COUNT(DISTINCT user_id) FROM reaction_votes WHERE target_message_id = ? AND {COUNTED}"
            " GROUP BY emoji",
            (target_message_id,),
        )
        return Counter({row[0]: row[1] for row in rows})

    async def voters(self, target_message_id: int, emojis: tuple[str, ...]) -> int:
        """People whose counting votes on a message (or its hall copy) use any of ``emojis``."""
        marks = ", ".join("?" * len(emojis))
        row = await self._database.fetch_one(
            f"SELECT COUNT(DISTINCT user_id) FROM reaction_votes WHERE target_message_id = ? AND {COUNTED}"
            f" AND emoji IN ({marks})",
            (target_message_id, *emojis),
        )
        return int(row[0]) if row else 0

    async def count_own_requests(self, guild_id: int) -> bool:
        row = await self._database.fetch_one(
            "SELECT count_own_requests FROM reaction_settings WHERE guild_id = ?", (guild_id,)
        )
        return True if row is None else bool(row[0])

    async def set_count_own_requests(self, guild_id: int, counts: bool) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO reaction_settings (guild_id, count_own_requests) VALUES (?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET count_own_requests = excluded.count_own_requests",
                (guild_id, int(counts)),
            )


TARGET_QUERY = (
    "SELECT m.message_id, o.message_id, o.guild_id, o.channel_id, o.passage_id, o.requested_by FROM passage_messages m"
    " LEFT JOIN hall_entries h ON h.hall_message_id = m.message_id"
    " JOIN passage_messages o ON o.message_id = COALESCE(h.original_message_id, m.message_id)"
    " WHERE m.message_id IN ({})"
)


async def _target(db: Session, message_id: int) -> ReactionTarget | None:
    return (await _targets(db, {message_id})).get(message_id)


async def _targets(db: Session, message_ids: set[int]) -> dict[int, ReactionTarget]:
    """What each of the messages stands for (those showing no passage are left out)."""
    ordered = sorted(message_ids)
    rows = await db.fetch_all(TARGET_QUERY.format(", ".join("?" * len(ordered))), ordered)
    return {row[0]: ReactionTarget(row[1], row[2], row[3], row[4], row[5]) for row in rows}
