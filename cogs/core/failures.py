"""How a failed command or click is answered in Discord: one friendly private message, never silence.

Domain errors (:class:`~bot.errors.FolioError`) carry plain text; here it is escaped and given a hint
naming a slash command where one helps. Anything unexpected is logged with its traceback.
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.config.changes import InvalidSetting
from bot.errors import EmptyQuery, EmptyQuestion, FolioError, UnknownWork
from bot.text.excerpt import shorten
from cogs.core.checks import NotModerator
from cogs.core.discord_limits import MESSAGE_CONTENT
from cogs.core.edge import INVALID_REQUEST
from cogs.core.safe_text import echoed

log = logging.getLogger(__name__)

LOGGED_CHARS = 200
GENERIC_FAILURE = "Something went wrong on my side. It has been logged; please try again in a moment."
DISCORD_HINTS: dict[type[FolioError], str] = {
    UnknownWork: "Use `/works` to see what is there.",
    EmptyQuery: "For example: `/quote text: hello from the other side`",
    InvalidSetting: "`/config show` lists the settings and their values.",
    EmptyQuestion: "For example: `/ask question: why did Derek come back?`",
}
"""What to add, in Discord, to an error's plain message."""


async def answer_failure(interaction: discord.Interaction, error: BaseException) -> None:
    """One place that turns a failed command or click into a friendly ephemeral reply."""
    if isinstance(error, FolioError):
        message = discord_text(error)
    elif isinstance(error, NotModerator):
        role = f"<@&{error.role_id}>"
        message = f"Only moderators can do that: you need the **Manage Server** permission or the {role} role."
    elif isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(_permission_name(p) for p in error.missing_permissions)
        message = f"Only moderators can do that: you need the **{needed}** permission."
    elif isinstance(error, app_commands.TransformerError):  # a value Discord would not have sent
        log.warning("Refused interaction %s: %s", interaction.id, shorten(str(error), LOGGED_CHARS))
        message = INVALID_REQUEST
    elif isinstance(error, app_commands.NoPrivateMessage):
        message = "That command only works inside a server."
    elif isinstance(error, app_commands.CommandOnCooldown):
        message = f"Easy there! Try again in {error.retry_after:.0f}s."
    elif isinstance(error, app_commands.CheckFailure):
        message = "You can't use that command here."
    else:
        action = interaction.command.qualified_name if interaction.command else interaction.data
        log.error("Interaction %r failed", action, exc_info=error)
        message = GENERIC_FAILURE
    await send_ephemeral(interaction, message)


def discord_text(error: FolioError) -> str:
    """A domain error's message for Discord: escaped and shortened to fit one message, with a hint
    naming a slash command if one helps."""
    hint = next((hint for kind, hint in DISCORD_HINTS.items() if isinstance(error, kind)), None)
    text = echoed(str(error), MESSAGE_CONTENT - (len(hint) + 1 if hint else 0))
    return f"{text} {hint}" if hint else text


def _permission_name(permission: str) -> str:
    """A permission as Discord's settings name it: `manage_guild` is "Manage Server"."""
    return permission.replace("guild", "server").replace("_", " ").title()


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """Answer privately, whether or not the interaction was already answered (cut to fit one message)."""
    message = message if len(message) <= MESSAGE_CONTENT else message[: MESSAGE_CONTENT - 1] + "…"
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException as error:  # e.g. the interaction expired while the bot was busy
        log.warning("Could not deliver an error message for interaction %s: %s", interaction.id, error)
