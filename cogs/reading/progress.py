"""/progress: how far the club has read each work (moderators set it), and a reader's own place."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.discuss.service import DiscussionService
from bot.errors import FolioError
from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.library.views import WorkView
from bot.progress.chapters import Chapter, Chapters
from bot.progress.tracker import work_chapters
from bot.storage.passage_messages import MessageKind
from bot.storage.progress import ProgressKey, Scope, StoredProgress
from bot.text.excerpt import shorten
from cogs.community.discuss import NO_THREAD
from cogs.community.discuss_ui import discussion_embed, open_thread
from cogs.community.passage_posts import send_passage
from cogs.core.checks import is_moderator
from cogs.core.choices import work_choices
from cogs.core.discord_limits import CHOICE_CHARS, CHOICES
from cogs.reading.spoilers import progress_for

MAX_CHAPTER_CHARS = 100
NO_CHAPTERS = "That work has no chapters to keep a place in."
NO_THREAD_CHANNEL = "The progress is set, but I couldn't post in that channel to open a thread on the chapter."


def chapter_choice(chapter: Chapter, chapters: Chapters) -> app_commands.Choice[str]:
    """A chapter as autocomplete offers it: its title and place ("Chapter III: … · 3 of 27")."""
    name = f"{shorten(chapter.name, CHOICE_CHARS - 14)} · {chapter.position} of {len(chapters)}"
    return app_commands.Choice(name=name, value=f"#{chapter.position}")


def described(chapter: Chapter, chapters: Chapters, work: WorkView) -> str:
    title = discord.utils.escape_markdown(work.title)
    return f"*{title}*, up to **{discord.utils.escape_markdown(chapter.name)}** ({chapter.position} of {len(chapters)})"


class ProgressCog(commands.Cog):
    """Reading progress: set, shown and cleared."""

    progress = app_commands.Group(name="progress", description="How far the club has read", guild_only=True)

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.discussions = DiscussionService(bot.library, bot.database, bot.clock)

    @progress.command(name="set", description="Set how far the club has read a work (moderators)")
    @app_commands.describe(
        work="Which work (default: the server's story)",
        chapter="The last chapter read",
        channel="Only for this channel (default: the whole server)",
        thread="Open a discussion thread on a passage of the chapter (in the channel, or here)",
    )
    async def set_progress(
        self,
        interaction: discord.Interaction,
        chapter: app_commands.Range[str, 1, MAX_CHAPTER_CHARS],
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
        channel: discord.TextChannel | None = None,
        thread: bool = False,
    ) -> None:
        await is_moderator(interaction)
        view, chapters, chosen = await self._chapter(interaction, work, chapter)
        key = _key(interaction, view, Scope.CHANNEL if channel else Scope.SERVER, channel.id if channel else 0)
        await self.bot.progress.set(key, chosen, set_by=interaction.user.id)
        where = channel.mention if channel else "this server"
        await interaction.response.send_message(
            f"The club in {where} has read {described(chosen, chapters, view)}. "
            "Folio hides what comes later in public replies there.",
        )
        if thread:
            await self._open_chapter_thread(
                interaction, view, chosen, channel.id if channel else interaction.channel_id
            )

    async def _open_chapter_thread(
        self, interaction: discord.Interaction, work: WorkView, chapter: Chapter, channel_id: int | None
    ) -> None:
        """Post a passage of the chapter just read with the usual prompt, and open a thread on it."""
        guild_id = _guild(interaction)
        target = self.bot.get_channel(channel_id) if channel_id is not None else None
        if not isinstance(target, discord.TextChannel):
            await interaction.followup.send(NO_THREAD_CHANNEL, ephemeral=True)
            return
        sections = range(chapter.first_section, chapter.last_section + 1)
        chosen = await self.discussions.pick_in(work, sections, guild_id=guild_id)
        heading = f"Just read: {chapter.name}"
        try:
            message = await send_passage(
                self.bot,
                target,
                chosen.paragraph,
                MessageKind.DISCUSSION,
                embed=discussion_embed(chosen, heading=heading),
                requested_by=interaction.user.id,
            )
        except discord.HTTPException:
            await interaction.followup.send(NO_THREAD_CHANNEL, ephemeral=True)
            return
        if await open_thread(self.discussions, message, chosen, guild_id=guild_id, origin="progress") is None:
            await interaction.followup.send(NO_THREAD, ephemeral=True)

    @progress.command(name="me", description="Set how far you have read a work: your private replies follow it")
    @app_commands.describe(work="Which work (default: the server's story)", chapter="The last chapter you read")
    async def me(
        self,
        interaction: discord.Interaction,
        chapter: app_commands.Range[str, 1, MAX_CHAPTER_CHARS],
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        view, chapters, chosen = await self._chapter(interaction, work, chapter)
        key = _key(interaction, view, Scope.READER, interaction.user.id)
        await self.bot.progress.set(key, chosen, set_by=interaction.user.id)
        await interaction.response.send_message(
            f"You have read {described(chosen, chapters, view)}. Replies only you see follow your place.",
            ephemeral=True,
        )

    @progress.command(name="show", description="How far the club (and you) have read")
    @app_commands.describe(work="Which work (default: the server's story)")
    async def show(
        self, interaction: discord.Interaction, work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None
    ) -> None:
        view = await self.bot.library.load(work, guild_id=interaction.guild_id)
        chapters = work_chapters(view)
        here = await progress_for(interaction, view)
        mine = await progress_for(interaction, view, private=True)
        lines = [
            f"Here: {described(here.chapter, chapters, view)}"
            if here
            else f"Here: no progress set for *{view.title}*; nothing is hidden."
        ]
        if mine is not None and mine.scope is Scope.READER:
            lines.append(f"You: {described(mine.chapter, chapters, view)}")
        everywhere = await self.bot.progress.in_server(_guild(interaction))
        if everywhere:
            lines += ["", "Set on this server:", *(_stored_line(p) for p in everywhere)]
        await interaction.response.send_message("\n".join(lines), ephemeral=True)

    @progress.command(name="clear", description="Forget a progress: the server's, a channel's (moderators) or yours")
    @app_commands.describe(
        work="Which work (default: the server's story)",
        channel="A channel's progress (default: the whole server's)",
        mine="Forget your own place instead",
    )
    async def clear(
        self,
        interaction: discord.Interaction,
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
        channel: discord.TextChannel | None = None,
        mine: bool = False,
    ) -> None:
        view = await self.bot.library.load(work, guild_id=interaction.guild_id)
        if mine:
            key, whose = _key(interaction, view, Scope.READER, interaction.user.id), "Your place"
        else:
            await is_moderator(interaction)
            scope, target = (Scope.CHANNEL, channel.id) if channel else (Scope.SERVER, 0)
            key = _key(interaction, view, scope, target)
            whose = f"The progress of {channel.mention}" if channel else "The server's progress"
        title = discord.utils.escape_markdown(view.title)
        cleared = await self.bot.progress.clear(key)
        message = f"{whose} in *{title}* is cleared." if cleared else f"There was no such progress in *{title}*."
        await interaction.response.send_message(message, ephemeral=mine or not cleared)

    @set_progress.autocomplete("chapter")
    @me.autocomplete("chapter")
    async def chapter_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            view = await self.bot.library.load(interaction.namespace.work, guild_id=interaction.guild_id)
        except FolioError:
            return []
        chapters = work_chapters(view)
        return [chapter_choice(chapter, chapters) for chapter in chapters.matching(current, CHOICES)]

    @set_progress.autocomplete("work")
    @me.autocomplete("work")
    @show.autocomplete("work")
    @clear.autocomplete("work")
    async def work_autocomplete(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)

    async def _chapter(
        self, interaction: discord.Interaction, work: str | None, typed: str
    ) -> tuple[WorkView, Chapters, Chapter]:
        view = await self.bot.library.load(work, guild_id=interaction.guild_id)
        chapters = work_chapters(view)
        if not chapters.chapters:
            raise FolioError(NO_CHAPTERS)
        return view, chapters, chapters.find(typed, view.title)


def _guild(interaction: discord.Interaction) -> int:
    assert interaction.guild_id is not None, "the group is guild-only"
    return interaction.guild_id


def _key(interaction: discord.Interaction, work: WorkView, scope: Scope, target_id: int) -> ProgressKey:
    return ProgressKey(_guild(interaction), scope, target_id, work.slug)


def _stored_line(progress: StoredProgress) -> str:
    where = f"<#{progress.key.target_id}>" if progress.key.scope is Scope.CHANNEL else "the whole server"
    return f"• {where}: `{progress.key.work_slug}` up to {discord.utils.escape_markdown(progress.label)}"


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(ProgressCog(bot))
