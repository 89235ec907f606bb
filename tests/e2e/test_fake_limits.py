"""The fake refuses what Discord refuses for size: the checks themselves, then the fake answering with them.

A bot that overflows a limit must fail its end-to-end tests, as it would fail on Discord.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands

from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.inprocess import Receiver, receiving
from tests.fake_discord.limits import (
    Violation,
    autocomplete_violations,
    callback_violations,
    embed_size,
    invalid_form_body,
    message_violations,
    modal_violations,
)

live = pytest.mark.asyncio(loop_scope="module")


def where(violations: list[Violation]) -> list[str]:
    return [".".join(map(str, violation.path)) for violation in violations]


def button(custom_id: str = "b", label: str = "Go", **fields: Any) -> dict[str, Any]:
    return {"type": 2, "style": 1, "custom_id": custom_id, "label": label, **fields}


def row(*components: dict[str, Any]) -> dict[str, Any]:
    return {"type": 1, "components": list(components)}


# --- messages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "path"),
    [
        ({"content": "x" * 2001}, "content"),
        ({"embeds": [{"title": "t"}] * 11}, "embeds"),
        ({"embeds": [{"title": "x" * 257}]}, "embeds.0.title"),
        ({"embeds": [{"description": "x" * 4097}]}, "embeds.0.description"),
        ({"embeds": [{"fields": [{"name": "n", "value": "v"}] * 26}]}, "embeds.0.fields"),
        ({"embeds": [{"fields": [{"name": "x" * 257, "value": "v"}]}]}, "embeds.0.fields.0.name"),
        ({"embeds": [{"fields": [{"name": "n", "value": "x" * 1025}]}]}, "embeds.0.fields.0.value"),
        ({"embeds": [{"fields": [{"name": "n"}]}]}, "embeds.0.fields.0.value"),
        ({"embeds": [{"fields": [{"value": "v"}]}]}, "embeds.0.fields.0.name"),
        ({"embeds": [{"footer": {"text": "x" * 2049}}]}, "embeds.0.footer.text"),
        ({"embeds": [{"author": {"name": "x" * 257}}]}, "embeds.0.author.name"),
        ({"embeds": [{"description": "x" * 3000}, {"description": "x" * 3001}]}, "embeds"),
    ],
)
def test_a_message_over_a_limit_is_refused_where_it_breaks_it(body: dict[str, Any], path: str) -> None:
    assert where(message_violations(body)) == [path]


def test_a_message_at_every_limit_passes() -> None:
    fields = [{"name": "x" * 256, "value": "x" * 1024}, *[{"name": "n", "value": "v"}] * 24]
    full_embed = {"title": "x" * 256, "fields": fields, "footer": {"text": "x"}, "author": {"name": "x"}}
    assert embed_size(full_embed) <= 6000
    long_text = [{"description": "x" * 4096}, {"footer": {"text": "x" * 1900}, "author": {"name": "x" * 4}}]
    assert sum(map(embed_size, long_text)) == 6000
    for embeds in ([full_embed], long_text, [{"title": "t"}] * 10):
        assert message_violations({"content": "x" * 2000, "embeds": embeds}) == []


def test_empty_field_texts_and_cleared_fields_pass_as_on_discord() -> None:
    assert message_violations({"embeds": [{"fields": [{"name": "", "value": ""}]}]}) == []
    assert message_violations({"content": None, "embeds": None, "components": None}) == []
    assert message_violations(None) == []


def test_embed_size_counts_the_texts_discord_counts() -> None:
    embed = {
        "title": "ab",
        "description": "cde",
        "url": "https://example.com/not-counted",
        "fields": [{"name": "f", "value": "gh", "inline": True}],
        "footer": {"text": "ijkl", "icon_url": "https://example.com/icon.png"},
        "author": {"name": "m"},
    }
    assert embed_size(embed) == 13


@pytest.mark.parametrize(
    ("components", "path"),
    [
        ([row(button(f"b{i}")) for i in range(6)], "components"),
        ([row(*[button(f"b{i}") for i in range(6)])], "components.0.components"),
        ([row({"type": 3, "custom_id": "s", "options": []}, button())], "components.0.components"),
        ([row(button(custom_id="x" * 101))], "components.0.components.0.custom_id"),
        ([row(button(label="x" * 81))], "components.0.components.0.label"),
        ([row({"type": 2, "style": 1, "label": "no id"})], "components.0.components.0.custom_id"),
        ([row()], "components.0.components"),
        ([row(button("same"), button("same"))], "components.0.components.1.custom_id"),
        ([row(button("same")), row(button("other"), button("same"))], "components.1.components.1.custom_id"),
        (
            [row({"type": 3, "custom_id": "s", "options": [{"label": "l", "value": "v"}] * 26})],
            "components.0.components.0.options",
        ),
    ],
)
def test_components_over_a_limit_are_refused(components: list[dict[str, Any]], path: str) -> None:
    assert where(message_violations({"components": components})) == [path]


def test_components_at_the_limits_pass() -> None:
    link = {"type": 2, "style": 5, "label": "x" * 80, "url": "https://example.com"}
    rows = [row(*[button(f"{r}{i}" + "x" * 98) for i in range(5)]) for r in range(4)] + [row(link)]
    assert message_violations({"components": rows}) == []


# --- autocomplete, modals, callbacks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "path"),
    [
        ([{"name": str(i), "value": str(i)} for i in range(26)], "choices"),
        ([{"name": "", "value": "v"}], "choices.0.name"),
        ([{"name": "x" * 101, "value": "v"}], "choices.0.name"),
        ([{"name": "n", "value": ""}], "choices.0.value"),
        ([{"name": "n", "value": "x" * 101}], "choices.0.value"),
    ],
)
def test_autocomplete_choices_over_a_limit_are_refused(choices: list[dict[str, Any]], path: str) -> None:
    assert where(autocomplete_violations({"choices": choices})) == [path]


def test_autocomplete_choices_at_the_limits_pass() -> None:
    choices = [{"name": "x" * 100, "value": "x" * 100}, {"name": "n", "value": 10**30}, {"name": "f", "value": 0.5}]
    assert autocomplete_violations({"choices": choices * 8 + [{"name": "n", "value": "v"}]}) == []
    assert autocomplete_violations({"choices": []}) == []


def test_modals_are_checked() -> None:
    text_input = {"type": 4, "custom_id": "answer", "style": 1, "label": "Answer"}
    assert modal_violations({"custom_id": "m", "title": "Title", "components": [row(text_input)]}) == []
    labelled = {"type": 18, "label": "Answer", "component": {**text_input, "value": "x" * 4001}}
    bad = {"custom_id": "m", "title": "x" * 46, "components": [labelled]}
    assert where(modal_violations(bad)) == ["title", "components.0.component.value"]
    assert where(modal_violations({"custom_id": "m", "title": "t", "components": []})) == ["components"]
    twice = {"custom_id": "m", "title": "t", "components": [row(text_input), labelled]}
    assert where(modal_violations(twice)) == ["components.1.component.value", "components.1.component.custom_id"]


def test_a_duplicated_custom_id_is_named_as_discord_names_it() -> None:
    [duplicate] = message_violations({"components": [row(button("same"), button("same"))]})
    assert (duplicate.code, duplicate.message) == (
        "COMPONENT_CUSTOM_ID_DUPLICATED",
        "Component custom id cannot be duplicated",
    )


def test_callbacks_are_checked_by_type_under_data() -> None:
    long_content = {"content": "x" * 2001}
    assert where(callback_violations({"type": 4, "data": long_content})) == ["data.content"]
    assert where(callback_violations({"type": 7, "data": long_content})) == ["data.content"]
    assert where(callback_violations({"type": 8, "data": {"choices": [{"name": "", "value": "v"}]}})) == [
        "data.choices.0.name"
    ]
    assert where(callback_violations({"type": 9, "data": {"custom_id": "m", "title": ""}})) == [
        "data.title",
        "data.components",
    ]
    assert callback_violations({"type": 5, "data": {"flags": 64}}) == []
    assert callback_violations({"type": 6}) == []


def test_the_error_body_nests_violations_by_path_like_discord() -> None:
    violations = message_violations({"content": "x" * 2001, "embeds": [{"title": "x" * 257}]})
    too_long = {"code": "BASE_TYPE_MAX_LENGTH", "message": "Must be {} or fewer in length."}
    assert invalid_form_body(violations) == {
        "message": "Invalid Form Body",
        "code": 50035,
        "errors": {
            "content": {"_errors": [{**too_long, "message": too_long["message"].format(2000)}]},
            "embeds": {"0": {"title": {"_errors": [{**too_long, "message": too_long["message"].format(256)}]}}},
        },
    }


# --- the fake refusing a discord.py client --------------------------------------------------------


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(fake: FakeDiscord) -> AsyncIterator[Receiver]:
    async with receiving(fake) as receiver:
        yield receiver


@live
async def test_an_oversized_response_is_refused_and_not_acknowledged(fake: FakeDiscord, bot: Receiver) -> None:
    interaction = await bot.receive(fake, p.slash_command("anything"))
    since = fake.mark()
    with pytest.raises(discord.HTTPException) as refused:
        await interaction.response.send_message("x" * 2001)
    assert (refused.value.status, refused.value.code) == (400, 50035)
    assert "In data.content: Must be 2000 or fewer in length." in str(refused.value)
    [rejected] = fake.rejected_requests[-1:]
    assert rejected.index >= since and rejected.status == 400
    assert rejected in fake.failed_requests and "data.content" in str(rejected)
    await interaction.response.send_message("short enough")  # the refused callback did not count
    assert fake.original_response({"token": interaction.token})["content"] == "short enough"


@live
async def test_oversized_followups_and_edits_are_refused(fake: FakeDiscord, bot: Receiver) -> None:
    interaction = await bot.receive(fake, p.slash_command("anything"))
    await interaction.response.send_message("first")
    halves = [discord.Embed(description="x" * 3000), discord.Embed(description="x" * 3001)]
    with pytest.raises(discord.HTTPException, match="In embeds: Embed size exceeds maximum size of 6000"):
        await interaction.followup.send(embeds=halves)
    with pytest.raises(discord.HTTPException, match=r"In embeds\.0\.title: Must be 256 or fewer"):
        await interaction.edit_original_response(embed=discord.Embed(title="x" * 257))
    assert fake.original_response({"token": interaction.token})["embeds"] == []
    channel = bot.client.get_channel(p.CHANNEL_ID)
    sent = await channel.send("fine")
    with pytest.raises(discord.HTTPException, match="In content: Must be 2000 or fewer in length."):
        await sent.edit(content="x" * 2001)
    with pytest.raises(discord.HTTPException, match=r"In embeds\.0\.fields\.0\.value: Must be 1024 or fewer"):
        await channel.send(embed=discord.Embed().add_field(name="n", value="x" * 1025))
    assert fake.messages[str(sent.id)]["content"] == "fine"


@live
async def test_oversized_autocomplete_is_refused(fake: FakeDiscord, bot: Receiver) -> None:
    interaction = await bot.receive(fake, p.autocomplete("anything", {"text": "x"}, focused="text"))
    too_many = [app_commands.Choice(name=str(i), value=str(i)) for i in range(26)]
    with pytest.raises(discord.HTTPException, match="In data.choices: Must be 25 or fewer in length."):
        await interaction.response.autocomplete(too_many)
    await interaction.response.autocomplete(too_many[:25])
