"""A quote lookup over the whole work, split by the reading progress: what may be shown, and what lies further on.

/quote searches the whole work once, because a line past the progress must be
placed ("further on, in Chapter XI") without being shown; splitting that one
result costs nothing, where a second search kept to the chapters read would
double the time of every lookup. The split keeps every confident match that is
read (best first), every occurrence of a word that is read (and counts the
others), and the closest lines that are read.
"""

from __future__ import annotations

from dataclasses import replace

from bot.library.views import QuoteHit, QuoteLookup
from bot.progress.chapters import Horizon


def split_by_progress(everywhere: QuoteLookup, horizon: Horizon | None) -> tuple[QuoteLookup, QuoteLookup | None]:
    """What a reader at ``horizon`` may see of ``everywhere``, and, if what they looked for lies only
    further on, ``everywhere`` itself (to say where, without showing it)."""
    if horizon is None or horizon.complete:
        return everywhere, None

    def read(hits: list[QuoteHit]) -> list[QuoteHit]:
        return [hit for hit in hits if horizon.is_read(hit.paragraph.section)]

    hits, occurrences = read(everywhere.hits), read(everywhere.occurrences)
    shown = replace(
        everywhere,
        hits=hits,
        suggestions=read(everywhere.suggestions),
        occurrences=occurrences,
        later=len(everywhere.occurrences) - len(occurrences),
    )
    found_later = (everywhere.hits and not hits) or (everywhere.occurrences and not occurrences and not hits)
    return shown, everywhere if found_later else None
