"""The link that invites Folio to a server: the scopes and the exact permissions it needs.

Each permission is here because of something the bot does (see the README's invite
recipe). Folio never reacts, never manages others' messages or threads, and needs no
privileged intent, so those are not asked for.
"""

from __future__ import annotations

import base64
import binascii
import sys
from collections.abc import Mapping
from urllib.parse import urlencode

AUTHORIZE_URL = "https://discord.com/oauth2/authorize"
SCOPES = ("bot", "applications.commands")

PERMISSION_BITS: dict[str, int] = {
    "view_channel": 1 << 10,  # see the channels it posts to
    "send_messages": 1 << 11,  # trivia questions and results, the passage of the day, hall-of-fame posts
    "embed_links": 1 << 14,  # passages, answers and profiles are embeds
    "attach_files": 1 << 15,  # charts, the reactions map, the CSV export, trivia bank export
    "read_message_history": 1 << 16,  # /reactions recount fetches the message it counts again
    "use_external_emojis": 1 << 18,  # hall-of-fame posts show the emoji readers used, from any server
    "create_public_threads": 1 << 35,  # /discuss and the passage of the day open a thread
    "send_messages_in_threads": 1 << 38,  # a game or daily post inside a thread
}
"""Discord's permission flags Folio asks for, by discord.py's names."""

PERMISSIONS = sum(PERMISSION_BITS.values())
"""The permissions integer of the invite link."""


class InviteError(ValueError):
    """No application id could be found to build the link with."""


def application_id_from_token(token: str) -> int:
    """A bot token's first part is the bot user's id (the application's id), in base64."""
    first = token.strip().split(".", 1)[0]
    try:
        decoded = base64.b64decode(first + "=" * (-len(first) % 4), altchars=b"-_", validate=True).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        decoded = ""
    if not decoded.isdigit():
        raise InviteError("DISCORD_TOKEN does not look like a bot token (its first part is not a base64 id)")
    return int(decoded)


def application_id(environ: Mapping[str, str]) -> int:
    """DISCORD_APPLICATION_ID if set, else the id inside DISCORD_TOKEN."""
    explicit = environ.get("DISCORD_APPLICATION_ID", "").strip()
    if explicit:
        if not explicit.isdigit():
            raise InviteError(f"DISCORD_APPLICATION_ID must be a number, not {explicit!r}")
        return int(explicit)
    token = environ.get("DISCORD_TOKEN", "").strip()
    if not token:
        raise InviteError(
            "set DISCORD_APPLICATION_ID (Developer Portal -> your app -> General Information -> Application ID) "
            "or DISCORD_TOKEN, in the environment or in .env"
        )
    return application_id_from_token(token)


def invite_url(app_id: int) -> str:
    """The OAuth2 link that adds the bot with its commands and permissions."""
    query = urlencode({"client_id": app_id, "permissions": PERMISSIONS, "scope": " ".join(SCOPES)})
    return f"{AUTHORIZE_URL}?{query}"


def print_invite_url(environ: Mapping[str, str]) -> int:
    """`run_bot.py invite-url`: print the link (status 0), or say what to set (status 2)."""
    try:
        print(invite_url(application_id(environ)))
    except InviteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0
