"""In-process discord.py clients connected to a FakeDiscord, for testing the fake itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import discord
import yarl

from . import payloads
from .payloads import JSON
from .server import FakeDiscord

ANYTHING: JSON = {
    "name": "anything",
    "description": "Stands for any command",
    "type": 1,
    "options": [{"type": 3, "name": "text", "description": "Any text", "required": False, "autocomplete": True}],
}
"""A command schema with one optional, autocompleted string option ``text``."""


@asynccontextmanager
async def connected(fake: FakeDiscord, client: discord.Client, *, timeout: float = 10.0) -> AsyncIterator[None]:
    """Run ``client`` against ``fake`` until exit, once it is ready.

    discord.py's endpoints are global, so they point at the fake only meanwhile.
    """
    base, gateway = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        async with client:
            running = asyncio.create_task(client.start(payloads.BOT_TOKEN))
            async with asyncio.timeout(timeout):
                await client.wait_until_ready()
            yield
            await client.close()
            await running
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


@dataclass
class Receiver:
    """An in-process client that hands each interaction it receives to the test, unanswered."""

    client: discord.Client
    received: asyncio.Queue[discord.Interaction] = field(default_factory=asyncio.Queue)

    async def receive(self, fake: FakeDiscord, payload: JSON, *, validate: bool = True) -> discord.Interaction:
        """Dispatch ``payload`` (see :meth:`FakeDiscord.dispatch`) and return it as the client got it."""
        await fake.dispatch("INTERACTION_CREATE", payload, validate=validate)
        async with asyncio.timeout(5):
            while (interaction := await self.received.get()).id != int(payload["id"]):
                pass
        return interaction


@asynccontextmanager
async def receiving(fake: FakeDiscord, commands: Sequence[JSON] = (ANYTHING,)) -> AsyncIterator[Receiver]:
    """A connected :class:`Receiver` that synced ``commands`` to the fake guild, as a bot would."""
    receiver = Receiver(discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.1))

    async def on_interaction(interaction: discord.Interaction) -> None:
        await receiver.received.put(interaction)

    receiver.client.event(on_interaction)
    async with connected(fake, receiver.client):
        http: Any = receiver.client.http
        await http.bulk_upsert_guild_commands(payloads.APPLICATION_ID, fake.guild_id, list(commands))
        yield receiver
