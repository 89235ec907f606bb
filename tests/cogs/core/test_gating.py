"""Every command of every extension, as the tree holds it: a known capability (or none), and /help fits.

The bot is built and its extensions loaded offline (nothing connects to Discord),
so commands added by future cogs are checked as soon as they join EXTENSIONS.
"""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config.capabilities import CAPABILITIES
from bot.folio_bot import EXTENSIONS, FolioBot
from bot.library.service import Library
from bot.settings import Settings
from bot.storage.database import Database
from cogs.core.checks import is_moderator
from cogs.core.discord_limits import EMBED_DESCRIPTION
from cogs.core.gating import capability_of
from cogs.core.help import help_entry, help_text, leaf_commands
from cogs.settings.ui import fit_lines


@pytest.fixture
async def folio(database_target: Path | str) -> AsyncIterator[FolioBot]:
    settings = Settings.from_env({"DISCORD_TOKEN": "offline"}, dotenv=False)
    async with Database.opened(database_target) as database:
        # Entered like the running bot, so cogs' loops wait for a ready that never comes instead of failing.
        async with FolioBot(settings=settings, database=database, library=Library(database)) as bot:
            for extension in EXTENSIONS:
                await bot.load_extension(extension)
            yield bot


async def test_every_capability_a_command_names_is_known(folio: FolioBot) -> None:
    named = {command.qualified_name: capability_of(command) for command in leaf_commands(folio.tree)}
    assert {capability for capability in named.values() if capability} <= set(CAPABILITIES)
    assert named["quote"] == "quote"
    assert named["works"] is None and named["library add"] is None and named["config set"] is None


async def test_moderator_commands_are_checked_in_the_bot_and_hidden_by_default(folio: FolioBot) -> None:
    for command in leaf_commands(folio.tree):
        if command.qualified_name.split()[0] in ("config", "library"):
            root = command.root_parent or command
            assert is_moderator in command.checks, command.qualified_name
            assert root.default_permissions is not None and root.default_permissions.manage_guild


async def test_help_lists_every_command_within_an_embed(folio: FolioBot) -> None:
    entries = [help_entry(command) for command in leaf_commands(folio.tree)]
    text = help_text(entries)
    assert len(text) <= EMBED_DESCRIPTION
    assert all(f"`/{entry.name}`" in text for entry in entries)
    assert text.index("**Quoting**") < text.index("`/quote`") < text.index("**General**")


def test_fit_lines_keeps_whole_lines_and_counts_the_rest() -> None:
    lines = [f"line {number:02d}" for number in range(10)]
    assert fit_lines(lines, 1000) == "\n".join(lines)
    fitted = fit_lines(lines, 40)
    assert len(fitted) <= 40 and fitted.endswith("…and 7 more") and fitted.startswith("line 00\nline 01\nline 02\n")
    assert fit_lines(lines, 10) == "…and 10 more"
