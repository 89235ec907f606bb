"""The works a process keeps in memory: least recently used first out, within a byte budget."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from bot.library.views import WorkView
from bot.storage.records import WorkRecord


@dataclass(slots=True)
class CacheStats:
    loads: int = 0
    evictions: int = 0


class WorkCache:
    """Work views by work id; a view whose work's record changed since (new text, parser or title) is a miss.

    The budget counts each view's estimated size; the view in use is always
    kept, even alone over budget, so a lookup never loads its work twice.
    """

    def __init__(self, budget_bytes: int) -> None:
        self.budget_bytes = budget_bytes
        self.stats = CacheStats()
        self._views: OrderedDict[int, WorkView] = OrderedDict()
        self._bytes: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._views)

    @property
    def used_bytes(self) -> int:
        return sum(self._bytes.values())

    def get(self, record: WorkRecord) -> WorkView | None:
        """The view of ``record``'s work, unless its record changed since (a new text, parser or title, or
        the work removed and added again under a reused id: SQLite may give a new work the id of the last
        one removed)."""
        view = self._views.get(record.id)
        if view is None:
            return None
        if view.record != record:
            self.discard(record.id)
            return None
        self._views.move_to_end(record.id)
        return view

    def put(self, view: WorkView) -> None:
        work_id = view.record.id
        self._views[work_id] = view
        self._views.move_to_end(work_id)
        self._bytes[work_id] = view.estimated_bytes()
        self.stats.loads += 1
        while self.used_bytes > self.budget_bytes and len(self._views) > 1:
            oldest = next(iter(self._views))
            self.discard(oldest)
            self.stats.evictions += 1

    def discard(self, work_id: int) -> None:
        self._views.pop(work_id, None)
        self._bytes.pop(work_id, None)
