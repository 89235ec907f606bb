"""Per-server configuration: the moderator role, capability switches, and the audit log of changes.

Every change is written with its audit entry in one transaction, and the entry's
old value is read inside that transaction, so two moderators changing the same
setting at once are recorded in the order they landed.
"""

from __future__ import annotations

from datetime import datetime

from bot.config.audit import AuditEntry
from bot.config.capabilities import ServerConfig
from bot.config.changes import MODERATOR_ROLE, switch_text
from bot.storage.database import Database, Row, Session

SERVER_WIDE_CHANNEL = 0
"""`channel_id` of a switch for the whole server (no Discord id is 0)."""
AUDIT_COLUMNS = "guild_id, user_id, setting, old_value, new_value, changed_at, channel_id"


class ServerConfigStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def load(self, guild_id: int) -> ServerConfig:
        """Everything a server set (an empty config if it set nothing)."""
        async with self._database.reader() as db:
            role = await db.fetch_one("SELECT moderator_role_id FROM guild_settings WHERE guild_id = ?", (guild_id,))
            switches = await db.fetch_all(
                "SELECT channel_id, capability, enabled FROM capability_switches WHERE guild_id = ?", (guild_id,)
            )
        server: dict[str, bool] = {}
        channels: dict[int, dict[str, bool]] = {}
        for channel_id, capability, enabled in switches:
            target = server if channel_id == SERVER_WIDE_CHANNEL else channels.setdefault(channel_id, {})
            target[capability] = bool(enabled)
        return ServerConfig(guild_id, role[0] if role else None, server, channels)

    async def switch_capability(
        self,
        guild_id: int,
        capability: str,
        enabled: bool | None,
        *,
        channel_id: int | None,
        user_id: int,
        at: datetime,
    ) -> AuditEntry:
        """Set (or, with `enabled` None, remove) a switch; returns the recorded change."""
        channel = channel_id or SERVER_WIDE_CHANNEL
        key = (guild_id, channel, capability)
        async with self._database.transaction() as db:
            row = await db.fetch_one(
                "SELECT enabled FROM capability_switches WHERE guild_id = ? AND channel_id = ? AND capability = ?", key
            )
            if enabled is None:
                await db.execute(
                    "DELETE FROM capability_switches WHERE guild_id = ? AND channel_id = ? AND capability = ?", key
                )
            else:
                await db.execute(
                    "INSERT INTO capability_switches (guild_id, channel_id, capability, enabled) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (guild_id, channel_id, capability) DO UPDATE SET enabled = excluded.enabled",
                    (*key, int(enabled)),
                )
            old = switch_text(bool(row[0]) if row else None)
            entry = AuditEntry(guild_id, user_id, capability, old, switch_text(enabled), at, channel_id)
            await _record(db, entry)
        return entry

    async def set_moderator_role(self, guild_id: int, role_id: int | None, *, user_id: int, at: datetime) -> AuditEntry:
        async with self._database.transaction() as db:
            row = await db.fetch_one("SELECT moderator_role_id FROM guild_settings WHERE guild_id = ?", (guild_id,))
            await db.execute(
                "INSERT INTO guild_settings (guild_id, moderator_role_id) VALUES (?, ?)"
                " ON CONFLICT (guild_id) DO UPDATE SET moderator_role_id = excluded.moderator_role_id",
                (guild_id, role_id),
            )
            old = _text(row[0] if row else None)
            entry = AuditEntry(guild_id, user_id, MODERATOR_ROLE, old, _text(role_id), at)
            await _record(db, entry)
        return entry

    async def record(self, entry: AuditEntry) -> None:
        """Record a change made elsewhere (the default work is changed through the library)."""
        async with self._database.transaction() as db:
            await _record(db, entry)

    async def recent_changes(self, guild_id: int, limit: int, *, skip: int = 0) -> list[AuditEntry]:
        """The server's changes, newest first: `limit` of them, after the newest `skip`."""
        rows = await self._database.fetch_all(
            f"SELECT {AUDIT_COLUMNS} FROM config_audit WHERE guild_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
            (guild_id, limit, skip),
        )
        return [_entry_from_row(row) for row in rows]


async def _record(db: Session, entry: AuditEntry) -> None:
    await db.execute(
        f"INSERT INTO config_audit ({AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entry.guild_id,
            entry.user_id,
            entry.setting,
            entry.old_value,
            entry.new_value,
            entry.changed_at.isoformat(),
            entry.channel_id,
        ),
    )


def _entry_from_row(row: Row) -> AuditEntry:
    guild_id, user_id, setting, old, new, changed_at, channel_id = row
    return AuditEntry(guild_id, user_id, setting, old, new, datetime.fromisoformat(changed_at), channel_id)


def _text(value: int | None) -> str | None:
    return None if value is None else str(value)
