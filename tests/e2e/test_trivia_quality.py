"""Trivia's quality loop, variety and leaderboards over time, through the fake Discord (the bot's clock, never slept)."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests import postgres
from tests.e2e.trivia_helpers import DEFERRED, EPHEMERAL, MESSAGE, buttons, click, command, posted, start
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHANNELS = iter(range(1_300_000_000_000_000_800, 1_300_000_000_000_000_900))
OTHER_GUILD_ID = 1_300_000_000_000_008_888
PLAYERS = [payloads.Person(1_300_000_000_000_000_500 + n, f"reader{n}", global_name=f"Reader {n}") for n in range(4)]


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def clock(tmp_path_factory: pytest.TempPathFactory) -> BotClock:
    return BotClock(tmp_path_factory.mktemp("trivia-quality-clock") / "now")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def folio(tmp_path_factory: pytest.TempPathFactory, clock: BotClock) -> AsyncIterator[Harness]:
    async with postgres.target_database(tmp_path_factory.mktemp("trivia-quality") / "folio.sqlite3") as database:
        async with running_folio(database, clock.env()) as harness:
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()


def reply_text(body: JSON) -> str:
    assert body["type"] == MESSAGE and body["data"]["flags"] & EPHEMERAL, body
    return body["data"]["content"]


async def played_reveal(folio: Harness, clock: BotClock, channel: int, **options: object) -> tuple[JSON, JSON]:
    """A one-question game played out in ``channel``: its question and its reveal."""
    question = await start(folio, channel, rounds=1, **options)
    since = folio.fake.mark()
    clock.advance(seconds=31)
    reveal = await posted(folio, channel, since, "The answer: ")
    await posted(folio, channel, since, "Trivia over")
    return question, reveal


def feedback_id(reveal: JSON, label: str) -> str:
    return next(b["custom_id"] for b in buttons(reveal) if b.get("label") == label)


async def test_reports_retire_a_question_and_moderators_decide(folio: Harness, clock: BotClock) -> None:
    question, reveal = await played_reveal(folio, clock, next(CHANNELS), kind="plot")
    text = question["embeds"][0]["description"]
    assert reply_text(await click(folio, reveal, feedback_id(reveal, "👍"), PLAYERS[0])).startswith("Thanks! Glad")
    again = await click(folio, reveal, feedback_id(reveal, "👍"), PLAYERS[0])
    assert reply_text(again) == "You already told me about this question."
    for player in PLAYERS[:3]:
        assert "Thanks for the report" in reply_text(await click(folio, reveal, feedback_id(reveal, "Report"), player))

    listed = await command(folio, "trivia question reported", user=payloads.MOD)
    description = listed["data"]["embeds"][0]["description"]
    assert "retired" in description and "3 report(s), 👍 1 👎 0" in description and text[:40] in description
    refused = await command(folio, "trivia question reported", user=payloads.BOB)
    assert "Only moderators" in reply_text(refused)
    key = description.split("`")[1]
    restored = await command(folio, "trivia question restore", {"key": key}, user=payloads.MOD)
    assert reply_text(restored).startswith("Restored")
    assert "restored" in (await command(folio, "trivia question reported", user=payloads.MOD))["data"]["embeds"][0]["description"]
    unknown = await command(folio, "trivia question ban", {"key": "0123456789abcdef0123"}, user=payloads.MOD)
    assert "No reported question has that key" in reply_text(unknown)
    # Banned for good: a restored question would no longer be retired by reports, so leaving it
    # restored would make another test of this module (which retires the question it plays) depend on order.
    banned = await command(folio, "trivia question ban", {"key": key}, user=payloads.MOD)
    assert reply_text(banned).startswith("Banned")


async def test_a_retired_question_is_not_asked_again(folio: Harness, clock: BotClock) -> None:
    channel = next(CHANNELS)
    question, reveal = await played_reveal(folio, clock, channel, kind="plot")
    for player in PLAYERS[:3]:
        await click(folio, reveal, feedback_id(reveal, "Report"), player)
    text = question["embeds"][0]["description"]
    since = folio.fake.mark()
    preview = await folio.interact(
        payloads.slash_command("trivia preview", {"category": "events"}, user=payloads.MOD, channel_id=next(CHANNELS))
    )
    assert preview.json["type"] == DEFERRED
    shown = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=since)
    listed = shown.json["embeds"][0]["description"]
    assert listed.startswith("1. *") and "→ **" in listed and text[:40] not in listed
    for _ in range(6):  # other channels, so recent games do not hide it either
        other = next(CHANNELS)
        asked, _ = await played_reveal(folio, clock, other, kind="plot")
        assert asked["embeds"][0]["description"] != text


async def test_feedback_from_another_server_is_refused(folio: Harness, clock: BotClock) -> None:
    _, reveal = await played_reveal(folio, clock, next(CHANNELS), kind="plot")
    forged = copy.deepcopy(reveal)
    forged["guild_id"] = str(OTHER_GUILD_ID)
    body = await click(folio, forged, feedback_id(reveal, "Report"), PLAYERS[3])
    assert reply_text(body) == "This button no longer works."


async def test_a_channel_is_not_asked_what_it_was_just_asked(folio: Harness, clock: BotClock) -> None:
    channel = next(CHANNELS)
    seen = []
    for _ in range(4):
        question, _ = await played_reveal(folio, clock, channel, kind="plot")
        seen.append(question["embeds"][0]["description"])
    assert len(set(seen)) == 4, seen


async def test_category_and_difficulty_choose_the_kinds(folio: Harness, clock: BotClock) -> None:
    question, _ = await played_reveal(folio, clock, next(CHANNELS), category="characters", difficulty="easy")
    assert question["embeds"][0]["title"].split(" · ")[1] in ("who said it", "true or false")
    preview = await command(folio, "trivia preview", {"category": "quotes"}, user=payloads.BOB)
    assert "Only moderators" in reply_text(preview)


async def test_period_leaderboards_count_recent_answers_and_reset_clears_them(folio: Harness, clock: BotClock) -> None:
    channel = next(CHANNELS)
    question = await start(folio, channel, rounds=1, kind="who-said-it")
    await click(folio, question, buttons(question)[0]["custom_id"], PLAYERS[3])
    since = folio.fake.mark()
    clock.advance(seconds=31)
    await posted(folio, channel, since, "Trivia over")
    week = (await command(folio, "trivia leaderboard", {"period": "week", "work": "hello-from-the-other-side"}))["data"]
    assert "Reader 3" in week["embeds"][0]["description"] and "Hello From the Other Side" in week["embeds"][0]["title"]
    clock.advance(seconds=8 * 86_400)
    later = (await command(folio, "trivia leaderboard", {"period": "week"}))["data"]
    assert "Reader 3" not in later["embeds"][0].get("description", "")
    month = (await command(folio, "trivia leaderboard", {"period": "month"}))["data"]
    assert "Reader 3" in month["embeds"][0]["description"]
    asked = await folio.interact(payloads.slash_command("trivia reset", user=payloads.MOD))
    message = asked.response["resource"]["message"]
    done = await click(folio, message, buttons(message)[0]["custom_id"], payloads.MOD)
    assert done["data"]["content"] == "The trivia leaderboard was reset."
    month = (await command(folio, "trivia leaderboard", {"period": "month"}))["data"]
    assert month["embeds"][0]["description"].startswith("Nobody has played here yet")
