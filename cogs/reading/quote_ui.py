"""Embeds and buttons for quotes and passages (builders only, no command logic)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, cast

import discord
from discord.ext import commands

from bot.folio_bot import answer_failure
from bot.library.views import QuoteLookup, WorkView
from bot.progress.chapters import BeyondProgress, Horizon
from bot.progress.tracker import last_read_paragraph
from bot.search.engine import CONFIDENT_SCORE
from bot.text.excerpt import excerpt_around, shorten
from bot.text.model import Passage
from cogs.core.discord_limits import EMBED_TITLE, FIELD_NAME, FIELD_VALUE
from cogs.core.gating import CapabilityGate
from cogs.core.safe_text import echoed
from cogs.reading.spoilers import horizon_for

EMBED_PASSAGE_CHARS = 1500
SUGGESTION_CHARS = 160
QUERY_ECHO_CHARS = 120
QUOTE_COLOUR = discord.Colour.from_rgb(0x8E, 0x5B, 0xD6)
NOT_FOUND_COLOUR = discord.Colour.light_grey()


def quote_embed(lookup: QuoteLookup, *, elsewhere: bool = False) -> discord.Embed:
    """The passage around the best match, the matched sentence in bold.

    Shows who speaks the line when the dialogue is attributed, and where any
    other confident matches are; says "closest match" when the wording differs
    (a clear winner below the confident score), and "found in *Work*" when the
    line is from another work than the server's default (`elsewhere`).
    """
    best, others = lookup.hits[0], lookup.hits[1:]
    excerpt = excerpt_around(best.paragraph.text, best.sentence.text, EMBED_PASSAGE_CHARS)
    embed = discord.Embed(
        title=shorten(best.work.title, EMBED_TITLE),
        description=f"{excerpt.before}**{excerpt.match}**{excerpt.after}",
        colour=QUOTE_COLOUR,
    )
    if elsewhere:
        title = echoed(best.work.title, EMBED_TITLE)
        embed.add_field(name="Found in", value=shorten(f"*{title}* (another work of this server)", FIELD_VALUE))
    if best.sentence.speaker:
        embed.add_field(
            name="Speaker",
            value=echoed(best.sentence.speaker, FIELD_VALUE),
            inline=True,
        )
    embed.add_field(name="Where", value=shorten(str(best.location), FIELD_VALUE), inline=False)
    if others:
        lines = [f"• {shorten(hit.sentence.text, SUGGESTION_CHARS)} ({hit.location})" for hit in others[:3]]
        embed.add_field(
            name="Also matches",
            value=shorten("\n".join(lines), FIELD_VALUE),
            inline=False,
        )
    closest = "Closest match, worded differently · " if best.score < CONFIDENT_SCORE else ""
    embed.set_footer(text=f"{closest}Match {best.score:.0f}/100 · passage {best.paragraph.id}")
    return embed


def passage_embed(work: WorkView, paragraph: Passage) -> discord.Embed:
    """A whole paragraph (shortened if very long), for stepping through the work."""
    embed = discord.Embed(
        title=shorten(work.title, EMBED_TITLE),
        description=shorten(paragraph.text, EMBED_PASSAGE_CHARS),
        colour=QUOTE_COLOUR,
    )
    embed.add_field(
        name="Where",
        value=shorten(str(work.location(paragraph)), FIELD_VALUE),
        inline=False,
    )
    embed.set_footer(text=f"passage {paragraph.id}")
    return embed


def not_found_embed(lookup: QuoteLookup) -> discord.Embed:
    """Says plainly that the line is not in the work, offering the nearest lines if any."""
    query = echoed(lookup.query, QUERY_ECHO_CHARS)
    title = echoed(lookup.work.title, EMBED_TITLE)
    hint = (
        "The closest lines, in case it was worded differently:"
        if lookup.suggestions
        else "Try a few distinctive words from the line you remember."
    )
    embed = discord.Embed(
        title="Not in the story",
        description=f"I couldn't find “{query}” in *{title}*.\n{hint}",
        colour=NOT_FOUND_COLOUR,
    )
    for hit in lookup.suggestions[:3]:
        embed.add_field(
            name=shorten(str(hit.location), FIELD_NAME),
            value=shorten(hit.sentence.text, SUGGESTION_CHARS),
            inline=False,
        )
    return embed


BUTTON_TEMPLATE = r"folio:(?:p|nav):.*"
"""Every custom id of Folio's ◀ ▶ buttons, well-formed or not."""
PASSAGE_BUTTON = re.compile(r"folio:p:(?P<passage>\d{1,19}):(?P<arrow>prev|next)")
"""◀ ▶ from a passage, by its stable id: a step from it, wherever it is now."""
LEGACY_BUTTON = re.compile(r"folio:nav:(?P<slug>[a-z0-9-]{1,40}):(?P<target>\d{1,9}):(?:prev|next)")
"""◀ ▶ sent before passages had stable ids: paragraph number `target` of the work."""
STEPS = {"prev": -1, "next": 1}
NAVIGATOR_COG = "QuoteCog"
"""The cog that handles ◀/▶ clicks (see :class:`PassageNavigator`)."""
QUOTE_CAPABILITY = "quote"
STALE_BUTTON = "This button no longer works. Run `/quote` again to get fresh ones."


def arrow_button(custom_id: str, arrow: str, *, disabled: bool) -> discord.ui.Button[Any]:
    """A ◀ (arrow "prev") or ▶ button."""
    return discord.ui.Button(
        style=discord.ButtonStyle.secondary,
        emoji="◀" if arrow == "prev" else "▶",
        custom_id=custom_id,
        disabled=disabled,
    )


