"""The fake refuses a message that shows nothing (400, code 50006), however it is sent or edited.

Discord counts non-blank content, embeds, components, files, stickers and polls;
an edit may leave fields out (they stay), but not leave the message with nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
import pytest_asyncio

from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.inprocess import Receiver, receiving
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

EMPTY = (400, 50006)
CHANNEL_MESSAGES = f"/channels/{p.CHANNEL_ID}/messages"
EMBED = {"title": "An embed"}
ROW = {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": "go", "label": "Go"}]}


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(fake: FakeDiscord) -> AsyncIterator[Receiver]:
    async with receiving(fake) as receiver:
        yield receiver


async def call(fake: FakeDiscord, method: str, path: str, body: JSON | None = None) -> tuple[int, Any]:
    """Send a raw request to the fake; returns the status and the JSON answer."""
    async with aiohttp.ClientSession() as session, session.request(method, fake.api_base + path, json=body) as answer:
        return answer.status, await answer.json() if answer.content_type == "application/json" else None


async def outcome(fake: FakeDiscord, method: str, path: str, body: JSON | None = None) -> tuple[int, int | None]:
    """The status, and Discord's error code if the fake refused the request."""
    status, answer = await call(fake, method, path, body)
    return status, answer.get("code") if status >= 400 else None


@pytest.mark.parametrize(
    "body",
    [{}, {"content": ""}, {"content": " \n\t"}, {"content": None, "embeds": [], "components": [], "attachments": []}],
    ids=["nothing", "empty", "blank", "all-cleared"],
)
async def test_a_new_message_that_shows_nothing_is_refused(fake: FakeDiscord, bot: Receiver, body: JSON) -> None:
    assert await outcome(fake, "POST", CHANNEL_MESSAGES, body) == EMPTY
    assert fake.rejected_requests[-1].refusal.message == "Cannot send an empty message"


@pytest.mark.parametrize(
    "body",
    [{"content": "."}, {"embeds": [EMBED]}, {"components": [ROW]}, {"sticker_ids": ["1"]}, {"poll": {"question": {}}}],
    ids=["content", "embed", "components", "sticker", "poll"],
)
async def test_anything_shown_makes_a_message(fake: FakeDiscord, bot: Receiver, body: JSON) -> None:
    assert await outcome(fake, "POST", CHANNEL_MESSAGES, body) == (200, None)


async def test_a_file_alone_makes_a_message_until_an_edit_drops_it(fake: FakeDiscord, bot: Receiver) -> None:
    channel = bot.client.get_channel(p.CHANNEL_ID)
    sent = await channel.send(file=discord.File(__file__, filename="self.py"))
    with pytest.raises(discord.HTTPException) as refused:
        await sent.edit(attachments=[])
    assert (refused.value.status, refused.value.code) == (400, 50006)
    await sent.edit(content="a caption")
    await sent.edit(attachments=[])
    assert fake.messages[str(sent.id)]["attachments"] == []


async def test_an_edit_may_leave_fields_out_but_not_leave_nothing(fake: FakeDiscord, bot: Receiver) -> None:
    _, sent = await call(fake, "POST", CHANNEL_MESSAGES, {"content": "text only"})
    path = f"{CHANNEL_MESSAGES}/{sent['id']}"
    assert await outcome(fake, "PATCH", path, {"components": [ROW]}) == (200, None)  # content stays
    assert await outcome(fake, "PATCH", path, {"content": "", "components": []}) == EMPTY
    assert await outcome(fake, "PATCH", path, {"content": ""}) == (200, None)  # the button remains
    assert await outcome(fake, "PATCH", path, {"components": None}) == EMPTY
    assert fake.messages[sent["id"]]["components"] == [ROW]


async def test_interaction_messages_and_updates_must_show_something(fake: FakeDiscord, bot: Receiver) -> None:
    command = await bot.receive(fake, p.slash_command("anything"))
    with pytest.raises(discord.HTTPException) as refused:
        await command.response.send_message()
    assert (refused.value.status, refused.value.code) == (400, 50006)
    await command.response.send_message(embed=discord.Embed(title="Shown"))
    with pytest.raises(discord.HTTPException, match="Cannot send an empty message"):
        await command.followup.send(content="")
    with pytest.raises(discord.HTTPException, match="Cannot send an empty message"):
        await command.edit_original_response(embed=None)
    await command.edit_original_response(content="text instead", embed=None)
    original = await command.original_response()
    click = await bot.receive(fake, p.component_click("go", fake.messages[str(original.id)]))
    with pytest.raises(discord.HTTPException, match="Cannot send an empty message"):
        await click.response.edit_message(content=None)
    await click.response.edit_message(view=None)  # only the components change: fine
    assert fake.messages[str(original.id)]["content"] == "text instead"


async def test_two_components_may_not_share_a_custom_id(fake: FakeDiscord, bot: Receiver) -> None:
    twin = {"type": 1, "components": [{"type": 2, "style": 2, "custom_id": "go", "label": "Again"}]}
    status, answer = await call(fake, "POST", CHANNEL_MESSAGES, {"content": "two rows", "components": [ROW, twin]})
    assert (status, answer["code"]) == (400, 50035)
    [error] = answer["errors"]["components"]["1"]["components"]["0"]["custom_id"]["_errors"]
    assert error == {"code": "COMPONENT_CUSTOM_ID_DUPLICATED", "message": "Component custom id cannot be duplicated"}
    other = {"type": 1, "components": [{**twin["components"][0], "custom_id": "again"}]}
    assert await outcome(fake, "POST", CHANNEL_MESSAGES, {"content": "two rows", "components": [ROW, other]}) == (
        200,
        None,
    )
