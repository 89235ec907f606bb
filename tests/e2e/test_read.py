"""/read through the fake Discord: paging, jumping to a section, limits, and buttons that outlive the bot."""

from __future__ import annotations

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


async def test_read_starts_at_the_beginning_and_pages_forward_and_back(folio: Harness) -> None:
    body = await read(folio.fake)
    assert body["type"] == MESSAGE
    page = body["message"]
    assert page["embeds"][0]["description"].startswith("Derek’s hands were numb with anticipation.")
    assert where(page).startswith("Scene 1 · paragraph 1 of 27")
    prev, next_, menu = components(page)
    assert prev["disabled"] is True and not next_.get("disabled")
    assert [option["label"] for option in menu["options"]] == ["Scene 1", "Scene 2", "Scene 3", "Scene 4"]
    assert menu["options"][0].get("default") is True

    forward = await click(folio.fake, page, "next")
    assert forward["type"] == UPDATE_MESSAGE
    assert forward["data"]["embeds"][0]["description"] == "Stiles knows that."
    back = await click(folio.fake, forward["message"], "prev")
    assert where(back["data"]).startswith("Scene 1 · paragraph 1 of 27")


async def test_the_menu_jumps_to_a_section(folio: Harness) -> None:
    page = (await read(folio.fake))["message"]
    jumped = await choose_section(folio.fake, page, "2")
    assert jumped["type"] == UPDATE_MESSAGE
    assert where(jumped["data"]).startswith("Scene 3 · paragraph 1 of 6")
    menu = next(c for c in components(jumped["message"]) if c["type"] == STRING_SELECT)
    assert [o["label"] for o in menu["options"] if o.get("default")] == ["Scene 3"]


async def test_read_can_start_at_a_section_named_as_typed_or_chosen(folio: Harness) -> None:
    choices = (await folio.fake.interact(payloads.autocomplete("read", {"section": "scene"}, focused="section"))).json[
        "data"
    ]["choices"]
    assert [c["name"] for c in choices] == ["Scene 1", "Scene 2", "Scene 3", "Scene 4"]
    assert where((await read(folio.fake, section=choices[3]["value"]))["data"]).startswith("Scene 4 · paragraph 1")
    assert where((await read(folio.fake, section="scene 2"))["data"]).startswith("Scene 2 · paragraph 1")
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
    assert forward["type"] == UPDATE_MESSAGE and "Chapter XX · paragraph 2 of" in where(forward["data"])
    jumped = await choose_section(
        fake_server, page, next(o["value"] for o in menu["options"] if o["label"] == "Chapter XXI")
    )
    assert where(jumped["data"]).startswith("Chapter XXI · paragraph 1 of")
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
        assert where(body["data"]).startswith("Chapter III: The Storm Comes In · paragraph 1"), typed
        assert body["data"]["embeds"][0]["description"].startswith("By noon the wind had turned.")
    choices = await folio.fake.interact(
        payloads.autocomplete("read", {"work": "lantern", "section": "4", "spoilers": True}, focused="section")
    )
    names = [choice["name"] for choice in choices.json["data"]["choices"]]
    assert names == ["Chapter IV: What the Sea Gave Back"]
