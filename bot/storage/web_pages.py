"""Which servers publish a public web page, under which token, and who asked not to be shown on it.

A page exists while its row does: :meth:`WebPages.unpublish` deletes it (its URL then
answers 404) and a later :meth:`WebPages.publish` stores a new token, so an old link
never comes back to life.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bot.clock import Clock
from bot.storage.database import Database

TOKEN_BYTES = 18
"""Random bytes in a token: 24 URL-safe characters, 144 bits."""


@dataclass(frozen=True, slots=True)
class PublishedPage:
    guild_id: int
    token: str
    guild_name: str


def new_token() -> str:
    """An unguessable page token (``secrets.token_urlsafe``: letters, digits, ``-`` and ``_``)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


class WebPages:
    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock

    async def publish(self, guild_id: int, guild_name: str) -> PublishedPage:
        """Publish a server's page under a new token (replacing any it had)."""
        token = new_token()
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO web_pages (guild_id, token, guild_name, published_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET token = excluded.token, guild_name = excluded.guild_name,"
                " published_at = excluded.published_at",
                (guild_id, token, guild_name, self._clock.timestamp()),
            )
        return PublishedPage(guild_id, token, guild_name)

    async def unpublish(self, guild_id: int) -> bool:
        """Take a server's page down; False if it had none."""
        async with self._database.transaction() as db:
            row = await db.fetch_one("DELETE FROM web_pages WHERE guild_id = ? RETURNING guild_id", (guild_id,))
        return row is not None

    async def rename(self, guild_id: int, guild_name: str) -> bool:
        """The server's new name on its page; False if it has none."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "UPDATE web_pages SET guild_name = ? WHERE guild_id = ? RETURNING guild_id", (guild_name, guild_id)
            )
        return row is not None

    async def of_guild(self, guild_id: int) -> PublishedPage | None:
        row = await self._database.fetch_one(
            "SELECT guild_id, token, guild_name FROM web_pages WHERE guild_id = ?", (guild_id,)
        )
        return PublishedPage(*row) if row else None

    async def of_token(self, token: str) -> PublishedPage | None:
        row = await self._database.fetch_one(
            "SELECT guild_id, token, guild_name FROM web_pages WHERE token = ?", (token,)
        )
        return PublishedPage(*row) if row else None

    async def hide_member(self, guild_id: int, user_id: int) -> bool:
        """Show this member as "a reader" on the server's page; False if they already asked."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "INSERT INTO web_hidden_members (guild_id, user_id, hidden_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING user_id",
                (guild_id, user_id, self._clock.timestamp()),
            )
        return row is not None

    async def show_member(self, guild_id: int, user_id: int) -> bool:
        """Show this member by name again; False if they were not hidden."""
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "DELETE FROM web_hidden_members WHERE guild_id = ? AND user_id = ? RETURNING user_id",
                (guild_id, user_id),
            )
        return row is not None

    async def hidden_members(self, guild_id: int) -> frozenset[int]:
        rows = await self._database.fetch_all(
            "SELECT user_id FROM web_hidden_members WHERE guild_id = ?", (guild_id,)
        )
        return frozenset(row[0] for row in rows)
