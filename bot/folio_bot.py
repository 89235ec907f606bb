"""The Discord side of Folio: the one `Bot` subclass and the process that runs it.

`run_discord_bot` opens the resources (database, library), hands them to
:class:`FolioBot`, and closes everything cleanly on SIGINT/SIGTERM.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import signal
from collections.abc import Coroutine
from typing import Any

import aiohttp
import discord
import yarl
from discord import app_commands
from discord.ext import commands, tasks

from bot.clock import Clock, clock_for
from bot.config.service import ServerConfigs
from bot.errors import DatabaseUnavailable
from bot.fair_use.service import FairUse
from bot.library.importer import ProcessImporter
from bot.library.service import Library, LibraryOptions
from bot.progress.tracker import ReadingTracker
from bot.settings import Settings
from bot.sharding import IdentifyGate, ProcessLease
from bot.storage.changes import ChangeFeed
from bot.storage.database import Database
from bot.storage.passage_messages import PassageMessages
from cogs.core import fair_use_gate
from cogs.core.edge import guard_interaction_parsing
from cogs.core.failures import answer_failure
from cogs.core.failures import send_ephemeral as send_ephemeral  # cogs import it from here too
from cogs.core.gating import FolioTree

log = logging.getLogger(__name__)

EXTENSIONS: tuple[str, ...] = (
    "cogs.library.works",
    "cogs.reading.quote",
    "cogs.trivia.game",
    "cogs.trivia.feedback",
    "cogs.reading.ask",
    "cogs.community.discuss",
    "cogs.community.daily",
    "cogs.reading.read",
    "cogs.community.reaction_log",
    "cogs.community.reaction_views",
    "cogs.reading.character",
    "cogs.settings.config",
    "cogs.core.help",
    "cogs.library.owner",
    "cogs.core.fair_use",
    "cogs.library.web",
    "cogs.reading.progress",
)
"""Every cog the bot loads, in order. Adding a cog means adding it here."""



class FolioBot(commands.AutoShardedBot):
    """Folio's client: owns the shared resources the cogs use, and runs the shards of SHARD_IDS.

    Without SHARD_COUNT it runs the one shard of an unsharded bot.
    """

    def __init__(self, *, settings: Settings, database: Database, library: Library) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            tree_cls=FolioTree,
            shard_count=settings.shard_count or 1,
            shard_ids=list(settings.shard_ids or range(settings.shard_count or 1)),
        )
        self.settings = settings
        self.database = database
        self.library = library
        self.clock: Clock = clock_for(settings.clock_file)
        self.changes = ChangeFeed(database)
        """What other processes change (settings, works), so the caches here forget it at once."""
        library.follow(self.changes)
        self.configs = ServerConfigs(database, self.clock, changes=self.changes)
        self.fair_use = FairUse(database, self.clock, self.changes)
        """Members' cooldowns and each server's costly work at once (the command tree applies them)."""
        self.passage_messages = PassageMessages(database, self.clock)
        """Which message shows which passage: record every message that shows one."""
        guard_interaction_parsing(self)
        self.progress = ReadingTracker(database, self.clock)
        """How far each server, channel and reader has read (see :mod:`cogs.reading.spoilers`)."""
        self.lease = ProcessLease(database, settings, self.clock)
        """This process's lease: other processes take its servers' jobs over only once it lapses."""
        self._identify_gate = IdentifyGate(database, settings.identify_seconds)

    async def setup_hook(self) -> None:
        self.tree.error(self.on_app_command_error)
        for extension in EXTENSIONS:
            await self.load_extension(extension)
        if self.settings.sync_commands:
            await self.sync_commands()

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this process runs the shard of server ``guild_id`` (and so its per-server jobs)."""
        return self.settings.owns_guild(guild_id)

    async def launch_shards(self) -> None:
        """Take the lease, then connect every shard: to DISCORD_GATEWAY_URL, else where `GET /gateway/bot` says."""
        _, gateway_url, limits = await self.http.get_bot_gateway()
        if not self.settings.gateway_url:
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
        self._identify_gate.max_concurrency = int(limits.get("max_concurrency", 1))
        await self.lease.register()
        self.changes.start()
        self._renew_lease.change_interval(seconds=self.settings.tick_seconds)
        self._renew_lease.start()
        await super().launch_shards()

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        """Wait for this shard's identify turn, shared with every process on the database."""
        await self._identify_gate.wait_turn(shard_id or 0)

    @tasks.loop(seconds=1.0)
    async def _renew_lease(self) -> None:
        try:
            await self.lease.renew_if_due()
        except Exception:  # e.g. the database restarting: the next tick tries again
            log.exception("Renewing this process's lease failed")

    async def close(self) -> None:
        """Give the lease back (the games this process ran are then closed by the next owner of their shard)."""
        self._renew_lease.cancel()
        await self.changes.close()
        if self.lease.registered:
            try:
                await self.lease.release()
            except Exception as error:  # the lease then lapses by itself
                log.warning("Could not give this process's lease back (%s); it lapses in 30 s", error)
        await super().close()

    async def sync_commands(self) -> None:
        """Publish the slash commands: globally, or to DISCORD_GUILD_ID (a development server) at once."""
        if self.settings.guild_id is None:
            synced = await self.tree.sync()
            log.info("Synced %d commands globally (may take up to an hour to appear)", len(synced))
            return
        await self._sync_dev_guild(self.settings.guild_id)

    async def _sync_dev_guild(self, guild_id: int) -> int:
        """Copy every command to the development server (DISCORD_GUILD_ID) and sync them there at once."""
        guild = discord.Object(id=guild_id)
        self.tree.clear_commands(guild=guild)  # the copies of a reloaded cog's commands go stale
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        log.info("Synced %d commands to server %d", len(synced), guild_id)
        return len(synced)

    async def reload_cog(self, extension: str) -> int | None:
        """Reload one of :data:`EXTENSIONS` in place; returns how many commands were synced, if any.

        With a development server, its copies of the commands are replaced by the
        reloaded ones and synced there; global commands are never synced again here
        (that takes up to an hour and is rate limited): run `run_bot.py sync-commands` for changed options.
        """
        await self.reload_extension(extension)
        log.info("Reloaded %s", extension)
        if self.settings.guild_id is None:
            return None
        return await self._sync_dev_guild(self.settings.guild_id)

    async def on_ready(self) -> None:
        log.info("Folio ready as %s in %d server(s)", self.user, len(self.guilds))

    async def on_app_command_completion(self, interaction: discord.Interaction, command: object) -> None:
        fair_use_gate.release(interaction)

    async def on_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        fair_use_gate.release(interaction)
        cause = error.original if isinstance(error, app_commands.CommandInvokeError) else error
        await answer_failure(interaction, cause)


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
    """Open the database and library, run the bot until closed; returns the exit code.

    SIGINT and SIGTERM stop it cleanly (exit 0) in every phase: opening the
    database, loading works, logging in, connected, or in the middle of an
    import. Failures Folio can explain (an unusable database, a rejected token,
    Discord out of reach) are one log line and exit 1.
    """
    assert settings.discord_token, "checked by the caller"
    point_at_endpoints(settings)
    _silence_voice_warnings()
    stopping = _event_set_by_signals()
    try:
        async with Database.opened(settings.database_target) as database:
            exit_code = await _until_stopped(_serve(settings, database), stopping)
            await _cancel_other_tasks()  # interaction handlers end before the database closes
    except DatabaseUnavailable as error:
        log.error("%s", error)
        return 1
    if exit_code == 0:
        log.info("Folio stopped cleanly")
    return exit_code


