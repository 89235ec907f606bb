"""/read through the fake Discord: paging, jumping to a section, limits, and buttons that outlive the bot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.fake_discord import FakeDiscord, payloads
from tests.fake_discord.bot_process import READY_LINE
from tests.fake_discord.harness import COMMAND_SYNC, Harness, StartBot
from tests.fake_discord.payloads import JSON
from tests.test_run_bot import run_bot

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, UPDATE_MESSAGE = 4, 7
EPHEMERAL = 1 << 6
STRING_SELECT = 3
FRANKENSTEIN = Path(__file__).resolve().parents[2] / "benchmarks" / "corpus" / "frankenstein.txt"


def components(message: JSON) -> list[JSON]:
    return [child for row in message["components"] for child in row["components"]]


def where(message: JSON) -> str:
    return next(f["value"] for f in message["embeds"][0]["fields"] if f["name"] == "Where")


async def answer(fake: FakeDiscord, interaction: JSON) -> JSON:
    """The callback body, with ``message``: the message as Discord now shows it (for the next click)."""
    callback = await fake.interact(interaction)
    resource = (callback.response or {}).get("resource") or {}
    return {**callback.json, "message": resource.get("message")}


async def read(fake: FakeDiscord, **options: str) -> JSON:
    return await answer(fake, payloads.slash_command("read", options))


async def click(fake: FakeDiscord, message: JSON, arrow: str) -> JSON:
    button = next(c for c in components(message) if c.get("custom_id", "").endswith(f":{arrow}"))
    return await answer(fake, payloads.component_click(button["custom_id"], message))


async def choose_section(fake: FakeDiscord, message: JSON, value: str) -> JSON:
    menu = next(c for c in components(message) if c["type"] == STRING_SELECT)
    return await answer(
        fake, payloads.component_click(menu["custom_id"], message, component_type=STRING_SELECT, values=[value])
    )


def shown_paragraphs(message: JSON) -> list[int]:
    """The numbers, within their section, of the paragraphs a page shows (from its "Where")."""
    numbers = re.search(r"· paragraphs? (\d+)(?:–(\d+))? of", where(message))
    assert numbers is not None, where(message)
    first = int(numbers[1])
    return list(range(first, int(numbers[2] or first) + 1))


async def test_read_shows_a_page_of_paragraphs_and_pages_forward_and_back(folio: Harness) -> None:
    body = await read(folio.fake)
    assert body["type"] == MESSAGE
    page = body["message"]
    [embed] = page["embeds"]
    assert embed["description"].startswith("Derek’s hands were numb with anticipation.")
    assert "\n\nStiles knows that.\n\n" in embed["description"]
    assert where(page).startswith("Scene 1 · paragraphs 1–") and " of 27 · " in where(page)
    first_page = shown_paragraphs(page)
    assert len(embed["description"].split("\n\n")) == len(first_page) > 2
    assert 3000 < len(embed["description"]) <= 4096  # full: the next paragraph did not fit
    prev, next_, menu = components(page)
    assert prev["disabled"] is True and not next_.get("disabled")
    assert [option["label"] for option in menu["options"]] == ["Scene 1", "Scene 2", "Scene 3", "Scene 4"]
    assert menu["options"][0].get("default") is True

    forward = await click(folio.fake, page, "next")
    assert forward["type"] == UPDATE_MESSAGE
    assert shown_paragraphs(forward["data"])[0] == first_page[-1] + 1
    back = await click(folio.fake, forward["message"], "prev")
    assert shown_paragraphs(back["data"])[-1] == first_page[-1]
    assert back["data"]["embeds"][0]["description"].endswith(embed["description"][-200:])


async def test_the_menu_jumps_to_a_section(folio: Harness) -> None:
    page = (await read(folio.fake))["message"]
    jumped = await choose_section(folio.fake, page, "2")
    assert jumped["type"] == UPDATE_MESSAGE
    assert where(jumped["data"]).startswith("Scene 3 · paragraphs 1–6 of 6")  # a short scene: one page
    menu = next(c for c in components(jumped["message"]) if c["type"] == STRING_SELECT)
    assert [o["label"] for o in menu["options"] if o.get("default")] == ["Scene 3"]
    onward = await click(folio.fake, jumped["message"], "next")
    assert where(onward["data"]).startswith("Scene 4 · paragraphs 1–")  # pages never run across sections


async def test_read_can_start_at_a_section_named_as_typed_or_chosen(folio: Harness) -> None:
    choices = (await folio.fake.interact(payloads.autocomplete("read", {"section": "scene"}, focused="section"))).json[
        "data"
    ]["choices"]
    assert [c["name"] for c in choices] == ["Scene 1", "Scene 2", "Scene 3", "Scene 4"]
    assert where((await read(folio.fake, section=choices[3]["value"]))["data"]).startswith("Scene 4 · paragraphs 1–")
    assert where((await read(folio.fake, section="scene 2"))["data"]).startswith("Scene 2 · paragraphs 1–")
    missing = await read(folio.fake, section="Epilogue")
    assert missing["data"]["flags"] & EPHEMERAL and "no section called “Epilogue”" in missing["data"]["content"]


async def test_a_long_work_offers_25_sections_and_the_pages_outlive_a_restart(
    start_bot: StartBot, fake_server: FakeDiscord, database_target: Path | str
) -> None:
    added = run_bot("add-work", str(FRANKENSTEIN), "--slug", "frankenstein", database=database_target)
    assert added.returncode == 0, added.stderr
    bot = await start_bot({})
    await bot.wait_for_log(READY_LINE)
    await fake_server.wait_for_request("PUT", COMMAND_SYNC, since=0)
    page = (await read(fake_server, work="frankenstein", section="Chapter XX"))["message"]
    menu = next(c for c in components(page) if c["type"] == STRING_SELECT)
    assert len(menu["options"]) == 25  # Discord's most; the 30 sections are windowed around Chapter XX
    assert any(o.get("default") and o["label"] == "Chapter XX" for o in menu["options"])
    assert all(len(o["label"]) <= 100 and len(o["value"]) <= 100 for o in menu["options"])
    await bot.stop()

    since = fake_server.mark()
    bot = await start_bot({})
    await bot.wait_for_log(READY_LINE)
    await fake_server.wait_for_request("PUT", COMMAND_SYNC, since=since)
    forward = await click(fake_server, page, "next")
    assert forward["type"] == UPDATE_MESSAGE and where(forward["data"]).startswith("Chapter XX · paragraph")
    assert shown_paragraphs(forward["data"])[0] == shown_paragraphs(page)[-1] + 1
    jumped = await choose_section(
        fake_server, page, next(o["value"] for o in menu["options"] if o["label"] == "Chapter XXI")
    )
    assert where(jumped["data"]).startswith("Chapter XXI · paragraphs 1–")
    await bot.stop()
    assert bot.tracebacks() == []


LANTERN = Path(__file__).resolve().parents[2] / "tests" / "data" / "structure" / "gutenberg_title_page.txt"


async def test_a_chapter_is_found_by_number_numeral_or_title_and_offered_as_typed(folio: Harness) -> None:
    attachment = folio.fake.host_attachment("lantern.txt", LANTERN.read_bytes())
    mark = folio.fake.mark()
    await folio.interact(
        payloads.slash_command("library add", {}, user=payloads.MOD, attachments={"file": attachment})
    )
    followup = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark, timeout=60)
    assert "The Lantern Keeper" in followup.json["embeds"][0]["title"], followup.json
    for typed in ("chapter 3", "3", "III", "Chapter III", "iii", "three", "The Storm Comes In", "storm comes"):
        body = await read(folio.fake, work="lantern", section=typed, spoilers=True)
        assert where(body["data"]).startswith("Chapter III: The Storm Comes In · paragraphs 1–2 of 2"), typed
        assert body["data"]["embeds"][0]["description"].startswith("By noon the wind had turned.")
    choices = await folio.fake.interact(
        payloads.autocomplete("read", {"work": "lantern", "section": "4", "spoilers": True}, focused="section")
    )
    names = [choice["name"] for choice in choices.json["data"]["choices"]]
    assert names == ["Chapter IV: What the Sea Gave Back"]


async def test_a_paragraph_longer_than_a_page_is_read_in_pieces_cut_between_sentences(folio: Harness) -> None:
    long = " ".join(f"The tide rose past marker {n}, and the keeper wrote it down." for n in range(120))
    text = f"The Long Tide\n\nby Ada Keeper\n\nCHAPTER I.\n\nThe night began.\n\n{long}\n\nMorning came.\n"
    attachment = folio.fake.host_attachment("long-tide.txt", text.encode())
    mark = folio.fake.mark()
    await folio.interact(payloads.slash_command("library add", {}, user=payloads.MOD, attachments={"file": attachment}))
    followup = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark, timeout=60)
    assert "long-tide" in str(followup.json), followup.json

    page = (await read(folio.fake, work="long-tide"))["message"]
    assert page["embeds"][0]["description"] == "The night began."  # the long one does not fit beside it
    pieces = []
    while True:
        turned = await click(folio.fake, page, "next")
        page = turned["message"]
        description = page["embeds"][0]["description"]
        if not description.startswith("The tide"):
            break
        assert len(description) <= 4096 and description.endswith("wrote it down.")
        assert f"paragraph 2 of 3, part {len(pieces) + 1} of " in where(page)
        pieces.append(description)
    assert len(pieces) > 1 and " ".join(pieces) == long
    assert description == "Morning came." and components(page)[1].get("disabled") is True
    back = await click(folio.fake, page, "prev")
    assert back["message"]["embeds"][0]["description"] == pieces[-1]
