"""Passages keep their identity across re-imports: buttons on old messages still find the right text."""

from __future__ import annotations

import pytest

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

UPDATE_MESSAGE = 7
TIDES = (
    "The Tides\n\n"
    "The harbour emptied twice a day.\n\n"
    "Mara counted the boats from the sea wall.\n\n"
    "The last boat always came in after dark.\n\n"
    "Her brother rowed it, singing.\n"
)


async def upload(folio: Harness, text: str, slug: str) -> JSON:
    attachment = folio.fake.host_attachment("tides.txt", text.encode())
    command = payloads.slash_command(
        "library add", {"slug": slug}, user=payloads.MOD, attachments={"file": attachment}
    )
    mark = folio.fake.mark()
    await folio.interact(command)
    followup = await folio.fake.wait_for_request("POST", rf"/webhooks/\d+/{command['token']}", since=mark)
    return followup.json


async def test_an_old_next_button_shows_the_paragraph_that_followed_after_a_reimport(folio: Harness) -> None:
    assert "Added" in (await upload(folio, TIDES, "tides-inserted"))["embeds"][0]["title"]
    quote = {"text": "Mara counted the boats", "work": "tides-inserted"}
    reply = await folio.interact(payloads.slash_command("quote", quote))
    old_message = reply.response["resource"]["message"]

    revised = TIDES.replace("The harbour emptied", "A gull screamed over the town.\n\nThe harbour emptied")
    assert "Replaced" in (await upload(folio, revised, "tides-inserted"))["embeds"][0]["title"]

    next_button = old_message["components"][0]["components"][1]
    click = await folio.interact(payloads.component_click(next_button["custom_id"], old_message))
    assert click.json["type"] == UPDATE_MESSAGE
    [embed] = click.json["data"]["embeds"]
    assert embed["description"] == "The last boat always came in after dark."
    assert "paragraph 4 of 5" in embed["fields"][0]["value"]  # one further down the revised text

    previous = click.response["resource"]["message"]
    back = await folio.interact(
        payloads.component_click(previous["components"][0]["components"][0]["custom_id"], previous)
    )
    assert back.json["data"]["embeds"][0]["description"] == "Mara counted the boats from the sea wall."


async def test_a_button_whose_paragraph_was_rewritten_says_so(folio: Harness) -> None:
    assert "Added" in (await upload(folio, TIDES, "tides-rewritten"))["embeds"][0]["title"]
    quote = {"text": "Her brother rowed it, singing.", "work": "tides-rewritten"}
    old_message = (await folio.interact(payloads.slash_command("quote", quote))).response["resource"]["message"]
    await upload(folio, TIDES.replace("Her brother rowed it, singing.", "Her sister rowed it, silent."), "tides-rewritten")
    previous_button = old_message["components"][0]["components"][0]
    click = await folio.interact(payloads.component_click(previous_button["custom_id"], old_message))
    assert click.json["data"]["flags"] & (1 << 6)
    assert "no longer in the library" in click.json["data"]["content"]
