"""Speaker attribution for works in use: worked out off the event loop, kept for the works used last."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from bot.errors import UnknownWork
from bot.storage.records import WorkRecord
from bot.text.ingest import WorkSpeakers, attribute_work

CACHED_WORKS = 4
"""Works whose attribution is kept (a novel's is well under a megabyte)."""


class SpeakerCache:
    """Each work's :class:`~bot.text.ingest.WorkSpeakers`, computed once per text in a worker thread.

    Keyed by the work's id and content hash, so a replaced text is attributed again.
    """

    def __init__(self, capacity: int = CACHED_WORKS) -> None:
        self._capacity = capacity
        self._entries: OrderedDict[tuple[int, str], WorkSpeakers] = OrderedDict()
        self._locks: dict[tuple[int, str], asyncio.Lock] = {}

    async def get(
        self, record: WorkRecord, source_text: Callable[[int], Awaitable[str | None]]
    ) -> WorkSpeakers:
        key = (record.id, record.content_hash)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._entries:
                text = await source_text(record.id)
                if text is None:
                    raise UnknownWork(record.slug)
                self._entries[key] = await asyncio.to_thread(attribute_work, text)
                while len(self._entries) > self._capacity:
                    self._entries.popitem(last=False)
            self._entries.move_to_end(key)
        self._locks.pop(key, None)
        return self._entries[key]
