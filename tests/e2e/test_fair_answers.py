"""Right answers under pressure: one thread per discussed passage, one vote per reader, an inert CSV,
real emoji only, and channels Folio can post in."""

from __future__ import annotations

import asyncio
import csv
import io

import pytest

from tests.e2e.reacting import (
    READERS,
    command,
    dispatch_reaction,
    passage_of,
    quote_reply,
    react,
    setup_hall,
    top_list,
)
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, DEFERRED = 4, 5
EPHEMERAL = 1 << 6
THREAD_ON_MESSAGE = r"/channels/\d+/messages/\d+/threads"
FOLLOW_UP = r"/webhooks/\d+/{token}"
SIMULTANEOUS = 10
LOCKED_CHANNEL_ID = 1_300_000_000_000_000_260


async def discuss_reply(folio: Harness, quote: str) -> JSON:
    """One /discuss; the public post's body, or the private note it got (a follow-up if it was deferred)."""
    interaction = payloads.slash_command("discuss", {"quote": quote})
    mark = folio.fake.mark()
    callback = (await folio.interact(interaction)).json
    if callback["type"] != DEFERRED:
        return callback["data"]
    followup = await folio.fake.wait_for_request("POST", FOLLOW_UP.format(token=interaction["token"]), since=mark)
    return followup.json


async def test_simultaneous_discussions_of_one_passage_make_one_post_and_one_thread(folio: Harness) -> None:
    since = folio.fake.mark()
    replies = await asyncio.gather(*(discuss_reply(folio, "Stiles became a hunter") for _ in range(SIMULTANEOUS)))
    posts = [reply for reply in replies if not reply.get("flags", 0) & EPHEMERAL]
    assert len(posts) == 1, [reply.get("content") for reply in replies]
    [thread] = [request.response for request in folio.fake.requests_matching("POST", THREAD_ON_MESSAGE, since=since)]
    pointers = [reply["content"] for reply in replies if reply.get("flags", 0) & EPHEMERAL]
    assert pointers == [f"That passage is already being discussed: <#{thread['id']}>"] * (SIMULTANEOUS - 1)


async def test_a_reader_starring_one_line_many_times_counts_once(folio: Harness) -> None:
    line = "I'm sorry for breaking your heart."
    replies = [await quote_reply(folio, line, user=READERS[0]) for _ in range(4)]
    assert len({passage_of(reply) for reply in replies}) == 1
    for reply in replies:
        await react(folio, reply["id"], "🪐", READERS[0])
    await react(folio, replies[0]["id"], "🪐", READERS[1])
    assert (await top_list(folio, emoji="🪐")).startswith("**1.** 🪐 2")
    stats = (await command(folio, "reactions stats", passage=passage_of(replies[0]))).json["data"]["embeds"][0]
    assert next(f["value"] for f in stats["fields"] if f["name"] == "Now") == "🪐 2"


async def test_the_csv_export_keeps_formulas_inert(folio: Harness) -> None:
    reply = await quote_reply(folio, "Stiles knows that.")
    for formula in ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx"):
        forged = payloads.reaction_add(reply["id"], formula, user=READERS[2])
        await dispatch_reaction(folio, "MESSAGE_REACTION_ADD", forged)
    exported = await command(folio, "reactions export", user=payloads.MOD)
    [file] = exported.files
    rows = list(csv.DictReader(io.StringIO(file.data.decode("utf-8-sig"))))
    emojis = [row["emoji"] for row in rows if row["message_id"] == reply["id"]]
    assert emojis == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx"]


@pytest.mark.parametrize(
    "not_an_emoji",
    ["@everyoneé", "\u200b⭐", "\u202e⭐", "Z\u0301\u0316\u0317", "⭐" * 40, "<:elsewhere:1300000000000000999>"],
    ids=["text", "zero-width", "right-to-left", "zalgo", "forty-stars", "other-servers-emoji"],
)
async def test_the_hall_takes_only_real_emoji(folio: Harness, not_an_emoji: str) -> None:
    body = await setup_hall(folio, emoji=not_an_emoji)
    assert body["type"] == MESSAGE and body["data"]["flags"] & EPHEMERAL
    assert "not an emoji" in body["data"]["content"], body["data"]["content"]


async def test_the_hall_keeps_this_servers_animated_emoji_animated(folio: Harness) -> None:
    dancing = f"<a:folio_dance:{payloads.ANIMATED_EMOJI_ID}>"
    still = f"<:folio:{payloads.STATIC_EMOJI_ID}>"
    body = await setup_hall(folio, emoji=f"{dancing} {still} 👍🏽")
    assert body["type"] == MESSAGE, body
    assert f"react with {dancing} {still} 👍🏽" in body["data"]["content"], body["data"]["content"]


async def test_daily_setup_refuses_a_channel_folio_cannot_post_in(folio: Harness) -> None:
    locked = payloads.text_channel(LOCKED_CHANNEL_ID, "locked")
    send = 1 << 11
    locked["permission_overwrites"] = [{"id": str(payloads.BOT.id), "type": 1, "allow": "0", "deny": str(send)}]
    await folio.fake.dispatch("CHANNEL_CREATE", locked)
    for name, options in (("daily setup", {"hour": 7}), ("halloffame setup", {})):
        chosen = {"channel": payloads.resolved_channel(LOCKED_CHANNEL_ID, "locked")}
        interaction = payloads.slash_command(name, options, user=payloads.MOD, channels=chosen)
        body = (await folio.interact(interaction)).json
        assert body["data"]["flags"] & EPHEMERAL
        assert "I can't post there: give me Send Messages" in body["data"]["content"], (name, body)
