"""/works and the moderators' /library commands through the fake Discord.

The module's tests share one bot, so none relies on another having run: each
adds the works it needs under a slug and title of its own (:func:`new_work`),
and checks they are there before testing anything else. Whether the bot's log
stayed clean is checked once it stops (the ``folio`` fixture).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON
from tests.fake_discord.server import RecordedRequest

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, DEFERRED, AUTOCOMPLETE_RESULT = 4, 5, 8
EPHEMERAL = 1 << 6
BUNDLED_SLUG, BUNDLED_TITLE = "hello-from-the-other-side", "Hello From the Other Side"
OTHER_GUILD_ID = 1_300_000_000_000_009_999
_work_numbers = itertools.count(1)


@dataclass(frozen=True)
class Work:
    """A work for one test: a short story whose slug and title no other test uses."""

    slug: str
    title: str

    @property
    def data(self) -> bytes:
        return (
            f"{self.title}\n\nby Ada Keeper\n\n"
            "The keeper climbed the stairs every night to light the lamp.\n\n"
            "“Nobody ever thanks the light,” he told the gulls.\n"
        ).encode()


def new_work() -> Work:
    number = next(_work_numbers)
    return Work(slug=f"lighthouse-{number:03d}", title=f"The Lighthouse {number:03d}")


async def run(folio: Harness, name: str, options: dict[str, object] | None = None, **kwargs: object) -> RecordedRequest:
    return await folio.interact(payloads.slash_command(name, options, **kwargs))


async def add_work(
    folio: Harness,
    filename: str,
    data: bytes,
    user: payloads.Person = payloads.MOD,
    guild_id: int = payloads.GUILD_ID,
    **options: str,
) -> tuple[RecordedRequest, RecordedRequest | None]:
    """Run /library add; returns (callback, the follow-up request or None)."""
    attachment = folio.fake.host_attachment(filename, data)
    mark = folio.fake.mark()
    callback = await run(folio, "library add", options, user=user, guild_id=guild_id, attachments={"file": attachment})
    if callback.json["type"] != DEFERRED:
        return callback, None
    followup = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark)
    return callback, followup


async def upload(folio: Harness, guild_id: int = payloads.GUILD_ID) -> Work:
    """A new work, added to server ``guild_id`` by a moderator; fails unless it was added."""
    work = new_work()
    _, followup = await add_work(folio, f"{work.slug}.txt", work.data, guild_id=guild_id, slug=work.slug)
    assert followup is not None and f"Added {work.title}" in embed_text(followup.json), followup
    return work


async def quote_title(folio: Harness, text: str, guild_id: int = payloads.GUILD_ID, **options: str) -> str:
    """The title of the work /quote found ``text`` in; fails with the reply if it found none."""
    body = (await run(folio, "quote", {"text": text, **options}, guild_id=guild_id)).json
    found = body["type"] == MESSAGE and not body["data"].get("flags", 0) & EPHEMERAL  # misses are private
    assert found and body["data"].get("embeds"), body
    return body["data"]["embeds"][0]["title"]


async def listed_works(folio: Harness, guild_id: int = payloads.GUILD_ID) -> list[str]:
    """The names /works lists in server ``guild_id``."""
    body = (await run(folio, "works", guild_id=guild_id)).json
    return [field["name"] for embed in body["data"]["embeds"] for field in embed["fields"]]


async def removable(folio: Harness, typed: str, guild_id: int = payloads.GUILD_ID) -> list[JSON]:
    """The choices /library remove's autocomplete offers a moderator who typed ``typed``."""
    callback = await folio.interact(
        payloads.autocomplete("library remove", {"work": typed}, focused="work", user=payloads.MOD, guild_id=guild_id)
    )
    assert callback.json["type"] == AUTOCOMPLETE_RESULT
    return callback.json["data"]["choices"]


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
    assert embed["fields"][0]["name"] == f"{BUNDLED_TITLE} (default)"


async def test_a_reader_cannot_add_a_work_even_if_the_server_shows_them_the_command(folio: Harness) -> None:
    before = await listed_works(folio)
    work = new_work()
    callback, followup = await add_work(folio, f"{work.slug}.txt", work.data, user=payloads.ALICE, slug=work.slug)
    assert followup is None
    assert callback.json["type"] == MESSAGE and callback.json["data"]["flags"] & EPHEMERAL
    assert "Only moderators" in callback.json["data"]["content"]
    assert "Manage Server" in callback.json["data"]["content"]
    assert await listed_works(folio) == before
    assert work.title not in before


