"""/discuss through the fake Discord: a passage with a prompt, a thread on its message, and no second thread."""

from __future__ import annotations

import pytest

from tests.fake_discord import FakeDiscord, payloads
from tests.fake_discord.bot_process import READY_LINE
from tests.fake_discord.harness import COMMAND_SYNC, Harness, StartBot
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE = 4
EPHEMERAL = 1 << 6
THREAD_ON_MESSAGE = r"/channels/\d+/messages/\d+/threads"


def field(embed: JSON, name: str) -> str:
    return next(f["value"] for f in embed["fields"] if f["name"] == name)


async def discuss(folio: Harness, **options: str) -> tuple[JSON, JSON | None]:
    """Run /discuss; returns the callback body and the thread opened on its message (None if none)."""
    since = folio.fake.mark()
    callback = await folio.interact(payloads.slash_command("discuss", options))
    body = callback.json
    if body["data"].get("flags", 0) & EPHEMERAL:
        return body, None
    request = await folio.fake.wait_for_request("POST", THREAD_ON_MESSAGE, since=since)
    return body, request.response


async def test_a_quoted_passage_is_posted_with_a_prompt_and_a_thread_on_its_message(folio: Harness) -> None:
    body, thread = await discuss(folio, quote="Stiles became a hunter")
    assert body["type"] == MESSAGE and not body["data"].get("flags", 0) & EPHEMERAL
    [embed] = body["data"]["embeds"]
    assert "“Stiles became a hunter,” Lydia finally stated" in embed["description"]
    assert set(field(embed, "In this passage").split(", ")) == {"Lydia", "Derek", "Stiles"}  # its characters
    question = field(embed, "Talk about it")
    assert question.startswith(("How", "What", "Why", "Where")) and question.endswith("?")
    assert thread is not None
    message_id = callback_message_id(folio, body)
    assert thread["id"] == message_id  # a thread started from a message takes its id
    assert thread["name"].startswith("Scene 3 ¶2: “Stiles became a hunter,”") and len(thread["name"]) <= 100
    assert message_id in folio.fake.threads


def callback_message_id(folio: Harness, body: JSON) -> str:
    """The id of the message the fake made for this callback (the newest one with these embeds)."""
    return next(m["id"] for m in reversed(folio.fake.messages.values()) if m["embeds"] == body["data"]["embeds"])


async def test_discussing_it_again_points_to_the_live_thread(folio: Harness) -> None:
    first, thread = await discuss(folio, quote="I'm sorry for breaking your heart.")
    assert thread is not None
    again, second_thread = await discuss(folio, quote="sorry for breaking your heart")
    assert second_thread is None
    data = again["data"]
    assert data["flags"] & EPHEMERAL
    assert data["content"] == f"That passage is already being discussed: <#{thread['id']}>"


async def test_without_a_quote_a_passage_is_picked(start_bot: StartBot, fake_server: FakeDiscord) -> None:
    """On a bot of its own: the passage picked at random must not be one another test discusses."""
    bot = await start_bot({})
    await bot.wait_for_log(READY_LINE)
    await fake_server.wait_for_request("PUT", COMMAND_SYNC, since=0)
    harness = Harness(fake_server, bot, "")
    body, thread = await discuss(harness)
    [embed] = body["data"]["embeds"]
    assert 200 <= len(embed["description"]) and field(embed, "Talk about it").endswith("?")
    assert embed["fields"][0]["name"] == "In this passage"
    assert thread is not None and thread["name"]
    await bot.stop()
    assert bot.tracebacks() == []


async def test_a_quote_not_in_the_story_is_said_privately(folio: Harness) -> None:
    body, thread = await discuss(folio, quote="It was the best of times, it was the worst of times")
    assert thread is None
    assert body["data"]["flags"] & EPHEMERAL
    assert body["data"]["embeds"][0]["title"] == "Not in the story"
