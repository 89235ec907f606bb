"""Helpers for the reaction tests: readers, /quote replies, the hall-of-fame setup, waiting for hall posts."""

from __future__ import annotations

from typing import Any

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON, Person
from tests.fake_discord.server import RecordedRequest

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


def passage_of(reply: JSON) -> int:
    """The passage id a /quote reply or page shows (its footer ends with "passage N")."""
    return int(reply["embeds"][0]["footer"]["text"].rsplit(" ", 1)[1])


async def command(folio: Harness, name: str, user: Person = payloads.ALICE, **options: Any) -> RecordedRequest:
    return await folio.interact(payloads.slash_command(name, options, user=user))


async def top_list(folio: Harness, **options: Any) -> str:
    """The first page of /passage top, as text."""
    callback = await command(folio, "passage top", **options)
    data = callback.json["data"]
    return data["embeds"][0]["description"] if data.get("embeds") else data["content"]


async def react(folio: Harness, message_id: str, emoji: str, person: Person, *, added: bool = True) -> None:
    """``person`` reacts (or takes it back), and the bot has handled the event when this returns."""
    since = folio.bot.lines.mark()
    change = folio.fake.react if added else folio.fake.unreact
    assert await change(message_id, emoji, person)
    await handled(folio, message_id, person, since, added=added)


async def unreact(folio: Harness, message_id: str, emoji: str, person: Person) -> None:
    await react(folio, message_id, emoji, person, added=False)


async def handled(folio: Harness, message_id: str, person: Person, since: int, *, added: bool = True) -> None:
    """Wait until the bot has logged a reaction event from line ``since`` on."""
    action = "added" if added else "removed"
    await folio.bot.wait_for_log(f"Reaction {action} on {message_id} by {person.id} ", since=since, timeout=10)


async def dispatch_reaction(folio: Harness, event: str, data: JSON) -> None:
    """Forge a reaction event (a duplicate, a late one) and wait for the bot to handle it."""
    since = folio.bot.lines.mark()
    await folio.fake.dispatch(event, data)
    action = "added" if event.endswith("ADD") else "removed"
    await folio.bot.wait_for_log(f"Reaction {action} on {data['message_id']} by {data['user_id']} ", since=since)
