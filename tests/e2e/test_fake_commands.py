"""The fake only delivers slash commands and autocompletes that fit the schema the bot synced, as Discord.

A test that builds one Discord would never deliver gets a ``ValueError`` at once,
unless it forges it on purpose with ``validate=False``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.commands import interaction_problems
from tests.fake_discord.inprocess import Receiver, receiving
from tests.fake_discord.payloads import JSON

live = pytest.mark.asyncio(loop_scope="module")

QUOTE: JSON = {
    "name": "quote",
    "type": 1,
    "description": "Quote a line",
    "options": [
        {
            "type": 3,
            "name": "text",
            "description": "The line",
            "required": True,
            "min_length": 1,
            "max_length": 10,
            "autocomplete": True,
        },
        {"type": 3, "name": "work", "description": "Which work", "required": False, "autocomplete": True},
    ],
}
PICK: JSON = {
    "name": "pick",
    "type": 1,
    "description": "Typed options",
    "options": [
        {"type": 4, "name": "count", "description": "1-5", "required": True, "min_value": 1, "max_value": 5},
        {"type": 10, "name": "ratio", "description": "0-1", "required": False, "min_value": 0, "max_value": 1},
        {
            "type": 3,
            "name": "colour",
            "description": "A choice",
            "required": False,
            "choices": [{"name": "Red", "value": "red"}, {"name": "Blue", "value": "blue"}],
        },
        {"type": 5, "name": "loud", "description": "A flag", "required": False},
        {"type": 11, "name": "file", "description": "An upload", "required": False},
        {"type": 7, "name": "place", "description": "A channel", "required": False, "channel_types": [0, 5]},
    ],
}
LIBRARY: JSON = {
    "name": "library",
    "type": 1,
    "description": "Subcommands",
    "options": [
        {
            "type": 1,
            "name": "add",
            "description": "Add",
            "options": [{"type": 3, "name": "slug", "description": "Short id", "required": False, "max_length": 5}],
        },
        {
            "type": 1,
            "name": "remove",
            "description": "Remove",
            "options": [{"type": 3, "name": "work", "description": "Which", "required": True, "autocomplete": True}],
        },
    ],
}
SYNCED: dict[int | None, list[JSON]] = {p.GUILD_ID: [QUOTE, PICK, LIBRARY]}
UPLOAD = p.attachment("123456", "a.txt", 3, "http://127.0.0.1/a.txt", "text/plain")
ROOM = p.resolved_channel(p.CHANNEL_ID, "story")
VOICE = p.resolved_channel(p.CHANNEL_ID + 5, "lounge", type=2)


@pytest.mark.parametrize(
    "interaction",
    [
        p.slash_command("quote", {"text": "x" * 10}),
        p.slash_command("quote", {"text": "hi", "work": "any length of text, no limit declared"}),
        p.slash_command(
            "pick", {"count": 5, "ratio": 0.5, "colour": "blue", "loud": True}, attachments={"file": UPLOAD}
        ),
        p.slash_command("pick", [p.option("count", 1), p.option("ratio", 1, 10)]),
        p.slash_command("pick", {"count": 1}, channels={"place": ROOM}),
        p.slash_command("library add"),
        p.slash_command("library add", {"slug": "abcde"}),
        p.slash_command("quote", {"text": "elsewhere"}, guild_id=1_300_000_000_000_009_999),
        p.autocomplete("quote", {"text": ""}, focused="text"),
        p.autocomplete("quote", {"text": "hi"}, focused="work"),
        p.autocomplete("library remove", focused="work"),
    ],
    ids=[
        "max-length",
        "no-limit",
        "typed",
        "bounds",
        "channel",
        "subcommand",
        "sub-option",
        "other-guild",
        "partial-empty",
        "other-focused",
        "nothing-required-yet",
    ],
)
def test_what_discord_delivers_passes(interaction: JSON) -> None:
    assert interaction_problems(SYNCED, interaction) == []


@pytest.mark.parametrize(
    ("interaction", "problem"),
    [
        (p.slash_command("nope"), "synced no command /nope"),
        (p.slash_command("quote", {"text": ""}), "/quote option 'text' must be 1 to 10 characters long, not 0"),
        (p.slash_command("quote", {"text": "x" * 11}), "must be 1 to 10 characters long, not 11"),
        (p.slash_command("quote", {"work": "w"}), "/quote lacks its required option 'text'"),
        (p.slash_command("quote", {"text": "hi", "colour": "red"}), "/quote has no option 'colour'"),
        (p.slash_command("pick", {"count": 0}), "option 'count' must be within 1..5, not 0"),
        (p.slash_command("pick", {"count": 6}), "must be within 1..5, not 6"),
        (p.slash_command("pick", {"count": 1, "ratio": 1.5}), "option 'ratio' must be within 0..1, not 1.5"),
        (p.slash_command("pick", {"count": "3"}), "option 'count' is of type 4, not 3"),
        (p.slash_command("pick", [p.option("count", "3", 4)]), "option 'count' must be an integer, not '3'"),
        (p.slash_command("pick", {"count": 1, "colour": "green"}), "must be one of its choices ['red', 'blue']"),
        (p.slash_command("pick", [p.option("count", 1), p.option("file", "99", 11)]), "attachments lacks"),
        (p.slash_command("pick", [p.option("count", 1), p.option("place", "99", 7)]), "resolved.channels lacks"),
        (p.slash_command("pick", {"count": 1}, channels={"place": VOICE}), "only takes channels of types [0, 5]"),
        (p.slash_command("library"), "/library needs exactly one of its subcommands ['add', 'remove']"),
        (p.slash_command("library move"), "/library has no subcommand (group) 'move'"),
        (p.slash_command("library add", {"slug": "abcdef"}), "/library add option 'slug' must be 0 to 5"),
        (p.autocomplete("quote", {"text": "x" * 11}, focused="text"), "cannot type more than its max_length 10"),
        (p.autocomplete("quote", {"text": ""}, focused="work"), "option 'text' must be 1 to 10 characters long"),
        (p.autocomplete("pick", [p.option("count", "1", 4)], focused="count"), "'count' has no autocomplete"),
    ],
    ids=[
        "unknown-command",
        "too-short",
        "too-long",
        "required-missing",
        "unknown-option",
        "below-min",
        "above-max",
        "number-above-max",
        "wrong-option-type",
        "wrong-value-type",
        "not-a-choice",
        "unresolved-attachment",
        "unresolved-channel",
        "channel-of-another-type",
        "no-subcommand",
        "unknown-subcommand",
        "sub-option-too-long",
        "typed-past-max-length",
        "unfocused-checked-in-full",
        "focus-without-autocomplete",
    ],
)
def test_what_breaks_the_schema_is_named(interaction: JSON, problem: str) -> None:
    problems = interaction_problems(SYNCED, interaction)
    assert len(problems) == 1 and problem in problems[0], problems


def test_an_autocomplete_focuses_exactly_one_option() -> None:
    both = p.autocomplete("quote", {"text": "a", "work": "b"}, focused="text")
    both["data"]["options"][1]["focused"] = True
    assert interaction_problems(SYNCED, both) == [
        "an autocomplete of /quote focuses exactly one option, not ['text', 'work']"
    ]
    command = p.slash_command("quote", {"text": "a"})
    command["data"]["options"][0]["focused"] = True
    assert interaction_problems(SYNCED, command) == ["only autocompletes focus an option; /quote focused ['text']"]


def test_global_commands_count_and_other_interactions_are_not_checked() -> None:
    assert interaction_problems({None: [QUOTE]}, p.slash_command("quote", {"text": "hi"})) == []
    assert interaction_problems({}, p.component_click("any", p.message("m"))) == []


# --- the fake refusing to deliver -------------------------------------------------------------------


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(fake: FakeDiscord) -> AsyncIterator[Receiver]:
    async with receiving(fake, [QUOTE]) as receiver:
        yield receiver


@live
async def test_dispatch_refuses_what_discord_would_not_deliver(fake: FakeDiscord, bot: Receiver) -> None:
    too_long = p.slash_command("quote", {"text": "x" * 11})
    with pytest.raises(ValueError, match="Discord would not deliver this interaction: /quote option 'text'"):
        await fake.dispatch("INTERACTION_CREATE", too_long)
    with pytest.raises(ValueError, match="synced no command /nope"):
        await fake.interact(p.slash_command("nope"))
    assert str(too_long["id"]) not in fake.interactions
    fine = await bot.receive(fake, p.slash_command("quote", {"text": "x" * 10}))
    assert fine.data["options"] == [{"name": "text", "type": 3, "value": "x" * 10}]


@live
async def test_a_forged_interaction_is_delivered_on_request(fake: FakeDiscord, bot: Receiver) -> None:
    forged = await bot.receive(fake, p.slash_command("quote", {"text": "x" * 11}), validate=False)
    assert forged.data["options"][0]["value"] == "x" * 11
    await forged.response.send_message("answered")  # the forged interaction is answerable like any
    assert fake.failed_requests == []
