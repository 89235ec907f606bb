"""The moderator console through the fake Discord: /config, capability switches, the moderator role, /help, /reload.

The module's tests share one bot. A test that switches capabilities does so in
a server of its own (:func:`new_guild`: the fake takes any guild id for an
interaction), so no test sees another's switches; tests that need the fake
guild's roles (the moderator role) put back what they changed.
"""

from __future__ import annotations

import itertools
import re

import pytest

from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness
from tests.fake_discord.payloads import JSON

pytestmark = pytest.mark.asyncio(loop_scope="module")

MESSAGE, DEFERRED, AUTOCOMPLETE_RESULT = 4, 5, 8
EPHEMERAL = 1 << 6
OTHER_CHANNEL_ID = 1_300_000_000_000_000_201
READING_ROOM_ID = 1_300_000_000_000_000_202
"""A channel of the tests' new servers: the fake's own channels belong to its one guild, and are refused in others."""
_guild_numbers = itertools.count(1)


def new_guild() -> int:
    return payloads.GUILD_ID + 10_000 + next(_guild_numbers)


async def run(
    folio: Harness,
    name: str,
    options: dict[str, object] | None = None,
    *,
    channel: JSON | None = None,
    **kwargs: object,
) -> JSON:
    """Run a slash command; returns the callback body."""
    channels = {"channel": channel} if channel else None
    return (await folio.interact(payloads.slash_command(name, options, channels=channels, **kwargs))).json


async def configure(folio: Harness, setting: str, value: str, *, guild_id: int, channel_id: int | None = None) -> str:
    """A moderator's /config set; returns the reply's text, which must be a private embed."""
    channel = payloads.resolved_channel(channel_id, "reading-room") if channel_id else None
    body = await run(
        folio, "config set", {"setting": setting, "value": value}, channel=channel, user=payloads.MOD, guild_id=guild_id
    )
    assert body["type"] == MESSAGE and body["data"]["flags"] & EPHEMERAL, body
    return reply_text(body)


def reply_text(body: JSON) -> str:
    data = body["data"]
    embeds = " ".join(f"{e.get('title', '')} {e.get('description', '')}" for e in data.get("embeds", []))
    fields = " ".join(f"{f['name']}: {f['value']}" for e in data.get("embeds", []) for f in e.get("fields", []))
    return " ".join(part for part in (data.get("content") or "", embeds, fields) if part)


async def quote_reply(folio: Harness, *, guild_id: int, channel_id: int = payloads.CHANNEL_ID) -> JSON:
    return await run(folio, "quote", {"text": "hello from the other side"}, guild_id=guild_id, channel_id=channel_id)


def is_quote(body: JSON) -> bool:
    return body["type"] == MESSAGE and bool(body["data"].get("embeds")) and not body["data"].get("flags", 0) & EPHEMERAL


def private_note(body: JSON) -> str:
    assert body["type"] == MESSAGE and body["data"]["flags"] & EPHEMERAL, body
    return body["data"]["content"]


async def help_commands(folio: Harness, *, guild_id: int, user: payloads.Person = payloads.ALICE) -> str:
    body = await run(folio, "help", guild_id=guild_id, user=user)
    assert body["data"]["flags"] & EPHEMERAL
    [embed] = body["data"]["embeds"]
    return embed["description"]


async def test_turning_quote_off_answers_a_note_and_on_again_restores_it(folio: Harness) -> None:
    guild_id = new_guild()
    command = payloads.slash_command("quote", {"text": "hello from the other side"}, guild_id=guild_id)
    assert is_quote((await folio.interact(command)).json)
    message = folio.fake.original_response(command)
    assert message is not None
    assert "now off (was default)" in await configure(folio, "quote", "off", guild_id=guild_id)

    assert private_note(await quote_reply(folio, guild_id=guild_id)) == (
        "Quoting is turned off on this server. A moderator can turn it back on with /config set."
    )
    typed = payloads.autocomplete("quote", {"text": "hello fr"}, focused="text", guild_id=guild_id)
    assert (await folio.interact(typed)).json == {"type": AUTOCOMPLETE_RESULT, "data": {"choices": []}}
    arrow = message["components"][0]["components"][0]["custom_id"]
    click = payloads.component_click(arrow, {**message, "guild_id": str(guild_id)})
    assert "Quoting is turned off" in private_note((await folio.interact(click)).json)

    assert "now on (was off)" in await configure(folio, "quote", "on", guild_id=guild_id)
    assert is_quote(await quote_reply(folio, guild_id=guild_id))


