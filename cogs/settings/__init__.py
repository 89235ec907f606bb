"""The moderator console: /config and its feature switches."""
