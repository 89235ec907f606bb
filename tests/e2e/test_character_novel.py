"""/character on a whole novel added with the offline CLI: names while it is first read, chapters on the chart."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from tests.e2e.test_character import DEFERRED_MESSAGE, PNG_SIGNATURE, character, field
from tests.e2e.test_quote_novel import DRACULA, add_work_with_cli
from tests.fake_discord import payloads
from tests.fake_discord.harness import Harness, running_folio
from tests.postgres import target_database

pytestmark = pytest.mark.asyncio(loop_scope="module")

ATTEMPTS = 30
"""Each attempt waits in the bot (at most a second or two), never in the test."""


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def folio_with_dracula(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Harness]:
    async with target_database(tmp_path_factory.mktemp("folio-character-novel") / "folio.sqlite3") as database:
        add_work_with_cli(database, DRACULA, "dracula")
        async with running_folio(database) as harness:
            yield harness
        assert harness.bot.tracebacks() == [], harness.bot.tail()
        assert [str(request) for request in harness.fake.failed_requests] == []


async def test_names_come_once_the_novel_is_read_and_the_chart_has_its_chapters(folio_with_dracula: Harness) -> None:
    folio = folio_with_dracula
    choices: list[dict[str, str]] = []
    for _ in range(ATTEMPTS):  # an empty answer means "still reading"; the reading goes on meanwhile
        typing = payloads.autocomplete("character", {"name": "", "work": "dracula"}, focused="name")
        choices = (await folio.interact(typing)).json["data"]["choices"]
        if choices:
            break
    assert [c["value"] for c in choices][:2] == ["Van Helsing", "Lucy"]

    callback, edit = await character(folio, name="Mina", work="dracula")
    assert callback["type"] == DEFERRED_MESSAGE and edit is not None
    [embed] = edit.json["embeds"]
    assert embed["title"] == "Mina" and embed["footer"]["text"] == "Dracula"
    assert field(embed, "First appearance").startswith("Chapter ")
    assert field(embed, "Mentions").endswith(" chapters")
    [chart] = edit.files
    assert chart.data.startswith(PNG_SIGNATURE)

