"""The text model and ingest: works parsed into passages with offsets into the source."""
