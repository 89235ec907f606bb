"""Hall-of-fame settings per server, and its entries: one per original message, at most.

The primary key on ``original_message_id`` is what makes a post happen exactly
once: a process must :meth:`HallOfFame.claim` the entry (insert it, or take back
one that was removed or whose poster vanished) before it posts, and only one claim
can win, whichever process or task tries, on SQLite or PostgreSQL.
"""

from __future__ import annotations

from datetime import timedelta

from bot.clock import Clock
from bot.reactions.hall import (
    FINAL_STATES,
    BelowAction,
    EntryState,
    HallConfig,
    HallEntry,
)
from bot.storage.database import Database, Row

STALE_CLAIM = timedelta(minutes=2)
"""A claim older than this whose post never landed (its process died) may be taken over."""
ENTRY_COLUMNS = "original_message_id, hall_channel_id, hall_message_id, state, shown_count"


class HallOfFame:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def config(self, guild_id: int) -> HallConfig | None:
        row = await self._database.fetch_one(
            "SELECT guild_id, channel_id, emojis, threshold, remove_below, below_action FROM hall_of_fame"
            " WHERE guild_id = ?",
            (guild_id,),
        )
        if row is None:
            return None
        return HallConfig(
            guild_id=row["guild_id"],
            channel_id=row["channel_id"],
            emojis=tuple(row["emojis"].split()),
            threshold=row["threshold"],
            remove_below=row["remove_below"],
            below_action=BelowAction(row["below_action"]),
        )

    async def configure(self, config: HallConfig) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO hall_of_fame (guild_id, channel_id, emojis, threshold, remove_below, below_action)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id,"
                " emojis = excluded.emojis, threshold = excluded.threshold, remove_below = excluded.remove_below,"
                " below_action = excluded.below_action",
                (
                    config.guild_id,
                    config.channel_id,
                    " ".join(config.emojis),
                    config.threshold,
                    config.remove_below,
                    str(config.below_action),
                ),
            )

    async def turn_off(self, guild_id: int) -> bool:
        """Stop the hall of fame (its posts and entries stay); False if it was not on."""
        async with self._database.transaction() as db:
            row = await db.fetch_one("DELETE FROM hall_of_fame WHERE guild_id = ? RETURNING guild_id", (guild_id,))
        return row is not None

    async def entry(self, original_message_id: int) -> HallEntry | None:
        row = await self._database.fetch_one(
            f"SELECT {ENTRY_COLUMNS} FROM hall_entries WHERE original_message_id = ?", (original_message_id,)
        )
        return entry_from_row(row) if row else None

    async def claim(self, original_message_id: int, guild_id: int, hall_channel_id: int) -> bool:
        """Take the right to post this message to the hall; False if another task or process holds it."""
        now = self._clock.now()
        stale = (now - STALE_CLAIM).isoformat()
        async with self._database.transaction() as db:
            inserted = await db.fetch_one(
                "INSERT INTO hall_entries (original_message_id, guild_id, hall_channel_id, state, claimed_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (original_message_id) DO NOTHING RETURNING original_message_id",
                (original_message_id, guild_id, hall_channel_id, str(EntryState.POSTING), now.isoformat()),
            )
            if inserted is not None:
                return True
            retaken = await db.fetch_one(
                "UPDATE hall_entries SET state = ?, claimed_at = ?, hall_channel_id = ?, hall_message_id = NULL"
                " WHERE original_message_id = ? AND (state = ? OR (state = ? AND claimed_at < ?))"
                " RETURNING original_message_id",
                (
                    str(EntryState.POSTING),
                    now.isoformat(),
                    hall_channel_id,
                    original_message_id,
                    str(EntryState.REMOVED),
                    str(EntryState.POSTING),
                    stale,
                ),
            )
        return retaken is not None

    async def release(self, original_message_id: int) -> None:
        """Give up a claim whose post could not be sent (the channel is gone or closed to Folio)."""
        async with self._database.transaction() as db:
            await db.execute(
                "DELETE FROM hall_entries WHERE original_message_id = ? AND state = ?",
                (original_message_id, str(EntryState.POSTING)),
            )

    async def update(
        self, original_message_id: int, state: EntryState, shown_count: int, hall_message_id: int | None
    ) -> bool:
        """Record the entry's new state, its post and the count it shows; False if the entry has ended
        meanwhile (its original or post was deleted: the caller's fresh post must go too)."""
        finals = [str(final) for final in FINAL_STATES]
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "UPDATE hall_entries SET state = ?, shown_count = ?, hall_message_id = ?"
                " WHERE original_message_id = ? AND state NOT IN (?, ?) RETURNING original_message_id",
                (str(state), shown_count, hall_message_id, original_message_id, *finals),
            )
        return row is not None

    async def end_for_deleted(self, message_id: int) -> HallEntry | None:
        """A deleted message ends its entry for good: as the original, or as the hall post.

        Returns the entry as it was (its hall post may need taking down), or None if the
        message was neither, or the entry had already ended.
        """
        query = f"SELECT {ENTRY_COLUMNS} FROM hall_entries WHERE original_message_id = ? OR hall_message_id = ?"
        row = await self._database.fetch_one(query, (message_id, message_id))  # most deleted messages are neither
        if row is None or entry_from_row(row).state in FINAL_STATES:
            return None
        entry = entry_from_row(row)
        ended = EntryState.ORIGINAL_DELETED if entry.original_message_id == message_id else EntryState.HALL_DELETED
        finals = [str(final) for final in FINAL_STATES]
        async with self._database.transaction() as db:
            changed = await db.fetch_one(
                "UPDATE hall_entries SET state = ? WHERE original_message_id = ? AND state NOT IN (?, ?)"
                " RETURNING original_message_id",
                (str(ended), entry.original_message_id, *finals),
            )
        return entry if changed else None


def entry_from_row(row: Row) -> HallEntry:
    return HallEntry(
        original_message_id=row["original_message_id"],
        hall_channel_id=row["hall_channel_id"],
        hall_message_id=row["hall_message_id"],
        state=EntryState(row["state"]),
        shown_count=row["shown_count"],
    )