async def test_a_channel_override_beats_the_server_switch(folio: Harness) -> None:
    guild_id = new_guild()
    await configure(folio, "quote", "off", guild_id=guild_id)
    reply = await configure(folio, "quote", "on", guild_id=guild_id, channel_id=READING_ROOM_ID)
    assert f"in <#{READING_ROOM_ID}> is now on" in reply
    assert is_quote(await quote_reply(folio, guild_id=guild_id, channel_id=READING_ROOM_ID))
    elsewhere = await quote_reply(folio, guild_id=guild_id, channel_id=OTHER_CHANNEL_ID)
    assert "turned off on this server" in private_note(elsewhere)

    await configure(folio, "quote", "default", guild_id=guild_id)
    await configure(folio, "quote", "off", guild_id=guild_id, channel_id=OTHER_CHANNEL_ID)
    assert "turned off in this channel" in private_note(
        await quote_reply(folio, guild_id=guild_id, channel_id=OTHER_CHANNEL_ID)
    )
    assert is_quote(await quote_reply(folio, guild_id=guild_id))

    in_thread = payloads.slash_command("quote", {"text": "hello from the other side"}, guild_id=guild_id)
    thread = payloads.thread("Chapter one", parent_id=OTHER_CHANNEL_ID, guild_id=guild_id)
    in_thread.update(channel=thread, channel_id=thread["id"])
    assert "turned off in this channel" in private_note((await folio.interact(in_thread)).json)

    show = reply_text(await run(folio, "config show", user=payloads.MOD, guild_id=guild_id))
    assert f"<#{OTHER_CHANNEL_ID}>: quote off" in show and f"<#{READING_ROOM_ID}>: quote on" in show
    assert "Moderators: Members with Manage Server Default work:" in show and "✅ **quote** on (default)" in show
    assert "Default work: Hello From the Other Side (`hello-from-the-other-side`)" in show
    assert "Limits: 0 of 20 works and 0.0 of 60 MB of text added by this server" in show


async def test_a_reader_cannot_change_or_see_the_settings(folio: Harness) -> None:
    guild_id = new_guild()
    for name, options in (
        ("config set", {"setting": "quote", "value": "off"}),
        ("config show", None),
        ("config log", None),
    ):
        note = private_note(await run(folio, name, options, guild_id=guild_id))
        assert note.startswith("Only moderators can do that") and "Manage Server" in note, name
    assert is_quote(await quote_reply(folio, guild_id=guild_id))
    log = reply_text(await run(folio, "config log", user=payloads.MOD, guild_id=guild_id))
    assert "No setting has been changed" in log


async def test_members_with_the_moderator_role_are_moderators(folio: Harness) -> None:
    host = payloads.HOST
    assert "Manage Server" in private_note(await run(folio, "config show", user=host))
    try:
        reply = await configure(folio, "moderator_role", "@book club HOST", guild_id=payloads.GUILD_ID)
        assert f"is now <@&{payloads.HOST_ROLE_ID}> (was none)" in reply
        shown = await run(folio, "config show", user=host)
        assert f"Members with Manage Server and members with <@&{payloads.HOST_ROLE_ID}>" in reply_text(shown)
        refused = private_note(await run(folio, "config show", user=payloads.ALICE))
        assert f"the **Manage Server** permission or the <@&{payloads.HOST_ROLE_ID}> role" in refused
        handing_out = {"setting": "moderator_role", "value": str(payloads.MODERATOR_ROLE_ID)}
        note = private_note(await run(folio, "config set", handing_out, user=host))
        assert note.startswith("Only members with Manage Server can change who counts as a moderator.")
        assert f"<@&{payloads.HOST_ROLE_ID}>" in reply_text(await run(folio, "config show", user=host))
    finally:
        await configure(folio, "moderator_role", "none", guild_id=payloads.GUILD_ID)
    assert "Manage Server" in private_note(await run(folio, "config show", user=host))


