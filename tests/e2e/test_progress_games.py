"""No spoilers in what Folio picks by itself, through the fake Discord: with the club at Scene 1 of the
story, trivia, /discuss and the passage of the day draw only from Scene 1; a trivia reveal's ◀ ▶ never
erase it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import pytest_asyncio

from tests import postgres
from tests.e2e.trivia_helpers import EPHEMERAL, MESSAGE, TIMEOUT, buttons, command, next_question, posted, start
from tests.fake_discord import payloads
from tests.fake_discord.bot_clock import BotClock
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

STORY = "hello-from-the-other-side"
TRIVIA_CHANNEL = 1_300_000_000_000_000_701
READ = "Scene 1 ·"


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def clock(tmp_path_factory: pytest.TempPathFactory) -> BotClock:
    return BotClock(tmp_path_factory.mktemp("progress-clock") / "now", datetime(2026, 11, 30, 8, 0, tzinfo=UTC))


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def club(tmp_path_factory: pytest.TempPathFactory, clock: BotClock) -> AsyncIterator[Harness]:
    """The bot on the module's clock, the server at Scene 1 of the story."""
    async with postgres.target_database(tmp_path_factory.mktemp("progress-games") / "folio.sqlite3") as database:
        async with running_folio(database, clock.env()) as harness:
            done = await command(harness, "progress set", {"chapter": "1"}, user=payloads.MOD)
            assert "up to **Scene 1**" in done["data"]["content"]
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()
        assert [str(request) for request in harness.fake.failed_requests] == []


def passage_place(message: JSON) -> str:
    """The location a reveal or a discussion shows its passage at."""
    embed = message["embeds"][0]
    where = [f["value"] for f in embed["fields"] if f["name"] == "Where"]
    return where[0] if where else embed["fields"][-1]["name"]


async def test_trivia_asks_only_about_the_chapters_read_and_its_reveals_stay(club: Harness, clock: BotClock) -> None:
    await start(club, TRIVIA_CHANNEL, rounds=2)
    first, _ = await next_question(club, clock, TRIVIA_CHANNEL, 2)
    since = club.fake.mark()
    clock.advance(seconds=TIMEOUT + 1)
    reveals = [first, await posted(club, TRIVIA_CHANNEL, since, "The answer: ")]
    with_passages = [reveal for reveal in reveals if buttons(reveal)]
    assert with_passages and all(passage_place(reveal).startswith(READ) for reveal in with_passages)
    shown = with_passages[0]
    before = dict(club.fake.messages[shown["id"]])
    forward = next(b for b in buttons(shown) if b["custom_id"].endswith(":next"))
    click = await club.interact(payloads.component_click(forward["custom_id"], shown, user=payloads.BOB))
    assert click.json["type"] == MESSAGE and click.json["data"]["flags"] & EPHEMERAL
    assert club.fake.messages[shown["id"]]["embeds"] == before["embeds"]  # who answered and the points stay


async def test_discuss_picks_from_the_chapters_read(club: Harness) -> None:
    for _ in range(4):
        reply = await club.interact(payloads.slash_command("discuss", {}))
        message = ((reply.response or {}).get("resource") or {}).get("message") or {}
        if message.get("embeds"):  # a passage; without one, the reply points to its live thread
            assert passage_place(message).startswith(READ)
    further = (
        await club.interact(payloads.slash_command("discuss", {"quote": "He left the pack and became a hunter"}))
    ).json
    assert further["data"]["flags"] & EPHEMERAL and "is further on, in **Scene 3**" in further["data"]["content"]


async def test_the_passage_of_the_day_comes_from_the_chapters_read(club: Harness, clock: BotClock) -> None:
    channels = {"channel": payloads.resolved_channel(payloads.CHANNEL_ID, "general")}
    setup = payloads.slash_command("daily setup", {"hour": 9}, user=payloads.MOD, channels=channels)
    assert (await club.interact(setup)).json["data"]["flags"] & EPHEMERAL
    since = club.fake.mark()
    clock.set(datetime(2026, 11, 30, 9, 0, 30, tzinfo=UTC))
    post = await posted(club, payloads.CHANNEL_ID, since, "Passage of the day")
    assert passage_place(post).startswith(READ)
