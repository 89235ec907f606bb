"""/works and the moderators' /library commands through the fake Discord."""

from __future__ import annotations

import pytest

from fake_discord import payloads
from fake_discord.harness import Harness
from fake_discord.payloads import JSON
from fake_discord.server import RecordedRequest

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, DEFERRED = 4, 5
EPHEMERAL = 1 << 6
LIGHTHOUSE = (
    "The Lighthouse\n\nby Ada Keeper\n\n"
    "The keeper climbed the stairs every night to light the lamp.\n\n"
    "“Nobody ever thanks the light,” he told the gulls.\n"
).encode()
OTHER_GUILD_ID = 1_300_000_000_000_009_999


async def run(folio: Harness, name: str, options: dict[str, object] | None = None, **kwargs: object) -> RecordedRequest:
    return await folio.interact(payloads.slash_command(name, options, **kwargs))


async def add_work(folio: Harness, filename: str, data: bytes, user: payloads.Person = payloads.MOD, **options: str):
    """Run /library add; returns (callback, the follow-up request or None)."""
    attachment = folio.fake.host_attachment(filename, data)
    mark = folio.fake.mark()
    callback = await run(folio, "library add", options, user=user, attachments={"file": attachment})
    if callback.json["type"] != DEFERRED:
        return callback, None
    followup = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark)
    return callback, followup


def embed_text(body: JSON) -> str:
    return " ".join(f"{e.get('title', '')} {e.get('description', '')}" for e in body.get("embeds", []))


async def test_library_commands_are_for_moderators_by_default(folio: Harness) -> None:
    library = next(command for command in folio.fake.guild_commands() if command["name"] == "library")
    assert int(library["default_member_permissions"]) == payloads.MODERATOR_PERMISSIONS & (1 << 5)
    assert {option["name"] for option in library["options"]} == {"add", "remove", "default"}


async def test_works_lists_the_bundled_story_privately(folio: Harness) -> None:
    body = (await run(folio, "works")).json
    assert body["data"]["flags"] & EPHEMERAL
    [embed] = body["data"]["embeds"]
    assert embed["fields"][0]["name"] == "Hello From the Other Side (default)"


async def test_a_reader_cannot_add_a_work_even_if_the_server_shows_them_the_command(folio: Harness) -> None:
    callback, followup = await add_work(folio, "lighthouse.txt", LIGHTHOUSE, user=payloads.ALICE)
    assert followup is None
    assert callback.json["type"] == MESSAGE and callback.json["data"]["flags"] & EPHEMERAL
    assert "Only moderators" in callback.json["data"]["content"]
    assert "Manage Server" in callback.json["data"]["content"]
    works = (await run(folio, "works")).json["data"]["embeds"][0]["fields"]
    assert [field["name"] for field in works] == ["Hello From the Other Side (default)"]


async def test_a_moderator_adds_a_work_and_readers_quote_it(folio: Harness) -> None:
    callback, followup = await add_work(folio, "lighthouse.txt", LIGHTHOUSE, slug="lighthouse")
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert followup is not None and followup.json["flags"] & EPHEMERAL
    assert "Added The Lighthouse" in embed_text(followup.json)
    assert "by Ada Keeper" in embed_text(followup.json)
    assert "/quote work: lighthouse" in embed_text(followup.json)

    quote = await run(folio, "quote", {"text": "nobody evr thanks the light", "work": "lighthouse"})
    [embed] = quote.json["data"]["embeds"]
    assert embed["title"] == "The Lighthouse"
    assert "**“Nobody ever thanks the light,” he told the gulls.**" in embed["description"]


async def test_works_of_one_server_are_invisible_to_another(folio: Harness) -> None:
    quote = await run(folio, "quote", {"text": "keeper climbed the stairs", "work": "lighthouse"}, guild_id=OTHER_GUILD_ID)
    assert "no work called “lighthouse”" in quote.json["data"]["content"]
    listing = await run(folio, "works", guild_id=OTHER_GUILD_ID)
    assert "The Lighthouse" not in str(listing.json)


async def test_the_default_work_is_chosen_per_server(folio: Harness) -> None:
    done = await run(folio, "library default", {"work": "lighthouse"}, user=payloads.MOD)
    assert done.json["data"]["embeds"][0]["title"] == "Default work: The Lighthouse"
    here = await run(folio, "quote", {"text": "the keeper climbed the stairs"})
    assert here.json["data"]["embeds"][0]["title"] == "The Lighthouse"
    elsewhere = await run(folio, "quote", {"text": "hello from the other side"}, guild_id=OTHER_GUILD_ID)
    assert elsewhere.json["data"]["embeds"][0]["title"] == "Hello From the Other Side"
    await run(folio, "library default", {"work": "hello-from-the-other-side"}, user=payloads.MOD)


async def test_remove_autocomplete_offers_only_this_servers_works(folio: Harness) -> None:
    callback = await folio.interact(payloads.autocomplete("library remove", {"work": ""}, focused="work", user=payloads.MOD))
    assert callback.json["data"]["choices"] == [{"name": "The Lighthouse", "value": "lighthouse"}]


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("cover.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        ("empty.txt", b"   \n\n", "no sentences"),
    ],
)
async def test_unusable_uploads_are_explained(folio: Harness, filename: str, data: bytes, reason: str) -> None:
    _, followup = await add_work(folio, filename, data, slug="broken")
    assert followup is not None and followup.json["flags"] & EPHEMERAL
    assert reason in followup.json["content"]


async def test_bad_slugs_and_taken_slugs_are_explained(folio: Harness) -> None:
    _, followup = await add_work(folio, "x.txt", LIGHTHOUSE, slug="Not A Slug!")
    assert followup is not None and "can't be a slug" in followup.json["content"]
    _, followup = await add_work(folio, "x.txt", LIGHTHOUSE, slug="hello-from-the-other-side")
    assert followup is not None and "bundled story" in followup.json["content"]


async def test_shared_works_cannot_be_removed_by_a_server(folio: Harness) -> None:
    body = (await run(folio, "library remove", {"work": "hello-from-the-other-side"}, user=payloads.MOD)).json
    assert body["data"]["flags"] & EPHEMERAL
    assert "bundled story stays" in body["data"]["content"]


async def test_a_moderator_removes_a_work(folio: Harness) -> None:
    body = (await run(folio, "library remove", {"work": "lighthouse"}, user=payloads.MOD)).json
    assert "Removed The Lighthouse" in embed_text(body["data"])
    quote = await run(folio, "quote", {"text": "keeper climbed the stairs", "work": "lighthouse"})
    assert "no work called “lighthouse”" in quote.json["data"]["content"]


async def test_log_is_clean(folio: Harness) -> None:
    assert folio.bot.tracebacks() == []
    assert folio.fake.unknown_requests == []
    assert folio.fake.failed_requests == []
