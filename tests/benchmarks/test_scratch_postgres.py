"""The benchmarks' throwaway PostgreSQL databases."""

from __future__ import annotations

from benchmarks.scratch_postgres import database_url


def test_a_scratch_database_keeps_the_servers_user_host_and_options() -> None:
    url = database_url("postgresql://folio:pw@db.example:5433/postgres?sslmode=disable", "folio_bench_1")
    assert url == "postgresql://folio:pw@db.example:5433/folio_bench_1?sslmode=disable"
