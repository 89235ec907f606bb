"""Every extension the bot loads imports cleanly and exposes `setup`; the core stays free of discord and SQL."""

import ast
import importlib
import pathlib
import re

import pytest

from bot.folio_bot import EXTENSIONS

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", EXTENSIONS)
def test_extension_imports_and_has_setup(name: str) -> None:
    module = importlib.import_module(name)
    assert callable(getattr(module, "setup", None))


def _imported_modules(source: str) -> set[str]:
    """Every module an ``import`` or ``from ... import`` statement in ``source`` names."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def _is_discord(module: str) -> bool:
    return module == "discord" or module.startswith("discord.")


@pytest.mark.parametrize(
    "source",
    [
        "import discord",
        "import discord.ui as ui",
        "import os, discord",
        "from discord import Embed",
        "from discord.ext import commands",
        "def f():\n    import discord\n",
        "try:\n    from discord import ui\nexcept ImportError:\n    pass\n",
    ],
)
def test_every_form_of_discord_import_is_seen(source: str) -> None:
    assert any(_is_discord(module) for module in _imported_modules(source))


@pytest.mark.parametrize("source", ["import discordance", "from .discord import x", "x = 'import discord'"])
def test_lookalikes_are_not_discord_imports(source: str) -> None:
    assert not any(_is_discord(module) for module in _imported_modules(source))


def test_core_package_does_not_import_discord() -> None:
    """Only the bot class and cogs/ may import discord: the core stays pure."""
    offenders = [
        path.name
        for path in sorted((ROOT / "bot").glob("*.py"))
        if path.name != "folio_bot.py"
        and any(_is_discord(module) for module in _imported_modules(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_sql_lives_only_in_the_database_module() -> None:
    sql = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "cogs")
        for path in (ROOT / folder).glob("*.py")
        if path.name != "database.py" and sql.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
