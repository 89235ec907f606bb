"""The reader's page: as many paragraphs as fit, ◀ ▶, and a menu of sections to jump to (persistent dynamic items).

Custom ids carry the stable id of the page's first paragraph, so the buttons
and the menu keep working after a restart: ``folio:r:<passage>:<prev|next>`` and
``folio:rs:<passage>`` (the chosen option's value is the section's index).
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.library.views import WorkView
from bot.read.pages import Page, page_text
from bot.read.reader import is_last_page
from bot.read.sections import part_of, section_name, window
from bot.text.excerpt import shorten
from bot.text.markup import plain_text, to_discord
from cogs.discord_limits import EMBED_DESCRIPTION, EMBED_TITLE, FIELD_VALUE, SELECT_OPTION_CHARS
from cogs.gating import CapabilityGate
from cogs.quote_ui import QUOTE_COLOUR, arrow_button

READER_COG = "ReadCog"
READ_BUTTON = r"folio:r:(?P<passage>\d{1,19}):(?P<arrow>prev|next)"
SECTION_MENU = r"folio:rs:(?P<passage>\d{1,19})"
STEPS = {"prev": -1, "next": 1}



class Reader(Protocol):
    async def turn(self, interaction: discord.Interaction, passage_id: int, step: int) -> None: ...

    async def jump(self, interaction: discord.Interaction, passage_id: int, section: int) -> None: ...


def _reader(interaction: discord.Interaction) -> Reader:
    return cast(Reader, cast(commands.Bot, interaction.client).get_cog(READER_COG))


class ReadButton(CapabilityGate, discord.ui.DynamicItem[discord.ui.Button[Any]], template=READ_BUTTON):
    """◀ or ▶ on a reader's page."""

    capability = "discussion"

    def __init__(self, passage_id: int, arrow: str, *, disabled: bool = False) -> None:
        super().__init__(arrow_button(f"folio:r:{passage_id}:{arrow}", arrow, disabled=disabled))
        self.passage_id = passage_id
        self.step = STEPS[arrow]

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> ReadButton:
        return cls(int(match["passage"]), match["arrow"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _reader(interaction).turn(interaction, self.passage_id, self.step)


class SectionMenu(CapabilityGate, discord.ui.DynamicItem[discord.ui.Select[Any]], template=SECTION_MENU):
    """Jump to a section: the sections around the page's own."""

    capability = "discussion"

    def __init__(self, passage_id: int, options: list[discord.SelectOption] | None = None) -> None:
        super().__init__(
            discord.ui.Select(
                custom_id=f"folio:rs:{passage_id}", placeholder="Jump to a section…", options=options or []
            )
        )
        self.passage_id = passage_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Select[Any], match: re.Match[str], /
    ) -> SectionMenu:
        return cls(int(match["passage"]), list(item.options))

    async def callback(self, interaction: discord.Interaction) -> None:
        values = self.item.values
        section = int(values[0]) if values and values[0].isdigit() else -1
        await _reader(interaction).jump(interaction, self.passage_id, section)


def page_embed(work: WorkView, page: Page) -> discord.Embed:
    """The page's paragraphs, where they are, and the first one's passage id."""
    embed = discord.Embed(
        title=shorten(plain_text(work.title), EMBED_TITLE),
        description=shorten(to_discord(page_text(page)), EMBED_DESCRIPTION),
        colour=QUOTE_COLOUR,
    )
    location = work.location(page.first)
    numbers = str(location.paragraph_number)
    if len(page.paragraphs) > 1:
        numbers += f"–{location.paragraph_number + len(page.paragraphs) - 1}"
    where = (
        f"{location.section_title} · paragraph{'s' if len(page.paragraphs) > 1 else ''} {numbers}"
        f" of {location.paragraphs_in_section} · {location.percent_through}% through"
    )
    embed.add_field(name="Where", value=shorten(where, FIELD_VALUE), inline=False)
    embed.set_footer(text=f"passage {page.first.id}")
    return embed


def reader_view(work: WorkView, page: Page) -> discord.ui.View:
    """◀ ▶ and, when the work has several sections, the menu to jump between them (titled, with their part)."""
    first = page.first
    assert first.id is not None, "stored passages have ids"
    view = discord.ui.View(timeout=None)
    view.add_item(ReadButton(first.id, "prev", disabled=first.ordinal <= 0))
    view.add_item(ReadButton(first.id, "next", disabled=is_last_page(work, page)))
    sections = window(work.outline, first.section)
    if len(sections) > 1:
        options = []
        for section in sections:
            part = part_of(work.outline, section.index)
            about = f"{part.name} · " if part is not None else ""
            options.append(
                discord.SelectOption(
                    label=shorten(plain_text(section_name(section)), SELECT_OPTION_CHARS),
                    value=str(section.index),
                    description=shorten(plain_text(f"{about}{section.paragraphs} paragraphs"), SELECT_OPTION_CHARS),
                    default=section.index == first.section,
                )
            )
        view.add_item(SectionMenu(first.id, options))
    return view
