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

from collections.abc import Iterable, Sequence

from bot.search.scoring import Unit
from bot.search.vocabulary import VocabularyEntry
from bot.storage.database import Database, Dialect, Session

TS_CONFIG = "simple"
"""PostgreSQL's text search configuration for the terms: they are already Folio's normalised
word forms (folded, lemmatised, stemmed, as on SQLite), so no further stemming or stop words."""


def index_terms(work_id: int, terms: Iterable[str]) -> str:
    """A sentence's terms as SQLite's index holds them."""
    return " ".join(f"w{work_id}_{t}" for t in terms)


async def write_index(
    db: Session, work_id: int, sentence_ids: Sequence[int], sentence_terms: Sequence[tuple[str, ...]]
) -> None:
    """Index a work's sentences (inside the transaction that saves the work)."""
    rows = zip(sentence_ids, sentence_terms, strict=True)
    if db.dialect is Dialect.POSTGRES:
        await db.executemany(
            f"INSERT INTO sentence_terms (id, work_id, terms, bare) VALUES (?, ?, to_tsvector('{TS_CONFIG}', ?), ?)",
            ((sentence_id, work_id, " ".join(terms), " ".join(terms)) for sentence_id, terms in rows),
        )
        return
    await db.executemany(
        "INSERT INTO sentence_terms (rowid, terms, bare) VALUES (?, ?, ?)",
        ((sentence_id, index_terms(work_id, terms), " ".join(terms)) for sentence_id, terms in rows),
    )


async def delete_index(db: Session, work_id: int) -> None:
    """Take a work's sentences out of the index (PostgreSQL's rows go with their passages)."""
    if db.dialect is Dialect.SQLITE:
        await db.execute(
            "DELETE FROM sentence_terms WHERE rowid IN (SELECT id FROM passages WHERE work_id = ? AND kind = ?)",
            (work_id, "sentence"),
        )


async def delete_index_rows(db: Session, passage_ids: Sequence[int]) -> None:
    """Take these passages' sentences out of the index (PostgreSQL's rows go with their passages)."""
    if db.dialect is Dialect.SQLITE and passage_ids:
        marks = ", ".join("?" * len(passage_ids))
        await db.execute(f"DELETE FROM sentence_terms WHERE rowid IN ({marks})", list(passage_ids))


class QuoteIndexStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def candidates(
        self,
        work_id: int,
        terms: Iterable[str],
        limit: int,
        required: Iterable[str] = (),
        sections: range | None = None,
    ) -> list[Unit]:
        """Up to `limit` sentences of the work holding any of `terms` (and, if given, any of `required`),
        best rank first (SQLite: BM25; PostgreSQL: ts_rank); only those in `sections` if given (the reading
        progress: a passage's ``section`` index in that range)."""
        ordered = sorted(terms)
        needed = sorted(required)
        if not ordered:
            return []
        if self._database.dialect is Dialect.POSTGRES:
            # Rank, cut to `limit`, and only then fetch those rows' text: joining first
            # let the planner hash every passage of the library. ts_rank rather than
            # ts_rank_cd: on these OR queries ts_rank_cd merely counts occurrences
            # (0.1 each) and costs several times as much per matching row, which was
            # most of the query's time; with ts_rank the benchmark's /quote answers are
            # the same, query for query (benchmarks/backends_bench.py).
            query = " & ".join(f"({' | '.join(_ts_quoted(t) for t in group)})" for group in (ordered, needed) if group)
            within, bounds = _within_sections("s.id", sections)
            rows = await self._database.fetch_all(
                "SELECT hit.id, hit.bare, p.text FROM ("
                "  SELECT s.id, s.bare, ts_rank(s.terms, q) AS score"
                f"  FROM sentence_terms s, to_tsquery('{TS_CONFIG}', ?) AS q"
                f"  WHERE s.work_id = ? AND s.terms @@ q{within} ORDER BY score DESC, s.id LIMIT ?"
                ") AS hit JOIN passages p ON p.id = hit.id ORDER BY hit.score DESC, hit.id",
                (query, work_id, *bounds, limit),
            )
            return [Unit(row[0], row[2], tuple(row[1].split())) for row in rows]
        match = " AND ".join(
            f"({' OR '.join(_quoted(f'w{work_id}_{t}') for t in group)})" for group in (ordered, needed) if group
        )
        # Rank, cut to `limit`, and only then read those rows' terms: reading `bare` in the
        # ranked query read it for every matching row.
        within, bounds = _within_sections("sentence_terms.rowid", sections)
        rows = await self._database.fetch_all(
            "SELECT hit.rowid, s.bare, p.text FROM ("
            f"  SELECT rowid, rank FROM sentence_terms WHERE sentence_terms MATCH ?{within} ORDER BY rank LIMIT ?"
            ") AS hit JOIN sentence_terms s ON s.rowid = hit.rowid JOIN passages p ON p.id = hit.rowid"
            " ORDER BY hit.rank",
            (match, *bounds, limit),
        )
        return [Unit(row[0], row[2], tuple(row[1].split())) for row in rows]

    async def matching(
        self, work_id: int, terms: Iterable[str], cap: int, sections: range | None = None
    ) -> list[int] | None:
        """The ids of the work's sentences holding any of `terms` (only those in `sections`, if given),
        unranked; ``None`` if more than `cap` do (then :meth:`candidates` ranks them in the database).

        Far cheaper than :meth:`candidates` on a long query: ranking every matching row
        (BM25, ts_rank) was most of a lookup's time; the caller ranks the ids with the
        sentences it holds in memory (:class:`~bot.search.units.WorkUnits`).
        """
        ordered = sorted(terms)
        if not ordered:
            return []
        if self._database.dialect is Dialect.POSTGRES:
            # One work's rows, the ids as one array: asyncpg decodes it in about two thirds of the CPU time of a
            # row per id (742 ids: 0.2 against 0.33 ms).
            within, bounds = _within_sections("s.id", sections)
            row = await self._database.fetch_one(
                "SELECT array_agg(hit.id) FROM ("
                f"  SELECT s.id FROM sentence_terms s WHERE s.work_id = ? AND s.terms @@ to_tsquery('{TS_CONFIG}', ?)"
                f"{within} LIMIT ?"
                ") AS hit",
                (work_id, " | ".join(_ts_quoted(t) for t in ordered), *bounds, cap + 1),
            )
            keys = list(row[0] or ()) if row is not None else []
            return keys if len(keys) <= cap else None
        else:
            within, bounds = _within_sections("sentence_terms.rowid", sections)
            rows = await self._database.fetch_all(
                f"SELECT rowid FROM sentence_terms WHERE sentence_terms MATCH ?{within} LIMIT ?",
                (" OR ".join(_quoted(f"w{work_id}_{t}") for t in ordered), *bounds, cap + 1),
            )
        return [row[0] for row in rows] if len(rows) <= cap else None

    async def sentences(self, work_id: int) -> list[tuple[int, str, str]]:
        """Every sentence of the work in its order: (id, text, its terms space-separated)."""
        column = "id" if self._database.dialect is Dialect.POSTGRES else "rowid"
        rows = await self._database.fetch_all(
            f"SELECT p.id, p.text, s.bare FROM passages p JOIN sentence_terms s ON s.{column} = p.id"
            " WHERE p.work_id = ? AND p.kind = ? ORDER BY p.ordinal",
            (work_id, "sentence"),
        )
        return [(row[0], row[1], row[2]) for row in rows]

    async def holding_all(
        self, work_id: int, terms: Iterable[str], limit: int, sections: range | None = None
    ) -> list[Unit]:
        """Up to `limit` sentences of the work holding every one of `terms`, in the work's order (only
        those in `sections`, if given)."""
        wanted = sorted(set(terms))
        if not wanted:
            return []
        within, bounds = ("", ()) if sections is None else (" AND p.section >= ? AND p.section < ?", _bounds(sections))
        if self._database.dialect is Dialect.POSTGRES:
            rows = await self._database.fetch_all(
                "SELECT s.id, s.bare, p.text FROM sentence_terms s JOIN passages p ON p.id = s.id"
                f" WHERE s.work_id = ? AND s.terms @@ to_tsquery('{TS_CONFIG}', ?){within} ORDER BY p.ordinal LIMIT ?",
                (work_id, " & ".join(_ts_quoted(t) for t in wanted), *bounds, limit),
            )
        else:
            rows = await self._database.fetch_all(
                "SELECT s.rowid, s.bare, p.text FROM sentence_terms s JOIN passages p ON p.id = s.rowid"
                f" WHERE sentence_terms MATCH ?{within} ORDER BY p.ordinal LIMIT ?",
                (" AND ".join(_quoted(f"w{work_id}_{t}") for t in wanted), *bounds, limit),
            )
        return [Unit(row[0], row[2], tuple(row[1].split())) for row in rows]

    async def following(self, keys: Iterable[int]) -> dict[int, Unit]:
        """The sentence after each of the sentences `keys` (none after a work's last), by the key it follows."""
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        column = "id" if self._database.dialect is Dialect.POSTGRES else "rowid"
        rows = await self._database.fetch_all(
            f"SELECT c.id, n.id, s.bare, n.text FROM passages c"
            " JOIN passages n ON n.work_id = c.work_id AND n.kind = c.kind AND n.ordinal = c.ordinal + 1"
            f" JOIN sentence_terms s ON s.{column} = n.id"
            f" WHERE c.id IN ({', '.join('?' * len(wanted))})",
            tuple(wanted),
        )
        return {row[0]: Unit(row[1], row[3], tuple(row[2].split())) for row in rows}

    async def terms_of(self, keys: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """The indexed terms of the sentences `keys`, in order, by key (those that exist)."""
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        column = "id" if self._database.dialect is Dialect.POSTGRES else "rowid"
        rows = await self._database.fetch_all(
            f"SELECT {column}, bare FROM sentence_terms WHERE {column} IN ({', '.join('?' * len(wanted))})",
            tuple(wanted),
        )
        return {row[0]: tuple(row[1].split()) for row in rows}

    async def vocabulary(self, work_id: int) -> list[VocabularyEntry]:
        """The work's vocabulary entries (for a :class:`~bot.search.vocabulary.Vocabulary`)."""
        rows = await self._database.fetch_all("SELECT word, term, spread FROM vocabulary WHERE work_id = ?", (work_id,))
        return [VocabularyEntry(row[0], row[1], row[2]) for row in rows]


def _bounds(sections: range) -> tuple[int, int]:
    assert sections.step == 1, "a run of sections"
    return sections.start, sections.stop


def _within_sections(sentence_id: str, sections: range | None) -> tuple[str, tuple[int, ...]]:
    """The condition keeping a ranked query to the sentences in `sections` (none if None), and its parameters."""
    if sections is None:
        return "", ()
    return (
        f" AND EXISTS (SELECT 1 FROM passages r WHERE r.id = {sentence_id} AND r.section >= ? AND r.section < ?)",
        _bounds(sections),
    )


def _ts_quoted(term: str) -> str:
    """A tsquery lexeme: any character allowed, quotes and backslashes escaped."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _quoted(token: str) -> str:
    """An FTS5 string: any character allowed, double quotes doubled."""
    return '"' + token.replace('"', '""') + '"'
