"""The messages the bot makes, and the channel routes around them (messages, threads, reactions).

Like Discord, the store echoes what the bot creates, edits or deletes as
MESSAGE_CREATE / _UPDATE / _DELETE (except ephemeral messages), its own
reactions as MESSAGE_REACTION_ADD / _REMOVE (see :mod:`fake_discord.reactions`, which
also keeps readers' reactions) and new threads as THREAD_CREATE.
It refuses a message that breaks a size limit (400, code 50035) and one that
would show nothing: no content, embeds, components, files, stickers or poll
(400, code 50006), whether sent so or left so by an edit, and a file over the
upload limit a server without boosts has (10 MiB; 413, code 40005). A thread
needs a name of 1-100 characters (400, code 50035), and a message has at most one
thread (400, code 160004; a thread from an unknown message is 404, code 10008).
"""

from __future__ import annotations

import mimetypes
from typing import Any

from aiohttp import web

from . import limits, payloads
from .gateway import FakeGateway
from .reactions import ReactionBoard
from .wire import (
    BODY,
    CANNOT_SEND_EMPTY_MESSAGE,
    FILES,
    JSON,
    REQUEST_ENTITY_TOO_LARGE,
    THREAD_ALREADY_CREATED,
    UNKNOWN_MESSAGE,
    DiscordError,
    Route,
    UploadedFile,
    json_response,
    refuse_violations,
)

EPHEMERAL = 1 << 6
LOADING = 1 << 7
MESSAGE_DEFAULTS: JSON = {"content": "", "embeds": [], "components": [], "flags": 0}
SHOWN = ("embeds", "components", "attachments", "sticker_ids", "poll")
"""Besides non-blank content, what makes a message non-empty for Discord."""


