"""The Discord side of Folio: the one `Bot` subclass and the process that runs it.

`run_discord_bot` opens the resources (database, library), hands them to
:class:`FolioBot`, and closes everything cleanly on SIGINT/SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import discord
import yarl
from discord import app_commands
from discord.ext import commands

from bot.database import Database
from bot.errors import FolioError
from bot.library import Library
from bot.settings import Settings

log = logging.getLogger(__name__)

EXTENSIONS: tuple[str, ...] = ("cogs.library", "cogs.quote")
"""Every cog the bot loads, in order. Adding a cog means adding it here."""

GENERIC_FAILURE = "Something went wrong on my side. It has been logged; please try again in a moment."


class FolioBot(commands.Bot):
    """Folio's client: owns the shared resources the cogs use."""

    def __init__(self, *, settings: Settings, database: Database, library: Library) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.settings = settings
        self.database = database
        self.library = library

    async def setup_hook(self) -> None:
        self.tree.on_error = self.on_app_command_error
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        await self._sync_commands()

    async def _sync_commands(self) -> None:
        guild_id = self.settings.guild_id
        if guild_id is None:
            synced = await self.tree.sync()
            log.info("Synced %d commands globally (may take up to an hour to appear)", len(synced))
            return
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        log.info("Synced %d commands to server %d", len(synced), guild_id)

    async def on_ready(self) -> None:
        log.info("Folio ready as %s in %d server(s)", self.user, len(self.guilds))

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        await answer_failure(interaction, cause)


async def answer_failure(interaction: discord.Interaction, error: BaseException) -> None:
    """One place that turns a failed command or click into a friendly ephemeral reply."""
    if isinstance(error, FolioError):
        message = str(error)
    elif isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(_permission_name(p) for p in error.missing_permissions)
        message = f"Only moderators can do that: you need the **{needed}** permission."
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


def _permission_name(permission: str) -> str:
    """A permission as Discord's settings name it: `manage_guild` is "Manage Server"."""
    return permission.replace("guild", "server").replace("_", " ").title()


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """Answer privately, whether or not the interaction was already answered."""
    try:
        if interaction.response.is_done():
            await interaction.followup.send(message, ephemeral=True)
        else:
            await interaction.response.send_message(message, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not deliver an error message for interaction %s", interaction.id, exc_info=True)


def point_at_endpoints(settings: Settings) -> None:
    """Route REST and the gateway through the configured base URLs, if any.

    discord.py builds every REST URL (interaction callbacks and webhooks too)
    from `Route.BASE`, and a non-sharded client dials `DEFAULT_GATEWAY`.
    """
    if settings.api_base:
        discord.http.Route.BASE = settings.api_base.rstrip("/")
    if settings.gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


async def run_discord_bot(settings: Settings) -> int:
    """Open the database and library, run the bot until closed; returns the exit code."""
    assert settings.discord_token, "checked by the caller"
    point_at_endpoints(settings)
    database = await Database.open(settings.database_path)
    try:
        library = Library(database)
        loaded = await library.preload()  # no reader waits on a cold load
        log.info("Library ready: %d work(s) loaded", loaded)
        async with FolioBot(settings=settings, database=database, library=library) as folio:
            await _run_until_signalled(folio, settings.discord_token)
    except discord.LoginFailure:
        log.error("Discord rejected DISCORD_TOKEN. Check the token in your .env (Bot -> Reset Token).")
        return 1
    finally:
        await database.close()
    log.info("Folio stopped cleanly")
    return 0


async def _run_until_signalled(folio: FolioBot, token: str) -> None:
    """Run the bot; on SIGINT or SIGTERM close the gateway and return."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    running = asyncio.create_task(folio.start(token), name="folio")
    stopping = asyncio.create_task(stop.wait(), name="folio-stop")
    await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if stopping.done():
        log.info("Shutting down")
        await folio.close()
    else:
        stopping.cancel()
    await running
