"""/trivia through the fake Discord, time driven by the bot's clock (never slept)."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests import postgres
from tests.e2e.trivia_helpers import (
    DEFERRED,
    EPHEMERAL,
    MESSAGE,
    MODAL,
    UPDATE_MESSAGE,
    answer,
    buttons,
    click,
    command,
    next_question,
    posted,
    start,
    type_answer,
)
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHANNELS = iter(range(1_300_000_000_000_000_600, 1_300_000_000_000_000_700))
OTHER_GUILD_ID = 1_300_000_000_000_009_999
CAROL = payloads.Person(1_300_000_000_000_000_411, "carol", global_name="Carol")
DAVE = payloads.Person(1_300_000_000_000_000_412, "dave", global_name="Dave")
"""Players of the full game only, so other tests' answers never change their statistics."""


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def clock(tmp_path_factory: pytest.TempPathFactory) -> BotClock:
    return BotClock(tmp_path_factory.mktemp("trivia-clock") / "now")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def folio(tmp_path_factory: pytest.TempPathFactory, clock: BotClock) -> AsyncIterator[Harness]:
    """The bot on its own database and the module's clock; the run must stay clean."""
    async with postgres.target_database(tmp_path_factory.mktemp("trivia") / "folio.sqlite3") as database:
        async with running_folio(database, clock.env()) as harness:
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()
        assert [str(request) for request in harness.fake.failed_requests] == []


def game_id(question: JSON) -> str:
    return buttons(question)[0]["custom_id"].split(":")[2]


def ephemeral_text(body: JSON) -> str:
    assert body["type"] == MESSAGE and body["data"]["flags"] & EPHEMERAL, body
    return body["data"]["content"]



async def test_a_full_game_with_several_players(folio: Harness, clock: BotClock) -> None:
    channel = next(CHANNELS)
    question = await start(folio, channel, CAROL, rounds=2, kind="plot")
    for number in (1, 2):
        assert ephemeral_text(await answer(folio, question, CAROL, right=True)).startswith("✅ Right! +")
        assert ephemeral_text(await answer(folio, question, DAVE, right=False)).startswith("❌ Not quite")
        again = ephemeral_text(await click(folio, question, buttons(question)[0]["custom_id"], CAROL))
        assert again == "You already answered this question: only your first answer counts."
        since = folio.fake.mark()
        if number == 1:
            reveal, question = await next_question(folio, clock, channel, 2)
        else:
            clock.advance(seconds=31)
            reveal = await posted(folio, channel, since, "The answer: ")
            summary = await posted(folio, channel, since, "Trivia over")
    assert "Carol (+" in reveal["embeds"][0]["fields"][0]["value"] and "Dave" not in reveal["embeds"][0]["fields"][0]["value"]
    navigation, feedback = buttons(reveal)[:2], buttons(reveal)[2:]
    assert [b["emoji"]["name"] for b in navigation] == ["◀", "▶"]  # read around the passage
    assert [b["label"] for b in feedback] == ["👍", "👎", "Report"]  # judge the question
    assert "**Carol** wins" in summary["embeds"][0]["description"]
    scores = summary["embeds"][0]["fields"][0]["value"].splitlines()
    assert scores[0].startswith("1. Carol — ") and "(2/2 right" in scores[0]
    assert scores[1].startswith("2. Dave — 0 pts (0/2 right")

    board = await command(folio, "trivia leaderboard", {"sort": "accuracy"})
    assert board["data"]["embeds"][0]["description"] == "Nobody has answered 10 questions yet in that time."
    board = await command(folio, "trivia leaderboard", {"period": "week"})
    lines = board["data"]["embeds"][0]["description"].splitlines()
    assert "this week" in board["data"]["embeds"][0]["title"]
    assert lines[0].startswith("1. **Carol**") and "100% right" in lines[0]
    stats = (await folio.interact(payloads.slash_command("trivia stats", members={"member": DAVE}))).json
    fields = {f["name"]: f["value"] for f in stats["data"]["embeds"][0]["fields"]}
    assert fields["Games"] == "1" and fields["Right"].startswith("0 of 2")


