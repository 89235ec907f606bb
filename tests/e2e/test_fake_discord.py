"""The fake's payloads, read by an in-process discord.py client: do they parse as Discord's do?

These tests do not involve Folio. They pin the harness to discord.py 2.7's
expectations, so that an end-to-end failure means a bot bug, not a fake one.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import pytest
import pytest_asyncio
from discord import app_commands

from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.inprocess import connected

pytestmark = pytest.mark.asyncio(loop_scope="module")

Seen = asyncio.Queue[tuple[str, Any]]


class Probe(discord.ui.View):
    """A persistent view whose button reports the click and edits the message."""

    def __init__(self, seen: Seen) -> None:
        super().__init__(timeout=None)
        self.seen = seen

    @discord.ui.button(label="Probe", custom_id="probe:click")
    async def click(self, interaction: discord.Interaction, button: discord.ui.Button[Probe]) -> None:
        await self.seen.put(("click", interaction))
        await interaction.response.edit_message(content="clicked")


@dataclass
class ProbeClient:
    """An in-process client connected to the fake, reporting what it receives on ``seen``."""

    client: discord.Client
    seen: Seen = field(default_factory=asyncio.Queue)

    async def next(self, kind: str, where: Callable[[Any], bool] = lambda value: True) -> Any:
        """The next report of ``kind`` for which ``where`` holds (others are dropped)."""
        async with asyncio.timeout(5):
            while True:
                seen_kind, value = await self.seen.get()
                if seen_kind == kind and where(value):
                    return value


def build_probe() -> ProbeClient:
    intents = discord.Intents.default()
    intents.message_content = True
    intents.members = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.1)
    probe = ProbeClient(client)
    tree = app_commands.CommandTree(client)
    guild = discord.Object(p.GUILD_ID)

    @tree.command(name="echo", description="Echo", guild=guild)
    async def echo(interaction: discord.Interaction, text: str, loud: bool = False) -> None:
        await probe.seen.put(("echo", (interaction, text, loud)))
        await interaction.response.send_message(text.upper() if loud else text, view=Probe(probe.seen))

    @echo.autocomplete("text")
    async def echo_text(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f"{current}?", value=current)]

    @tree.command(name="slow", description="Defer, edit, follow up", guild=guild)
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.edit_original_response(content="done")
        await interaction.followup.send("file", file=discord.File(__file__, filename="probe.py"))

    async def setup_hook() -> None:
        client.add_view(Probe(probe.seen))
        await tree.sync(guild=guild)

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    for event in ("message", "raw_reaction_add", "raw_reaction_remove", "thread_create"):
        client.event(_reporter(probe.seen, event))
    return probe


def _reporter(seen: Seen, event: str) -> Any:
    async def report(value: Any) -> None:
        await seen.put((event, value))

    report.__name__ = f"on_{event}"
    return report


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def probe(fake: FakeDiscord) -> AsyncIterator[ProbeClient]:
    """A client pointed at the fake; discord.py's endpoints are restored afterwards."""
    probe = build_probe()
    async with connected(fake, probe.client):
        yield probe


async def test_ready_guild_has_channel_roles_and_members(probe: ProbeClient) -> None:
    guild = probe.client.get_guild(p.GUILD_ID)
    assert guild is not None and guild.get_channel(p.CHANNEL_ID) is not None
    assert {role.name for role in guild.roles} >= {"@everyone", "Moderator"}
    moderator = guild.get_member(p.MOD.id)
    assert moderator is not None and moderator.guild_permissions.manage_guild
    assert guild.me is not None and guild.me.id == p.BOT.id


async def test_synced_commands_are_recorded(fake: FakeDiscord, probe: ProbeClient) -> None:
    names = {command["name"] for command in fake.guild_commands()}
    assert names == {"echo", "slow"}
    assert all(command["id"] and command["guild_id"] == str(p.GUILD_ID) for command in fake.guild_commands())


async def test_slash_command_reaches_the_tree_with_its_options(fake: FakeDiscord, probe: ProbeClient) -> None:
    command = p.slash_command("echo", {"text": "hi", "loud": True}, user=p.MOD)
    callback = await fake.interact(command)
    interaction, text, loud = await probe.next("echo", lambda seen: seen[0].id == int(command["id"]))
    assert (text, loud) == ("hi", True)
    assert interaction.permissions.manage_guild and interaction.user.id == p.MOD.id
    assert callback.json["type"] == 4 and callback.json["data"]["content"] == "HI"
    assert callback.response["resource"]["message"]["content"] == "HI"


async def test_ordinary_member_lacks_manage_guild(fake: FakeDiscord, probe: ProbeClient) -> None:
    command = p.slash_command("echo", {"text": "hi"})
    await fake.interact(command)
    interaction, _, _ = await probe.next("echo", lambda seen: seen[0].id == int(command["id"]))
    assert not interaction.permissions.manage_guild


