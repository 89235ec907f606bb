"""Faults through the fake Discord: the gateway drops, asks to reconnect or invalidates the session; REST
answers 429 (per route and global) and 5xx; the bot is killed mid-burst of reactions. It keeps serving,
sends nothing twice, and loses nothing it acknowledged."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from bot.storage.database import Database
from tests.e2e.reacting import quote_reply, setup_hall
from tests.fake_discord import FakeDiscord, payloads
from tests.fake_discord.bot_process import READY_LINE
from tests.fake_discord.gateway import IDENTIFY, RESUME
from tests.fake_discord.harness import Harness, StartBot, running_folio
from tests.fake_discord.payloads import Person

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE = 4
CALLBACK = r"/interactions/\d+/[^/]+/callback"
TRIVIA_CHANNEL = 1_300_000_000_000_000_778
BURST = tuple(Person(1_300_000_000_000_003_000 + n, f"burst{n}") for n in range(120))


async def still_serves(folio: Harness) -> None:
    """A /quote is answered (after any failure injected on the way), exactly once."""
    interaction = payloads.slash_command("quote", {"text": "Stiles knows that."})
    since = folio.fake.mark()
    await folio.fake.dispatch("INTERACTION_CREATE", interaction)
    path = rf"/interactions/{interaction['id']}/[^/]+/callback"
    reply = await folio.fake.wait_for_request("POST", path, since=since, where=lambda r: r.injected is None)
    assert reply.json["type"] == MESSAGE and reply.status in (200, 204), reply
    answered = [r for r in folio.fake.requests_matching("POST", path, since=since) if r.injected is None]
    assert len(answered) == 1


async def test_the_bot_resumes_or_identifies_again_and_keeps_serving(database_target: Path | str) -> None:
    async with running_folio(database_target) as folio:
        gateway = folio.fake.gateway
        for fault, reply_op in ((gateway.drop, RESUME), (gateway.request_reconnect, RESUME)):
            since = gateway.received.mark()
            await fault()
            await folio.fake.wait_for_frame(reply_op, since=since)
            await gateway.wait_until_ready()
            await still_serves(folio)
        since = gateway.received.mark()
        await gateway.invalidate_session()  # op 9, not resumable: a new session
        identify = await folio.fake.wait_for_frame(IDENTIFY, since=since, timeout=15)
        assert identify.d["shard"] == [0, 1]
        await gateway.wait_until_ready(timeout=15)
        await still_serves(folio)
        assert gateway.identify_refusals == 0
    assert folio.bot.tracebacks() == []
    assert [str(request) for request in folio.fake.failed_requests] == []


async def test_rate_limits_and_server_errors_delay_replies_but_never_double_them(database_target: Path | str) -> None:
    async with running_folio(database_target) as folio:
        fake = folio.fake
        per_route = fake.fail_next("POST", CALLBACK, retry_after=0.3)
        await still_serves(folio)
        global_limit = fake.fail_next("POST", CALLBACK, retry_after=0.3, scope="global")
        await still_serves(folio)
        server_error = fake.fail_next("POST", CALLBACK, status=502)
        await still_serves(folio)
        assert (per_route.remaining, global_limit.remaining, server_error.remaining) == (0, 0, 0)

        since = fake.mark()
        question_post = fake.fail_next("POST", rf"/channels/{TRIVIA_CHANNEL}/messages", status=500)
        followup = fake.fail_next("POST", r"/webhooks/\d+/[^/]+", retry_after=0.2, scope="global")
        reply = await fake.interact(
            payloads.slash_command("trivia start", {"rounds": 1, "kind": "plot"}, channel_id=TRIVIA_CHANNEL)
        )
        assert reply.json["type"] == 5
        await fake.wait_for_request(
            "POST", rf"/channels/{TRIVIA_CHANNEL}/messages", since=since, where=lambda r: r.status == 200, timeout=15
        )
        assert question_post.remaining == followup.remaining == 0
        sent = [r for r in fake.requests_matching("POST", rf"/channels/{TRIVIA_CHANNEL}/messages", since=since)]
        assert [r.status for r in sent] == [500, 200], "the question is sent once it gets through, and only once"
        [announced] = [r for r in fake.requests_matching("POST", r"/webhooks/\d+/[^/]+", since=since) if r.status == 200]
        assert announced.json["content"].startswith("**Trivia!**")
        await fake.interact(payloads.slash_command("trivia stop", channel_id=TRIVIA_CHANNEL))
    assert folio.bot.tracebacks() == []
    assert [str(request) for request in fake.failed_requests] == [], "a second callback for one interaction is refused"


async def acknowledged(lines: list[str], message_id: str) -> set[int]:
    """The readers whose reaction on ``message_id`` the bot logged as handled (stored)."""
    handled = re.compile(rf"Reaction added on {message_id} by (\d+) ")
    return {int(match[1]) for line in lines if (match := handled.search(line))}


async def test_a_kill_mid_burst_of_reactions_loses_nothing_acknowledged(
    start_bot: StartBot, fake_server: FakeDiscord, database_target: Path | str
) -> None:
    bot = await start_bot({})
    await bot.wait_for_log(READY_LINE)
    folio = Harness(fake_server, bot, database_target)
    await setup_hall(folio, threshold=500)
    reply = await quote_reply(folio)
    burst = asyncio.gather(*(fake_server.react(reply["id"], "⭐", reader) for reader in BURST), return_exceptions=True)
    await bot.wait_for_log(f"Reaction added on {reply['id']} by ", timeout=15)
    await bot.kill()  # kill -9, mid-burst
    await burst
    handled = await acknowledged(bot.lines.items, reply["id"])
    assert handled, "some reactions were handled before the kill"

    restarted = await start_bot({})
    await restarted.wait_for_log(READY_LINE)
    async with Database.opened(database_target) as database:
        rows = await database.fetch_all(
            "SELECT user_id FROM reaction_votes WHERE message_id = ? AND present = 1", (int(reply["id"]),)
        )
    assert handled <= {row[0] for row in rows}, "every acknowledged reaction is stored"

    recount = payloads.slash_command("reactions recount", {"message": reply["id"]}, user=payloads.MOD)
    since = fake_server.mark()
    await fake_server.interact(recount)
    done = await fake_server.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=since, timeout=15)
    assert done.json["content"].startswith(f"Recounted: {len(BURST)} reaction(s)"), done.json
    assert await restarted.stop() == 0
    assert restarted.tracebacks() == []