async def test_a_typed_answer_through_the_modal(folio: Harness, clock: BotClock) -> None:
    bank = b"questions:\n  - question: What does the keeper climb every night?\n    answer: the stairs\n    accepted: [stairs, the steps]\n"
    text = b"The Lamp\n\nThe keeper climbed the stairs every night to light the lamp.\n\n\xe2\x80\x9cNobody thanks the light,\xe2\x80\x9d Ada said.\n"
    added = folio.fake.host_attachment("lamp.txt", text)
    since = folio.fake.mark()
    await folio.interact(payloads.slash_command("library add", {"slug": "lamp"}, user=payloads.MOD, attachments={"file": added}))
    await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=since, timeout=30)
    imported = folio.fake.host_attachment("lamp.yaml", bank, "application/x-yaml")
    since = folio.fake.mark()
    done = await folio.interact(payloads.slash_command("trivia bank import", {"work": "lamp"}, user=payloads.MOD, attachments={"file": imported}))
    assert done.json["type"] == DEFERRED
    reply = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=since)
    assert reply.json["content"].startswith("Imported 1 question(s) about *The Lamp*"), reply.json
    channel = next(CHANNELS)
    question = await start(folio, channel, rounds=1, kind="plot", work="lamp")
    assert question["embeds"][0]["description"] == "What does the keeper climb every night?"
    answer_button, hint_button = buttons(question)
    assert (answer_button["label"], hint_button["label"]) == ("Answer", "Hint (½ points)")
    hint = ephemeral_text(await click(folio, question, hint_button["custom_id"], payloads.BOB))
    assert hint == "Hint: `t__ s_____` (a right answer now scores half)"
    right = ephemeral_text(await type_answer(folio, question, "It was the stiars!", payloads.BOB))
    assert right == "✅ Right! +7 points"  # 10 + a speed bonus of 5, halved by the hint
    assert ephemeral_text(await type_answer(folio, question, "the lamp", payloads.ALICE)).startswith("❌")
    opened_again = await click(folio, question, buttons(question)[0]["custom_id"], payloads.BOB)
    assert opened_again["type"] != MODAL and "already answered" in ephemeral_text(opened_again)
    since = folio.fake.mark()
    clock.advance(seconds=31)
    reveal = await posted(folio, channel, since, "The answer: the stairs")
    assert "Bob" in reveal["embeds"][0]["fields"][0]["value"]
    await posted(folio, channel, since, "Trivia over")


async def test_unanswered_questions_time_out_and_end_the_game(folio: Harness, clock: BotClock) -> None:
    channel = next(CHANNELS)
    await start(folio, channel, rounds=5, kind="plot")
    since = folio.fake.mark()
    for number in (2, 3):
        reveal, _ = await next_question(folio, clock, channel, number)
        assert reveal["embeds"][0]["fields"][0]["value"] == "Nobody answered."
    clock.advance(seconds=31)
    summary = await posted(folio, channel, since, "Trivia over")
    assert "nobody answered for a while" in summary["embeds"][0]["description"]
    closed = [r for r in folio.fake.requests_matching("PATCH", rf"/channels/{channel}/messages/\d+", since=since)]
    assert closed and all(b.get("disabled") for r in closed for row in r.json["components"] for b in row["components"])


async def test_one_game_per_channel_and_two_channels_at_once(folio: Harness) -> None:
    first, second = next(CHANNELS), next(CHANNELS)
    await start(folio, first, rounds=3)
    refused = await command(folio, "trivia start", channel_id=first, user=payloads.BOB)
    assert "already running in this channel" in ephemeral_text(refused)
    await start(folio, second, rounds=3)
    not_theirs = await command(folio, "trivia stop", channel_id=first, user=payloads.BOB)
    assert "Only whoever started the game" in ephemeral_text(not_theirs)
    for channel, user in ((first, payloads.ALICE), (second, payloads.MOD)):
        since = folio.fake.mark()
        stopped = await command(folio, "trivia stop", channel_id=channel, user=user)
        assert stopped["type"] == MESSAGE and "stopped the game" in stopped["data"]["content"]
        summary = await posted(folio, channel, since, "Trivia over")
        assert "a player stopped it" in summary["embeds"][0]["description"]  # a stopped game still announces
    assert "No trivia game is running" in ephemeral_text(await command(folio, "trivia stop", channel_id=first))


async def test_buttons_of_finished_games_answer_clearly(folio: Harness) -> None:
    channel = next(CHANNELS)
    question = await start(folio, channel, rounds=2)
    await command(folio, "trivia stop", channel_id=channel)
    reply = await click(folio, question, buttons(question)[0]["custom_id"], payloads.BOB)
    assert "This question is over" in ephemeral_text(reply)
    old_form = payloads.modal_submit(f"folio:ta:{game_id(question)}:1", {"answer": "Lydia"}, message=question)
    assert "This question is over" in ephemeral_text((await folio.interact(old_form)).json)
    damaged = copy.deepcopy(question)
    buttons(damaged)[0]["custom_id"] = "folio:t:not-a-game"
    forged = await click(folio, damaged, "folio:t:not-a-game", payloads.BOB)
    assert "This question is over" in ephemeral_text(forged)


async def test_settings_are_for_moderators(folio: Harness) -> None:
    refused = await command(folio, "trivia settings", {"timeout": 20}, user=payloads.ALICE, guild_id=OTHER_GUILD_ID)
    assert "Only moderators can do that" in ephemeral_text(refused)
    changed = await command(folio, "trivia settings", {"timeout": 20, "turn_off": "plot", "score_to_win": 50},
                            user=payloads.MOD, guild_id=OTHER_GUILD_ID)
    fields = {f["name"]: f["value"] for f in changed["data"]["embeds"][0]["fields"]}
    assert fields["Time per question"] == "20 s" and fields["Score to win"] == "50" and "plot" not in fields["Kinds"]
    off = await command(folio, "trivia start", {"kind": "plot"}, guild_id=OTHER_GUILD_ID, channel_id=next(CHANNELS))
    assert "turned plot questions off" in ephemeral_text(off)


