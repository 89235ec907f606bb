"""The reader's page: one paragraph, ◀ ▶, and a menu of sections to jump to (persistent dynamic items).

Custom ids carry the stable id of the paragraph on the page, so the buttons
and the menu keep working after a restart: ``folio:r:<passage>:<prev|next>`` and
``folio:rs:<passage>`` (the chosen option's value is the section's index).
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.library.views import WorkView
from bot.read.sections import part_of, section_name, window
from bot.storage.passages import SectionOutline
from bot.text.excerpt import shorten
from bot.text.markup import plain_text
from bot.text.model import Passage
from cogs.core.discord_limits import SELECT_OPTION_CHARS
from cogs.core.gating import CapabilityGate
from cogs.reading.quote_ui import arrow_button

READER_COG = "ReadCog"
READ_BUTTON = r"folio:r:(?P<passage>\d{1,19}):(?P<arrow>prev|next)(?P<spoilers>:s)?"
SECTION_MENU = r"folio:rs:(?P<passage>\d{1,19})(?P<spoilers>:s)?"
SPOILERS = ":s"
"""Ends the custom ids of a page read with ``spoilers: True``: past the reading progress."""
STEPS = {"prev": -1, "next": 1}


class Reader(Protocol):
    async def turn(self, interaction: discord.Interaction, passage_id: int, step: int, *, spoilers: bool) -> None: ...

    async def jump(
        self, interaction: discord.Interaction, passage_id: int, section: int, *, spoilers: bool
    ) -> None: ...


def _reader(interaction: discord.Interaction) -> Reader:
    return cast(Reader, cast(commands.Bot, interaction.client).get_cog(READER_COG))


class ReadButton(CapabilityGate, discord.ui.DynamicItem[discord.ui.Button[Any]], template=READ_BUTTON):
    """◀ or ▶ on a reader's page."""

    capability = "discussion"

    def __init__(self, passage_id: int, arrow: str, *, disabled: bool = False, spoilers: bool = False) -> None:
        custom_id = f"folio:r:{passage_id}:{arrow}{SPOILERS if spoilers else ''}"
        super().__init__(arrow_button(custom_id, arrow, disabled=disabled))
        self.passage_id = passage_id
        self.step = STEPS[arrow]
        self.spoilers = spoilers

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> ReadButton:
        return cls(int(match["passage"]), match["arrow"], spoilers=bool(match["spoilers"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await _reader(interaction).turn(interaction, self.passage_id, self.step, spoilers=self.spoilers)


class SectionMenu(CapabilityGate, discord.ui.DynamicItem[discord.ui.Select[Any]], template=SECTION_MENU):
    """Jump to a section: the sections around the page's own."""

    capability = "discussion"

    def __init__(
        self, passage_id: int, options: list[discord.SelectOption] | None = None, *, spoilers: bool = False
    ) -> None:
        custom_id = f"folio:rs:{passage_id}{SPOILERS if spoilers else ''}"
        super().__init__(discord.ui.Select(custom_id=custom_id, placeholder="Jump to a section…", options=options or []))
        self.passage_id = passage_id
        self.spoilers = spoilers

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Select[Any], match: re.Match[str], /
    ) -> SectionMenu:
        return cls(int(match["passage"]), list(item.options), spoilers=bool(match["spoilers"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        values = self.item.values
        section = int(values[0]) if values and values[0].isdigit() else -1
        await _reader(interaction).jump(interaction, self.passage_id, section, spoilers=self.spoilers)


def reader_view(work: WorkView, paragraph: Passage, last: int | None = None, *, spoilers: bool = False) -> discord.ui.View:
    """◀ ▶ and, when the work has several sections, the menu to jump between them; `last`: the last
    paragraph read (the pages stop there)."""
    assert paragraph.id is not None, "stored passages have ids"
    end = work.paragraph_count - 1 if last is None else last
    view = discord.ui.View(timeout=None)
    view.add_item(ReadButton(paragraph.id, "prev", disabled=paragraph.ordinal <= 0, spoilers=spoilers))
    view.add_item(ReadButton(paragraph.id, "next", disabled=paragraph.ordinal >= end, spoilers=spoilers))
    sections = window(work.outline, paragraph.section, until=end)
    if len(sections) > 1:
        options = [
            discord.SelectOption(
                label=shorten(plain_text(section_name(section)), SELECT_OPTION_CHARS),
                value=str(section.index),
                description=shorten(plain_text(_about(work, section)), SELECT_OPTION_CHARS),
                default=section.index == paragraph.section,
            )
            for section in sections
        ]
        view.add_item(SectionMenu(paragraph.id, options, spoilers=spoilers))
    return view


def _about(work: WorkView, section: SectionOutline) -> str:
    """A menu option's description: the section's part, if the work has parts, and its length."""
    part = part_of(work.outline, section.index)
    return f"{part.name} · {section.paragraphs} paragraphs" if part is not None else f"{section.paragraphs} paragraphs"


def spoiler_reader_view(work: WorkView, paragraph: Passage, last: int | None = None) -> discord.ui.View:
    """A page read with ``spoilers: True``: its buttons go past the reading progress."""
    return reader_view(work, paragraph, spoilers=True)
