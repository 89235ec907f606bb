"""Votes and the hall of fame across a restart, and two bot processes sharing one database."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests import postgres
from tests.e2e.reacting import (
    HALL_POSTS,
    READERS,
    dispatch_reaction,
    next_hall_edit,
    next_hall_post,
    quote_reply,
    react,
    setup_hall,
    top_list,
)
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness, running_folio


async def test_votes_and_the_hall_are_intact_after_a_restart(database_target: Path | str) -> None:
    async with running_folio(database_target) as first:
        await setup_hall(first, threshold=3)
        reply = await quote_reply(first, "Stiles knows that.")
        for reader in READERS[:2]:
            await react(first, reply["id"], "⭐", reader)
        assert first.fake.requests_matching("POST", HALL_POSTS) == []
    async with running_folio(database_target) as second:
        # the message was sent before the restart: Discord still sends its reactions
        since = second.fake.mark()
        add = payloads.reaction_add(reply["id"], "⭐", user=READERS[2])
        await dispatch_reaction(second, "MESSAGE_REACTION_ADD", add)
        post = await next_hall_post(second, since)
        assert "**3**" in post.json["content"]
        remove = payloads.reaction_remove(reply["id"], "⭐", user=READERS[0])  # a vote from before the restart
        await dispatch_reaction(second, "MESSAGE_REACTION_REMOVE", remove)
        edit = await next_hall_edit(second, post.response["id"], post.index + 1)
        assert "**2**" in edit.json["content"]
        assert (await top_list(second)).startswith("**1.** ⭐ 2")
        assert second.bot.tracebacks() == [] and second.fake.failed_requests == []


@pytest.mark.skipif(postgres.TEST_DATABASE_URL is None, reason="two processes share PostgreSQL only")
async def test_two_bot_processes_on_one_database_post_once(database_target: Path | str) -> None:
    """Both processes receive the same five reactions at once (as during a rolling restart)."""
    async with running_folio(database_target) as one, running_folio(database_target) as two:
        await setup_hall(one, threshold=5)
        reply = await quote_reply(one, "Hello from the other side.")
        since = {one: one.fake.mark(), two: two.fake.mark()}
        await asyncio.gather(
            *(one.fake.react(reply["id"], "⭐", reader) for reader in READERS[:5]),
            *(
                two.fake.dispatch("MESSAGE_REACTION_ADD", payloads.reaction_add(reply["id"], "⭐", user=reader))
                for reader in READERS[:5]
            ),
        )
        await asyncio.wait(
            [asyncio.ensure_future(next_hall_post(bot, since[bot], timeout=15)) for bot in (one, two)],
            return_when=asyncio.FIRST_COMPLETED,
        )
        await settled(one, two)
        posts = [r for bot in (one, two) for r in bot.fake.requests_matching("POST", HALL_POSTS, since=since[bot])]
        assert len(posts) == 1 and "**5**" in posts[0].json["content"]


async def settled(*bots: Harness) -> None:
    """Wait until each bot has handled the five reactions."""
    for bot in bots:
        for reader in READERS[:5]:
            await bot.bot.wait_for_log(f"Reaction added on \\d+ by {reader.id} ", timeout=15)
