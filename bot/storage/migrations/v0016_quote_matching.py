"""Version 16 (PostgreSQL only): ``quote_matching``, the sentences whose terms match a tsquery, always
found through the GIN index.

A lookup asks which sentences hold any of its terms, often thirty or more OR-ed together. The planner
prices evaluating ``terms @@ query`` on a row at one operator's cost, so for a query it expects to
match a fifth of a work it scanned the work's rows and evaluated the whole query on each (5-10 ms on a
novel), where the GIN index's bitmap answers without evaluating it at all (0.3-1 ms): see
docs/benchmarks.md. The function's own setting rules the sequential scan out for its one query
(a function with a ``SET`` clause is planned apart, never inlined); the caller keeps to one work.
SQLite's FTS5 index has no such choice to get wrong: nothing to do there.
"""

from bot.storage.migrations.base import Migration

MIGRATION = Migration(
    16,
    "quote_matching: sentence search through the GIN index (PostgreSQL)",
    sqlite=(),
    postgres=(
        """
        CREATE OR REPLACE FUNCTION quote_matching(wanted TSQUERY) RETURNS TABLE (id BIGINT, work_id BIGINT)
        LANGUAGE sql STABLE
        SET enable_seqscan = off
        AS $$ SELECT s.id, s.work_id FROM sentence_terms s WHERE s.terms @@ wanted $$
        """,
    ),
)
