"""A line looked for in the server's default work first, then in its other works.

A reader quoting *Dracula* on a server whose default is another story should get
the line, "found in *Dracula*", not the closest lines of the wrong book. Only
confident matches count elsewhere: another work's near-misses are no help.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.library.service import Library
from bot.library.views import QuoteLookup


@dataclass(frozen=True, slots=True)
class FoundAnywhere:
    lookup: QuoteLookup
    """The lookup that answered: the default work's, or another work's with confident matches."""
    default: QuoteLookup
    """The default work's own lookup (its closest lines, when no work has the line)."""

    @property
    def elsewhere(self) -> bool:
        """Whether the line was found in a work other than the one searched first."""
        return self.lookup is not self.default


async def lookup_anywhere(library: Library, query: str, *, guild_id: int | None, limit: int = 5) -> FoundAnywhere:
    """`query` in the server's default work, else the other work that matches it best (confidently)."""
    default = await library.lookup(query, guild_id=guild_id, limit=limit)
    if default.hits or default.occurrences:
        return FoundAnywhere(default, default)
    best: QuoteLookup | None = None
    for summary in await library.works(guild_id):
        if summary.work.id == default.work.record.id:
            continue
        found = await library.lookup(query, slug=summary.work.slug, guild_id=guild_id, limit=limit)
        if found.hits and (best is None or found.hits[0].score > best.hits[0].score):
            best = found
    return FoundAnywhere(best or default, default)