PageRenderer = Callable[[WorkView, Passage, Horizon | None], Awaitable[dict[str, Any]]]
"""A page's message (``embed`` and ``view``) from its work, the paragraph found and the reading horizon."""


def paragraph_page(view: Callable[[WorkView, Passage, int | None], discord.ui.View]) -> PageRenderer:
    """Pages of one paragraph, with `view` (given the last paragraph read)."""

    async def render(work: WorkView, paragraph: Passage, horizon: Horizon | None) -> dict[str, Any]:
        return {"embed": passage_embed(work, paragraph), "view": view(work, paragraph, last_read_paragraph(work, horizon))}

    return render


async def turn_page(
    interaction: discord.Interaction,
    finding: Awaitable[tuple[WorkView, Passage]],
    render: PageRenderer,
    *,
    spoilers: bool = False,
) -> None:
    """Turn a page (a ◀ ▶ click or a section chosen) to the paragraph `finding` gives, as `render` shows it.

    Pages belong to whoever turns them: the author of the message (or the reader of a private copy)
    turns the message itself; anyone else gets a private copy at the new page, and the shared
    message stays as it is. A page beyond the reading progress (the channel's for the shared
    message, the reader's own for a private copy) is refused unless `spoilers`. Reactions keep
    counting for the passage the message showed when it was posted. A failure is answered privately.
    """
    own = turned_by_owner(interaction)
    try:
        work, paragraph = await finding
        horizon = None if spoilers else await horizon_for(interaction, work, private=not own or is_private(interaction))
        if horizon is not None and not horizon.is_read(paragraph.section):
            raise BeyondProgress(horizon)
        page = await render(work, paragraph, horizon)
    except Exception as error:  # clicks bypass the command tree's error handler
        await answer_failure(interaction, error)
        return
    if own:
        await interaction.response.edit_message(**page)
    else:
        await interaction.response.send_message(**page, ephemeral=True)


def turned_by_owner(interaction: discord.Interaction) -> bool:
    """Whether the clicked message is the clicker's to turn: a reply to their own command, or a private copy."""
    message = interaction.message
    if message is None:
        return False
    author = message.interaction_metadata.user.id if message.interaction_metadata else None
    return is_private(interaction) or author == interaction.user.id


def is_private(interaction: discord.Interaction) -> bool:
    return interaction.message is not None and interaction.message.flags.ephemeral


class PassageNavigator(Protocol):
    async def step_from(self, interaction: discord.Interaction, passage_id: int, step: int) -> None: ...

    async def show_paragraph(self, interaction: discord.Interaction, slug: str, ordinal: int) -> None: ...


class PassageButton(
    CapabilityGate,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=BUTTON_TEMPLATE,
):
    """◀ or ▶: shows the paragraph before or after the passage with a stable id.

    The custom id carries all the click needs, so buttons on messages sent
    before a restart (or a re-import of the work) keep working, and no view is
    kept per message. Every id of the template is claimed: a legacy one is
    still followed, a damaged or forged one is answered with :data:`STALE_BUTTON`.
    Clicks obey the quote capability's switches, as /quote does.
    """

    capability = QUOTE_CAPABILITY

    def __init__(self, passage_id: int, arrow: str, *, disabled: bool = False) -> None:
        super().__init__(arrow_button(f"folio:p:{passage_id}:{arrow}", arrow, disabled=disabled))
        self.passage_id = passage_id
        self.step = STEPS[arrow]

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Button[Any],
        match: re.Match[str],
        /,
    ) -> discord.ui.DynamicItem[discord.ui.Button[Any]]:
        custom_id = item.custom_id or ""
        if parts := PASSAGE_BUTTON.fullmatch(custom_id):
            return cls(int(parts["passage"]), parts["arrow"])
        if parts := LEGACY_BUTTON.fullmatch(custom_id):
            return LegacyButton(item, parts["slug"], int(parts["target"]))
        return StaleButton(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        await _navigator(interaction).step_from(interaction, self.passage_id, self.step)


class LegacyButton(
    CapabilityGate,
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=BUTTON_TEMPLATE,
):
    """A button from before stable ids: shows paragraph `target` of `slug` (made by :class:`PassageButton`)."""

    capability = QUOTE_CAPABILITY

    def __init__(self, item: discord.ui.Button[Any], slug: str, target: int) -> None:
        super().__init__(item)
        self.slug = slug
        self.target = target

    async def callback(self, interaction: discord.Interaction) -> None:
        await _navigator(interaction).show_paragraph(interaction, self.slug, self.target)


class StaleButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=BUTTON_TEMPLATE):
    """A button whose custom id means nothing (any more): answers :data:`STALE_BUTTON` (made by :class:`PassageButton`)."""

    def __init__(self, item: discord.ui.Button[Any]) -> None:
        super().__init__(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(STALE_BUTTON, ephemeral=True)


def _navigator(interaction: discord.Interaction) -> PassageNavigator:
    return cast(PassageNavigator, cast(commands.Bot, interaction.client).get_cog(NAVIGATOR_COG))


def passage_navigation(work: WorkView, paragraph: Passage, last: int | None = None) -> discord.ui.View:
    """◀ ▶ buttons stepping to the previous and next paragraph (disabled at the ends: the work's, or
    `last`, the last paragraph read)."""
    assert paragraph.id is not None, "stored passages have ids"
    end = work.paragraph_count - 1 if last is None else last
    view = discord.ui.View(timeout=None)
    view.add_item(PassageButton(paragraph.id, "prev", disabled=paragraph.ordinal <= 0))
    view.add_item(PassageButton(paragraph.id, "next", disabled=paragraph.ordinal >= end))
    return view
