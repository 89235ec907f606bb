"""Hostile and careless input through the fake Discord: every one gets a clear, private answer."""

from __future__ import annotations

import asyncio
import copy
import random

import pytest

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, DEFERRED = 4, 5
EPHEMERAL = 1 << 6
DM_CHANNEL_ID = 1_300_000_000_000_000_777
STALE = "This button no longer works"


def options_of(folio: Harness, *path: str) -> dict[str, JSON]:
    """The synced schema's options of a command (or subcommand), by name."""
    found = {"options": folio.fake.guild_commands()}
    for name in path:
        found = next(option for option in found["options"] if option["name"] == name)
    return {option["name"]: option for option in found["options"]}


@pytest.mark.parametrize("path", [("quote",), ("library", "remove"), ("library", "default")])
async def test_every_work_option_has_a_slug_sized_max_length(folio: Harness, path: tuple[str, ...]) -> None:
    assert options_of(folio, *path)["work"]["max_length"] == 40


async def test_every_free_string_option_has_a_max_length(folio: Harness) -> None:
    """Free text has a length limit; an option with choices takes only one of them (Discord checks)."""

    def string_options(options: list[JSON]) -> list[JSON]:
        found = [option for option in options if option["type"] == 3]
        for option in options:
            found += string_options(option.get("options", []))
        return found

    everything = string_options(folio.fake.guild_commands())
    assert everything and all("max_length" in option or option.get("choices") for option in everything)
    assert any("choices" in option for option in everything)


async def test_an_echoed_work_name_cannot_break_out_of_its_formatting(folio: Harness) -> None:
    forged = "a` [click me](https://evil.example) `"
    callback = await folio.interact(payloads.slash_command("quote", {"text": "hello", "work": forged}))
    content = callback.json["data"]["content"]
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert "no work called" in content
    assert "\\`" in content and "\\[click me]" in content
    assert "` [click me](https://evil.example)" not in content
    assert callback.json["data"]["allowed_mentions"] == {"parse": []}


@pytest.mark.parametrize(
    "forged",
    [
        "folio:nav:hello-from-the-other-side:-1:next",
        "folio:nav:hello-from-the-other-side:3:sideways",
        "folio:nav:garbage",
        "folio:nav:hello-from-the-other-side:3:next:junk",
        "folio:nav:",
    ],
)
async def test_forged_buttons_are_answered_as_stale(folio: Harness, forged: str) -> None:
    reply = await folio.interact(payloads.slash_command("quote", {"text": "Stiles knows that."}))
    message = copy.deepcopy(reply.response["resource"]["message"])
    message["components"][0]["components"][1]["custom_id"] = forged
    callback = await folio.interact(payloads.component_click(forged, message))
    assert callback.json["type"] == MESSAGE and callback.json["data"]["flags"] & EPHEMERAL
    assert STALE in callback.json["data"]["content"]


async def test_a_guild_only_command_from_a_direct_message_is_refused(folio: Harness) -> None:
    """Discord never delivers a guild-only command from a direct message: a forged one is refused."""
    forged = direct_message_command("library default", {"work": "hello-from-the-other-side"})
    callback = await folio.interact(forged, validate=False)
    assert callback.status == 200
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert "This request isn't valid" in callback.json["data"]["content"]


async def test_binary_data_is_not_imported(folio: Harness) -> None:
    noise = bytes(byte or 1 for byte in random.Random(7).randbytes(20_000))
    callback, followup = await upload(folio, "noise.txt", noise, slug="noise")
    assert callback.json["type"] == DEFERRED
    assert "doesn't read as text" in followup["content"]
    works = await folio.interact(payloads.slash_command("works"))
    assert "noise" not in str(works.json["data"]["embeds"])


async def test_simultaneous_uploads_to_one_slug_each_say_what_happened(folio: Harness) -> None:
    text = b"The Beacon\n\nThe keeper lit the lamp at dusk.\n\nThe ships came home.\n"
    results = await asyncio.gather(*(upload(folio, "beacon.txt", text, slug="beacon") for _ in range(3)))
    titles = sorted(followup["embeds"][0]["title"] for _, followup in results)
    assert titles == ["Added The Beacon", "Unchanged The Beacon", "Unchanged The Beacon"]
    assert all("2 paragraphs, 2 sentences" in followup["embeds"][0]["description"] for _, followup in results)


async def test_log_is_clean_after_bad_input(folio: Harness) -> None:
    await test_an_echoed_work_name_cannot_break_out_of_its_formatting(folio)
    assert folio.bot.tracebacks() == [], "\n".join(folio.bot.tracebacks())
    assert folio.fake.failed_requests == []


IMPORT_TIMEOUT = 30.0


async def upload(folio: Harness, filename: str, data: bytes, **options: str) -> tuple[JSON, JSON]:
    """A moderator's /library add; returns the callback and the follow-up message's body."""
    attachment = folio.fake.host_attachment(filename, data)
    command = payloads.slash_command("library add", options, user=payloads.MOD, attachments={"file": attachment})
    mark = folio.fake.mark()
    callback = await folio.interact(command)
    # Imports queue one after another, each in a fresh worker process (about a second to start): generous.
    followup = await folio.fake.wait_for_request(
        "POST", rf"/webhooks/\d+/{command['token']}", since=mark, timeout=IMPORT_TIMEOUT
    )
    return callback, followup.json


def direct_message_command(name: str, options: dict[str, str]) -> JSON:
    """A slash command as Discord sends it from a direct message: no server, no member."""
    command = payloads.slash_command(name, options)
    for server_field in ("guild_id", "guild", "guild_locale", "member"):
        command.pop(server_field)
    command["data"].pop("guild_id")
    command["user"] = payloads.user_object(payloads.ALICE)
    command["channel_id"] = str(DM_CHANNEL_ID)
    command["channel"] = {"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [command["user"]]}
    command["context"] = 1
    command["authorizing_integration_owners"] = {"1": str(payloads.ALICE.id)}
    return command
