"""/limits: moderators see and change fair use on their server: each costly command's cooldown per
member, and how many costly commands may run at once. The command tree applies them
(:mod:`cogs.core.fair_use_gate`)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.fair_use.limits import AT_ONCE, AT_ONCE_BOUNDS, COOLDOWN_BOUNDS, DEFAULT_COOLDOWNS, ServerLimits
from bot.folio_bot import FolioBot
from cogs.core.checks import moderators_only

COMMAND_CHOICES = [app_commands.Choice(name=f"/{name}", value=name) for name in DEFAULT_COOLDOWNS]
LOWEST, HIGHEST = (int(bound) for bound in COOLDOWN_BOUNDS)


def limits_embed(limits: ServerLimits) -> discord.Embed:
    lines = [
        f"/{name}: {'no cooldown' if seconds == 0 else f'{seconds:.0f} s'} per member"
        + ("" if seconds == DEFAULT_COOLDOWNS[name] else f" (default {DEFAULT_COOLDOWNS[name]:.0f} s)")
        for name, seconds in limits.cooldowns.items()
    ]
    embed = discord.Embed(title="Fair use on this server", description="\n".join(lines))
    embed.add_field(name="Costly commands at once", value=str(limits.at_once), inline=False)
    return embed


class FairUseCog(commands.Cog):
    limits = app_commands.Group(
        name="limits",
        description="How often members may use costly commands (moderators)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    @limits.command(name="show", description="Each costly command's cooldown, and how many may run at once")
    @moderators_only
    async def show(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None, "guild_only"
        limits = await self.bot.fair_use.limits(interaction.guild_id)
        await interaction.response.send_message(embed=limits_embed(limits), ephemeral=True)

    @limits.command(name="cooldown", description="How long a member waits between two uses of a costly command")
    @app_commands.describe(command="Which command", seconds=f"{LOWEST}-{HIGHEST} seconds (0: none); leave out for the default")
    @app_commands.choices(command=COMMAND_CHOICES)
    @moderators_only
    async def cooldown(
        self,
        interaction: discord.Interaction,
        command: app_commands.Range[str, 1, 40],
        seconds: app_commands.Range[int, LOWEST, HIGHEST] | None = None,
    ) -> None:
        await self._change(interaction, command, seconds)

    @limits.command(name="at-once", description="How many costly commands this server may run at the same time")
    @app_commands.describe(count=f"{AT_ONCE_BOUNDS[0]}-{AT_ONCE_BOUNDS[1]}; leave out for the default")
    @moderators_only
    async def at_once(
        self, interaction: discord.Interaction, count: app_commands.Range[int, AT_ONCE_BOUNDS[0], AT_ONCE_BOUNDS[1]] | None = None
    ) -> None:
        await self._change(interaction, AT_ONCE, count)

    async def _change(self, interaction: discord.Interaction, name: str, value: int | None) -> None:
        assert interaction.guild_id is not None, "guild_only"
        limits = await self.bot.fair_use.change(
            interaction.guild_id, name, None if value is None else float(value), user_id=interaction.user.id
        )
        await interaction.response.send_message("Saved.", embed=limits_embed(limits), ephemeral=True)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(FairUseCog(bot))
