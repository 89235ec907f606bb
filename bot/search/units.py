"""A work's sentences as rescoring sees them, kept in memory with the work in use.

The database's full-text index still picks which sentences hold a query's words;
with the sentences' texts and terms at hand, a lookup asks it only for their ids
(unranked, far cheaper than ranking every match by BM25) and ranks them itself
with the query's own term weights (:func:`bot.search.scoring.bag_credit`), and
the sentence after a candidate is one step away rather than another query.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from bot.search.scoring import Unit

UNIT_OVERHEAD_BYTES = 200
"""A unit's own objects (the dataclass, its tuple and its place in the dicts), for the cache's budget."""


class WorkUnits:
    """The sentences of one work, in the work's order, by key."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self._units = list(units)
        self._position = {unit.key: position for position, unit in enumerate(self._units)}

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[int, str, str]]) -> WorkUnits:
        """From (key, text, space-separated terms) rows in the work's order; equal terms share one string."""
        shared: dict[str, str] = {}
        return cls(
            Unit(key, text, tuple(shared.setdefault(t, t) for t in terms.split())) for key, text, terms in rows
        )

    def __len__(self) -> int:
        return len(self._units)

    def among(self, keys: Iterable[int]) -> list[Unit]:
        """The units with these keys (those the work has), in the order given."""
        position = self._position
        return [self._units[position[key]] for key in keys if key in position]

    def terms_of(self, keys: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """The terms of the units with these keys (those the work has), by key, as
        :meth:`bot.storage.quote_index.QuoteIndexStore.terms_of` reads them."""
        position, units = self._position, self._units
        return {key: units[position[key]].terms for key in keys if key in position}

    def following(self, unit: Unit) -> Unit | None:
        """The unit after `unit` in the work (``None`` after the last or for a unit not of this work)."""
        position = self._position.get(unit.key)
        if position is None or position + 1 >= len(self._units):
            return None
        return self._units[position + 1]

    def estimated_bytes(self) -> int:
        """Roughly what the units take in memory: their texts, term references and objects."""
        pointer = 8
        return sum(
            sys.getsizeof(unit.text) + pointer * len(unit.terms) + UNIT_OVERHEAD_BYTES for unit in self._units
        )
