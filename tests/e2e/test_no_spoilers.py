"""No spoilers through the fake Discord: at a club progress of chapter 3 of Dracula, nothing from chapter 4
on appears unhidden in /quote, /ask or /read; a reader's own progress counts for their private pages;
pages belong to whoever turns them."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.e2e.reacting import READERS, next_hall_post, passage_of, react, setup_hall
from tests.e2e.test_character import DEFERRED_MESSAGE, character, field
from tests.e2e.test_quote_novel import DRACULA, add_work_with_cli
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness, running_folio
from tests.fake_discord.payloads import JSON
from tests.postgres import target_database

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, UPDATE_MESSAGE = 4, 7
EPHEMERAL = 1 << 6
READ_CHAPTER = re.compile(r"^(Front matter|Chapter (I|II|III)\b)")
LAST_OF_CHAPTER_3 = "Then the horror overcame me, and I sank down unconscious."
FIRST_OF_CHAPTER_4 = "I awoke in my own bed."


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def club(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    """Dracula, with the server at chapter 3 (tests that move it put it back)."""
    async with target_database(tmp_path_factory.mktemp("folio-spoilers") / "folio.sqlite3") as database:
        add_work_with_cli(database, DRACULA, "dracula")
        async with running_folio(database) as harness:
            await at_chapter(harness, "3")
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()
        assert [str(request) for request in harness.fake.failed_requests] == []


async def at_chapter(club: Harness, chapter: str, **where: object) -> None:
    options = {"work": "dracula", "chapter": chapter}
    done = await club.interact(payloads.slash_command("progress set", options, user=payloads.MOD, **where))  # type: ignore[arg-type]
    assert "has read" in done.json["data"]["content"]


async def reply(club: Harness, name: str, options: dict[str, object], **kwargs: object) -> JSON:
    """The callback body, with ``message``: the message as Discord shows it."""
    callback = await club.interact(payloads.slash_command(name, options, **kwargs))  # type: ignore[arg-type]
    resource = (callback.response or {}).get("resource") or {}
    return {**callback.json, "message": resource.get("message")}


async def click(club: Harness, message: JSON, arrow: str, user: payloads.Person = payloads.ALICE) -> JSON:
    button = next(
        c for row in message["components"] for c in row["components"] if c.get("custom_id", "").endswith(arrow)
    )
    callback = await club.interact(payloads.component_click(button["custom_id"], message, user=user))
    resource = (callback.response or {}).get("resource") or {}
    return {**callback.json, "message": resource.get("message")}


def where(data: JSON) -> str:
    fields = {field["name"]: field["value"] for field in data["embeds"][0]["fields"]}
    return fields["Where"].removeprefix("Dracula · ")


def button(message: JSON, arrow: str) -> JSON:
    return next(c for row in message["components"] for c in row["components"] if c["custom_id"].endswith(arrow))


def everything_shown(data: JSON) -> str:
    embeds = data.get("embeds") or []
    parts = [data.get("content") or ""]
    for embed in embeds:
        parts += [embed.get("description") or "", *(f["value"] for f in embed.get("fields", []))]
    return "\n".join(parts)


async def test_a_line_already_read_is_quoted_as_ever(club: Harness) -> None:
    found = await reply(club, "quote", {"text": "listen to them, children of the nite", "work": "dracula"})
    assert found["type"] == MESSAGE and not found["data"].get("flags", 0) & EPHEMERAL
    assert READ_CHAPTER.match(where(found["data"]))


async def test_a_line_further_on_is_not_shown_but_placed_and_offered_privately(club: Harness) -> None:
    later = await reply(club, "quote", {"text": "The blood is the life", "work": "dracula"})
    assert later["data"]["flags"] & EPHEMERAL and not later["data"].get("embeds")
    assert "is further on, in **Chapter XI: Lucy Westenra’s Diary**" in later["data"]["content"]  # its italic subtitle
    assert "`spoilers: True`" in later["data"]["content"]

    hidden = await reply(club, "quote", {"text": "The blood is the life", "work": "dracula", "spoilers": True})
    assert hidden["data"]["flags"] & EPHEMERAL
    [embed] = hidden["data"]["embeds"]
    assert embed["description"].startswith("||") and embed["description"].endswith("||")
    assert "The blood is the life" in embed["description"]
    assert all(f["value"].startswith("||") for f in embed["fields"])


async def test_word_searches_count_only_what_was_read(club: Harness) -> None:
    common = await reply(club, "quote", {"text": "Count", "work": "dracula"})
    embed = common["data"]["embeds"][0]
    assert "more come later, past the chapters read" in embed["description"]
    assert all(READ_CHAPTER.match(field["name"]) for field in embed["fields"])
    only_later = await reply(club, "quote", {"text": "Renfield", "work": "dracula"})
    assert only_later["data"]["flags"] & EPHEMERAL
    assert (
        "only comes later" in only_later["data"]["content"]
        and "first in **Chapter V**" in only_later["data"]["content"]
    )


async def test_autocomplete_offers_only_lines_read(club: Harness) -> None:
    request = payloads.autocomplete("quote", {"text": "the blood is the life", "work": "dracula"}, focused="text")
    choices = (await club.interact(request)).json["data"]["choices"]
    assert all("blood is the life" not in choice["name"].lower() for choice in choices)


async def test_ask_answers_from_the_chapters_read_and_says_the_answer_may_lie_further_on(club: Harness) -> None:
    unanswered = await reply(club, "ask", {"question": "Who is Quincey Morris?", "work": "dracula"})
    assert unanswered["data"]["flags"] & EPHEMERAL
    assert "The answer may lie further on." in unanswered["data"]["embeds"][0]["description"]
    answered = await reply(club, "ask", {"question": "What did Jonathan have for supper?", "work": "dracula"})
    assert answered["type"] == MESSAGE, answered
    data = answered["data"]
    assert READ_CHAPTER.match(where(data))
    assert "From the chapters read, up to Chapter III" in everything_shown(data)
    assert "Quincey" not in everything_shown(data)


async def test_read_stops_at_the_progress_unless_spoilers(club: Harness) -> None:
    refused = await reply(club, "read", {"work": "dracula", "section": "Chapter IV"})
    assert refused["data"]["flags"] & EPHEMERAL and "further on" in refused["data"]["content"]
    page = (await reply(club, "read", {"work": "dracula", "section": "Chapter III"}))["message"]
    menu = next(c for row in page["components"] for c in row["components"] if c["type"] == 3)
    assert [o["label"] for o in menu["options"]][-1].startswith("Chapter III")

    last = await reply(club, "quote", {"text": LAST_OF_CHAPTER_3, "work": "dracula"})
    assert button(last["message"], ":next").get("disabled") is True
    private = await reply(club, "read", {"work": "dracula", "section": "Chapter IV", "spoilers": True})
    assert private["data"]["flags"] & EPHEMERAL and private["data"]["embeds"][0]["description"].startswith(
        FIRST_OF_CHAPTER_4
    )
    onward = await click(club, private["message"], ":next:s")
    shown = len(private["data"]["embeds"][0]["description"].split("\n\n"))  # a page holds several paragraphs
    assert shown > 1 and onward["type"] == UPDATE_MESSAGE and where(onward["data"]).startswith(
        f"Chapter IV: Jonathan Harker’s Journal—Continued · paragraphs {shown + 1}–"
    )


async def test_pages_belong_to_whoever_turns_them_and_follow_the_reader_own_progress(club: Harness) -> None:
    await at_chapter(club, "3")
    shared = await reply(
        club, "quote", {"text": "Yes, I too can love; you yourselves can tell it from the past.", "work": "dracula"}
    )
    message = shared["message"]
    before = dict(club.fake.messages[message["id"]])
    # Bob's click opens a private copy; the shared message is unchanged.
    copy = await click(club, message, ":next", payloads.BOB)
    assert copy["type"] == MESSAGE and copy["data"]["flags"] & EPHEMERAL
    assert club.fake.messages[message["id"]]["embeds"] == before["embeds"]
    # Bob has read on (chapter 4 for himself): his private pages go there; the channel's stop at chapter 3.
    mine = await reply(club, "progress me", {"work": "dracula", "chapter": "4"}, user=payloads.BOB)
    assert mine["data"]["flags"] & EPHEMERAL
    page = copy["message"]
    while button(page, ":next").get("disabled") is not True and where(page).startswith(("Chapter II", "Chapter III")):
        turned = await click(club, page, ":next", payloads.BOB)
        assert turned["type"] == UPDATE_MESSAGE
        page = turned["message"]
    assert where(page).startswith("Chapter IV")
    # The author turns the shared message itself, and only up to the channel's chapter.
    turned = await click(club, message, ":next")
    assert turned["type"] == UPDATE_MESSAGE and READ_CHAPTER.match(where(turned["data"]))
    await club.interact(payloads.slash_command("progress clear", {"work": "dracula", "mine": True}, user=payloads.BOB))


async def test_character_profiles_count_only_the_chapters_read(club: Harness) -> None:
    choices: list[JSON] = []
    for _ in range(30):  # the novel's people are read in the background: an empty answer means "still reading"
        typing = payloads.autocomplete("character", {"name": "", "work": "dracula"}, focused="name")
        if choices := (await club.interact(typing)).json["data"]["choices"]:
            break
    names = [choice["value"] for choice in choices]
    assert "Jonathan" in names and "Renfield" not in names  # (the contents list names Van Helsing)
    callback, edit = await character(club, name="Mina", work="dracula")
    assert callback["type"] == DEFERRED_MESSAGE and edit is not None
    [embed] = edit.json["embeds"]
    assert READ_CHAPTER.match(field(embed, "First appearance"))
    assert field(embed, "Mentions").endswith(" of 3 chapters")
    assert "Lucy" not in field(embed, "Talks most with")
    not_met = (await character(club, name="Renfield", work="dracula"))[0]
    assert not_met["data"]["flags"] & EPHEMERAL
    assert "Renfield does not appear in Dracula as far as the reading has got" in not_met["data"]["content"]


async def test_hall_of_fame_and_top_list_hide_what_the_channel_has_not_read(club: Harness) -> None:
    here = {"channel": payloads.resolved_channel(payloads.CHANNEL_ID, "story")}
    await at_chapter(club, "12", channels=here)  # this channel reads ahead; the hall follows the server
    try:
        there = await reply(club, "quote", {"text": "The blood is the life", "work": "dracula"})
        message = there["message"]
        assert message is not None and "The blood is the life" in message["embeds"][0]["description"], there
        await setup_hall(club, threshold=2)
        since = club.fake.mark()
        for reader in READERS[:2]:
            await react(club, message["id"], "⭐", reader)
        post = await next_hall_post(club, since)
        [embed] = post.json["embeds"]
        assert embed["description"].startswith("||") and embed["description"].endswith("||")

        hall = await reply(club, "passage top", {"emoji": "⭐"}, channel_id=payloads.HALL_CHANNEL_ID)
        hidden = hall["data"]["embeds"][0]["description"]
        assert "(further on than the reading)" in hidden and "\n> ||" in hidden
        ahead = await reply(club, "passage top", {"emoji": "⭐"})
        assert "||" not in ahead["data"]["embeds"][0]["description"]
        stats = await reply(
            club, "reactions stats", {"passage": passage_of(message)}, channel_id=payloads.HALL_CHANNEL_ID
        )
        assert stats["data"]["embeds"][0]["description"].startswith("||")
    finally:
        cleared = payloads.slash_command("progress clear", {"work": "dracula"}, user=payloads.MOD, channels=here)
        await club.interact(cleared)


async def test_another_reader_turning_a_read_page_or_an_answer_gets_a_private_copy(club: Harness) -> None:
    page = (await reply(club, "read", {"work": "dracula", "section": "Chapter II"}))["message"]
    before = dict(club.fake.messages[page["id"]])
    copy = await click(club, page, ":next", payloads.BOB)
    assert copy["type"] == MESSAGE and copy["data"]["flags"] & EPHEMERAL
    shown = len(page["embeds"][0]["description"].split("\n\n"))
    assert where(copy["data"]).startswith(f"Chapter II: Jonathan Harker’s Journal—Continued · paragraphs {shown + 1}–")
    assert club.fake.messages[page["id"]]["embeds"] == before["embeds"]
    own = await click(club, page, ":next")
    assert own["type"] == UPDATE_MESSAGE

    answer = await reply(club, "ask", {"question": "What did Jonathan have for supper?", "work": "dracula"})
    shared = answer["message"]
    copy = await click(club, shared, ":prev", payloads.BOB)
    assert copy["type"] == MESSAGE and copy["data"]["flags"] & EPHEMERAL
    assert club.fake.messages[shared["id"]]["embeds"] == shared["embeds"]