async def test_the_audit_log_records_who_changed_what(folio: Harness) -> None:
    guild_id = new_guild()
    await configure(folio, "trivia", "off", guild_id=guild_id)
    await configure(folio, "ask", "off", guild_id=guild_id, channel_id=OTHER_CHANNEL_ID)
    await configure(folio, "default_work", "hello-from-the-other-side", guild_id=guild_id)
    log = reply_text(await run(folio, "config log", user=payloads.MOD, guild_id=guild_id))
    lines = log.removeprefix("Recent setting changes ").split("\n")
    mod = f"<@{payloads.MOD.id}>"
    assert re.fullmatch(
        rf"<t:\d+:f> {mod} set \*\*default_work\*\*: `hello-from-the-other-side` → `hello-from-the-other-side`",
        lines[0],
    )
    assert lines[1].endswith(f"{mod} set **ask** in <#{OTHER_CHANNEL_ID}>: default → off")
    assert lines[2].endswith(f"{mod} set **trivia**: default → off")


async def test_the_audit_log_pages_back_through_older_changes(folio: Harness) -> None:
    guild_id = new_guild()
    for number in range(21):
        await configure(folio, "quote", "off" if number % 2 else "on", guild_id=guild_id)

    async def page(number: int) -> JSON:
        body = await run(folio, "config log", {"page": number}, user=payloads.MOD, guild_id=guild_id)
        [embed] = body["data"]["embeds"]
        return embed

    first, second, third = await page(1), await page(2), await page(3)
    assert len(first["description"].split("\n")) == 20 and first["footer"]["text"].endswith("/config log page: 2")
    assert second["description"].endswith("set **quote**: default → on") and second["footer"]["text"] == "Page 2"
    assert len(second["description"].split("\n")) == 1
    assert third["description"] == "There is no page 3."


async def test_bad_settings_and_values_are_explained(folio: Harness) -> None:
    guild_id = new_guild()
    cases = {
        ("colour", "blue", None): "There is no setting “colour”",
        ("quote", "maybe", None): "“maybe” is not a switch: use on, off or default.",
        ("moderator_role", "Nobody Here", None): "There is no role “Nobody Here” on this server",
        ("moderator_role", "none", READING_ROOM_ID): "moderator\\_role applies to the whole server",
        ("default_work", "no-such-work", None): "There is no work called “no-such-work”",
    }
    for (setting, value, channel_id), expected in cases.items():
        channel = payloads.resolved_channel(channel_id, "story") if channel_id else None
        options = {"setting": setting, "value": value}
        note = private_note(
            await run(folio, "config set", options, channel=channel, user=payloads.MOD, guild_id=guild_id)
        )
        assert expected in note, note
    log = reply_text(await run(folio, "config log", user=payloads.MOD, guild_id=guild_id))
    assert "No setting has been changed" in log


async def test_setting_names_and_values_are_suggested(folio: Harness) -> None:
    async def choices(options: dict[str, str], focused: str) -> list[str]:
        typed = payloads.autocomplete("config set", options, focused=focused, user=payloads.MOD)
        body = (await folio.interact(typed)).json
        assert body["type"] == AUTOCOMPLETE_RESULT
        return [choice["value"] for choice in body["data"]["choices"]]

    assert await choices({"setting": "triv"}, "setting") == ["trivia"]
    assert "moderator_role" in await choices({"setting": ""}, "setting")
    assert await choices({"setting": "quote", "value": ""}, "value") == ["on", "off", "default"]
    roles = await choices({"setting": "moderator_role", "value": ""}, "value")
    assert roles == ["none", str(payloads.HOST_ROLE_ID), str(payloads.MODERATOR_ROLE_ID)]
    assert await choices({"setting": "moderator_role", "value": "BOOK"}, "value") == [str(payloads.HOST_ROLE_ID)]
    assert "hello-from-the-other-side" in await choices({"setting": "default_work", "value": "hello"}, "value")


async def test_help_lists_only_the_commands_enabled_here(folio: Harness) -> None:
    guild_id = new_guild()
    listed = await help_commands(folio, guild_id=guild_id)
    assert "`/quote` Find a line you half-remember in the story" in listed
    assert "`/config set`" in listed and "`/works`" in listed and "`/help`" in listed
    assert re.search(r"`/config show` [^\n]* · \*moderators\*", listed)
    assert "/reload" not in listed, "owner-only commands are for the owner's eyes"
    assert "`/reload`" in await help_commands(folio, guild_id=guild_id, user=payloads.MOD)

    await configure(folio, "quote", "off", guild_id=guild_id)
    listed = await help_commands(folio, guild_id=guild_id)
    assert "/quote" not in listed and "**Quoting**" not in listed
    assert "`/works`" in listed and "`/config show`" in listed


