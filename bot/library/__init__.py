"""The library service: works imported, cached and searchable, per server; shared by the CLI and the cogs."""
