"""/progress through the fake Discord: moderators set the club's chapter, readers their own, on a novel."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.e2e.test_quote_novel import DRACULA, add_work_with_cli
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness, running_folio
from tests.postgres import target_database

pytestmark = pytest.mark.asyncio(loop_scope="module")

EPHEMERAL = 1 << 6
OTHER_CHANNEL = payloads.resolved_channel(payloads.HALL_CHANNEL_ID, "hall")


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def club(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    async with target_database(tmp_path_factory.mktemp("folio-progress") / "folio.sqlite3") as database:
        add_work_with_cli(database, DRACULA, "dracula")
        async with running_folio(database) as harness:
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()
        assert [str(request) for request in harness.fake.failed_requests] == []


async def command(club: Harness, name: str, options: dict[str, object], **kwargs: object) -> dict:
    return (await club.interact(payloads.slash_command(name, options, **kwargs))).json["data"]  # type: ignore[arg-type]


async def test_chapters_autocomplete_with_their_numbers_and_titles(club: Harness) -> None:
    request = payloads.autocomplete(
        "progress set", {"work": "dracula", "chapter": "3"}, focused="chapter", user=payloads.MOD
    )
    choices = (await club.interact(request)).json["data"]["choices"]
    assert choices[0] == {"name": "Chapter III: Jonathan Harker’s Journal—Continued · 3 of 27", "value": "#3"}
    request = payloads.autocomplete("progress me", {"work": "dracula", "chapter": "seward"}, focused="chapter")
    names = [choice["name"] for choice in (await club.interact(request)).json["data"]["choices"]]
    assert names[0].startswith("Chapter XII: Dr. Seward’s Diary") and len(names) > 5


async def test_only_moderators_set_the_club_progress(club: Harness) -> None:
    refused = await command(club, "progress set", {"work": "dracula", "chapter": "3"})
    assert refused["flags"] & EPHEMERAL and "Only moderators" in refused["content"]
    await command(club, "progress clear", {"work": "dracula"}, user=payloads.MOD)
    shown = await command(club, "progress show", {"work": "dracula"})
    assert "no progress set" in shown["content"]

    done = await command(club, "progress set", {"work": "dracula", "chapter": "#3"}, user=payloads.MOD)
    assert not done.get("flags", 0) & EPHEMERAL
    assert "up to **Chapter III: Jonathan Harker’s Journal—Continued** (3 of 27)" in done["content"]
    shown = await command(club, "progress show", {"work": "dracula"})
    assert shown["content"].startswith("Here: *Dracula*, up to **Chapter III")


async def test_a_channel_reads_at_its_own_pace_and_a_reader_keeps_their_own_place(club: Harness) -> None:
    await command(club, "progress set", {"work": "dracula", "chapter": "3"}, user=payloads.MOD)
    await command(
        club,
        "progress set",
        {"work": "dracula", "chapter": "chapter 7"},
        user=payloads.MOD,
        channels={"channel": OTHER_CHANNEL},
    )
    there = await command(club, "progress show", {"work": "dracula"}, channel_id=payloads.HALL_CHANNEL_ID)
    assert there["content"].startswith("Here: *Dracula*, up to **Chapter VII")
    mine = await command(club, "progress me", {"work": "dracula", "chapter": "10"}, user=payloads.BOB)
    assert mine["flags"] & EPHEMERAL and "up to **Chapter X** (10 of 27)" in mine["content"]
    shown = await command(club, "progress show", {"work": "dracula"}, user=payloads.BOB)
    assert "You: *Dracula*, up to **Chapter X**" in shown["content"]
    assert f"<#{payloads.HALL_CHANNEL_ID}>: `dracula` up to Chapter VII" in shown["content"]

    cleared = await command(club, "progress clear", {"work": "dracula", "mine": True}, user=payloads.BOB)
    assert "Your place in *Dracula* is cleared." == cleared["content"]
    refused = await command(
        club, "progress clear", {"work": "dracula"}, user=payloads.BOB, channels={"channel": OTHER_CHANNEL}
    )
    assert "Only moderators" in refused["content"]
    cleared = await command(
        club, "progress clear", {"work": "dracula"}, user=payloads.MOD, channels={"channel": OTHER_CHANNEL}
    )
    assert cleared["content"].startswith(f"The progress of <#{payloads.HALL_CHANNEL_ID}>")
    there = await command(club, "progress show", {"work": "dracula"}, channel_id=payloads.HALL_CHANNEL_ID)
    assert there["content"].startswith("Here: *Dracula*, up to **Chapter III")


async def test_an_unknown_chapter_is_a_friendly_private_message(club: Harness) -> None:
    missing = await command(club, "progress me", {"work": "dracula", "chapter": "Epilogue"})
    assert missing["flags"] & EPHEMERAL and "Dracula has no chapter called “Epilogue”" in missing["content"]


async def test_moving_on_can_open_a_thread_on_the_chapter_just_read(club: Harness) -> None:
    since = club.fake.mark()
    options = {"work": "dracula", "chapter": "4", "thread": True}
    done = await command(club, "progress set", options, user=payloads.MOD)
    assert "up to **Chapter IV" in done["content"]
    post = await club.fake.wait_for_request("POST", rf"/channels/{payloads.CHANNEL_ID}/messages", since=since)
    [embed] = post.json["embeds"]
    assert embed["title"].startswith("Just read: Chapter IV: Jonathan Harker’s Journal—Continued")
    fields = {field["name"]: field["value"] for field in embed["fields"]}
    assert fields["Where"].startswith("Chapter IV") and fields["Talk about it"]
    thread = rf"/channels/{payloads.CHANNEL_ID}/messages/{post.response['id']}/threads"
    await club.fake.wait_for_request("POST", thread, since=since)
