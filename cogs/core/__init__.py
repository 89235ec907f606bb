"""Interaction plumbing every cog shares: checks, gating, deferral, failures, limits and safe echoes."""
