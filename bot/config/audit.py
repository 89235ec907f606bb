"""The record of every configuration change: who changed which setting, from what to what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change. Values are as /config shows them: ``on``/``off``/``default``, a role id, a work's slug.

    ``None`` for a value means "not set" (the default); ``channel_id`` is set for a channel's override.
    """

    guild_id: int
    user_id: int
    setting: str
    old_value: str | None
    new_value: str | None
    changed_at: datetime
    channel_id: int | None = None

    @property
    def changed(self) -> bool:
        return self.old_value != self.new_value
