"""Versioned schema migrations, one list for both backends.

Each version is a module of this package named ``vNNNN_<what>.py`` that defines ``MIGRATION``;
they are found and ordered by their number. Add a module for every schema change; never edit one
that has landed. Write new statements once with the placeholders of :mod:`.base` (see
:func:`dialect_migration`); write each dialect by hand only where they truly differ.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from bot.storage.migrations.base import Migration, dialect_migration, in_each_dialect

_MODULE_NAME = re.compile(r"v(\d{4})_\w+")


def _discover() -> tuple[Migration, ...]:
    found: list[Migration] = []
    for module in pkgutil.iter_modules(__path__):
        match = _MODULE_NAME.fullmatch(module.name)
        if match is None:
            continue
        migration = importlib.import_module(f"{__name__}.{module.name}").MIGRATION
        if migration.version != int(match.group(1)):
            raise RuntimeError(f"{module.name} holds migration {migration.version}")
        found.append(migration)
    found.sort(key=lambda migration: migration.version)
    return tuple(found)


MIGRATIONS: tuple[Migration, ...] = _discover()
"""Every migration, oldest first."""

__all__ = ["MIGRATIONS", "Migration", "dialect_migration", "in_each_dialect"]
