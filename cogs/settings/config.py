"""/config: the moderator console. Every per-server setting shown, changed and audited in one place."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.config.audit import AuditEntry
from bot.config.changes import (
    DEFAULT_WORK,
    MAX_VALUE_CHARS,
    MODERATOR_ROLE,
    SETTINGS,
    CapabilitySwitch,
    Change,
    InvalidSetting,
    RoleChoice,
    WorkChoice,
    parse_change,
)
from bot.errors import echo
from bot.folio_bot import FolioBot
from bot.text.excerpt import shorten
from cogs.core.checks import moderators_only
from cogs.core.choices import work_choices
from cogs.core.discord_limits import CHOICE_CHARS, CHOICES
from cogs.settings.features import add_feature_fields, feature_settings
from cogs.settings.ui import LibraryUsage, change_embed, config_embed, log_embed

MAX_SETTING_CHARS = 40
LOG_PAGE = 20
"""Changes per page of /config log (20 of the longest lines still fit in an embed)."""
MAX_LOG_PAGE = 1000
SWITCH_VALUES = ("on", "off", "default")


class ConfigCog(commands.Cog):
    """/config show, set and log: for moderators."""

    config = app_commands.Group(
        name="config",
        description="See and change Folio's settings on this server (moderators)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot

    @config.command(name="show", description="Every Folio setting on this server, in one place")
    @moderators_only
    async def show(self, interaction: discord.Interaction) -> None:
        guild_id = _guild_id(interaction)
        config = await self.bot.configs.get(guild_id)
        default_work = await self.bot.library.default_work(guild_id)
        own = [s.work for s in await self.bot.library.works(guild_id) if s.work.guild_id == guild_id]
        settings = self.bot.settings
        usage = LibraryUsage(
            works=len(own),
            bytes=sum(work.source_bytes for work in own),
            max_works=settings.max_works_per_server,
            max_bytes=settings.max_mb_per_server * 1024 * 1024,
        )
        guild_name = interaction.guild.name if interaction.guild else "this server"
        embed = config_embed(guild_name, config, default_work, usage)
        add_feature_fields(embed, await feature_settings(self.bot.database, self.bot.clock, guild_id))
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @config.command(name="set", description="Change a setting: a capability (server or channel), the moderator role…")
    @app_commands.describe(
        setting="What to change (suggestions as you type)",
        value="on, off or default for a capability; a role or none; a work's slug",
        channel="Only in this channel (capabilities only; default: the whole server)",
    )
    @moderators_only
    async def set(
        self,
        interaction: discord.Interaction,
        setting: app_commands.Range[str, 1, MAX_SETTING_CHARS],
        value: app_commands.Range[str, 1, MAX_VALUE_CHARS],
        channel: app_commands.AppCommandChannel | app_commands.AppCommandThread | None = None,
    ) -> None:
        change = parse_change(setting, value, channel.id if channel else None)
        entry = await self._apply(interaction, change)
        await interaction.response.send_message(embed=change_embed(entry), ephemeral=True)

    @config.command(name="log", description="Who changed which setting, and when (most recent first)")
    @app_commands.describe(page="Which page: 1 is the most recent changes (default), 2 the ones before...")
    @moderators_only
    async def log(self, interaction: discord.Interaction, page: app_commands.Range[int, 1, MAX_LOG_PAGE] = 1) -> None:
        configs, guild_id = self.bot.configs, _guild_id(interaction)
        entries = await configs.recent_changes(guild_id, LOG_PAGE + 1, skip=(page - 1) * LOG_PAGE)
        embed = log_embed(entries[:LOG_PAGE], page=page, more=len(entries) > LOG_PAGE)
        await interaction.response.send_message(embed=embed, ephemeral=True)

    async def _apply(self, interaction: discord.Interaction, change: Change) -> AuditEntry:
        guild_id, user_id = _guild_id(interaction), interaction.user.id
        configs = self.bot.configs
        if isinstance(change, CapabilitySwitch):
            return await configs.switch_capability(
                guild_id, change.capability, change.enabled, channel_id=change.channel_id, user_id=user_id
            )
        if isinstance(change, RoleChoice):
            if not interaction.permissions.manage_guild:  # or the role's members could hand out their powers
                raise InvalidSetting("Only members with Manage Server can change who counts as a moderator.")
            role_id = None if change.clears else _role(interaction.guild, change).id
            return await configs.set_moderator_role(guild_id, role_id, user_id=user_id)
        assert isinstance(change, WorkChoice)
        _, entry = await configs.set_default_work(self.bot.library, guild_id, change.slug, user_id=user_id)
        return entry

    @set.autocomplete("setting")
    async def setting_names(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        typed = current.strip().casefold().replace(" ", "_")
        return [
            app_commands.Choice(name=shorten(f"{name}: {about}", CHOICE_CHARS), value=name)
            for name, about in SETTINGS.items()
            if typed in name
        ][:CHOICES]

    @set.autocomplete("value")
    async def setting_values(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        setting = str(interaction.namespace.setting or "").strip().casefold().replace(" ", "_")
        typed = current.strip().casefold()
        if setting == DEFAULT_WORK:
            return work_choices(await self.bot.library.works(interaction.guild_id), typed)
        if setting == MODERATOR_ROLE:
            return _role_choices(interaction.guild, typed)
        return [app_commands.Choice(name=word, value=word) for word in SWITCH_VALUES if word.startswith(typed)]


def _role_choices(guild: discord.Guild | None, typed: str) -> list[app_commands.Choice[str]]:
    """"none", then the roles whose name contains what was typed; a role's value is its id
    (names may repeat, or be too long for a choice)."""
    named = [("none", "none"), *((role.name, str(role.id)) for role in _assignable_roles(guild))]
    matching = [(name, value) for name, value in named if typed in name.casefold()]
    return [app_commands.Choice(name=shorten(name, CHOICE_CHARS), value=value) for name, value in matching][:CHOICES]


def _guild_id(interaction: discord.Interaction) -> int:
    assert interaction.guild_id is not None, "the group is guild-only and moderators_only checks it"
    return interaction.guild_id


def _assignable_roles(guild: discord.Guild | None) -> list[discord.Role]:
    """Roles a moderator could mean: not @everyone, not a bot's own role."""
    if guild is None:
        return []
    return [role for role in reversed(guild.roles) if not role.is_default() and not role.managed]


def _role(guild: discord.Guild | None, choice: RoleChoice) -> discord.Role:
    """The server's role a moderator named, by id or (case-insensitively) by name."""
    roles = _assignable_roles(guild)
    if choice.role_id is not None:
        found = next((role for role in roles if role.id == choice.role_id), None)
        typed = str(choice.role_id)
    else:
        assert choice.name is not None
        found = next((role for role in roles if role.name.casefold() == choice.name.casefold()), None)
        typed = choice.name
    if found is None:
        raise InvalidSetting(f"There is no role {echo(typed)} on this server that can be the moderator role.")
    return found


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(ConfigCog(bot))