async def test_a_moderator_resets_the_leaderboard_after_confirming(folio: Harness) -> None:
    asked = await folio.interact(payloads.slash_command("trivia reset", user=payloads.MOD, guild_id=OTHER_GUILD_ID))
    assert "Reset the trivia leaderboard?" in ephemeral_text(asked.json)
    refused = await command(folio, "trivia reset", user=payloads.ALICE, guild_id=OTHER_GUILD_ID)
    assert "Only moderators" in ephemeral_text(refused)
    message = asked.response["resource"]["message"]
    [confirm, _] = buttons(message)
    by_reader = await click(folio, message, confirm["custom_id"], payloads.ALICE)
    assert "Only moderators" in ephemeral_text(by_reader)
    done = await click(folio, message, confirm["custom_id"], payloads.MOD)
    assert done["type"] == UPDATE_MESSAGE and done["data"]["content"] == "The trivia leaderboard was reset."


async def test_simultaneous_right_answers_are_each_scored_once(folio: Harness, clock: BotClock) -> None:
    channel = next(CHANNELS)
    players = [payloads.Person(1_300_000_000_000_000_500 + n, f"player{n}", global_name=f"P{n}") for n in range(6)]
    question = await start(folio, channel, players[0], rounds=1, kind="plot")
    replies = await asyncio.gather(*(answer(folio, question, player, right=True) for player in players))
    assert all(ephemeral_text(reply).startswith("✅ Right!") for reply in replies)
    since = folio.fake.mark()
    clock.advance(seconds=31)
    reveal = await posted(folio, channel, since, "The answer: ")
    right = reveal["embeds"][0]["fields"][0]
    assert right["name"] == "Right (6 of 6)" and all(f"P{n} (+" in right["value"] for n in range(6))


async def test_trivia_only_in_the_channels_moderators_chose(folio: Harness) -> None:
    elsewhere = next(CHANNELS)
    chosen = payloads.slash_command("trivia settings", user=payloads.MOD, channels={"allow_channel": payloads.resolved_channel(payloads.CHANNEL_ID, "general")})
    fields = {f["name"]: f["value"] for f in (await folio.interact(chosen)).json["data"]["embeds"][0]["fields"]}
    assert fields["Channels"] == f"<#{payloads.CHANNEL_ID}>"
    try:
        refused = await command(folio, "trivia start", channel_id=elsewhere)
        assert "Trivia isn't played in this channel" in ephemeral_text(refused)
    finally:
        again = payloads.slash_command("trivia settings", user=payloads.MOD, channels={"disallow_channel": payloads.resolved_channel(payloads.CHANNEL_ID, "general")})
        fields = {f["name"]: f["value"] for f in (await folio.interact(again)).json["data"]["embeds"][0]["fields"]}
    assert fields["Channels"] == "every channel"


async def test_moderators_manage_questions_and_banks(folio: Harness) -> None:
    guild = {"guild_id": OTHER_GUILD_ID}
    reader = await command(folio, "trivia question add", {"question": "Q?", "answer": "A"}, **guild)
    assert "Only moderators can do that" in ephemeral_text(reader)
    options = {"question": "Which <@&1300000000000000301> colour is the loft's door?", "answer": "yes", "wrong": "no; maybe", "accepted": "on"}
    added = ephemeral_text(await command(folio, "trivia question add", options, user=payloads.MOD, **guild))
    assert added.startswith("Added question #") and "<@&1300000000000000301>" not in added
    number = int(added.split("#")[1].split()[0])
    bad = await command(folio, "trivia question add", {"question": "Q?", "answer": "A", "wrong": "a"}, user=payloads.MOD, **guild)
    assert "the wrong option “a” is the answer" in ephemeral_text(bad)

    listed = await command(folio, "trivia question list", user=payloads.MOD, **guild)
    embed = listed["data"]["embeds"][0]
    assert f"#{number} " in embed["description"] and embed["footer"]["text"].startswith("1 added here · 31 shipped")

    exported = await folio.interact(payloads.slash_command("trivia bank export", user=payloads.MOD, **guild))
    [file] = exported.files
    assert file.filename == "hello-from-the-other-side.yaml"
    assert b"answer: 'yes'" in file.data and b"wrong:\n  - 'no'\n  - maybe" in file.data  # YAML traps stay text

    broken = folio.fake.host_attachment("bank.yaml", b"questions:\n  - {question: Q}\n", "application/x-yaml")
    since = folio.fake.mark()
    refused = await folio.interact(
        payloads.slash_command("trivia bank import", user=payloads.MOD, attachments={"file": broken}, **guild)
    )
    assert refused.json["type"] == DEFERRED
    reply = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=since)
    assert "question 1: \\`answer\\` is missing" in reply.json["content"]

    removed = await command(folio, "trivia question remove", {"number": number}, user=payloads.MOD, **guild)
    assert ephemeral_text(removed).startswith(f"Removed question #{number}")
    again = await command(folio, "trivia question remove", {"number": number}, user=payloads.MOD, **guild)
    assert ephemeral_text(again) == f"This server has no trivia question #{number}."
