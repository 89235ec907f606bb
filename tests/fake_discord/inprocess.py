"""An in-process discord.py client connected to a FakeDiscord, for testing the fake itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import discord
import yarl

from . import payloads
from .server import FakeDiscord


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
