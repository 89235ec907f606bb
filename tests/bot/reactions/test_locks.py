"""One lock per message."""

import asyncio

from bot.reactions.locks import KeyedLocks


async def test_keyed_locks_serialise_one_key_and_forget_it_after() -> None:
    locks, inside, most = KeyedLocks(), 0, 0

    async def work(key: int) -> None:
        nonlocal inside, most
        async with locks.hold(key):
            inside += 1
            most = max(most, inside)
            await asyncio.sleep(0)
            inside -= 1

    await asyncio.gather(*(work(1) for _ in range(5)))
    assert most == 1 and len(locks) == 0
