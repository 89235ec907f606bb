"""Every extension the bot loads imports cleanly and exposes `setup`."""

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


def test_core_package_does_not_import_discord() -> None:
    """Only the bot class and cogs/ may import discord: the core stays pure."""
    core = ROOT / "bot"
    offenders = [
        path.name
        for path in core.glob("*.py")
        if path.name != "folio_bot.py" and "import discord" in path.read_text(encoding="utf-8")
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
