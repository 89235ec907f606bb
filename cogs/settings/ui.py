"""Embeds for the moderator console: the settings, a change, the audit log (builders only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.config.audit import AuditEntry
from bot.config.capabilities import CAPABILITIES, ServerConfig
from bot.config.changes import DEFAULT_WORK, MODERATOR_ROLE
from bot.storage.records import WorkRecord
from cogs.core.discord_limits import EMBED_DESCRIPTION, EMBED_TITLE, FIELD_VALUE
from cogs.core.safe_text import echoed

CONFIG_COLOUR = discord.Colour.dark_teal()
ON, OFF = "✅", "🚫"
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class LibraryUsage:
    """What a server added to the library, beside what it may add."""

    works: int
    bytes: int
    max_works: int
    max_bytes: int


def fit_lines(lines: Sequence[str], limit: int) -> str:
    """As many whole lines as fit in `limit` characters, then a count of the rest."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        rest = f"…and {len(lines) - index} more"
        if len("\n".join([*kept, line])) + (len(rest) + 1 if index < len(lines) - 1 else 0) > limit:
            return "\n".join([*kept, rest])
        kept.append(line)
    return "\n".join(kept)


def shown_value(setting: str, value: str | None) -> str:
    """A stored value as /config shows it: a role as its mention, nothing as "none" or "default"."""
    if setting == MODERATOR_ROLE:
        return f"<@&{value}>" if value else "none"
    if setting == DEFAULT_WORK:
        return f"`{value}`" if value else "the bundled story"
    return value or "default"


def config_embed(guild_name: str, config: ServerConfig, default_work: WorkRecord, usage: LibraryUsage) -> discord.Embed:
    """Every setting of a server, in one embed."""
    embed = discord.Embed(
        title=f"Folio settings for {echoed(guild_name, EMBED_TITLE - 20)}",
        colour=CONFIG_COLOUR,
    )
    role = f" and members with <@&{config.moderator_role_id}>" if config.moderator_role_id else ""
    embed.add_field(name="Moderators", value=f"Members with Manage Server{role}", inline=False)
    work = echoed(default_work.title, 200)
    embed.add_field(name="Default work", value=f"{work} (`{default_work.slug}`)", inline=False)
    embed.add_field(name="Capabilities on this server", value=_server_switches(config), inline=False)
    embed.add_field(name="Channel overrides", value=_channel_overrides(config), inline=False)
    embed.add_field(name="Limits", value=_limits(usage), inline=False)
    embed.set_footer(text="Change a setting with /config set · see who changed what with /config log")
    return embed


def _server_switches(config: ServerConfig) -> str:
    lines = []
    for capability, covers in CAPABILITIES.items():
        switch = config.server_switches.get(capability)
        state = "on (default)" if switch is None else ("on" if switch else "off")
        lines.append(f"{ON if switch is not False else OFF} **{capability}** {state} · {covers.split(': ', 1)[-1]}")
    return fit_lines(lines, FIELD_VALUE)


def _channel_overrides(config: ServerConfig) -> str:
    lines = [
        f"<#{channel_id}>: " + ", ".join(f"{name} {'on' if on else 'off'}" for name, on in sorted(switches.items()))
        for channel_id, switches in sorted(config.channel_switches.items())
        if switches
    ]
    return fit_lines(lines, FIELD_VALUE) if lines else "None: every channel follows the server."


def _limits(usage: LibraryUsage) -> str:
    return (
        f"{usage.works} of {usage.max_works} works and {usage.bytes / MIB:.1f} of {usage.max_bytes / MIB:.0f} MB"
        " of text added by this server (set by the bot's operator)"
    )


def change_embed(entry: AuditEntry) -> discord.Embed:
    """What a /config set did."""
    where = f" in <#{entry.channel_id}>" if entry.channel_id else ""
    new, old = shown_value(entry.setting, entry.new_value), shown_value(entry.setting, entry.old_value)
    description = f"**{entry.setting}**{where} is now {new} (was {old})."
    if not entry.changed:
        description = f"**{entry.setting}**{where} was already {new}."
    return discord.Embed(title="Setting changed", description=description, colour=CONFIG_COLOUR)


def log_embed(entries: Sequence[AuditEntry], *, page: int = 1, more: bool = False) -> discord.Embed:
    """One page of the server's changes, newest first; the footer points to the next page if there is one."""
    lines = [_log_line(entry) for entry in entries]
    empty = "No setting has been changed on this server yet." if page == 1 else f"There is no page {page}."
    description = fit_lines(lines, EMBED_DESCRIPTION) if lines else empty
    embed = discord.Embed(title="Recent setting changes", description=description, colour=CONFIG_COLOUR)
    if page > 1 or more:
        embed.set_footer(text=f"Page {page}" + (f" · older changes: /config log page: {page + 1}" if more else ""))
    return embed


def _log_line(entry: AuditEntry) -> str:
    where = f" in <#{entry.channel_id}>" if entry.channel_id else ""
    when = f"<t:{int(entry.changed_at.timestamp())}:f>"
    old, new = shown_value(entry.setting, entry.old_value), shown_value(entry.setting, entry.new_value)
    return f"{when} <@{entry.user_id}> set **{entry.setting}**{where}: {old} → {new}"
