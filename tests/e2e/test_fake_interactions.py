"""The fake answers interactions as Discord does: callbacks by interaction type, webhooks by token.

Each refusal is checked with its status and JSON code, next to the valid variant
the fake still accepts. Time is a :class:`FakeClock`, so deadlines pass at once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
import pytest_asyncio

from tests.fake_discord import FakeClock, FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.inprocess import Receiver, receiving
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

OK = (200, None)
MODAL = {
    "custom_id": "form",
    "title": "A form",
    "components": [{"type": 1, "components": [{"type": 4, "custom_id": "answer", "style": 1, "label": "Answer"}]}],
}


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


def webhook(interaction: JSON, suffix: str = "") -> str:
    return f"/webhooks/{p.APPLICATION_ID}/{interaction['token']}{suffix}"


def button_message() -> JSON:
    button = {"type": 2, "style": 1, "custom_id": "press", "label": "Press"}
    return p.message("a message with a button", components=[{"type": 1, "components": [button]}])


def last_refusal(fake: FakeDiscord) -> str:
    return str(fake.rejected_requests[-1])


# --- callback types -----------------------------------------------------------------------------


@pytest.mark.parametrize("body", [{"type": 7, "data": {"content": "updated"}}, {"type": 6}], ids=["update", "deferred"])
async def test_an_update_answers_a_component_not_a_slash_command(fake: FakeDiscord, bot: Receiver, body: JSON) -> None:
    command = await dispatched(fake, p.slash_command("anything"))
    assert await call(fake, "POST", callback(command), body) == (400, 50035)
    assert "type: Value must be one of {4, 5, 9}." in last_refusal(fake)
    click = await dispatched(fake, p.component_click("press", button_message()))
    assert await call(fake, "POST", callback(click), body) == OK
    assert await call(fake, "POST", callback(command), {"type": 4, "data": {"content": "hi"}}) == OK


async def test_an_update_answers_a_modal_only_if_a_component_opened_it(fake: FakeDiscord, bot: Receiver) -> None:
    from_command = await dispatched(fake, p.modal_submit("form", {"answer": "yes"}))
    assert await call(fake, "POST", callback(from_command), {"type": 7, "data": {"content": "x"}}) == (404, 10008)
    clicked = button_message()
    from_button = await dispatched(fake, p.modal_submit("form", {"answer": "yes"}, message=clicked))
    assert await call(fake, "POST", callback(from_button), {"type": 7, "data": {"content": "thanks"}}) == OK
    assert fake.messages[clicked["id"]]["content"] == "thanks"
    assert await call(fake, "POST", callback(from_command), {"type": 4, "data": {"content": "thanks"}}) == OK


async def test_an_autocomplete_takes_only_choices(fake: FakeDiscord, bot: Receiver) -> None:
    interaction = await bot.receive(fake, p.autocomplete("anything", {"text": "x"}, focused="text"))
    with pytest.raises(discord.HTTPException) as refused:
        await interaction.response.send_message("not a choice")
    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert "In type: Value must be one of {8}." in str(refused.value)
    with pytest.raises(discord.HTTPException, match=r"In type: Value must be one of \{8\}\."):
        await interaction.response.send_modal(discord.ui.Modal(title="A form"))
    await interaction.response.autocomplete([])


@pytest.mark.parametrize(
    "make", [lambda: p.slash_command("anything"), lambda: p.component_click("press", button_message())]
)
async def test_choices_answer_only_an_autocomplete(fake: FakeDiscord, bot: Receiver, make: Any) -> None:
    interaction = await dispatched(fake, make())
    assert await call(fake, "POST", callback(interaction), {"type": 8, "data": {"choices": []}}) == (400, 50035)
    assert await call(fake, "POST", callback(interaction), {"type": 9, "data": MODAL}) == OK


async def test_a_modal_does_not_answer_a_modal(fake: FakeDiscord, bot: Receiver) -> None:
    submitted = await dispatched(fake, p.modal_submit("form", {"answer": "yes"}))
    assert await call(fake, "POST", callback(submitted), {"type": 9, "data": MODAL}) == (400, 50035)
    assert "type: Value must be one of {4, 5, 6, 7}." in last_refusal(fake)
    assert await call(fake, "POST", callback(submitted), {"type": 5}) == OK


# --- webhooks: follow-ups and the original response -------------------------------------------------


async def test_no_followup_or_edit_before_the_answer(fake: FakeDiscord, bot: Receiver) -> None:
    interaction = await bot.receive(fake, p.slash_command("anything"))
    with pytest.raises(discord.NotFound) as refused:
        await interaction.followup.send("too early")
    assert refused.value.code == 10015
    with pytest.raises(discord.NotFound, match="Unknown Webhook"):
        await interaction.edit_original_response(content="too early")
    await interaction.response.defer()
    await interaction.edit_original_response(content="now")
    await interaction.followup.send("and more")
    assert fake.original_response({"token": interaction.token})["content"] == "now"


async def test_a_token_never_dispatched_is_unknown(fake: FakeDiscord, bot: Receiver) -> None:
    never = p.slash_command("anything")
    assert await call(fake, "POST", webhook(never), {"content": "hi"}) == (404, 10015)
    assert await call(fake, "PATCH", webhook(never, "/messages/@original"), {"content": "hi"}) == (404, 10015)


async def test_a_token_expires_fifteen_minutes_after_the_dispatch(
    fake: FakeDiscord, bot: Receiver, clock: FakeClock
) -> None:
    interaction = await bot.receive(fake, p.slash_command("anything"))
    await interaction.response.send_message("answered")
    clock.advance(15 * 60 - 1)
    await interaction.followup.send("still in time")
    clock.advance(2)
    with pytest.raises(discord.HTTPException) as refused:
        await interaction.followup.send("too late")
    assert (refused.value.status, refused.value.code) == (401, 50027)
    with pytest.raises(discord.HTTPException, match="Invalid Webhook Token"):
        await interaction.edit_original_response(content="too late")
    assert await call(fake, "DELETE", webhook({"token": interaction.token}, "/messages/@original")) == (401, 50027)
    assert fake.original_response({"token": interaction.token})["content"] == "answered"


async def test_the_callback_deadline_runs_on_the_clock(fake: FakeDiscord, bot: Receiver, clock: FakeClock) -> None:
    late = await dispatched(fake, p.slash_command("anything"))
    in_time = await dispatched(fake, p.slash_command("anything"))
    clock.advance(2.9)
    assert await call(fake, "POST", callback(in_time), {"type": 5}) == OK
    clock.advance(0.2)
    assert await call(fake, "POST", callback(late), {"type": 5}) == (404, 10062)
