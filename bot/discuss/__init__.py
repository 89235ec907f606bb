"""Discussing the story: passages posted with a prompt and a thread, and the passage of the day."""
