"""The fake answers interactions as Discord does: callbacks by interaction type, webhooks by token.

Each refusal is checked with its status and JSON code, next to the valid variant
the fake still accepts. Time is a :class:`FakeClock`, so deadlines pass at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio

from fake_discord import FakeClock, FakeDiscord
from fake_discord import payloads as p
from fake_discord.inprocess import Receiver, receiving
from fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

OK = (200, None)


@pytest.fixture(scope="module")
def clock() -> FakeClock:
    return FakeClock()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def fake(clock: FakeClock) -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord(clock=clock)
    await fake.start()
    yield fake
    await fake.close()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(fake: FakeDiscord) -> AsyncIterator[Receiver]:
    async with receiving(fake) as receiver:
        yield receiver


async def call(fake: FakeDiscord, method: str, path: str, body: JSON | None = None) -> tuple[int, int | None]:
    """Send a raw request to the fake; returns the status and Discord's error code (None if none)."""
    async with aiohttp.ClientSession() as session, session.request(method, fake.api_base + path, json=body) as answer:
        data: Any = await answer.json() if answer.content_type == "application/json" else None
        return answer.status, data.get("code") if isinstance(data, dict) else None


async def dispatched(fake: FakeDiscord, interaction: JSON) -> JSON:
    await fake.dispatch("INTERACTION_CREATE", interaction)
    return interaction


def callback(interaction: JSON) -> str:
    return f"/interactions/{interaction['id']}/{interaction['token']}/callback"


async def test_the_callback_deadline_runs_on_the_clock(fake: FakeDiscord, bot: Receiver, clock: FakeClock) -> None:
    late = await dispatched(fake, p.slash_command("anything"))
    in_time = await dispatched(fake, p.slash_command("anything"))
    clock.advance(2.9)
    assert await call(fake, "POST", callback(in_time), {"type": 5}) == OK
    clock.advance(0.2)
    assert await call(fake, "POST", callback(late), {"type": 5}) == (404, 10062)
