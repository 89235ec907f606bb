"""Reading progress: how far a club (or a reader) has read a work, and what that hides."""
