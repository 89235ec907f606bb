"""Per-server configuration rules: capabilities, settings and their values (no Discord, no SQL)."""
