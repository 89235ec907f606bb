"""Reactions end to end: readers react to /quote replies, counts stay exact, and the server sees what it loves."""

from __future__ import annotations

import csv
import io

import pytest

from tests.e2e.reacting import READERS, command, dispatch_reaction, passage_of, quote_reply, react, top_list, unreact
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness

pytestmark = pytest.mark.asyncio(loop_scope="module")

EPHEMERAL = 1 << 6
FOLLOW_UP = r"/webhooks/\d+/[^/]+"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


async def passage_counts(folio: Harness, passage_id: int) -> str:
    """The "Now" field of /reactions stats passage:<id>."""
    callback = await command(folio, "reactions stats", passage=passage_id)
    embed = callback.json["data"]["embeds"][0]
    return next(field["value"] for field in embed["fields"] if field["name"] == "Now")


async def test_several_readers_duplicates_late_events_and_bots_count_exactly(folio: Harness) -> None:
    reply = await quote_reply(folio, "steps no there were")
    message_id, passage_id = reply["id"], passage_of(reply)
    for reader in READERS[:3]:
        await react(folio, message_id, "🎻", reader)
    await react(folio, message_id, "❤️", READERS[0])
    await react(folio, message_id, "🎻", payloads.BOT)  # Folio's own reaction never counts
    duplicate = payloads.reaction_add(message_id, "🎻", user=READERS[1])
    await dispatch_reaction(folio, "MESSAGE_REACTION_ADD", duplicate)  # Discord delivering it twice
    await unreact(folio, message_id, "🎻", READERS[2])
    await react(folio, message_id, "🎻", READERS[3])
    counts = tallies(await passage_counts(folio, passage_id))
    assert (counts["🎻"], counts["❤"]) == (3, 1), counts  # readers 0, 1, 3; the heart without U+FE0F


def tallies(text: str) -> dict[str, int]:
    """ "⭐ 3 · ❤ 1" as {"⭐": 3, "❤": 1}."""
    pairs = (part.rsplit(" ", 1) for part in text.split(" · "))
    return {emoji: int(count) for emoji, count in pairs}


def ranked_totals(listing: str) -> list[tuple[int, int]]:
    """(rank, total votes) of each entry of a /passage top page ("**1.** 🔥 6 · ⭐ 1 — where ...")."""
    entries = []
    for entry in listing.split("\n\n"):
        rank, rest = entry.removeprefix("**").split(".** ", 1)
        entries.append((int(rank), sum(tallies(rest.split(" — ", 1)[0]).values())))
    return entries


async def test_passage_top_lists_the_most_loved_first_and_pages(folio: Harness) -> None:
    # 🔥 and 👀 are this test's alone, so what other tests of the module add (in any order) cannot change its lists
    loved = await quote_reply(folio, "Hello from the other side.")
    for reader in READERS[:6]:
        await react(folio, loved["id"], "🔥", reader)
    await react(folio, loved["id"], "⭐", READERS[0])
    liked = await quote_reply(folio, "I only ever wanted to tell you that.")
    assert passage_of(liked) != passage_of(loved)
    for reader in READERS[:2]:
        await react(folio, liked["id"], "🔥", reader)
    fire = (await top_list(folio, emoji="🔥")).split("\n\n")
    assert fire[0].startswith("**1.** 🔥 6 —") and "Hello From the Other Side" in fire[0]
    assert fire[1].startswith("**2.** 🔥 2 —") and len(fire) == 2
    listing = await top_list(folio)
    assert any(entry.startswith(f"**{rank}.** 🔥 6 · ⭐ 1 —") for rank, entry in enumerate(listing.split("\n\n"), 1))
    totals = [total for _, total in ranked_totals(listing)]
    assert totals == sorted(totals, reverse=True)
    assert [rank for rank, _ in ranked_totals(listing)] == list(range(1, len(totals) + 1))
    only_stars = await top_list(folio, emoji="⭐", period="week")
    assert "🔥" not in only_stars and "⭐ 1" in only_stars
    # nine passages in a row, each quoted from the page ▶ turned to, get a vote each
    page = await quote_reply(folio, "Derek’s hands were numb with anticipation.")
    for step in range(9):
        button = next(b for row in page["components"] for b in row["components"] if b["custom_id"].endswith(":next"))
        click = await folio.interact(payloads.component_click(button["custom_id"], page))
        page = click.response["resource"]["message"]
        quoted = await quote_reply(folio, page["embeds"][0]["description"][:120])

        await react(folio, quoted["id"], "👀", READERS[step])
    callback = await command(folio, "passage top", emoji="👀")
    message = callback.response["resource"]["message"]
    assert message["embeds"][0]["footer"]["text"] == "Page 1 of 2"
    forward = next(b for row in message["components"] for b in row["components"] if b["emoji"]["name"] == "▶")
    turned = await folio.interact(payloads.component_click(forward["custom_id"], message))
    assert turned.json["type"] == 7 and turned.json["data"]["embeds"][0]["footer"]["text"] == "Page 2 of 2"
    assert turned.json["data"]["embeds"][0]["description"].startswith("**9.** 👀 1")


async def test_a_readers_own_request_counts_unless_the_server_says_otherwise(folio: Harness) -> None:
    reply = await quote_reply(folio, "Stiles was a lovely boy", user=READERS[5])
    await react(folio, reply["id"], "🌙", READERS[5])
    await react(folio, reply["id"], "🌙", READERS[6])
    assert await passage_counts(folio, passage_of(reply)) == "🌙 2"
    refused = await command(folio, "reactions settings", count_own_requests=False)
    assert "Manage Server" in refused.json["data"]["content"]
    await command(folio, "reactions settings", user=payloads.MOD, count_own_requests=False)
    assert await passage_counts(folio, passage_of(reply)) == "🌙 1"
    await command(folio, "reactions settings", user=payloads.MOD, count_own_requests=True)