async def sync_commands_once(settings: Settings) -> int:
    """`run_bot.py sync-commands`: log in over REST, publish the slash commands, and exit (no gateway)."""
    token = settings.discord_token
    assert token, "checked by the caller"
    point_at_endpoints(settings)
    settings = dataclasses.replace(settings, sync_commands=False)  # published once, below, not also at login
    try:
        async with Database.opened(settings.database_target) as database:
            library = _library(settings, database)
            try:
                async with FolioBot(settings=settings, database=database, library=library) as folio:
                    await folio.login(token)
                    await folio.sync_commands()
            finally:
                await library.close()
            await _cancel_other_tasks()
    except DatabaseUnavailable as error:
        log.error("%s", error)
        return 1
    except discord.LoginFailure:
        log.error("Discord rejected DISCORD_TOKEN. Check the token in your .env (Bot -> Reset Token).")
        return 1
    except (aiohttp.ClientError, OSError, discord.HTTPException) as error:
        log.error("Could not publish the commands through %s: %s", discord.http.Route.BASE, _reason(error))
        return 1
    return 0


async def _serve(settings: Settings, database: Database) -> int:
    """Run the bot until its connection ends; returns the exit code.

    Works are not loaded at start-up: each is read when first used and kept in a bounded cache.
    Works stored by an older parser are prepared again in the background.
    """
    assert settings.discord_token, "checked by the caller"
    library = _library(settings, database)
    try:
        await library.ensure_bundled_story()
        log.info("Library ready")
        upgrading = asyncio.create_task(_upgrade_works(library), name="folio-upgrade")
        async with FolioBot(settings=settings, database=database, library=library) as folio:
            await folio.start(settings.discord_token)
        upgrading.cancel()
    except discord.LoginFailure:
        log.error("Discord rejected DISCORD_TOKEN. Check the token in your .env (Bot -> Reset Token).")
        return 1
    except (aiohttp.ClientError, OSError, discord.DiscordServerError) as error:
        log.error(
            "Cannot reach Discord at %s: %s; check the network or DISCORD_API_BASE.",
            discord.http.Route.BASE,
            _reason(error),
        )
        return 1
    finally:
        await library.close()
    return 0


