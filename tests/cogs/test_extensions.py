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


# The only places that may do what the core must not. Each is a path relative to
# the repository root: a file, or a folder whose whole tree is allowed (so when
# the database module becomes the package bot/storage/, SQL_HOME = "bot/storage").
DISCORD_IN_CORE = ("bot/folio_bot.py",)
"""The only modules under bot/ that may import discord: the bot class."""
SQL_HOME = "bot/storage"
"""Where SQL may be written; nowhere else under bot/ or cogs/."""
SQL = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")


def _python_files(root: pathlib.Path, *folders: str) -> list[pathlib.PurePosixPath]:
    """Every .py file in ``folders`` under ``root``, sub-packages included, relative to ``root``."""
    return sorted(
        pathlib.PurePosixPath(path.relative_to(root).as_posix())
        for folder in folders
        for path in (root / folder).rglob("*.py")
    )


def _within(path: pathlib.PurePosixPath, allowed: tuple[str, ...]) -> bool:
    """Whether ``path`` is one of ``allowed``, or inside one of them."""
    places = [pathlib.PurePosixPath(place) for place in allowed]
    return any(path == place or place in path.parents for place in places)


def discord_imports_in_core(root: pathlib.Path, allowed: tuple[str, ...] = DISCORD_IN_CORE) -> list[str]:
    """Modules of ``root``/bot, outside ``allowed``, that import discord."""
    return [
        str(path)
        for path in _python_files(root, "bot")
        if not _within(path, allowed)
        and any(_is_discord(module) for module in _imported_modules((root / path).read_text(encoding="utf-8")))
    ]


def sql_outside_its_home(root: pathlib.Path, home: str = SQL_HOME) -> list[str]:
    """Modules of ``root``/bot and ``root``/cogs, outside ``home``, that contain SQL."""
    return [
        str(path)
        for path in _python_files(root, "bot", "cogs")
        if not _within(path, (home,)) and SQL.search((root / path).read_text(encoding="utf-8"))
    ]


def test_core_package_does_not_import_discord() -> None:
    """Only the bot class and cogs/ may import discord: the core stays pure."""
    assert discord_imports_in_core(ROOT) == []


def test_sql_lives_only_in_the_database_module() -> None:
    assert sql_outside_its_home(ROOT) == []


def test_the_guards_exist_where_they_are_aimed() -> None:
    """A renamed or moved module must not leave a guard allowing a path that is not there."""
    for place in (*DISCORD_IN_CORE, SQL_HOME):
        assert (ROOT / place).exists(), place


def _tree(root: pathlib.Path, files: dict[str, str]) -> pathlib.Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_guards_see_modules_in_sub_packages(tmp_path: pathlib.Path) -> None:
    root = _tree(
        tmp_path,
        {
            "bot/__init__.py": "",
            "bot/folio_bot.py": "import discord\n",
            "bot/database.py": "QUERY = 'SELECT * FROM works'\n",
            "bot/text/__init__.py": "",
            "bot/text/norm.py": "x = 1\n",
            "bot/search/deep/rank.py": "from discord import Embed\nQUERY = 'DELETE FROM works'\n",
            "cogs/ui/views.py": "QUERY = 'INSERT INTO works VALUES (1)'\n",
        },
    )
    assert discord_imports_in_core(root, ("bot/folio_bot.py",)) == ["bot/search/deep/rank.py"]
    assert sql_outside_its_home(root, "bot/database.py") == ["bot/search/deep/rank.py", "cogs/ui/views.py"]


def test_the_sql_home_may_be_a_package(tmp_path: pathlib.Path) -> None:
    root = _tree(
        tmp_path,
        {
            "bot/storage/__init__.py": "",
            "bot/storage/sqlite/works.py": "QUERY = 'SELECT * FROM works'\n",
            "bot/storage_cache.py": "QUERY = 'SELECT * FROM works'\n",
            "bot/database.py": "QUERY = 'CREATE TABLE works (id)'\n",
        },
    )
    assert sql_outside_its_home(root, "bot/storage") == ["bot/database.py", "bot/storage_cache.py"]
