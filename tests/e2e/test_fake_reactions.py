"""Readers' reactions in the fake: events as Discord sends them, and the reaction users route, paged.

An in-process discord.py client reads them, so the fake is pinned to discord.py's expectations.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import discord
import pytest
import pytest_asyncio

from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.inprocess import connected

pytestmark = pytest.mark.asyncio(loop_scope="module")

READERS = [p.Person(1_300_000_000_000_001_000 + n, f"reader{n}") for n in range(130)]
FOLIO_EMOJI = {"id": "123456789012345678", "name": "folio"}


class Seen:
    def __init__(self, client: discord.Client) -> None:
        self.events: asyncio.Queue[tuple[str, discord.RawReactionActionEvent]] = asyncio.Queue()

        @client.event
        async def on_raw_reaction_add(payload: discord.RawReactionActionEvent) -> None:
            await self.events.put(("add", payload))

        @client.event
        async def on_raw_reaction_remove(payload: discord.RawReactionActionEvent) -> None:
            await self.events.put(("remove", payload))

    async def next(self) -> tuple[str, discord.RawReactionActionEvent]:
        async with asyncio.timeout(5):
            return await self.events.get()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def client(fake: FakeDiscord) -> AsyncIterator[tuple[discord.Client, Seen]]:
    client = discord.Client(intents=discord.Intents.default())
    seen = Seen(client)
    async with connected(fake, client):
        yield client, seen


async def sent_message(client: discord.Client) -> discord.Message:
    channel = client.get_channel(p.CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    return await channel.send("a passage")


async def test_a_reader_reacts_once_and_takes_it_back(fake: FakeDiscord, client: tuple[discord.Client, Seen]) -> None:
    bot, seen = client
    message = await sent_message(bot)
    assert await fake.react(message.id, "⭐", p.ALICE)
    assert not await fake.react(message.id, "⭐", p.ALICE)  # Discord keeps one per person and emoji
    kind, added = await seen.next()
    assert kind == "add" and added.user_id == p.ALICE.id and str(added.emoji) == "⭐" and added.member is not None
    assert await fake.unreact(message.id, "⭐", p.ALICE)
    assert not await fake.unreact(message.id, "⭐", p.ALICE)
    kind, removed = await seen.next()
    assert kind == "remove" and removed.user_id == p.ALICE.id and removed.member is None
    assert seen.events.empty()


async def test_reaction_users_are_listed_in_pages(fake: FakeDiscord, client: tuple[discord.Client, Seen]) -> None:
    bot, seen = client
    message = await sent_message(bot)
    for reader in reversed(READERS):
        await fake.react(message.id, FOLIO_EMOJI, reader)
    await fake.react(message.id, "⭐", p.BOB)
    await message.add_reaction("⭐")
    fetched = await message.channel.fetch_message(message.id)
    counts = {str(reaction.emoji): (reaction.count, reaction.me) for reaction in fetched.reactions}
    assert counts == {"<:folio:123456789012345678>": (130, False), "⭐": (2, True)}
    folio = next(reaction for reaction in fetched.reactions if reaction.is_custom_emoji())
    since = fake.mark()
    users = [user.id async for user in folio.users(limit=None)]
    assert sorted(users) == sorted(reader.id for reader in READERS)  # discord.py yields each page reversed
    pages = fake.requests_matching("GET", r"/channels/\d+/messages/\d+/reactions/.+", since=since)
    assert [request.query.get("limit") for request in pages] == ["100", "30"]
    assert [int(user["id"]) for user in pages[0].response] == sorted(reader.id for reader in READERS)[:100]
    assert pages[1].query["after"] == pages[0].response[-1]["id"]
    while not seen.events.empty():
        seen.events.get_nowait()


async def test_the_users_route_refuses_what_discord_refuses(
    fake: FakeDiscord, client: tuple[discord.Client, Seen]
) -> None:
    bot, _ = client
    message = await sent_message(bot)
    route = discord.http.Route(
        "GET",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}",
        channel_id=p.CHANNEL_ID,
        message_id=message.id,
        emoji="⭐",
    )
    with pytest.raises(discord.HTTPException) as too_many:
        await bot.http.request(route, params={"limit": 101})
    assert too_many.value.status == 400 and too_many.value.code == 50035
    missing = discord.http.Route(
        "GET",
        "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}",
        channel_id=p.CHANNEL_ID,
        message_id=1,
        emoji="⭐",
    )
    with pytest.raises(discord.NotFound) as unknown:
        await bot.http.request(missing)
    assert unknown.value.code == 10008
    assert await bot.http.request(route) == []