class MessageStore:
    """Every message the bot made, by id, in its current state (``messages``)."""

    def __init__(self, gateway: FakeGateway, guild_id: int) -> None:
        self.gateway = gateway
        self.guild_id = guild_id
        self.messages: dict[str, JSON] = {}
        self.threads: dict[str, JSON] = {}
        """Every thread the bot started, by id (a thread started from a message has that message's id)."""
        self.origin = ""
        """``http://127.0.0.1:PORT`` once the server listens; attachment URLs start with it."""
        self.reactions = ReactionBoard(self)

    def guild_of(self, channel_id: int | str) -> int:
        """The guild a channel (or one of the bot's threads) is in; the fake guild if unknown."""
        thread = self.threads.get(str(channel_id))
        if thread is not None:
            return int(thread["guild_id"])
        channel = int(channel_id)
        return next((g for g in self.gateway.guild_ids if channel in payloads.channel_ids(g)), self.guild_id)

    def routes(self) -> list[Route]:
        message = "/channels/{channel_id}/messages/{message_id}"
        return [
            ("POST", "/channels/{channel_id}/messages", self._create_message),
            ("GET", message, self._get_message),
            ("PATCH", message, self._edit_message),
            ("DELETE", message, self._delete_message),
            ("POST", message + "/threads", self._thread_from_message),
            ("POST", "/channels/{channel_id}/threads", self._thread_without_message),
            ("DELETE", message + "/reactions/{emoji}", self._no_content),
            ("DELETE", message + "/reactions", self._no_content),
            *self.reactions.routes(),
        ]

    # --- what Discord refuses ------------------------------------------------------------------

    def refuse_new(self, body: JSON | None, files: list[UploadedFile]) -> None:
        """Raise Discord's refusal of a new message ``body``: a file too large (40005), over a limit (50035)
        or empty (50006)."""
        self.refuse_oversized(files)
        refuse_violations(limits.message_violations(body))
        self.refuse_empty(body, files)

    def refuse_edit(self, message_id: str, body: JSON | None, files: list[UploadedFile]) -> None:
        """Raise Discord's refusal of an edit: unknown message (10008), over a limit, or leaving it empty."""
        current = self.get(message_id)
        self.refuse_oversized(files)
        refuse_violations(limits.message_violations(body))
        self.refuse_empty(body, files, current)

    @staticmethod
    def refuse_oversized(files: list[UploadedFile]) -> None:
        """Raise 413, code 40005, if a file is over the upload limit (``attachment_size_limit``)."""
        if any(len(upload.data) > payloads.ATTACHMENT_SIZE_LIMIT for upload in files):
            raise DiscordError(413, REQUEST_ENTITY_TOO_LARGE, "Request entity too large")

    @staticmethod
    def refuse_empty(body: JSON | None, files: list[UploadedFile], current: JSON | None = None) -> None:
        """Raise 400, code 50006, if the message ``body`` creates (or leaves ``current`` as) shows nothing.

        An edit may leave fields out: they keep their current values.
        """
        body = body or {}
        if current is None:
            result = {**body, **_message_fields(body), "attachments": files}
        else:
            result = {**current, **_message_fields(body), "attachments": _kept(current, body) + files}
        if not str(result.get("content") or "").strip() and not any(result.get(key) for key in SHOWN):
            raise DiscordError(400, CANNOT_SEND_EMPTY_MESSAGE, "Cannot send an empty message")

    # --- the store -------------------------------------------------------------------------------

    def get(self, message_id: str) -> JSON:
        """The message, or Discord's 404 Unknown Message."""
        message = self.messages.get(message_id)
        if message is None:
            raise DiscordError(404, UNKNOWN_MESSAGE, "Unknown Message")
        return message

    def create(
        self,
        channel_id: str,
        body: JSON,
        files: list[UploadedFile],
        *,
        source: JSON | None = None,
        flags: int | None = None,
    ) -> JSON:
        """A message the bot created, as Discord would return it; kept in :attr:`messages`.

        ``source`` is the interaction it answers, if any.
        """
        fields = {**MESSAGE_DEFAULTS, **_message_fields(body), "attachments": self._attachments(files)}
        if flags is not None:
            fields["flags"] = flags
        if source:
            fields.update(_interaction_fields(source))
        message = payloads.message(channel_id=int(channel_id), guild_id=self.guild_of(channel_id), **fields)
        self.messages[message["id"]] = message
        return message

    async def announce_new(self, message: JSON) -> JSON:
        """Echo a new non-ephemeral message as MESSAGE_CREATE, as Discord does."""
        if not message["flags"] & EPHEMERAL:
            await self.announce("MESSAGE_CREATE", {**message, "member": payloads.member(payloads.BOT, with_user=False)})
        return message

    async def edit(self, message_id: str, body: JSON, files: list[UploadedFile]) -> JSON:
        """Apply an edit (fields left out stay as they are) and echo it as MESSAGE_UPDATE."""
        message = self.messages[message_id]
        ephemeral = message["flags"] & EPHEMERAL  # an edit can neither set nor clear it
        message.update(_message_fields(body))
        message["flags"] = message["flags"] & ~(LOADING | EPHEMERAL) | ephemeral
        if files or "attachments" in body:
            message["attachments"] = _kept(message, body) + self._attachments(files)
        message["edited_timestamp"] = payloads.now_iso()
        if not message["flags"] & EPHEMERAL:
            await self.announce("MESSAGE_UPDATE", message)
        return message

    async def delete(self, message_id: str) -> None:
        """Delete and echo MESSAGE_DELETE; 404 Unknown Message if there is no such message."""
        message = self.get(message_id)
        del self.messages[message_id]
        self.reactions.forget(message_id)
        if not message["flags"] & EPHEMERAL:
            gone = {"id": message_id, "channel_id": message["channel_id"], "guild_id": message["guild_id"]}
            await self.announce("MESSAGE_DELETE", gone)

    async def announce(self, event: str, data: JSON | None) -> None:
        """Dispatch an echo event if the bot has a live session that subscribed to it."""
        guild_id = int(data.get("guild_id") or self.guild_id) if data is not None else self.guild_id
        if data is not None and self.gateway.guild_ready(guild_id) and self.gateway.receives(event, guild_id):
            await self.gateway.dispatch(event, data)

    def _attachments(self, files: list[UploadedFile]) -> list[JSON]:
        """Attachment objects for uploaded files; their URLs point at the fake (not served)."""
        attachments = []
        for upload in files:
            attachment_id = str(payloads.snowflake())
            filename = upload.filename or upload.field
            content_type = mimetypes.guess_type(filename)[0] or upload.content_type  # Discord tells by the name
            url = f"{self.origin}/attachments/{attachment_id}/{filename}"
            attachments.append(
                {
                    "id": attachment_id,
                    "filename": filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": content_type,
                }
            )
        return attachments

    # --- channel routes --------------------------------------------------------------------------

    async def _create_message(self, request: web.Request) -> web.Response:
        self.refuse_new(request[BODY], request[FILES])
        message = self.create(request.match_info["channel_id"], request[BODY] or {}, request[FILES])
        return json_response(await self.announce_new(message))

    async def _get_message(self, request: web.Request) -> web.Response:
        return json_response(self.get(request.match_info["message_id"]))

    async def _edit_message(self, request: web.Request) -> web.Response:
        message_id = request.match_info["message_id"]
        self.refuse_edit(message_id, request[BODY], request[FILES])
        return json_response(await self.edit(message_id, request[BODY] or {}, request[FILES]))

    async def _delete_message(self, request: web.Request) -> web.Response:
        await self.delete(request.match_info["message_id"])
        return web.Response(status=204)

    async def _thread_from_message(self, request: web.Request) -> web.Response:
        """A thread started from a message takes the message's id, as on Discord; one per message."""
        message_id = request.match_info["message_id"]
        self.get(message_id)
        if message_id in self.threads:
            raise DiscordError(400, THREAD_ALREADY_CREATED, "A thread has already been created for this message")
        return await self._create_thread(request, thread_id=int(message_id))

    async def _thread_without_message(self, request: web.Request) -> web.Response:
        return await self._create_thread(request, thread_id=None)

    async def _create_thread(self, request: web.Request, thread_id: int | None) -> web.Response:
        refuse_violations(limits.thread_violations(request[BODY]))
        parent_id = int(request.match_info["channel_id"])
        guild_id = self.guild_of(parent_id)
        thread = payloads.thread(request[BODY]["name"], parent_id=parent_id, thread_id=thread_id, guild_id=guild_id)
        self.threads[thread["id"]] = thread
        await self.announce("THREAD_CREATE", {**thread, "newly_created": True})
        return json_response(thread, status=201)

    async def _no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)