async def test_a_moderator_adds_a_work_and_readers_quote_it(folio: Harness) -> None:
    work = new_work()
    callback, followup = await add_work(folio, f"{work.slug}.txt", work.data, slug=work.slug)
    assert callback.json["data"]["flags"] & EPHEMERAL
    assert followup is not None and followup.json["flags"] & EPHEMERAL
    assert f"Added {work.title}" in embed_text(followup.json)
    assert "by Ada Keeper" in embed_text(followup.json)
    assert f"/quote work: {work.slug}" in embed_text(followup.json)

    quote = await run(folio, "quote", {"text": "nobody evr thanks the light", "work": work.slug})
    [embed] = quote.json["data"]["embeds"]
    assert embed["title"] == work.title
    assert "**“Nobody ever thanks the light,” he told the gulls.**" in embed["description"]
    assert work.title in await listed_works(folio)


async def test_works_of_one_server_are_invisible_to_another(folio: Harness) -> None:
    work = await upload(folio)
    assert await quote_title(folio, "keeper climbed the stairs", work=work.slug) == work.title
    assert work.title in await listed_works(folio)

    quote = await run(folio, "quote", {"text": "keeper climbed the stairs", "work": work.slug}, guild_id=OTHER_GUILD_ID)
    assert f"no work called “{work.slug}”" in quote.json["data"]["content"]
    assert work.title not in await listed_works(folio, OTHER_GUILD_ID)


async def test_the_default_work_is_chosen_per_server(folio: Harness) -> None:
    work = await upload(folio)
    assert await quote_title(folio, "hello from the other side") == BUNDLED_TITLE  # no default chosen yet
    done = await run(folio, "library default", {"work": work.slug}, user=payloads.MOD)
    try:
        assert done.json["data"]["embeds"][0]["title"] == f"Default work: {work.title}"
        assert await quote_title(folio, "the keeper climbed the stairs") == work.title
        assert await quote_title(folio, "hello from the other side", OTHER_GUILD_ID) == BUNDLED_TITLE
    finally:  # the server's default is shared by the module's tests
        await run(folio, "library default", {"work": BUNDLED_SLUG}, user=payloads.MOD)
    assert await quote_title(folio, "hello from the other side") == BUNDLED_TITLE


async def test_remove_autocomplete_offers_only_this_servers_works(folio: Harness) -> None:
    ours, theirs = await upload(folio), await upload(folio, OTHER_GUILD_ID)
    assert await removable(folio, ours.slug) == [{"name": ours.title, "value": ours.slug}]
    assert await removable(folio, theirs.slug) == []
    assert await removable(folio, theirs.slug, OTHER_GUILD_ID) == [{"name": theirs.title, "value": theirs.slug}]
    assert await removable(folio, BUNDLED_SLUG) == []  # shared: listed by /works, not removable
    assert f"{BUNDLED_TITLE} (default)" in await listed_works(folio)


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("cover.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        ("empty.txt", b"   \n\n", "no sentences"),
    ],
    ids=["image", "blank"],
)
async def test_unusable_uploads_are_explained(folio: Harness, filename: str, data: bytes, reason: str) -> None:
    slug = new_work().slug
    _, followup = await add_work(folio, filename, data, slug=slug)
    assert followup is not None and followup.json["flags"] & EPHEMERAL
    assert reason in followup.json["content"]
    assert await removable(folio, slug) == []  # nothing was stored


async def test_bad_slugs_are_explained_and_another_servers_slug_is_free(folio: Harness) -> None:
    work = new_work()
    _, followup = await add_work(folio, "x.txt", work.data, slug="Not A Slug!")
    assert followup is not None and "can't be a slug" in followup.json["content"]
    _, followup = await add_work(folio, "x.txt", work.data, slug=BUNDLED_SLUG)
    assert followup is not None and "bundled story" in followup.json["content"]
    theirs = await upload(folio, OTHER_GUILD_ID)
    _, followup = await add_work(folio, "x.txt", work.data, slug=theirs.slug)
    assert followup is not None and f"/quote work: {theirs.slug}`" in embed_text(followup.json), followup.json


async def test_shared_works_cannot_be_removed_by_a_server(folio: Harness) -> None:
    body = (await run(folio, "library remove", {"work": BUNDLED_SLUG}, user=payloads.MOD)).json
    assert body["data"]["flags"] & EPHEMERAL
    assert "bundled story stays" in body["data"]["content"]
    assert await quote_title(folio, "hello from the other side", work=BUNDLED_SLUG) == BUNDLED_TITLE


async def test_a_moderator_removes_a_work(folio: Harness) -> None:
    work = await upload(folio)
    assert await quote_title(folio, "keeper climbed the stairs", work=work.slug) == work.title
    body = (await run(folio, "library remove", {"work": work.slug}, user=payloads.MOD)).json
    assert f"Removed {work.title}" in embed_text(body["data"])
    quote = await run(folio, "quote", {"text": "keeper climbed the stairs", "work": work.slug})
    assert f"no work called “{work.slug}”" in quote.json["data"]["content"]
    assert work.title not in await listed_works(folio)
