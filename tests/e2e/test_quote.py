"""/quote through the fake Discord: replies, buttons, autocomplete and bad input."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT = 4, 7, 8
EPHEMERAL = 1 << 6
NO_MENTIONS = {"parse": []}


async def quote(folio: Harness, text: str, **options: str) -> JSON:
    """Run /quote and return the callback body the bot sent."""
    callback = await folio.interact(payloads.slash_command("quote", {"text": text, **options}))
    return callback.json


def field(embed: JSON, name: str) -> str:
    return next(f["value"] for f in embed["fields"] if f["name"] == name)


def buttons(message: JSON) -> list[JSON]:
    return [button for row in message["components"] for button in row["components"]]


async def click(folio: Harness, message: JSON, arrow: str) -> JSON:
    button = next(b for b in buttons(message) if b["custom_id"].endswith(f":{arrow}"))
    callback = await folio.interact(payloads.component_click(button["custom_id"], message))
    return callback


async def test_exact_line_gets_the_passage_with_the_line_in_bold(folio: Harness) -> None:
    body = await quote(folio, "Hello from the other side.")
    assert body["type"] == MESSAGE
    data = body["data"]
    assert not data.get("flags", 0) & EPHEMERAL  # a found quote is shared with the channel
    assert data["allowed_mentions"] == NO_MENTIONS
    [embed] = data["embeds"]
    assert embed["title"] == "Hello From the Other Side"
    assert "**To which Stiles responds with, “Hello from the other side.”**" in embed["description"]
    assert field(embed, "Speaker") == "Stiles"
    assert field(embed, "Where").startswith("Scene 4 · paragraph ") and "% through" in field(embed, "Where")
    assert embed["footer"]["text"].startswith("Match ")


async def test_typos_and_shuffled_words_still_find_it(folio: Harness) -> None:
    for text in ("Stiles was a lovly boy", "steps no there were", "you shouldnt have come back"):
        body = await quote(folio, text)
        assert body["type"] == MESSAGE and not body["data"].get("flags", 0) & EPHEMERAL, text
        assert body["data"]["embeds"][0]["title"] == "Hello From the Other Side"


async def test_line_not_in_the_story_is_said_plainly_and_privately(folio: Harness) -> None:
    body = await quote(folio, "It was the best of times, it was the worst of times")
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    assert data["allowed_mentions"] == NO_MENTIONS
    [embed] = data["embeds"]
    assert embed["title"] == "Not in the story"
    assert "It was the best of times" in embed["description"]


async def test_a_near_miss_offers_the_closest_lines(folio: Harness) -> None:
    body = await quote(folio, "Lydia was still beautiful")
    data = body["data"]
    assert data["flags"] & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"] == "Not in the story"
    assert "Lydia was still beautiful" in embed["description"] and "closest lines" in embed["description"]
    first = embed["fields"][0]
    assert first["name"].startswith("Scene 2 · paragraph 2 of ")
    assert first["value"].startswith("She was still breathtakingly gorgeous")


async def test_everyone_ping_in_a_query_is_not_a_ping(folio: Harness) -> None:
    body = await quote(folio, "@everyone look at this <@&1300000000000000301>")
    assert body["data"]["allowed_mentions"] == NO_MENTIONS


async def test_buttons_step_through_passages(folio: Harness) -> None:
    reply = await folio.interact(payloads.slash_command("quote", {"text": "Stiles knows that."}))
    message = reply.response["resource"]["message"]
    first_where = field(message["embeds"][0], "Where")
    assert [b["emoji"]["name"] for b in buttons(message)] == ["◀", "▶"]
    assert all(re.fullmatch(r"folio:p:\d+:(prev|next)", b["custom_id"]) for b in buttons(message))

    forward = await click(folio, message, "next")
    assert forward.json["type"] == UPDATE_MESSAGE
    moved = forward.response["resource"]["message"]
    assert field(moved["embeds"][0], "Where") != first_where
    assert "Stiles knows that." not in moved["embeds"][0]["description"]

    back = await click(folio, moved, "prev")
    assert "Stiles knows that." in back.json["data"]["embeds"][0]["description"]


async def test_first_passage_cannot_go_back(folio: Harness) -> None:
    reply = await folio.interact(payloads.slash_command("quote", {"text": "Derek’s hands were numb with anticipation."}))
    prev, next_ = buttons(reply.response["resource"]["message"])
    assert prev["disabled"] is True and not next_.get("disabled")


async def click_button_with_id(folio: Harness, custom_id: str, position: int) -> JSON:
    """Click a /quote reply's button `position` after giving it `custom_id` (as an older message had)."""
    reply = await folio.interact(payloads.slash_command("quote", {"text": "Stiles knows that."}))
    message = copy.deepcopy(reply.response["resource"]["message"])
    buttons(message)[position]["custom_id"] = custom_id
    return (await folio.interact(payloads.component_click(custom_id, message))).json


async def test_a_legacy_button_still_steps_through_the_work(folio: Harness) -> None:
    """A button sent before passages had stable ids names a paragraph by its number."""
    callback = await click_button_with_id(folio, "folio:nav:hello-from-the-other-side:0:prev", 0)
    assert callback["type"] == UPDATE_MESSAGE
    assert "paragraph 1 of" in field(callback["data"]["embeds"][0], "Where")


async def test_a_stale_legacy_button_for_a_missing_passage_is_explained(folio: Harness) -> None:
    """A legacy button from a message sent when the work was longer than it is now."""
    callback = await click_button_with_id(folio, "folio:nav:hello-from-the-other-side:99999:next", 1)
    assert callback["type"] == MESSAGE and callback["data"]["flags"] & EPHEMERAL
    assert "has no paragraph 100000" in callback["data"]["content"]


