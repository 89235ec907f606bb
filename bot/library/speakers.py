"""Each work's characters and attribution, as the import stored them: read, decoded off the event loop, kept.

The import worker works them out once (:func:`bot.library.preparation.prepare_work`) and stores them
beside the work, so the bot never attributes a novel on first use. A work stored before attribution
was (an older Folio, until :meth:`~bot.library.intake.WorkIntake.upgrade_works` prepares it again) is
worked out once here and stored. Decoded results of the works used last are kept: a miss costs a
read and a decode (tens of milliseconds for a novel), not an attribution (seconds).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from bot.attribution.stored import decode, encode
from bot.errors import UnknownWork
from bot.storage.attribution import AttributionRepository
from bot.storage.records import WorkRecord
from bot.text.ingest import WorkSpeakers, attribute_work

DECODED_WORKS = 16
"""Works whose decoded attribution is kept in memory (a novel's: a few megabytes)."""


class StoredSpeakers:
    """Each work's :class:`~bot.text.ingest.WorkSpeakers`, read from storage, keyed by work id and
    content hash (a replaced text has its own)."""

    def __init__(self, repository: AttributionRepository, capacity: int = DECODED_WORKS) -> None:
        self._repository = repository
        self._capacity = capacity
        self._entries: OrderedDict[tuple[int, str], WorkSpeakers] = OrderedDict()
        self._locks: dict[tuple[int, str], asyncio.Lock] = {}

    async def get(self, record: WorkRecord, source_text: Callable[[int], Awaitable[str | None]]) -> WorkSpeakers:
        key = (record.id, record.content_hash)
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            if key not in self._entries:
                self._entries[key] = await self._read(record, source_text)
                while len(self._entries) > self._capacity:
                    self._entries.popitem(last=False)
            self._entries.move_to_end(key)
        self._locks.pop(key, None)
        return self._entries[key]

    async def _read(self, record: WorkRecord, source_text: Callable[[int], Awaitable[str | None]]) -> WorkSpeakers:
        data = await self._repository.load(record.id, record.content_hash)
        found = await asyncio.to_thread(decode, data) if data is not None else None
        if found is not None:
            return found
        text = await source_text(record.id)
        if text is None:
            raise UnknownWork(record.slug)
        found = await asyncio.to_thread(attribute_work, text)
        await self._repository.save(record.id, record.content_hash, await asyncio.to_thread(encode, found))
        return found