def _message_fields(body: JSON) -> JSON:
    """The message fields a create or edit body sets; ``null`` resets a field to empty."""
    return {
        key: default if body[key] is None else body[key] for key, default in MESSAGE_DEFAULTS.items() if key in body
    }


def _kept(message: JSON, body: JSON) -> list[JSON]:
    """The attachments of ``message`` an edit keeps: all if it names none, else those it lists."""
    if "attachments" not in body:
        return list(message.get("attachments", []))
    kept = {str(item.get("id")) for item in body["attachments"] or []}
    return [attachment for attachment in message.get("attachments", []) if attachment["id"] in kept]


def _interaction_fields(source: JSON) -> dict[str, Any]:
    """What a message created by responding to ``source`` carries about it."""
    is_command = source["type"] == payloads.INTERACTION_APPLICATION_COMMAND
    metadata: JSON = {
        "id": source["id"],
        "type": source["type"],
        "user": source["member"]["user"] if "member" in source else source["user"],  # a DM has no member
        "authorizing_integration_owners": source["authorizing_integration_owners"],
    }
    if "message" in source:
        metadata["interacted_message_id"] = source["message"]["id"]
    return {
        "type": 20 if is_command else 0,
        "webhook_id": str(payloads.APPLICATION_ID),
        "application_id": str(payloads.APPLICATION_ID),
        "interaction_metadata": metadata,
    }
