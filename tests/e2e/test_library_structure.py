"""Uploading a book as a moderator would: its title from the text, one copy per server, no contents
lines among search results, and a warning when the default work is removed (through the fake Discord)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.test_library_commands import DEFERRED, EPHEMERAL, MESSAGE, embed_text, run
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.server import RecordedRequest

pytestmark = pytest.mark.asyncio(loop_scope="module")

DATA = Path(__file__).resolve().parents[1] / "data" / "structure"
LANTERN = (DATA / "gutenberg_title_page.txt").read_bytes()
IMPORT_SECONDS = 60
"""Each upload is imported in a worker process: on a loaded machine starting one takes many seconds."""


async def add_work(
    folio: Harness, filename: str, data: bytes, guild_id: int = payloads.GUILD_ID, **options: str
) -> tuple[RecordedRequest, RecordedRequest | None]:
    """Run /library add as a moderator; returns (callback, the follow-up or None)."""
    attachment = folio.fake.host_attachment(filename, data)
    mark = folio.fake.mark()
    callback = await run(
        folio, "library add", options, user=payloads.MOD, guild_id=guild_id, attachments={"file": attachment}
    )
    if callback.json["type"] != DEFERRED:
        return callback, None
    followup = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark, timeout=IMPORT_SECONDS)
    return callback, followup


async def test_an_upload_without_a_title_is_named_by_its_title_page_and_added_once(folio: Harness) -> None:
    _, followup = await add_work(folio, "lantern.txt", LANTERN)
    assert followup is not None and "Added The Lantern Keeper" in embed_text(followup.json), followup.json
    assert "Martha Quill" in embed_text(followup.json)

    _, again = await add_work(folio, "lantern-copy.txt", LANTERN)
    assert again is not None and again.json["flags"] & EPHEMERAL
    assert "Already in the library as `lantern`" in again.json["content"].replace("\\", "")
    _, replaced = await add_work(folio, "lantern.txt", LANTERN, slug="lantern")
    assert replaced is not None and "lantern" in embed_text(replaced.json)  # slug: names the work to replace

    _, elsewhere = await add_work(folio, "lantern.txt", LANTERN, guild_id=payloads.GUILD_ID + 1)
    assert elsewhere is not None and "Added The Lantern Keeper" in embed_text(elsewhere.json)
    assert "/quote work: lantern`" in embed_text(elsewhere.json)  # its own slug: nothing learnt of the other server


async def test_two_servers_uploading_one_name_each_get_it_and_see_only_their_own(folio: Harness) -> None:
    first, second = payloads.GUILD_ID + 2, payloads.GUILD_ID + 3
    for guild_id, hero in ((first, b"Isolde"), (second, b"Tamsin")):
        _, added = await add_work(folio, "beacon.txt", LANTERN.replace(b"Wenna", hero), guild_id=guild_id)
        assert added is not None and "/quote work: beacon`" in embed_text(added.json), added.json
    for guild_id, own, other in ((first, "Isolde", "Tamsin"), (second, "Tamsin", "Isolde")):
        found = (await run(folio, "quote", {"text": own, "work": "beacon"}, guild_id=guild_id)).json
        assert own in str(found["data"].get("embeds", []))
        missed = (await run(folio, "quote", {"text": other, "work": "beacon"}, guild_id=guild_id)).json
        assert other not in str(missed["data"].get("embeds", [])).replace(f"“{other}”", "")
    _, again = await add_work(folio, "beacon-again.txt", LANTERN.replace(b"Wenna", b"Isolde"), guild_id=first)
    assert again is not None and "Already in the library as `beacon`" in again.json["content"].replace("\\", "")


async def test_searches_never_show_the_contents_or_the_licence(folio: Harness) -> None:
    await add_work(folio, "lantern.txt", LANTERN.replace(b"Morning", b"Dawn"), slug="lantern-search")
    body = (await run(folio, "quote", {"text": "Wenna", "work": "lantern-search"})).json
    shown = str(body["data"])
    assert body["type"] == MESSAGE and "Wenna" in shown
    assert "CHAPTER II. Wenna" not in shown and "Contents" not in shown
    for word in ("Brambleworth", "Zephyrine", "Redistributing"):
        missed = (await run(folio, "quote", {"text": word, "work": "lantern-search"})).json
        assert word not in str(missed["data"].get("embeds", [])).replace(f"“{word}”", ""), word


async def test_removing_the_default_work_says_what_commands_use_now(folio: Harness) -> None:
    data = LANTERN.replace(b"Wenna", b"Morwen")  # another text, so not refused as a copy
    _, followup = await add_work(folio, "lantern.txt", data, slug="lantern-default")
    assert followup is not None
    await run(folio, "library default", {"work": "lantern-default"}, user=payloads.MOD)
    body = (await run(folio, "library remove", {"work": "lantern-default"}, user=payloads.MOD)).json
    text = embed_text(body["data"])
    assert "Removed The Lantern Keeper" in text
    assert "was this server's default work" in text and "Hello From the Other Side" in text
    assert "`/quote` and the other commands now use" in text
