"""Who said it: characters of a work and the speakers of its quotes (pure: no Discord, no SQL)."""
