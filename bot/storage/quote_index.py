"""The quote index in the database: SQLite FTS5 as the candidate stage of quote lookup.

Each sentence is one row of the FTS5 table ``sentence_terms`` (rowid = the
sentence's passage id) holding its search terms, each prefixed with its work's
id (``w7_derek``): a work's terms get posting lists, and BM25 statistics, of
their own, and one table serves every work. An unindexed column keeps the bare
terms in order for rescoring. A lookup asks for the sentences
holding any of the query's selective terms, best BM25 rank first; rescoring
(:mod:`bot.search.scoring`) then runs in Python over those few.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.search.scoring import Unit
from bot.search.vocabulary import VocabularyEntry
from bot.storage.database import Database


def index_terms(work_id: int, terms: Iterable[str]) -> str:
    """A sentence's terms as the index holds them."""
    return " ".join(f"w{work_id}_{t}" for t in terms)


class QuoteIndexStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def candidates(self, work_id: int, terms: Iterable[str], limit: int) -> list[Unit]:
        """Up to `limit` sentences of the work holding any of `terms`, best BM25 rank first."""
        match = " OR ".join(_quoted(f"w{work_id}_{t}") for t in sorted(terms))
        if not match:
            return []
        rows = await self._database.fetch_all(
            "SELECT hit.rowid, hit.bare, p.text FROM ("
            "  SELECT rowid, bare FROM sentence_terms WHERE sentence_terms MATCH ? ORDER BY rank LIMIT ?"
            ") AS hit JOIN passages p ON p.id = hit.rowid",
            (match, limit),
        )
        return [Unit(row[0], row[2], tuple(row[1].split())) for row in rows]

    async def vocabulary(self, work_id: int) -> list[VocabularyEntry]:
        """The work's vocabulary entries (for a :class:`~bot.search.vocabulary.Vocabulary`)."""
        rows = await self._database.fetch_all("SELECT word, term, spread FROM vocabulary WHERE work_id = ?", (work_id,))
        return [VocabularyEntry(row[0], row[1], row[2]) for row in rows]


def _quoted(token: str) -> str:
    """An FTS5 string: any character allowed, double quotes doubled."""
    return '"' + token.replace('"', '""') + '"'