async def test_the_owner_reloads_a_cog_and_it_keeps_working(folio: Harness) -> None:
    before = await quote_reply(folio, guild_id=payloads.GUILD_ID)
    assert is_quote(before)
    mark = folio.fake.mark()
    callback = await folio.interact(payloads.slash_command("reload", {"extension": "cogs.reading.quote"}, user=payloads.MOD))
    assert callback.json["type"] == DEFERRED and callback.json["data"]["flags"] & EPHEMERAL
    followup = await folio.fake.wait_for_request("POST", r"/webhooks/\d+/[^/]+", since=mark)
    assert re.fullmatch(r"Reloaded `cogs.reading.quote`; \d+ commands synced to this server\.", followup.json["content"])
    synced = folio.fake.requests_matching("PUT", r"/applications/\d+/guilds/\d+/commands", since=mark)
    assert len(synced) == 1
    assert is_quote(await quote_reply(folio, guild_id=payloads.GUILD_ID))


async def test_only_the_owner_may_reload(folio: Harness) -> None:
    mark = folio.fake.mark()
    body = await run(folio, "reload", {"extension": "cogs.reading.quote"}, user=payloads.ALICE)
    assert private_note(body) == "Only the bot's owner can reload cogs."
    assert folio.fake.requests_matching("PUT", r"/applications/\d+/guilds/\d+/commands", since=mark) == []


async def test_config_show_shows_every_features_settings(folio: Harness) -> None:
    # the fake's own guild and channels (channel options resolve only to channels the bot knows);
    # every change is put back at the end
    guild_id = payloads.GUILD_ID
    hall, daily = payloads.HALL_CHANNEL_ID, payloads.CHANNEL_ID
    shown = reply_text(await run(folio, "config show", user=payloads.MOD, guild_id=guild_id))
    assert "Hall of fame: off · `/halloffame setup`" in shown
    assert "Passage of the day: off · `/daily setup`" in shown
    assert "Trivia: 30 s a question, 10 questions, 10 points a right answer; score to win: off;" in shown
    assert "stop after: 3 unanswered in a row; kinds: " in shown and "; in every channel · `/trivia settings`" in shown
    default_kinds = shown.split("Trivia: ", 1)[1].split("kinds: ", 1)[1].split(";")[0].split(", ")
    assert {"plot", "who-said-it"} <= set(default_kinds), default_kinds
    assert "Reactions: Reactions to a passage a reader asked for count" in shown

    async def moderator(name: str, options: dict[str, object] | None = None, channel: JSON | None = None) -> None:
        body = await run(folio, name, options, channel=channel, user=payloads.MOD, guild_id=guild_id)
        assert body["type"] in (MESSAGE, DEFERRED) and "Only moderators" not in str(body), body

    try:
        hall_channel = payloads.text_channel(hall, "hall-of-fame")
        await moderator("halloffame setup", {"emoji": "⭐ 🎻", "threshold": 4, "remove_below": 2}, hall_channel)
        daily_channel = payloads.text_channel(daily, "daily")
        await moderator("daily setup", {"hour": 9, "timezone": "Europe/Paris"}, daily_channel)
        await moderator("trivia settings", {"timeout": 20, "score_to_win": 50, "turn_off": "plot"})
        await moderator("reactions settings", {"count_own_requests": False})
        shown = reply_text(await run(folio, "config show", user=payloads.MOD, guild_id=guild_id))
        assert f"Hall of fame: <#{hall}> once 4 readers react with ⭐ 🎻; posts marked below 2" in shown
        assert f"Passage of the day: <#{daily}> every day at 09:00 Europe/Paris" in shown
        assert "Trivia: 20 s a question, 10 questions, 10 points a right answer; score to win: 50;" in shown
        kinds = shown.split("Trivia: ", 1)[1].split("kinds: ", 1)[1].split(";")[0].split(", ")
        assert set(kinds) == set(default_kinds) - {"plot"}, kinds
        assert "Reactions: Reactions to a passage a reader asked for do not count" in shown
    finally:
        await moderator("halloffame off")
        await moderator("daily off")
        await moderator("trivia settings", {"timeout": 30, "score_to_win": 0, "turn_on": "plot"})
        await moderator("reactions settings", {"count_own_requests": True})
