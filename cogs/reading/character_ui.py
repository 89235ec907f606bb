"""What /character shows: the profile embed, its mentions chart, and name choices."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.attribution.characters import Character
from bot.characters.profile import quote_text
from bot.characters.service import CharacterReport
from bot.text.excerpt import excerpt_around, shorten
from cogs.core.discord_limits import CHOICE_CHARS, EMBED_TITLE, FIELD_VALUE

CHART_FILE = "mentions.png"
CHARACTER_COLOUR = discord.Colour.from_rgb(0x58, 0x65, 0xF2)
EXCERPT_CHARS = 300
ALIASES_SHOWN = 8
ALIASES_CHARS = 400
PARTNER_CHARS = 60
CHART_NAME_CHARS = 32
"""Longest name a chart title shows whole (the title fits the image at phone size)."""


def character_embed(report: CharacterReport) -> discord.Embed:
    """The profile of one character, with the chart attached as :data:`CHART_FILE`."""
    profile, first = report.profile, report.first_appearance
    aliases = ", ".join(profile.aliases[:ALIASES_SHOWN])
    embed = discord.Embed(
        title=shorten(_heading(profile.name), EMBED_TITLE),
        description=shorten(f"Also called {aliases}." if aliases else "", ALIASES_CHARS),
        colour=CHARACTER_COLOUR,
    )
    excerpt = excerpt_around(first.paragraph.text, first.sentence.text, EXCERPT_CHARS)
    where = f"{first.location}\n{excerpt.before}**{excerpt.match}**{excerpt.after}"
    embed.add_field(name="First appearance", value=shorten(where, FIELD_VALUE), inline=False)
    sections = sum(1 for count in profile.mentions_by_section if count)
    embed.add_field(
        name="Mentions",
        value=f"{profile.mentions} in {sections} of {len(profile.mentions_by_section)} {_plural(report.section_name)}",
        inline=True,
    )
    embed.add_field(name="Lines spoken", value=str(profile.lines), inline=True)
    partners = ", ".join(f"{shorten(' '.join(name.split()), PARTNER_CHARS)} ({n})" for name, n in profile.partners)
    embed.add_field(name="Talks most with", value=shorten(partners or "No one", FIELD_VALUE), inline=True)
    if profile.memorable_line is not None:
        line = quote_text(profile.memorable_line)
        embed.add_field(name="A memorable line", value=shorten(line, FIELD_VALUE), inline=False)
    embed.set_image(url=f"attachment://{CHART_FILE}")
    embed.set_footer(text=shorten(report.work.title, EMBED_TITLE))
    return embed


def chart_title(report: CharacterReport) -> str:
    return f"{shorten(_heading(report.profile.name), CHART_NAME_CHARS)}: mentions by {report.section_name.lower()}"


def character_choice(character: Character) -> app_commands.Choice[str]:
    """A choice showing the name and how often it is mentioned; its value is the name."""
    name = shorten(character.name, CHOICE_CHARS)
    shown = shorten(f"{character.name} ({character.mentions} mentions)", CHOICE_CHARS)
    return app_commands.Choice(name=shown, value=name)


def _heading(name: str) -> str:
    """A name as a heading starts: with a capital (*the woman* is "The woman")."""
    return name[:1].upper() + name[1:]


def _plural(section_name: str) -> str:
    return f"{section_name.lower()}s"
