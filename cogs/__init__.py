"""Discord glue: one cog per capability, translating interactions to library calls."""
