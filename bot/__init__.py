"""Folio core: story model, ingest, search, database. Knows nothing of Discord."""