def _library(settings: Settings, database: Database) -> Library:
    return Library(database, importer=ProcessImporter(database.target), options=LibraryOptions.from_settings(settings))


async def _upgrade_works(library: Library) -> None:
    """Prepare again the works an older parser stored, one at a time, while the bot serves."""
    try:
        upgraded = await library.upgrade_works()
    except Exception:
        log.exception("Upgrading stored works failed; each will be upgraded when it is first used")
        return
    if upgraded:
        log.info("Upgraded %d stored work(s) to the current parser", upgraded)


def _reason(error: BaseException) -> str:
    """Why a connection failed, in a few words (the OS's reason where there is one)."""
    cause = getattr(error, "os_error", None) or error
    return getattr(cause, "strerror", None) or str(cause) or type(cause).__name__


def _silence_voice_warnings() -> None:
    """Folio uses no voice: skip discord.py's start-up warnings about missing voice libraries."""
    discord.VoiceClient.warn_nacl = False
    discord.VoiceClient.warn_dave = False


def _event_set_by_signals() -> asyncio.Event:
    """An event that SIGINT or SIGTERM sets (instead of killing the process)."""
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopping.set)
    return stopping


async def _until_stopped(work: Coroutine[Any, Any, int], stopping: asyncio.Event) -> int:
    """Run `work`; if `stopping` is set first, cancel it and return 0."""
    running = asyncio.create_task(work, name="folio")
    stop_waiter = asyncio.create_task(stopping.wait(), name="folio-stop")
    await asyncio.wait({running, stop_waiter}, return_when=asyncio.FIRST_COMPLETED)
    if running.done():
        stop_waiter.cancel()
        return running.result()
    log.info("Shutting down")
    await _cancel_other_tasks(keep=running)  # interaction handlers end first, while the connection is open
    running.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await running
    return 0


async def _cancel_other_tasks(keep: asyncio.Task[Any] | None = None) -> None:
    """Cancel every task but this one and `keep` (interaction handlers still running) and wait for them."""
    others = [task for task in asyncio.all_tasks() if task not in (asyncio.current_task(), keep)]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
