"""The reader's page: the paragraphs that fit in an embed, ◀ ▶, and a menu of sections to jump to
(persistent dynamic items).

Custom ids carry the stable ids of the paragraphs at the page's edges, so the
buttons and the menu keep working after a restart: ◀ ``folio:r:<first>:prev``,
▶ ``folio:r:<last>:next``, with ``.<piece>`` after the id on a page showing one
piece of a paragraph longer than a page; and ``folio:rs:<first>`` (the chosen
option's value is the section's index). A button from the days of one
paragraph per page reads the same: its paragraph was the page.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.library.views import WorkView
from bot.read.pages import Page, page_place
from bot.read.sections import part_of, section_name, window
from bot.storage.passages import SectionOutline
from bot.text.excerpt import shorten
from bot.text.markup import plain_text
from cogs.core.discord_limits import EMBED_TITLE, FIELD_VALUE, SELECT_OPTION_CHARS
from cogs.core.gating import CapabilityGate
from cogs.reading.quote_ui import QUOTE_COLOUR, arrow_button

READER_COG = "ReadCog"
READ_BUTTON = r"folio:r:(?P<passage>\d{1,19})(?:\.(?P<piece>\d{1,4}))?:(?P<arrow>prev|next)(?P<spoilers>:s)?"
SECTION_MENU = r"folio:rs:(?P<passage>\d{1,19})(?P<spoilers>:s)?"
SPOILERS = ":s"
"""Ends the custom ids of a page read with ``spoilers: True``: past the reading progress."""
STEPS = {"prev": -1, "next": 1}


class Reader(Protocol):
    async def turn(
        self, interaction: discord.Interaction, passage_id: int, piece: int | None, step: int, *, spoilers: bool
    ) -> None: ...

    async def jump(
        self, interaction: discord.Interaction, passage_id: int, section: int, *, spoilers: bool
    ) -> None: ...


def _reader(interaction: discord.Interaction) -> Reader:
    return cast(Reader, cast(commands.Bot, interaction.client).get_cog(READER_COG))


class ReadButton(CapabilityGate, discord.ui.DynamicItem[discord.ui.Button[Any]], template=READ_BUTTON):
    """◀ or ▶ on a reader's page."""

    capability = "discussion"

    def __init__(
        self, passage_id: int, arrow: str, piece: int | None = None, *, disabled: bool = False, spoilers: bool = False
    ) -> None:
        at = f"{passage_id}" if piece is None else f"{passage_id}.{piece}"
        custom_id = f"folio:r:{at}:{arrow}{SPOILERS if spoilers else ''}"
        super().__init__(arrow_button(custom_id, arrow, disabled=disabled))
        self.passage_id = passage_id
        self.piece = piece
        self.step = STEPS[arrow]
        self.spoilers = spoilers

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> ReadButton:
        piece = int(match["piece"]) if match["piece"] is not None else None
        return cls(int(match["passage"]), match["arrow"], piece, spoilers=bool(match["spoilers"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        await _reader(interaction).turn(interaction, self.passage_id, self.piece, self.step, spoilers=self.spoilers)


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


def reader_page(work: WorkView, page: Page, last: int | None = None, *, spoilers: bool = False) -> dict[str, Any]:
    """A page's message: its embed and its view (see :func:`reader_view`)."""
    return {"embed": page_embed(work, page), "view": reader_view(work, page, last, spoilers=spoilers)}


def page_embed(work: WorkView, page: Page) -> discord.Embed:
    """The page's paragraphs, with where they are; the footer names the first (reactions count for it)."""
    embed = discord.Embed(title=shorten(work.title, EMBED_TITLE), description=page.text, colour=QUOTE_COLOUR)
    place = page_place(work.location(page.first), work.location(page.last), page)
    embed.add_field(name="Where", value=shorten(place, FIELD_VALUE), inline=False)
    embed.set_footer(text=f"passage {page.first.id}")
    return embed


def reader_view(work: WorkView, page: Page, last: int | None = None, *, spoilers: bool = False) -> discord.ui.View:
    """◀ ▶ and, when the work has several sections, the menu to jump between them; `last`: the last
    paragraph read (the pages stop there)."""
    first_id, last_id = page.first.id, page.last.id
    assert first_id is not None and last_id is not None, "stored passages have ids"
    end = work.paragraph_count - 1 if last is None else last
    at_start = page.first.ordinal <= 0 and page.at_start
    at_end = page.last.ordinal >= end and page.at_end
    view = discord.ui.View(timeout=None)
    view.add_item(ReadButton(first_id, "prev", page.piece, disabled=at_start, spoilers=spoilers))
    view.add_item(ReadButton(last_id, "next", page.piece, disabled=at_end, spoilers=spoilers))
    section = page.first.section
    sections = window(work.outline, section, until=end)
    if len(sections) > 1:
        options = [
            discord.SelectOption(
                label=shorten(plain_text(section_name(option)), SELECT_OPTION_CHARS),
                value=str(option.index),
                description=shorten(plain_text(_about(work, option)), SELECT_OPTION_CHARS),
                default=option.index == section,
            )
            for option in sections
        ]
        view.add_item(SectionMenu(first_id, options, spoilers=spoilers))
    return view


def _about(work: WorkView, section: SectionOutline) -> str:
    """A menu option's description: the section's part, if the work has parts, and its length."""
    part = part_of(work.outline, section.index)
    return f"{part.name} · {section.paragraphs} paragraphs" if part is not None else f"{section.paragraphs} paragraphs"
