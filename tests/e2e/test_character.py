"""/character through the fake Discord: the profile embed with its chart, name choices, unknown names."""

from __future__ import annotations

import pytest
import pytest_asyncio

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON
from tests.fake_discord.server import RecordedRequest

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, DEFERRED_MESSAGE, AUTOCOMPLETE_RESULT = 4, 5, 8
EPHEMERAL = 1 << 6
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ORIGINAL = r"/webhooks/\d+/[^/]+/messages/@original"


async def character(folio: Harness, **options: str) -> tuple[JSON, RecordedRequest | None]:
    """Run /character; return its callback body and, if it deferred, the edit that finished the reply."""
    since = folio.fake.mark()
    command = payloads.slash_command("character", options)
    callback = await folio.interact(command)
    if callback.json["type"] != DEFERRED_MESSAGE:
        return callback.json, None
    path = ORIGINAL.replace("[^/]+", command["token"])
    return callback.json, await folio.fake.wait_for_request("PATCH", path, since=since)


def field(embed: JSON, name: str) -> str:
    return next(f["value"] for f in embed["fields"] if f["name"] == name)


STILL_READING = "still reading"
ATTEMPTS = 30
"""Each attempt waits in the bot (at most ``COMMAND_WAIT``, 1.5 s), never in the test."""


@pytest_asyncio.fixture(loop_scope="module", scope="module", autouse=True)
async def characters_read(folio: Harness) -> None:
    """Folio reads a work's people once, in a thread, and answers "still reading" until it has: ask until
    it has, before any test of this module, so none depends on how fast the reading is or on running first."""
    for _ in range(ATTEMPTS):
        callback, _ = await character(folio, name="Derek")
        if STILL_READING not in callback.get("data", {}).get("content", ""):
            return
    pytest.fail("the bundled story's characters were never read")


async def test_a_character_gets_a_profile_with_a_chart_of_mentions(folio: Harness) -> None:
    callback, edit = await character(folio, name="Derek")
    assert callback["type"] == DEFERRED_MESSAGE and not callback.get("data", {}).get("flags", 0) & EPHEMERAL
    assert edit is not None and edit.status == 200, edit
    [chart] = edit.files
    assert chart.filename == "mentions.png" and chart.data.startswith(PNG_SIGNATURE)
    assert 2_000 < len(chart.data) < 200_000
    [embed] = edit.json["embeds"]
    assert embed["title"] == "Derek"
    assert embed["image"]["url"] == "attachment://mentions.png"
    assert field(embed, "First appearance").startswith("Scene 1 · paragraph 1 of ")
    assert field(embed, "Mentions") == "83 in 4 of 4 scenes"
    assert int(field(embed, "Lines spoken")) > 10
    assert field(embed, "Talks most with").startswith("Lydia (")
    assert field(embed, "A memorable line").startswith("“")
    assert edit.json["allowed_mentions"] == {"parse": []}
    shown = edit.response
    assert [a["filename"] for a in shown["attachments"]] == ["mentions.png"]
    assert not shown["flags"] & EPHEMERAL


async def test_names_are_found_loosely(folio: Harness) -> None:
    _, edit = await character(folio, name="  the WOMAN ")
    assert edit is not None and edit.json["embeds"][0]["title"] == "The woman"


async def test_a_character_of_a_named_work(folio: Harness) -> None:
    _, edit = await character(folio, name="Lydia", work="hello-from-the-other-side")
    assert edit is not None
    embed = edit.json["embeds"][0]
    assert embed["title"] == "Lydia" and field(embed, "First appearance").startswith("Scene 2 · ")


async def test_an_unknown_name_is_answered_privately_with_suggestions(folio: Harness) -> None:
    callback, edit = await character(folio, name="Derk **@everyone**")
    assert edit is None and callback["type"] == MESSAGE
    data = callback["data"]
    assert data["flags"] & EPHEMERAL
    assert data["allowed_mentions"] == {"parse": []}
    content = data["content"]
    assert "no character called" in content and "Hello From the Other Side" in content
    assert r"\*\*" in content and "@\u200beveryone" in content  # the echo is escaped
    assert "Derek" in content


async def test_an_unknown_work_is_answered_privately(folio: Harness) -> None:
    callback, edit = await character(folio, name="Derek", work="no-such-work")
    assert edit is None and callback["data"]["flags"] & EPHEMERAL
    assert "no work called" in callback["data"]["content"]


async def test_autocomplete_offers_the_people_most_mentioned_first(folio: Harness) -> None:
    callback = await folio.interact(payloads.autocomplete("character", {"name": ""}, focused="name"))
    assert callback.json["type"] == AUTOCOMPLETE_RESULT
    choices = callback.json["data"]["choices"]
    assert [c["value"] for c in choices][:3] == ["Derek", "Stiles", "Lydia"]
    assert 1 <= len(choices) <= 25
    assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_autocomplete_narrows_to_what_is_typed(folio: Harness) -> None:
    callback = await folio.interact(payloads.autocomplete("character", {"name": "sti"}, focused="name"))
    assert [c["value"] for c in callback.json["data"]["choices"]] == ["Stiles"]


async def test_autocomplete_for_an_unknown_work_offers_nothing(folio: Harness) -> None:
    options = {"name": "De", "work": "no-such-work"}
    callback = await folio.interact(payloads.autocomplete("character", options, focused="name"))
    assert callback.json["data"]["choices"] == []


async def test_the_command_is_described_and_its_options_bounded(folio: Harness) -> None:
    [schema] = [c for c in folio.fake.guild_commands() if c["name"] == "character"]
    assert schema["description"]
    assert all(option["max_length"] <= 100 for option in schema["options"])
    assert all(option["autocomplete"] for option in schema["options"])
