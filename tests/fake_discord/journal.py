"""An append-only, awaitable log: the fake's record of what the bot sent it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Journal(Generic[T]):
    """Items in arrival order, with a way to wait for one that matches.

    Positions are stable: ``mark()`` returns the index the next item will get, so
    ``wait_for(..., since=mark)`` only considers what arrived after the mark.
    """

    def __init__(self) -> None:
        self.items: list[T] = []
        self._grew = asyncio.Event()

    def __len__(self) -> int:
        return len(self.items)

    def mark(self) -> int:
        """The index the next item will have."""
        return len(self.items)

    def matching(self, predicate: Callable[[T], bool], *, since: int = 0) -> list[T]:
        """Every item from ``since`` on that satisfies ``predicate``."""
        return [item for item in self.items[since:] if predicate(item)]

    def append(self, item: T) -> None:
        """Record ``item`` and wake whoever waits."""
        self.items.append(item)
        self._grew.set()
        self._grew = asyncio.Event()

    async def wait_for(self, predicate: Callable[[T], bool], *, since: int, timeout: float) -> T:
        """The first item from ``since`` on that satisfies ``predicate``.

        Raises ``TimeoutError`` if none arrives within ``timeout`` seconds.
        """
        async with asyncio.timeout(timeout):
            while not (found := self.matching(predicate, since=since)):
                await self._grew.wait()
        return found[0]
