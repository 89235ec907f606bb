"""/help: every command usable here, with its one-line description, from the command tree itself.

The list is built from ``bot.tree`` at each call, so a cog added later shows up
without changing this one; commands whose capability is off where /help is used
are left out, moderator commands are marked, owner-only ones are shown to the owner only.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.config.capabilities import CAPABILITIES, ServerConfig
from bot.folio_bot import FolioBot
from cogs.core.checks import is_moderator
from cogs.core.discord_limits import EMBED_DESCRIPTION
from cogs.core.gating import capability_of, channel_chain
from cogs.settings.ui import fit_lines

HELP_COLOUR = discord.Colour.blurple()
OWNER_ONLY = "owner_only"
"""The key of a command's ``extras`` marking it for the bot's owner only (see cogs/library/owner.py)."""
GENERAL = "General"
MODERATOR_MARK = " · *moderators*"


@dataclass(frozen=True, slots=True)
class HelpEntry:
    name: str
    description: str
    capability: str | None
    moderators: bool
    owner_only: bool

    @property
    def line(self) -> str:
        mark = MODERATOR_MARK if self.moderators else " · *owner*" if self.owner_only else ""
        return f"`/{self.name}` {self.description}{mark}"


def leaf_commands(tree: app_commands.CommandTree[Any]) -> Iterator[app_commands.Command[Any, ..., Any]]:
    """Every slash command a user can run (subcommands rather than their groups), in tree order."""
    for command in tree.get_commands(type=discord.AppCommandType.chat_input):
        if isinstance(command, app_commands.Group):
            yield from (sub for sub in command.walk_commands() if isinstance(sub, app_commands.Command))
        elif isinstance(command, app_commands.Command):
            yield command


def help_entry(command: app_commands.Command[Any, ..., Any]) -> HelpEntry:
    return HelpEntry(
        name=command.qualified_name,
        description=command.description,
        capability=capability_of(command),
        moderators=is_moderator in command.checks,
        owner_only=bool(command.extras.get(OWNER_ONLY)),
    )


def help_text(entries: list[HelpEntry]) -> str:
    """The entries by section (each capability, then general), readers' commands first in each,
    within an embed's description."""
    sections: dict[str | None, list[HelpEntry]] = {capability: [] for capability in CAPABILITIES}
    for entry in entries:
        sections.setdefault(entry.capability if entry.capability in CAPABILITIES else None, []).append(entry)
    lines = []
    for capability, section in sections.items():
        if section:
            title = CAPABILITIES[capability].split(":")[0] if capability else GENERAL
            ordered = sorted(section, key=lambda entry: (entry.moderators, entry.owner_only))
            lines += [f"**{title}**", *(entry.line for entry in ordered)]
    return fit_lines(lines, EMBED_DESCRIPTION)


class HelpCog(commands.Cog):
    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="Every Folio command you can use here, in one line each")
    async def help(self, interaction: discord.Interaction) -> None:
        config = await self.bot.configs.get(interaction.guild_id) if interaction.guild_id else None
        owner = await self.bot.is_owner(interaction.user)
        entries = [
            entry
            for entry in map(help_entry, leaf_commands(self.bot.tree))
            if (owner or not entry.owner_only) and _enabled(config, entry, interaction)
        ]
        embed = discord.Embed(title="Folio commands", description=help_text(entries), colour=HELP_COLOUR)
        embed.set_footer(text="Commands turned off here are not listed.")
        await interaction.response.send_message(embed=embed, ephemeral=True)


def _enabled(config: ServerConfig | None, entry: HelpEntry, interaction: discord.Interaction) -> bool:
    return config is None or config.enabled(entry.capability, channel_chain(interaction))


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(HelpCog(bot))
