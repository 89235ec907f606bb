"""Reactions on the bot's messages: who reacted with what, the events Discord sends, and the users route.

Discord keeps one reaction per (message, user, emoji): reacting again sends no
event, and removing a reaction that is not there sends none either. The bot's own
reactions (``@me``) and readers' (:meth:`ReactionBoard.react`, for tests) are both
kept, echoed as MESSAGE_REACTION_ADD / _REMOVE, and listed by
``GET /channels/{channel}/messages/{message}/reactions/{emoji}`` in order of user id,
paged by ``after`` (a user id) and ``limit`` (1..100, default 25), as on Discord;
a message's ``reactions`` field shows the counts. A moderator clearing reactions
(:meth:`ReactionBoard.clear`) sends one MESSAGE_REACTION_REMOVE_ALL or _REMOVE_EMOJI. Refused as Discord refuses:
an unknown message (404, code 10008), a ``limit`` out of range or not a number (400, code 50035).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from aiohttp import web

from . import payloads
from .limits import Violation
from .payloads import JSON, Person
from .wire import Route, json_response, refuse_violations

if TYPE_CHECKING:
    from .messages import MessageStore

DEFAULT_LIMIT, MAX_LIMIT = 25, 100


class ReactionBoard:
    """Reactions by message id, then emoji (``name:id`` for custom emoji), then user id, in order added."""

    def __init__(self, store: MessageStore) -> None:
        self.store = store
        self.by_message: dict[str, dict[str, dict[int, JSON]]] = {}

    def routes(self) -> list[Route]:
        reactions = "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}"
        return [
            ("GET", reactions, self._users),
            ("PUT", reactions + "/{user}", self._add_own),
            ("DELETE", reactions + "/{user}", self._remove_own),
        ]

    # --- what tests call ------------------------------------------------------------------------

    async def react(self, message_id: str, emoji: str | JSON, person: Person) -> bool:
        """``person`` reacts; dispatches MESSAGE_REACTION_ADD unless they had already (returns whether it did)."""
        message = self.store.get(message_id)
        users = self.by_message.setdefault(message_id, {}).setdefault(key_of(emoji), {})
        if person.id in users:
            return False
        users[person.id] = payloads.user_object(person)
        self._show_counts(message)
        event = payloads.reaction_add(
            message_id, emoji, user=person, channel_id=int(message["channel_id"]), guild_id=int(message["guild_id"])
        )
        await self.store.announce("MESSAGE_REACTION_ADD", event)
        return True

    async def unreact(self, message_id: str, emoji: str | JSON, person: Person) -> bool:
        """``person`` takes their reaction back; dispatches MESSAGE_REACTION_REMOVE if they had one."""
        message = self.store.get(message_id)
        users = self.by_message.get(message_id, {}).get(key_of(emoji), {})
        if users.pop(person.id, None) is None:
            return False
        self._show_counts(message)
        event = payloads.reaction_remove(
            message_id, emoji, user=person, channel_id=int(message["channel_id"]), guild_id=int(message["guild_id"])
        )
        await self.store.announce("MESSAGE_REACTION_REMOVE", event)
        return True

    async def clear(self, message_id: str, emoji: str | JSON | None = None) -> None:
        """A moderator removes every reaction (or every one of ``emoji``): one REMOVE_ALL / REMOVE_EMOJI event."""
        message = self.store.get(message_id)
        reactions = self.by_message.get(message_id, {})
        where = {"channel_id": message["channel_id"], "message_id": message_id, "guild_id": message["guild_id"]}
        if emoji is None:
            reactions.clear()
            event, data = "MESSAGE_REACTION_REMOVE_ALL", where
        else:
            reactions.pop(key_of(emoji), None)
            event, data = "MESSAGE_REACTION_REMOVE_EMOJI", {**where, "emoji": _emoji_object(key_of(emoji))}
        self._show_counts(message)
        await self.store.announce(event, data)

    def users(self, message_id: str, emoji: str | JSON) -> list[int]:
        """Who has reacted to the message with ``emoji`` now."""
        return list(self.by_message.get(message_id, {}).get(key_of(emoji), {}))

    def forget(self, message_id: str) -> None:
        self.by_message.pop(message_id, None)

    # --- routes ------------------------------------------------------------------------------------

    async def _users(self, request: web.Request) -> web.Response:
        message_id = request.match_info["message_id"]
        self.store.get(message_id)
        limit, after = _page(request.query)
        users = self.by_message.get(message_id, {}).get(_key_from_path(request.match_info["emoji"]), {})
        page = sorted((user for user_id, user in users.items() if user_id > after), key=lambda user: int(user["id"]))
        return json_response(page[:limit])

    async def _add_own(self, request: web.Request) -> web.Response:
        return await self._own(request, adding=True)

    async def _remove_own(self, request: web.Request) -> web.Response:
        return await self._own(request, adding=False)

    async def _own(self, request: web.Request, *, adding: bool) -> web.Response:
        """The bot reacts as itself (``@me``); removing someone else's reaction needs no echo here."""
        match = request.match_info
        emoji = _emoji_from_path(match["emoji"])
        if match["user"] == "@me":
            change = self.react if adding else self.unreact
            await change(match["message_id"], emoji, payloads.BOT)
        return web.Response(status=204)

    def _show_counts(self, message: JSON) -> None:
        """The ``reactions`` field of the message, as the bot would read it."""
        shown = []
        for key, users in self.by_message.get(message["id"], {}).items():
            if users:
                count = len(users)
                shown.append(
                    {
                        "emoji": _emoji_object(key),
                        "count": count,
                        "count_details": {"burst": 0, "normal": count},
                        "me": payloads.BOT.id in users,
                        "me_burst": False,
                        "burst_colors": [],
                    }
                )
        message["reactions"] = shown


def key_of(emoji: str | JSON) -> str:
    """An emoji as this board keys it: a unicode emoji as itself, a custom one as ``name:id``."""
    if isinstance(emoji, str):
        return emoji
    return f"{emoji['name']}:{emoji['id']}"


def _emoji_object(key: str) -> JSON:
    name, _, emoji_id = key.partition(":")
    return {"id": emoji_id, "name": name} if emoji_id else {"id": None, "name": key}


def _key_from_path(raw: str) -> str:
    return key_of(_emoji_from_path(raw))


def _emoji_from_path(raw: str) -> str | JSON:
    """``name:id`` (custom emoji) or a unicode emoji, as discord.py puts it in the URL."""
    emoji = unquote(raw)
    name, _, emoji_id = emoji.partition(":")
    return {"id": emoji_id, "name": name} if emoji_id else emoji


def _page(query: Any) -> tuple[int, int]:
    """``limit`` and ``after`` of a reaction users request; 400 if Discord would refuse them."""
    violations = []
    limit_text, after_text = query.get("limit", str(DEFAULT_LIMIT)), query.get("after", "0")
    if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
        violations.append(Violation(("limit",), "NUMBER_TYPE_MAX", f"int value should be between 1 and {MAX_LIMIT}."))
    if not after_text.isdigit():
        violations.append(Violation(("after",), "NUMBER_TYPE_COERCE", f'Value "{after_text}" is not snowflake.'))
    refuse_violations(violations)
    return int(limit_text), int(after_text)