async def test_autocomplete_suggests_lines_within_discord_limits(folio: Harness) -> None:
    callback = await folio.interact(payloads.autocomplete("quote", {"text": "hello from the oth"}, focused="text"))
    assert callback.json["type"] == AUTOCOMPLETE_RESULT
    choices = callback.json["data"]["choices"]
    assert 1 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
    assert any("Hello from the other side" in c["name"] for c in choices)


async def test_autocomplete_of_nothing_or_garbage_is_empty(folio: Harness) -> None:
    for typed in ("", "\u200b" * 40, "🎉"):
        callback = await folio.interact(payloads.autocomplete("quote", {"text": typed}, focused="text"))
        assert callback.json == {"type": AUTOCOMPLETE_RESULT, "data": {"choices": []}}, typed


async def test_work_autocomplete_lists_the_library(folio: Harness) -> None:
    callback = await folio.interact(
        payloads.autocomplete("quote", {"text": "hello", "work": "hel"}, focused="work")
    )
    assert callback.json["data"]["choices"] == [
        {"name": "Hello From the Other Side", "value": "hello-from-the-other-side"}
    ]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "Give me a line"),
        ("?!?! …", "punctuation and emoji"),
        ("🎉🔥💀", "punctuation and emoji"),
        ("x" * 4000, "4,000 characters"),
        ("\u200b" * 500 + "hi", "invisible"),
        ("Z" + "\u0301\u0316" * 300, "invisible or stacked"),
    ],
)
async def test_bad_input_gets_a_private_explanation(folio: Harness, text: str, reason: str) -> None:
    # Discord enforces the option's 1..300 length itself: the empty and long ones are forged past it.
    body = (await folio.interact(payloads.slash_command("quote", {"text": text}), validate=False)).json
    assert body["type"] == MESSAGE
    assert body["data"]["flags"] & EPHEMERAL
    assert reason in body["data"]["content"]


async def test_unknown_work_is_explained(folio: Harness) -> None:
    body = await quote(folio, "hello", work="no-such-book")
    assert body["data"]["flags"] & EPHEMERAL
    assert "no work called “no-such-book”" in body["data"]["content"]


async def test_still_serving_after_bad_input_and_log_is_clean(folio: Harness) -> None:
    for text in ("", "?!?! …", "x" * 4000, "Z" + "\u0301\u0316" * 300):  # forged past Discord's length check
        forged = await folio.interact(payloads.slash_command("quote", {"text": text}), validate=False)
        assert forged.json["data"]["flags"] & EPHEMERAL, text
    body = await quote(folio, "Stiles knows that.")
    assert body["data"]["embeds"][0]["title"] == "Hello From the Other Side"
    assert folio.bot.tracebacks() == []
    assert folio.fake.unknown_requests == []
    assert folio.fake.failed_requests == []


async def test_buttons_work_after_a_restart(database_target: Path | str) -> None:
    database = database_target
    async with running_folio(database) as first:
        reply = await first.interact(payloads.slash_command("quote", {"text": "Stiles knows that."}))
        message = reply.response["resource"]["message"]
    async with running_folio(database) as second:
        forward = await click(second, message, "next")
        assert forward.json["type"] == UPDATE_MESSAGE
        assert forward.json["data"]["embeds"][0]["title"] == "Hello From the Other Side"


async def test_a_common_word_lists_where_it_occurs_page_by_page(folio: Harness) -> None:
    reply = await folio.interact(payloads.slash_command("quote", {"text": "Lydia"}))
    body = reply.json
    data = body["data"]
    assert body["type"] == MESSAGE and not data.get("flags", 0) & EPHEMERAL
    [embed] = data["embeds"]
    assert embed["title"] == "“Lydia” in Hello From the Other Side"
    count = int(re.search(r"occurs in (\d+) sentences", embed["description"])[1])
    assert count > 10 and len(embed["fields"]) == 5
    assert all("Lydia" in f["value"] for f in embed["fields"]) and "% through" in embed["fields"][0]["name"]
    assert embed["footer"]["text"] == f"Page 1 of {-(-count // 5)}"
    previous, following = buttons(data)
    assert previous["disabled"] and not following.get("disabled")
    assert all(len(b["custom_id"]) <= 100 for b in (previous, following))

    message = reply.response["resource"]["message"]
    turned = await folio.interact(payloads.component_click(following["custom_id"], message))
    assert turned.json["type"] == UPDATE_MESSAGE
    [page_two] = turned.json["data"]["embeds"]
    assert page_two["footer"]["text"].startswith("Page 2 of ")
    assert page_two["fields"][0]["value"] not in {f["value"] for f in embed["fields"]}


async def test_a_rare_word_is_a_match(folio: Harness) -> None:
    body = await quote(folio, "butterflies")
    [embed] = body["data"]["embeds"]
    assert body["type"] == MESSAGE and "**" in embed["description"] and "butterflies" in embed["description"]
    assert embed["footer"]["text"].startswith("Match 100/100")


async def test_occurrence_pages_turn_after_a_restart(database_target: Path | str) -> None:
    async with running_folio(database_target) as first:
        reply = await first.interact(payloads.slash_command("quote", {"text": "Derek"}))
        message = reply.response["resource"]["message"]
    async with running_folio(database_target) as second:
        following = buttons(message)[1]
        turned = await second.interact(payloads.component_click(following["custom_id"], message))
        assert turned.json["type"] == UPDATE_MESSAGE
        assert turned.json["data"]["embeds"][0]["footer"]["text"].startswith("Page 2 of ")
