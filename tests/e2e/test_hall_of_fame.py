"""The hall of fame end to end: readers react to a /quote reply, the passage is posted once, edited, taken down."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.reacting import HALL_POSTS, READERS, next_hall_edit, next_hall_post, quote_reply, setup_hall
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness

pytestmark = pytest.mark.asyncio(loop_scope="module")

EPHEMERAL = 1 << 6


async def test_a_reader_cannot_set_up_the_hall(folio: Harness) -> None:
    body = await setup_hall(folio, user=payloads.ALICE, threshold=2)
    assert body["data"]["flags"] & EPHEMERAL and "Manage Server" in body["data"]["content"]


async def test_posted_at_the_threshold_then_edited_then_marked(folio: Harness) -> None:
    body = await setup_hall(folio, threshold=2, remove_below=2)
    assert body["data"]["flags"] & EPHEMERAL and "2 reader(s)" in body["data"]["content"]
    reply = await quote_reply(folio, "Stiles knows that.")
    since = folio.fake.mark()
    await folio.fake.react(reply["id"], "⭐", READERS[0])
    await folio.fake.react(reply["id"], "⭐", READERS[1])
    post = await next_hall_post(folio, since)
    assert "**2**" in post.json["content"] and post.json["allowed_mentions"] == {"parse": []}
    [embed] = post.json["embeds"]
    assert "Stiles knows that." in embed["description"] and embed["title"] == "Hello From the Other Side"
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Asked for by"] == f"<@{payloads.ALICE.id}>"
    assert reply["id"] in fields["Original"] and fields["Where"].startswith("Scene")
    post_id = post.response["id"]

    since = folio.fake.mark()
    await folio.fake.react(post_id, "⭐", READERS[2])  # on the hall copy: counts for the original
    edit = await next_hall_edit(folio, post_id, since)
    assert "**3**" in edit.json["content"]

    since = folio.fake.mark()
    for reader in READERS[:2]:
        await folio.fake.unreact(reply["id"], "⭐", reader)
    marked = await next_hall_edit(folio, post_id, since, timeout=10)
    while "~~" not in marked.json["content"]:
        marked = await next_hall_edit(folio, post_id, marked.index + 1)
    assert "**1**" in marked.json["content"] and "no longer in the hall" in marked.json["content"]
    assert folio.fake.requests_matching("POST", HALL_POSTS, since=since) == []


async def test_five_readers_at_the_same_instant_give_one_post(folio: Harness) -> None:
    await setup_hall(folio, threshold=3)
    reply = await quote_reply(folio, "Hello from the other side.")
    since = folio.fake.mark()
    await asyncio.gather(*(folio.fake.react(reply["id"], "⭐", reader) for reader in READERS[:5]))
    post = await next_hall_post(folio, since)
    final = "**5**"
    while final not in post.json["content"]:
        post = await next_hall_edit(folio, post.response["id"], post.index + 1)
    await asyncio.sleep(0)  # let any stray second post show itself in the journal
    assert len(folio.fake.requests_matching("POST", HALL_POSTS, since=since)) == 1


async def test_a_deleted_original_takes_its_hall_post_down_for_good(folio: Harness) -> None:
    await setup_hall(folio, threshold=1)
    reply = await quote_reply(folio, "Stiles knows that.")
    since = folio.fake.mark()
    await folio.fake.react(reply["id"], "⭐", READERS[0])
    post = await next_hall_post(folio, since)
    post_id = post.response["id"]
    since = folio.fake.mark()
    await folio.fake.delete_message(reply["id"])
    await folio.fake.wait_for_request("DELETE", rf"{HALL_POSTS}/{post_id}", since=since)
    assert folio.fake.requests_matching("POST", HALL_POSTS, since=since) == []


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        ({"emoji": "star"}, "is not an emoji"),
        ({"threshold": 3, "remove_below": 5}, "at most the threshold"),
    ],
)
async def test_a_setup_that_cannot_work_is_explained(folio: Harness, options: dict[str, object], reason: str) -> None:
    body = await setup_hall(folio, **options)
    assert body["data"]["flags"] & EPHEMERAL and reason in body["data"]["content"]


async def test_deleted_below_remove_below_and_posted_again_when_readers_return(folio: Harness) -> None:
    await setup_hall(folio, threshold=2, remove_below=2, when_below="delete")
    reply = await quote_reply(folio, "you shouldnt have come back")
    since = folio.fake.mark()
    for reader in READERS[6:8]:
        await folio.fake.react(reply["id"], "⭐", reader)
    post = await next_hall_post(folio, since)
    since = folio.fake.mark()
    await folio.fake.unreact(reply["id"], "⭐", READERS[7])
    await folio.fake.wait_for_request("DELETE", rf"{HALL_POSTS}/{post.response['id']}", since=since)
    since = folio.fake.mark()
    await folio.fake.react(reply["id"], "⭐", READERS[8])  # its own deletion did not end the entry
    again = await next_hall_post(folio, since)
    assert "**2**" in again.json["content"] and again.response["id"] != post.response["id"]
