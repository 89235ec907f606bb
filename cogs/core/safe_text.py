"""Text from users and uploads as Folio shows it in Discord: shortened first, then escaped, never over a limit.

Everything echoed goes through :func:`echoed`. The order matters: escaping is
linear here, but discord.py's ``escape_markdown`` is not (its masked-link pattern
is cubic on text like ``[](`` repeated), and even a linear escape of a whole
upload would be work a reader should not wait for. So the text is cut to the
limit before it is escaped, and cut again if escaping made it longer.
"""

from __future__ import annotations

import re

from bot.text.excerpt import shorten

_MARKDOWN = re.compile(
    r"(?P<url>(?:https?|steam)://[^\s<]+[^<.,:;\"'\]\s])"  # links stay clickable, as discord.py leaves them
    r"|(?P<markdown>[_\\~|*`\[]|^>(?:>>)?\s|^#{1,3}|^[ \t]*-)",
    re.MULTILINE,
)
_MENTION = re.compile(r"@(everyone|here|[!&]?[0-9]{17,20})")


def escape(text: str) -> str:
    """``text`` with Discord's markdown and mentions escaped, in time linear in its length."""
    unmarked = _MARKDOWN.sub(lambda match: match["url"] or "\\" + match["markdown"], text)
    return _MENTION.sub("@\u200b\\1", unmarked)


def echoed(text: str, limit: int) -> str:
    """``text`` escaped (see :func:`escape`) and at most ``limit`` characters long, cut at a word with "…"."""
    cut = shorten(text, limit)
    shown = escape(cut)
    while len(shown) > limit:
        cut = shorten(cut, min(len(cut) - 1, len(cut) * limit // len(shown)))
        shown = escape(cut)
    return shown
