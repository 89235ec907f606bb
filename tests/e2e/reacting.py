"""Helpers for the reaction tests: readers, /quote replies, the hall-of-fame setup, waiting for hall posts."""

from __future__ import annotations

from typing import Any

from fake_discord import payloads
from fake_discord.harness import Harness
from fake_discord.payloads import JSON, Person
from fake_discord.server import RecordedRequest

HALL_CHANNEL_ID = payloads.HALL_CHANNEL_ID
HALL_POSTS = rf"/channels/{HALL_CHANNEL_ID}/messages"
READERS = tuple(Person(1_300_000_000_000_002_000 + n, f"reader{n}") for n in range(12))


async def quote_reply(folio: Harness, text: str = "Stiles knows that.", user: Person = payloads.ALICE) -> JSON:
    """Run /quote; the reply message as the fake keeps it (its id is what readers react to)."""
    callback = await folio.interact(payloads.slash_command("quote", {"text": text}, user=user))
    return callback.response["resource"]["message"]


async def setup_hall(folio: Harness, *, user: Person = payloads.MOD, **options: Any) -> JSON:
    """/halloffame setup in the hall channel; returns the bot's callback body."""
    hall = payloads.text_channel(HALL_CHANNEL_ID, "hall-of-fame")
    command = payloads.slash_command("halloffame setup", options, user=user, channels={"channel": hall})
    return (await folio.interact(command)).json


async def next_hall_post(folio: Harness, since: int, timeout: float = 10.0) -> RecordedRequest:
    """The next hall-of-fame post, once the bot has recorded it (so reactions on it count)."""
    post = await folio.fake.wait_for_request("POST", HALL_POSTS, since=since, timeout=timeout)
    await folio.bot.wait_for_log(f"Hall of fame: message \\d+ posted as {post.response['id']}", timeout=timeout)
    return post


async def next_hall_edit(folio: Harness, post_id: str, since: int, timeout: float = 10.0) -> RecordedRequest:
    return await folio.fake.wait_for_request("PATCH", rf"{HALL_POSTS}/{post_id}", since=since, timeout=timeout)