async def test_autocomplete_gets_the_focused_value(fake: FakeDiscord, probe: ProbeClient) -> None:
    callback = await fake.interact(p.autocomplete("echo", {"text": "wor"}, focused="text"))
    assert callback.json == {"type": 8, "data": {"choices": [{"name": "wor?", "value": "wor"}]}}


async def test_button_click_on_the_original_response(fake: FakeDiscord, probe: ProbeClient) -> None:
    command = p.slash_command("echo", {"text": "click me"})
    original = (await fake.interact(command)).response["resource"]["message"]
    click = p.component_click("probe:click", original, user=p.BOB)
    callback = await fake.interact(click)
    clicked = await probe.next("click", lambda seen: seen.id == int(click["id"]))
    assert clicked.message.id == int(original["id"]) and clicked.user.id == p.BOB.id
    assert callback.json["type"] == 7
    assert fake.original_response(command)["content"] == "clicked"


async def test_defer_edit_and_followup_with_a_file(fake: FakeDiscord, probe: ProbeClient) -> None:
    command = p.slash_command("slow")
    callback = await fake.interact(command)
    followup = await fake.wait_for_request("POST", rf"/webhooks/\d+/{command['token']}", since=callback.index)
    assert callback.json["type"] == 5
    assert fake.original_response(command)["content"] == "done"
    assert followup.json["content"] == "file" and followup.files[0].filename == "probe.py"


async def test_second_callback_is_refused(fake: FakeDiscord, probe: ProbeClient) -> None:
    command = p.slash_command("echo", {"text": "once"})
    await fake.interact(command)
    url = f"{fake.api_base}/interactions/{command['id']}/{command['token']}/callback"
    async with aiohttp.ClientSession() as session, session.post(url, json={"type": 6}) as second:
        assert (second.status, (await second.json())["code"]) == (400, 40060)
    assert fake.rejected_requests[-1].path == f"/interactions/{command['id']}/{command['token']}/callback"


async def test_reactions_parse_with_member_and_burst(fake: FakeDiscord, probe: ProbeClient) -> None:
    await fake.dispatch("MESSAGE_REACTION_ADD", p.reaction_add(123, "⭐", user=p.BOB, burst=True))
    added = await probe.next("raw_reaction_add", lambda seen: seen.message_id == 123)
    assert (str(added.emoji), added.burst) == ("⭐", True)
    assert added.member is not None and added.member.id == p.BOB.id
    await fake.dispatch("MESSAGE_REACTION_REMOVE", p.reaction_remove(123, {"id": "42", "name": "folio"}))
    removed = await probe.next("raw_reaction_remove", lambda seen: seen.message_id == 123)
    assert removed.emoji.id == 42 and removed.user_id == p.ALICE.id


async def test_message_create_reaches_on_message(fake: FakeDiscord, probe: ProbeClient) -> None:
    await fake.dispatch("MESSAGE_CREATE", p.message_create("hello folio", author=p.BOB))
    message = await probe.next("message", lambda seen: seen.author.id == p.BOB.id)
    assert message.content == "hello folio" and isinstance(message.author, discord.Member)


async def test_send_react_and_thread_are_echoed(fake: FakeDiscord, probe: ProbeClient) -> None:
    since = fake.mark()
    channel = probe.client.get_channel(p.CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("a message")
    await probe.next("message", lambda seen: seen.id == sent.id)
    await sent.add_reaction("⭐")
    reacted = await probe.next("raw_reaction_add", lambda seen: seen.message_id == sent.id)
    thread = await sent.create_thread(name="talk")
    await probe.next("thread_create", lambda seen: seen.id == sent.id)
    assert reacted.user_id == p.BOT.id
    assert thread.id == sent.id and thread.name == "talk" and thread.parent_id == p.CHANNEL_ID
    assert fake.requests_matching("POST", r"/channels/\d+/messages", since=since)[0].json["content"] == "a message"
    assert [request for request in fake.failed_requests + fake.unknown_requests if request.index >= since] == []


async def test_a_message_takes_one_thread_with_a_name_of_at_most_100_characters(
    fake: FakeDiscord, probe: ProbeClient
) -> None:
    channel = probe.client.get_channel(p.CHANNEL_ID)
    assert isinstance(channel, discord.TextChannel)
    sent = await channel.send("talk about this")
    with pytest.raises(discord.HTTPException) as too_long:
        await sent.create_thread(name="x" * 101)
    assert too_long.value.status == 400 and too_long.value.code == 50035
    await sent.create_thread(name="x" * 100)
    with pytest.raises(discord.HTTPException) as second:
        await sent.create_thread(name="again")
    assert second.value.status == 400 and second.value.code == 160004
