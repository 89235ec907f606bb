"""◀ ▶ on a /passage top list: persistent buttons whose custom id carries the query and the page.

Nothing is kept per message, so a list sent before a restart still turns; each
click shows the ranking as it is at that moment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.reactions.stats import Period
from cogs.core.gating import CapabilityGate

TOP_BUTTON = (
    r"folio:top:(?P<arrow>prev|next):(?P<page>\d{1,3}):(?P<period>[a-z]{1,5}):(?P<work>\d{0,19}):(?P<emoji>.{0,60})"
)
CUSTOM_ID_CHARS = 100
TOP_COG = "ReactionViewsCog"


@dataclass(frozen=True, slots=True)
class TopQuery:
    period: Period
    work_id: int | None
    emoji: str
    """An emoji key, or "" for every emoji."""


class TopPager(Protocol):
    async def turn_top_page(self, interaction: discord.Interaction, query: TopQuery, page: int) -> None: ...


class TopPageButton(CapabilityGate, discord.ui.DynamicItem[discord.ui.Button[Any]], template=TOP_BUTTON):
    """◀ or ▶ on a /passage top page; the custom id carries the query, so pages turn after a restart."""

    capability = "reactions"

    def __init__(self, query: TopQuery, arrow: str, page: int, *, disabled: bool = False) -> None:
        custom_id = f"folio:top:{arrow}:{page}:{query.period}:{query.work_id or ''}:{query.emoji}"
        super().__init__(
            discord.ui.Button(
                style=discord.ButtonStyle.secondary,
                emoji="◀" if arrow == "prev" else "▶",
                custom_id=custom_id[:CUSTOM_ID_CHARS],
                disabled=disabled,
            )
        )
        self.query, self.page = query, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button[Any], match: re.Match[str], /
    ) -> TopPageButton:
        period = match["period"] if match["period"] in tuple(Period) else Period.ALL
        query = TopQuery(Period(period), int(match["work"]) if match["work"] else None, match["emoji"])
        return cls(query, match["arrow"], int(match["page"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        pager = cast(TopPager, cast(commands.Bot, interaction.client).get_cog(TOP_COG))
        await pager.turn_top_page(interaction, self.query, self.page)


def top_navigation(query: TopQuery, page: int, pages: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(TopPageButton(query, "prev", page - 1 if page else 0, disabled=page == 0))
    view.add_item(TopPageButton(query, "next", page + 1, disabled=page >= pages - 1))
    return view
