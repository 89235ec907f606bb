"""Discord's size limits for what the bot sends (API v10)."""

EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
EMBED_TOTAL = 6000
"""Title, description, field names and values, footer and author of all embeds in one message."""
CHOICES = 25
CHOICE_CHARS = 100
"""Both the name and the value of an autocomplete choice."""
SELECT_OPTIONS = 25
SELECT_OPTION_CHARS = 100
"""The label, value and description of a select menu option."""
MESSAGE_CONTENT = 2000
"""A message's content."""
