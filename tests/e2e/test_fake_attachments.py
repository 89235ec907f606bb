"""The fake keeps files sent with interaction replies, as Discord does, and refuses one over the upload limit.

Files arrive as multipart parts beside ``payload_json``; the message then lists
them as attachments (id, filename, size, content type). A file over the
``attachment_size_limit`` of a server without boosts (10 MiB) is refused with
413, code 40005, whichever route carries it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from io import BytesIO

import discord
import pytest
import pytest_asyncio

from tests.fake_discord import FakeDiscord
from tests.fake_discord import payloads as p
from tests.fake_discord.inprocess import Receiver, receiving

pytestmark = pytest.mark.asyncio(loop_scope="module")

TOO_LARGE = (413, 40005)
CHART = b"\x89PNG\r\n\x1a\n" + bytes(2_000)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def bot(fake: FakeDiscord) -> AsyncIterator[Receiver]:
    async with receiving(fake) as receiver:
        yield receiver


def file(data: bytes, name: str = "chart.png") -> discord.File:
    return discord.File(BytesIO(data), filename=name)


async def test_a_deferred_reply_edited_with_a_file_shows_it(fake: FakeDiscord, bot: Receiver) -> None:
    payload = p.slash_command("anything")
    interaction = await bot.receive(fake, payload)
    await interaction.response.defer(thinking=True)
    embed = discord.Embed(title="Chart").set_image(url="attachment://chart.png")
    await interaction.edit_original_response(embed=embed, attachments=[file(CHART)])
    shown = fake.original_response(payload)
    assert shown is not None
    [attachment] = shown["attachments"]
    assert (attachment["filename"], attachment["size"]) == ("chart.png", len(CHART))
    assert attachment["content_type"] == "image/png"
    assert shown["embeds"][0]["image"]["url"] == "attachment://chart.png"


async def test_a_reply_and_a_followup_carry_their_files(fake: FakeDiscord, bot: Receiver) -> None:
    payload = p.slash_command("anything")
    interaction = await bot.receive(fake, payload)
    await interaction.response.send_message("here", file=file(CHART))
    followup = await interaction.followup.send("and more", file=file(CHART, "more.png"), wait=True)
    original = fake.original_response(payload)
    assert original is not None and [a["filename"] for a in original["attachments"]] == ["chart.png"]
    assert [a.filename for a in followup.attachments] == ["more.png"]


async def test_a_file_over_the_upload_limit_is_refused(fake: FakeDiscord, bot: Receiver) -> None:
    interaction = await bot.receive(fake, p.slash_command("anything"))
    with pytest.raises(discord.HTTPException) as refused:
        await interaction.response.send_message("big", file=file(bytes(p.ATTACHMENT_SIZE_LIMIT + 1)))
    assert (refused.value.status, refused.value.code) == TOO_LARGE
    await interaction.response.send_message("small", file=file(bytes(p.ATTACHMENT_SIZE_LIMIT)))
    assert fake.rejected_requests[-1].refusal.message == "Request entity too large"  # type: ignore[union-attr]
