"""/character on a whole novel added with the offline CLI: names from what the import stored, chapters on
the chart, one character per person under all its names, and no places, dates or interjections."""

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
    assert [c["value"] for c in choices][:3] == ["Van Helsing", "Lucy", "Mina"]  # most named first

    callback, edit = await character(folio, name="Mina", work="dracula")
    assert callback["type"] == DEFERRED_MESSAGE and edit is not None
    [embed] = edit.json["embeds"]
    assert embed["title"] == "Mina" and embed["footer"]["text"] == "Dracula"
    assert field(embed, "First appearance").startswith("Chapter ")
    assert field(embed, "Mentions").endswith(" chapters")
    [chart] = edit.files
    assert chart.data.startswith(PNG_SIGNATURE)



JUNK = {"To-day", "To-morrow", "Un-Dead", "Aha", "By-and-by", "the latter", "the Westminster Gazette", "June", "London"}


async def _choices(folio: Harness, typed: str) -> list[str]:
    typing = payloads.autocomplete("character", {"name": typed, "work": "dracula"}, focused="name")
    return [choice["value"] for choice in (await folio.interact(typing)).json["data"]["choices"]]


async def test_autocomplete_offers_people_only_and_each_person_once(folio_with_dracula: Harness) -> None:
    offered = await _choices(folio_with_dracula, "")
    assert len(offered) == 25 and not JUNK & set(offered)
    assert len({"Arthur", "Lord Godalming", "Art", "Mr. Holmwood"} & set(offered)) == 1
    assert len({"Mina", "Madam Mina", "Mrs. Harker", "Wilhelmina"} & set(offered)) == 1
    for typed in ("to-", "un-", "aha", "latter", "gazette"):
        assert not JUNK & set(await _choices(folio_with_dracula, typed)), typed


@pytest.mark.parametrize(
    ("typed", "name", "also"),
    [
        ("Lord Godalming", "Arthur", ("Art", "Lord Godalming", "Mr. Holmwood")),
        ("Mrs. Harker", "Mina", ("Madam Mina", "Mrs. Harker", "Mina Murray")),
    ],
)
async def test_one_person_under_all_the_names_the_text_uses(
    folio_with_dracula: Harness, typed: str, name: str, also: tuple[str, ...]
) -> None:
    callback, edit = await character(folio_with_dracula, name=typed, work="dracula")
    assert edit is not None, callback
    [embed] = edit.json["embeds"]
    assert embed["title"] == name
    assert embed["description"].startswith("Also called ") and all(alias in embed["description"] for alias in also)


async def test_talks_most_with_names_characters_and_the_line_is_their_own(folio_with_dracula: Harness) -> None:
    callback, edit = await character(folio_with_dracula, name="Van Helsing", work="dracula")
    assert edit is not None, callback
    [embed] = edit.json["embeds"]
    partners = [entry.rsplit(" (", 1)[0] for entry in field(embed, "Talks most with").split(", ")]
    assert partners and set(partners) <= {"Arthur", "Quincey", "Jonathan", "Mina", "Dr. Seward", "Lucy"}
    line = field(embed, "A memorable line")
    speakers = (await folio_with_dracula.interact(payloads.slash_command("quote", {"text": line[:60], "work": "dracula"})))
    [quoted] = speakers.json["data"]["embeds"]
    assert field(quoted, "Speaker") == "Van Helsing"  # the line is his, as /quote says too
