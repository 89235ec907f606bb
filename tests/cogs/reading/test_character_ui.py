"""The /character embed and name choices stay within Discord's limits, whatever the names and lines."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.attribution.characters import Character
from bot.attribution.speakers import Utterance
from bot.characters.service import CharacterBook, CharacterReport
from bot.library.service import Library
from bot.storage.database import Database
from cogs.core.discord_limits import CHOICE_CHARS
from cogs.reading.character_ui import CHART_FILE, character_choice, character_embed, chart_title
from tests.cogs.reading.test_quote_ui import LONG, assert_within_limits


@pytest.fixture
async def report(database_target: Path | str) -> CharacterReport:
    database = await Database.open(database_target)
    library = Library(database)
    book = CharacterBook(library)
    work, roster = await book.roster_within(30, None, guild_id=None)
    found = await book.report(work, roster, book.find(work, roster, "Stiles"), guild_id=None)
    await library.close()
    await database.close()
    return found


def test_the_embed_shows_the_profile_and_points_at_the_chart(report: CharacterReport) -> None:
    embed = character_embed(report)
    assert embed.title == "Stiles" and embed.footer.text == "Hello From the Other Side"
    assert embed.image.url == f"attachment://{CHART_FILE}"
    fields = {field.name: field.value for field in embed.fields}
    assert fields["Mentions"] == f"{report.profile.mentions} in 4 of 4 scenes"
    assert fields["Lines spoken"] == str(report.profile.lines)
    assert "**" in (fields["First appearance"] or "")
    assert_within_limits(embed)
    assert chart_title(report) == "Stiles: mentions by scene"


def test_long_names_aliases_partners_and_lines_are_cut_to_fit(report: CharacterReport) -> None:
    line = Utterance(0, 1002, f"“{LONG}”", LONG, 0.9, "explicit", "named tag")
    profile = dataclasses.replace(
        report.profile,
        name=LONG,
        aliases=(LONG,) * 30,
        partners=((LONG, 3), (LONG, 2), (LONG, 1)),
        memorable_line=line,
    )
    long_report = dataclasses.replace(report, profile=profile)
    assert_within_limits(character_embed(long_report))
    assert len(chart_title(long_report)) < 60


def test_a_character_who_never_speaks_has_no_memorable_line(report: CharacterReport) -> None:
    silent = dataclasses.replace(report, profile=dataclasses.replace(report.profile, lines=0, memorable_line=None))
    fields = {field.name: field.value for field in character_embed(silent).fields}
    assert "A memorable line" not in fields and fields["Lines spoken"] == "0"


def test_a_choice_fits_discord_and_its_value_is_the_name() -> None:
    short = character_choice(Character("Lydia", ["Lydia"], "f", 26))
    assert (short.name, short.value) == ("Lydia (26 mentions)", "Lydia")
    long = character_choice(Character(LONG, [LONG], None, 3))
    assert len(long.name) <= CHOICE_CHARS and len(long.value) <= CHOICE_CHARS