async def test_the_map_arrives_as_a_png(folio: Harness) -> None:
    reply = await quote_reply(folio, "Stiles knows that.")
    await react(folio, reply["id"], "⭐", READERS[7])
    since = folio.fake.mark()
    deferred = await command(folio, "reactions map")
    assert deferred.json["type"] == 5
    sent = await folio.fake.wait_for_request("POST", FOLLOW_UP, since=since, timeout=30)
    [image] = sent.files
    assert image.filename == "reactions-map.png" and image.data.startswith(PNG_MAGIC)
    assert 10_000 < len(image.data) < 1_000_000


async def test_export_is_a_csv_for_moderators_only(folio: Harness) -> None:
    reply = await quote_reply(folio, "Stiles knows that.")
    await react(folio, reply["id"], "📜", READERS[8])
    await unreact(folio, reply["id"], "📜", READERS[8])
    refused = await command(folio, "reactions export")
    assert refused.json["data"]["flags"] & EPHEMERAL and "Manage Server" in refused.json["data"]["content"]
    exported = await command(folio, "reactions export", user=payloads.MOD)
    assert exported.json["data"]["flags"] & EPHEMERAL
    [file] = exported.files
    rows = list(csv.DictReader(io.StringIO(file.data.decode("utf-8-sig"))))
    mine = [(row["action"], row["emoji"]) for row in rows if row["message_id"] == reply["id"]]
    assert mine == [("add", "📜"), ("remove", "📜")]


async def test_recount_rebuilds_a_message_from_discord(folio: Harness) -> None:
    reply = await quote_reply(folio, "you shouldnt have come back")
    await react(folio, reply["id"], "🦋", READERS[9])
    await react(folio, reply["id"], "🦋", READERS[10])
    # a removal Discord never really made (the reader still reacts): counts drift
    forged = payloads.reaction_remove(reply["id"], "🦋", user=READERS[10])
    await dispatch_reaction(folio, "MESSAGE_REACTION_REMOVE", forged)
    assert "🦋 1" in await passage_counts(folio, passage_of(reply))
    link = f"https://discord.com/channels/{payloads.GUILD_ID}/{payloads.CHANNEL_ID}/{reply['id']}"
    since = folio.fake.mark()
    await command(folio, "reactions recount", user=payloads.MOD, message=link)
    answer = await folio.fake.wait_for_request("POST", FOLLOW_UP, since=since)
    assert "Recounted" in answer.json["content"]
    assert folio.fake.requests_matching("GET", r"/channels/\d+/messages/\d+/reactions/.+", since=since)
    assert "🦋 2" in await passage_counts(folio, passage_of(reply))
    bad = await command(folio, "reactions recount", user=payloads.MOD, message="not a link")
    assert bad.json["data"]["flags"] & EPHEMERAL and "not a message link" in bad.json["data"]["content"]


async def test_a_moderator_clearing_reactions_removes_the_votes(folio: Harness) -> None:
    reply = await quote_reply(folio, "Derek’s hands were numb with anticipation.")
    for reader in READERS[:2]:
        await react(folio, reply["id"], "🍀", reader)
        await react(folio, reply["id"], "🌊", reader)
    since = folio.bot.lines.mark()
    await folio.fake.clear_reactions(reply["id"], "🍀")
    await folio.bot.wait_for_log(f"Reactions cleared on {reply['id']} ", since=since)
    assert await passage_counts(folio, passage_of(reply)) == "🌊 2"
    since = folio.bot.lines.mark()
    await folio.fake.clear_reactions(reply["id"])
    await folio.bot.wait_for_log(f"Reactions cleared on {reply['id']} ", since=since)
    assert await passage_counts(folio, passage_of(reply)) == "No reactions"


async def test_stats_name_who_reacts_most_and_what_a_reader_loves(folio: Harness) -> None:
    reply = await quote_reply(folio, "Stiles knows that.")
    for emoji in ("🦉", "🕯️"):
        await react(folio, reply["id"], emoji, READERS[11])
    server = (await command(folio, "reactions stats")).json["data"]
    assert server["flags"] & EPHEMERAL
    fields = {field["name"]: field["value"] for field in server["embeds"][0]["fields"]}
    assert "Who reacts most" in fields and "Favourite emoji" in fields
    callback = await folio.interact(payloads.slash_command("reactions stats", members={"member": READERS[11]}))
    [embed] = callback.json["data"]["embeds"]
    assert f"<@{READERS[11].id}>: 2 counting reaction(s)" in embed["description"]
    assert any("Stiles knows that." in field["value"] for field in embed["fields"])


async def test_votes_count_for_the_passage_a_message_showed_when_posted(folio: Harness) -> None:
    reply = await quote_reply(folio, "Sheriff Stilinski retired, the woman kindly explained.")
    button = next(b for row in reply["components"] for b in row["components"] if b["custom_id"].endswith(":next"))
    turned = (await folio.interact(payloads.component_click(button["custom_id"], reply))).response["resource"]["message"]
    assert turned["id"] == reply["id"] and turned["embeds"] != reply["embeds"]
    await react(folio, turned["id"], "🧭", READERS[0])
    assert "🧭 1" in await passage_counts(folio, passage_of(reply))
