"""Autocomplete choices shared by several commands."""

from __future__ import annotations

from discord import app_commands

from bot.storage.records import WorkSummary
from bot.text.excerpt import shorten
from cogs.core.discord_limits import CHOICE_CHARS, CHOICES


def text_choice(text: str) -> app_commands.Choice[str]:
    """A choice whose name and value are `text`, cut to Discord's 100 characters."""
    fitted = shorten(text, CHOICE_CHARS)
    return app_commands.Choice(name=fitted, value=fitted)


def work_choices(summaries: list[WorkSummary], typed: str) -> list[app_commands.Choice[str]]:
    """Works whose title or slug contains what was typed; the value is the slug."""
    needle = typed.casefold().strip()
    return [
        app_commands.Choice(name=shorten(summary.work.title, CHOICE_CHARS), value=summary.work.slug)
        for summary in summaries
        if needle in summary.work.title.casefold() or needle in summary.work.slug
    ][:CHOICES]
