"""/ask: a question about the work, answered with the passages that answer it."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.ask.routes import Route
from bot.ask.service import AskResult, StoryAsker
from bot.folio_bot import FolioBot
from bot.library.uploads import MAX_SLUG_CHARS
from bot.progress.chapters import section_filter
from bot.progress.tracker import Progress, last_read_paragraph
from bot.search.query import MAX_QUERY_CHARS
from bot.storage.passage_messages import MessageKind
from bot.text.excerpt import excerpt_around, shorten
from cogs.community.passage_posts import reply_with_passage
from cogs.core.choices import work_choices
from cogs.core.discord_limits import EMBED_TITLE, FIELD_VALUE
from cogs.core.safe_text import echoed
from cogs.reading.quote_ui import (
    EMBED_PASSAGE_CHARS,
    NOT_FOUND_COLOUR,
    QUERY_ECHO_CHARS,
    QUOTE_COLOUR,
    SUGGESTION_CHARS,
    passage_navigation,
)
from cogs.reading.spoilers import progress_for

NOT_ANSWERED_HINT = "Try naming who or what you mean, in the story's words, e.g. “{example}”"
ROSTER_WAIT = 1.0
"""Seconds /ask waits for a work's people the first time (Discord wants a reply within three); after that a
who-is question goes by the name typed while they are read in the background."""
SUMMARY_TITLES = {
    Route.CHAPTER: "What happens in {section}",
    Route.OPENING: "How it begins",
    Route.ENDING: "How it ends",
}


def answer_embed(result: AskResult) -> discord.Embed:
    """The best passage with its answering sentence in bold, and where one or two more answers are; a chapter
    summary as its sentences; a who-is answer says where to read more about the character."""
    if result.route in SUMMARY_TITLES:
        return summary_embed(result)
    best, others = result.answers[0], result.answers[1:]
    excerpt = excerpt_around(best.paragraph.text, best.sentence.text, EMBED_PASSAGE_CHARS)
    embed = discord.Embed(
        title=shorten(f"“{_escaped(result.question)}”", EMBED_TITLE),
        description=f"{excerpt.before}**{excerpt.match}**{excerpt.after}",
        colour=QUOTE_COLOUR,
    )
    embed.add_field(
        name="Where",
        value=shorten(f"{best.work.title} · {best.location}", FIELD_VALUE),
        inline=False,
    )
    if others:
        lines = [f"• {shorten(hit.sentence.text, SUGGESTION_CHARS)} ({hit.location})" for hit in others]
        embed.add_field(name="Also", value=shorten("\n".join(lines), FIELD_VALUE), inline=False)
    if result.character is not None:
        embed.add_field(
            name="More about them",
            value=f"/character name:{echoed(result.character, FIELD_VALUE - 20)}",
            inline=False,
        )
    embed.set_footer(text=f"passage {best.paragraph.id} · ◀ ▶ to read around it")
    return embed


def summary_embed(result: AskResult) -> discord.Embed:
    """A chapter's (or the beginning's, the ending's) central sentences, in the order of the text."""
    first = result.answers[0]
    section = first.location.section_title
    lines = "\n".join(f"• {shorten(hit.sentence.text, SUGGESTION_CHARS)}" for hit in result.answers)
    embed = discord.Embed(
        title=shorten(SUMMARY_TITLES[result.route].format(section=section), EMBED_TITLE),
        description=lines,
        colour=QUOTE_COLOUR,
    )
    embed.add_field(name="Where", value=shorten(f"{first.work.title} · {first.location}", FIELD_VALUE), inline=False)
    embed.set_footer(text=f"passage {first.paragraph.id} · ◀ ▶ to read from there")
    return embed


def not_answered_embed(result: AskResult, progress: Progress | None = None) -> discord.Embed:
    """Says plainly that the work (or the part read so far) does not answer the question, with the
    closest passages it found."""
    title = "Not in the story"
    if progress is not None and not progress.horizon.complete:
        reached = discord.utils.escape_markdown(progress.chapter.name)
        said = (
            f"Nothing in *{_escaped(result.work.title)}* up to {reached}, where the reading has got, answers"
            f" “{_escaped(result.question)}”. The answer may lie further on."
        )
    elif result.route is Route.WHO_IS:
        said = f"I can't find anyone by that name in *{_escaped(result.work.title)}* (“{_escaped(result.question)}”)."
    elif result.unsure and result.closest:
        title = "Not sure"
        said = (
            f"I can't tell which passage of *{_escaped(result.work.title)}* answers “{_escaped(result.question)}”:"
            " the closest are below."
        )
    else:
        said = f"*{_escaped(result.work.title)}* doesn't answer “{_escaped(result.question)}”, as far as I can find."
    example = NOT_ANSWERED_HINT.format(example=_escaped(result.example or "how does it begin?"))
    embed = discord.Embed(title=title, description=f"{said}\n{example}", colour=NOT_FOUND_COLOUR)
    if result.closest:
        lines = [f"• {shorten(hit.sentence.text, SUGGESTION_CHARS)} ({hit.location})" for hit in result.closest]
        embed.add_field(name="Closest passages", value=shorten("\n".join(lines), FIELD_VALUE), inline=False)
    return embed


def within_progress(embed: discord.Embed, progress: Progress | None) -> discord.Embed:
    """Notes, under an answer, that it comes from the chapters read only (the rest may say more)."""
    if progress is not None and not progress.horizon.complete:
        note = f"From the chapters read, up to {progress.chapter.name}: more may lie further on."
        embed.add_field(name="No spoilers", value=shorten(note, FIELD_VALUE), inline=False)
    return embed


def _escaped(text: str) -> str:
    return echoed(text, QUERY_ECHO_CHARS)


class AskCog(commands.Cog):
    """Questions about the story, answered from its text."""

    def __init__(self, bot: FolioBot) -> None:
        self.bot = bot
        self.asker = StoryAsker(bot.library, bot.database, roster_wait=ROSTER_WAIT)

    @app_commands.command(
        name="ask",
        description="Ask the story a question: who, what, where, why",
        extras={"capability": "ask"},
    )
    @app_commands.describe(
        question="Your question, e.g. “why did Derek come back?”",
        work="Which work to ask (default: the server's story)",
    )
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, MAX_QUERY_CHARS],
        work: app_commands.Range[str, 1, MAX_SLUG_CHARS] | None = None,
    ) -> None:
        progress = await progress_for(interaction, await self.bot.library.load(work, guild_id=interaction.guild_id))
        horizon = progress.horizon if progress else None
        result = await self.asker.ask(
            question, slug=work, guild_id=interaction.guild_id, sections=section_filter(horizon)
        )
        if not result.answered:
            await interaction.response.send_message(embed=not_answered_embed(result, progress), ephemeral=True)
            return
        best = result.answers[0]
        await reply_with_passage(
            interaction,
            best.paragraph,
            MessageKind.ANSWER,
            embed=within_progress(answer_embed(result), progress),
            view=passage_navigation(best.work, best.paragraph, last_read_paragraph(best.work, horizon)),
        )

    @ask.autocomplete("work")
    async def ask_work_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return work_choices(await self.bot.library.works(interaction.guild_id), current)


async def setup(bot: FolioBot) -> None:
    await bot.add_cog(AskCog(bot))
