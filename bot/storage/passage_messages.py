"""Which Discord message shows which passage: the registry reactions are counted by.

Every feature that posts a passage records the message it sent, so readers'
reactions on it count for the passage (see :mod:`bot.reactions`)::

    shown = bot.passage_messages            # one PassageMessages per bot
    async with shown.sending():
        message = await channel.send(embed=...)
        await shown.record(
            message_id=message.id, channel_id=message.channel.id, guild_id=message.guild.id,
            passage_id=passage.id, kind=MessageKind.TRIVIA, requested_by=interaction.user.id,
        )

For an interaction reply, the message id is ``(await interaction.response.send_message(...)).message_id``.
``sending()`` covers the moment between Discord showing the message and the record
landing: a reaction arriving then waits for the sends that were under way when it
arrived (:meth:`PassageMessages.settled`), so it counts for the passage the reader
saw, not for no passage or the one the message showed before ◀ ▶.
Recording again for the same message (◀ ▶ turned it to another passage) replaces
what it shows. Messages outside a server are not recorded: reactions count in servers.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.clock import Clock
from bot.storage.database import Database, Row


class MessageKind(StrEnum):
    """What kind of post showed the passage."""

    QUOTE = "quote"
    NAVIGATION = "nav"
    HALL_OF_FAME = "halloffame"
    TRIVIA = "trivia"
    DISCUSSION = "discussion"
    PASSAGE_OF_THE_DAY = "daily"


@dataclass(frozen=True, slots=True)
class ShownPassage:
    message_id: int
    guild_id: int
    channel_id: int
    passage_id: int
    kind: MessageKind
    requested_by: int | None
    shown_at: datetime


COLUMNS = "message_id, guild_id, channel_id, passage_id, kind, requested_by, shown_at"


class PassageMessages:
    """The registry of messages showing passages (one row per message: what it shows now)."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._sending: dict[asyncio.Future[None], int | None] = {}

    @asynccontextmanager
    async def sending(self, message_id: int | None = None) -> AsyncIterator[None]:
        """Wrap sending a passage's message and recording it (see the module docstring);
        ``message_id`` when an existing message is edited to show another passage."""
        done = asyncio.get_running_loop().create_future()
        self._sending[done] = message_id
        try:
            yield
        finally:
            del self._sending[done]
            done.set_result(None)

    def being_sent(self, message_id: int) -> frozenset[asyncio.Future[None]]:
        """The sends under way now that may be of ``message_id``: new messages, and edits of it."""
        return frozenset(done for done, edited in self._sending.items() if edited in (None, message_id))

    async def settled(self, being_sent: frozenset[asyncio.Future[None]]) -> None:
        """Wait until the sends that were under way when a reaction arrived (:meth:`being_sent`) are recorded."""
        if being_sent:
            await asyncio.wait(being_sent)

    async def record(
        self,
        *,
        message_id: int,
        channel_id: int,
        guild_id: int | None,
        passage_id: int,
        kind: MessageKind,
        requested_by: int | None = None,
    ) -> None:
        """Remember that ``message_id`` now shows ``passage_id`` (``requested_by``: who asked for it, if anyone)."""
        if guild_id is None:
            return
        async with self._database.transaction() as db:
            await db.execute(
                f"INSERT INTO passage_messages ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (message_id) DO UPDATE SET passage_id = excluded.passage_id,"
                " kind = excluded.kind, requested_by = excluded.requested_by, shown_at = excluded.shown_at",
                (message_id, guild_id, channel_id, passage_id, str(kind), requested_by, self._clock.now().isoformat()),
            )

    async def get(self, message_id: int) -> ShownPassage | None:
        row = await self._database.fetch_one(
            f"SELECT {COLUMNS} FROM passage_messages WHERE message_id = ?", (message_id,)
        )
        return shown_from_row(row) if row else None


def shown_from_row(row: Row) -> ShownPassage:
    return ShownPassage(
        message_id=row["message_id"],
        guild_id=row["guild_id"],
        channel_id=row["channel_id"],
        passage_id=row["passage_id"],
        kind=MessageKind(row["kind"]),
        requested_by=row["requested_by"],
        shown_at=datetime.fromisoformat(row["shown_at"]),
    )
