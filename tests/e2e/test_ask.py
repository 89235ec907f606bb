"""/ask through the fake Discord: an answer from the bundled story, and a plain "not in the story"."""

from __future__ import annotations

import pytest

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, UPDATE_MESSAGE = 4, 7
EPHEMERAL = 1 << 6


async def ask(folio: Harness, question: str, *, validate: bool = True) -> JSON:
    callback = await folio.interact(payloads.slash_command("ask", {"question": question}), validate=validate)
    return callback.json


def buttons(data: JSON) -> list[JSON]:
    return [button for row in data["components"] for button in row["components"]]


async def test_a_why_question_gets_the_answering_sentence_in_bold(folio: Harness) -> None:
    body = await ask(folio, "Why did Derek come back to Beacon Hills?")
    assert body["type"] == MESSAGE
    data = body["data"]
    assert not data.get("flags", 0) & EPHEMERAL
    assert data["allowed_mentions"] == {"parse": []}
    [embed] = data["embeds"]
    assert "**The whole reason he came back to Beacon Hills was because of Stiles.**" in embed["description"]
    where = next(f["value"] for f in embed["fields"] if f["name"] == "Where")
    assert where.startswith("Hello From the Other Side · Scene 1 · paragraph 3 of")
    also = next(f["value"] for f in embed["fields"] if f["name"] == "Also")
    assert 1 <= also.count("•") <= 2 and "% through" in also


async def test_an_answer_can_be_read_around_with_the_arrows(folio: Harness) -> None:
    reply = await folio.interact(payloads.slash_command("ask", {"question": "What did Stiles become?"}))
    message = reply.response["resource"]["message"]
    assert "**“Stiles became a hunter,”" in message["embeds"][0]["description"]
    forward = next(b for b in buttons(message) if b["custom_id"].endswith(":next"))
    moved = await folio.interact(payloads.component_click(forward["custom_id"], message))
    assert moved.json["type"] == UPDATE_MESSAGE
    assert "Stiles became a hunter" not in moved.json["data"]["embeds"][0]["description"]


async def test_a_question_the_story_does_not_answer_is_said_plainly_and_privately(folio: Harness) -> None:
    body = await ask(folio, "Where did Stiles go to college?")
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"] == "Not in the story"
    assert "Where did Stiles go to college?" in embed["description"]
    assert "components" not in data or not data["components"]


async def test_when_guesses_come_as_close_as_the_best_passage_it_shows_them_privately_without_claiming(
    folio: Harness,
) -> None:
    data = (await ask(folio, "What did Stiles shout?"))["data"]
    assert data["flags"] & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"] == "Not sure" and "I can't tell which passage" in embed["description"]
    closest = next(field["value"] for field in embed["fields"] if field["name"] == "Closest passages")
    assert closest.count("•") >= 2


async def test_markdown_and_mentions_in_a_question_are_not_echoed_raw(folio: Harness) -> None:
    body = await ask(folio, "Who is **@everyone** Gandalf?")
    data = body["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert "\\*\\*@\u200beveryone\\*\\*" in data["embeds"][0]["description"]  # a mention is broken too


async def test_an_empty_question_gets_an_example(folio: Harness) -> None:
    body = await ask(folio, "   ", validate=False)
    assert body["data"]["flags"] & EPHEMERAL
    assert "Ask me something about the story." in body["data"]["content"]
    assert "/ask question:" in body["data"]["content"]
