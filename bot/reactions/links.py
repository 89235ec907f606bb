"""Reading a message reference a moderator pastes: a jump link or a bare id."""

from __future__ import annotations

import re

from bot.errors import FolioError, echo

MESSAGE_LINK = re.compile(r"https?://(?:\w+\.)?discord(?:app)?\.com/channels/(?:\d+|@me)/\d+/(?P<id>\d{15,21})/?")
MESSAGE_ID = re.compile(r"\d{15,21}")


class InvalidMessageReference(FolioError):
    """Neither a message link nor a message id."""


def message_id_of(text: str) -> int:
    """The message id in a jump link (``…/channels/guild/channel/message``) or given bare."""
    cleaned = text.strip().strip("<>")
    if match := MESSAGE_LINK.fullmatch(cleaned):
        return int(match["id"])
    if MESSAGE_ID.fullmatch(cleaned):
        return int(cleaned)
    raise InvalidMessageReference(
        f"{echo(text)} is not a message link or id. Right-click the message and copy its link."
    )
