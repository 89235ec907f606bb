"""FakeDiscord: a loopback Discord (REST API v10 + gateway) for end-to-end tests.

Point the bot at it with ``DISCORD_API_BASE=fake.api_base`` and
``DISCORD_GATEWAY_URL=fake.gateway_url``. Every REST call is recorded as a
:class:`RecordedRequest`; tests wait for the ones they expect with
:meth:`FakeDiscord.wait_for_request` and drive the bot with
:meth:`FakeDiscord.dispatch` / :meth:`FakeDiscord.interact`.

The fake behaves like Discord where the bot can notice: messages the bot
creates, edits or deletes are echoed back as MESSAGE_CREATE / _UPDATE / _DELETE
(except ephemeral ones), its own reactions as MESSAGE_REACTION_ADD / _REMOVE,
and new threads as THREAD_CREATE. Like Discord, it refuses an interaction
callback that comes more than ``interaction_deadline`` (3) seconds after the
dispatch (404, code 10062) or that is a second one (400, code 40060). It also
refuses, as Discord does, a message, autocomplete result or modal that breaks
Discord's size limits (400, code 50035; see :mod:`fake_discord.limits`); such
requests are kept in :attr:`FakeDiscord.rejected_requests`, and so in
:attr:`FakeDiscord.failed_requests`, which tests expect to stay empty.
Unknown routes answer 404 and are kept in :attr:`FakeDiscord.unknown_requests`.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from aiohttp import BodyPartReader, hdrs, web

from . import limits, payloads
from .gateway import FakeGateway, GatewayFrame
from .journal import Journal
from .payloads import JSON

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
CDN_PREFIX = "/cdn/attachments"
EPHEMERAL = 1 << 6
LOADING = 1 << 7
MESSAGE_DEFAULTS: JSON = {"content": "", "embeds": [], "components": [], "flags": 0}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
BODY = web.RequestKey("body", Any)
FILES = web.RequestKey("files", list["UploadedFile"])
UNKNOWN = web.RequestKey("unknown", bool)
ERROR = web.RequestKey("error", str)
VIOLATIONS = web.RequestKey("violations", list[limits.Violation])


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST call the bot made, with what the fake answered."""

    index: int
    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[UploadedFile] = field(default_factory=list)
    status: int = 0
    response: Any = None
    known: bool = True
    error: str | None = None
    violations: list[limits.Violation] = field(default_factory=list)
    """The Discord limits the body broke (the fake answered 400, code 50035)."""

    def __str__(self) -> str:
        problems = [str(violation) for violation in self.violations] + ([self.error] if self.error else [])
        return f"{self.method} {self.path} -> {self.status}" + (f" ({'; '.join(problems)})" if problems else "")


class FakeDiscord:
    """A fake Discord on 127.0.0.1: REST routes, a gateway, and a record of both.

    Attributes tests read: ``requests`` (every REST call, a :class:`Journal`),
    ``gateway`` (the :class:`FakeGateway`; ``gateway.received`` holds the bot's frames),
    ``commands`` (synced schemas by guild id, ``None`` for global), ``messages``
    (every message the bot made, by id, in its current state) and ``interactions``
    (dispatched INTERACTION_CREATE payloads, by id).
    """

    def __init__(
        self,
        *,
        heartbeat_interval_ms: int = 41_250,
        guild_id: int = payloads.GUILD_ID,
        interaction_deadline: float = 3.0,
    ) -> None:
        self.guild_id = guild_id
        self.interaction_deadline = interaction_deadline
        self.requests: Journal[RecordedRequest] = Journal()
        self.gateway = FakeGateway(heartbeat_interval_ms=heartbeat_interval_ms, guild_id=guild_id)
        self.commands: dict[int | None, list[JSON]] = {}
        self.messages: dict[str, JSON] = {}
        self.interactions: dict[str, JSON] = {}
        self._originals: dict[str, str] = {}
        self._dispatched_at: dict[str, float] = {}
        self._acknowledged: set[str] = set()
        self._hosted_files: dict[str, bytes] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """Serve on 127.0.0.1 at an ephemeral port."""
        self._runner = web.AppRunner(self._make_app(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.gateway.url = self.gateway_url

    async def close(self) -> None:
        """Drop the gateway connection and stop serving."""
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        """The value for ``DISCORD_API_BASE`` (what ``discord.http.Route.BASE`` becomes)."""
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        """The value for ``DISCORD_GATEWAY_URL``."""
        return f"ws://127.0.0.1:{self.port}{GATEWAY_PATH}"

    # --- what tests call ------------------------------------------------------------------

    def host_attachment(self, filename: str, data: bytes, content_type: str = "text/plain; charset=utf-8") -> JSON:
        """Serve ``data`` like Discord's CDN serves an upload; returns its attachment object."""
        attachment_id = str(payloads.snowflake())
        path = f"{CDN_PREFIX}/{attachment_id}/{filename}"
        self._hosted_files[path] = data
        url = f"http://127.0.0.1:{self.port}{path}"
        return payloads.attachment(attachment_id, filename, len(data), url, content_type)

    def mark(self) -> int:
        """The index the next recorded request will get; pass it as ``since=``."""
        return self.requests.mark()

    async def wait_for_request(
        self,
        method: str,
        path_regex: str,
        *,
        since: int,
        timeout: float = 10.0,
        where: Callable[[RecordedRequest], bool] = lambda request: True,
    ) -> RecordedRequest:
        """The first request from index ``since`` on whose method matches and whose path
        (without ``/api/v10``) fully matches ``path_regex``, and for which ``where`` holds.

        Fails the test with the requests seen so far if none arrives within ``timeout``.
        """
        wanted = self._matcher(method, path_regex, where)
        try:
            return await self.requests.wait_for(wanted, since=since, timeout=timeout)
        except TimeoutError:
            seen = "\n  ".join(str(request) for request in self.requests.items[since:]) or "(none)"
            raise AssertionError(f"no {method} {path_regex} within {timeout}s; saw:\n  {seen}") from None

    def requests_matching(self, method: str, path_regex: str, *, since: int = 0) -> list[RecordedRequest]:
        """Every recorded request from ``since`` on matching ``method`` and ``path_regex``."""
        return self.requests.matching(self._matcher(method, path_regex, lambda request: True), since=since)

    @property
    def unknown_requests(self) -> list[RecordedRequest]:
        """Requests to routes the fake does not implement (answered 404)."""
        return self.requests.matching(lambda request: not request.known)

    @property
    def rejected_requests(self) -> list[RecordedRequest]:
        """Requests refused for breaking Discord's limits (answered 400, code 50035): bot bugs."""
        return self.requests.matching(lambda request: bool(request.violations))

    @property
    def failed_requests(self) -> list[RecordedRequest]:
        """Requests that went wrong, all answered 400: refused for breaking Discord's limits
        (:attr:`rejected_requests`, a bot bug) or that the fake itself failed to handle (a harness bug)."""
        return self.requests.matching(lambda request: request.error is not None or bool(request.violations))

    async def dispatch(self, event: str, data: JSON) -> int:
        """Send a gateway dispatch; returns its sequence number.

        Raises ``ValueError`` for an event Discord would not send for lack of an intent.
        """
        if not self.gateway.receives(event):
            raise ValueError(f"the bot did not ask for the intent {event} needs; Discord would not send it")
        if event == "INTERACTION_CREATE":
            self.interactions[data["id"]] = data
            self._dispatched_at[data["id"]] = time.monotonic()
        return await self.gateway.dispatch(event, data)

    async def interact(self, interaction: JSON, *, timeout: float = 10.0) -> RecordedRequest:
        """Dispatch INTERACTION_CREATE and return the bot's callback POST for it."""
        since = self.mark()
        await self.dispatch("INTERACTION_CREATE", interaction)
        path = rf"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return await self.wait_for_request("POST", path, since=since, timeout=timeout)

    def original_response(self, interaction: JSON) -> JSON | None:
        """The current state of ``interaction``'s original response message, if any."""
        message_id = self._originals.get(interaction["token"])
        return None if message_id is None else self.messages.get(message_id)

    def guild_commands(self, guild_id: int | None = None) -> list[JSON]:
        """The command schemas last synced to ``guild_id`` (default: the fake guild)."""
        return self.commands.get(guild_id or self.guild_id, [])

    def global_commands(self) -> list[JSON]:
        """The command schemas last synced globally."""
        return self.commands.get(None, [])

    async def wait_for_frame(self, op: int, *, since: int, timeout: float = 10.0) -> GatewayFrame:
        """The first gateway frame with opcode ``op`` the bot sent from index ``since`` on."""
        return await self.gateway.wait_for_frame(op, since=since, timeout=timeout)

    @staticmethod
    def _matcher(
        method: str, path_regex: str, where: Callable[[RecordedRequest], bool]
    ) -> Callable[[RecordedRequest], bool]:
        pattern = re.compile(path_regex)
        return lambda r: r.method == method.upper() and pattern.fullmatch(r.path) is not None and where(r)

    # --- the aiohttp application ----------------------------------------------------------

    def _make_app(self) -> web.Application:
        app = web.Application(middlewares=[self._record])
        app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        app.router.add_get(CDN_PREFIX + "/{attachment_id}/{filename}", self._hosted_file)
        for method, path, handler in self._routes():
            app.router.add_route(method, API_PREFIX + path, handler)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        return app

    def _routes(self) -> list[tuple[str, str, Handler]]:
        message = "/channels/{channel_id}/messages/{message_id}"
        webhook_message = "/webhooks/{app_id}/{token}/messages/{message_id}"
        reaction = message + "/reactions/{emoji}/{user}"
        return [
            ("GET", "/users/@me", self._users_me),
            ("GET", "/oauth2/applications/@me", self._application),
            ("GET", "/gateway", self._gateway_url),
            ("GET", "/gateway/bot", self._gateway_url),
            ("GET", "/applications/{app_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/commands", self._put_commands),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback),
            ("POST", "/webhooks/{app_id}/{token}", self._followup),
            ("GET", webhook_message, self._get_webhook_message),
            ("PATCH", webhook_message, self._edit_webhook_message),
            ("DELETE", webhook_message, self._delete_webhook_message),
            ("POST", "/channels/{channel_id}/messages", self._create_message),
            ("GET", message, self._get_message),
            ("PATCH", message, self._edit_message),
            ("DELETE", message, self._delete_message),
            ("POST", message + "/threads", self._thread_from_message),
            ("POST", "/channels/{channel_id}/threads", self._thread_without_message),
            ("PUT", reaction, self._add_reaction),
            ("DELETE", reaction, self._remove_reaction),
            ("DELETE", message + "/reactions/{emoji}", self._no_content),
            ("DELETE", message + "/reactions", self._no_content),
        ]

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Parse every REST body (JSON or multipart) for the handlers, then record the call."""
        if request.path == GATEWAY_PATH:
            return await handler(request)
        body, files = await _read_body(request)
        request[BODY], request[FILES] = body, files
        try:
            response = await handler(request)
        except Exception as error:  # a harness bug: answer 400 (500s make discord.py retry)
            request[ERROR] = f"{type(error).__name__}: {error}"
            response = _json({"message": f"FakeDiscord crashed: {request[ERROR]}", "code": 0}, status=400)
        self.requests.append(
            RecordedRequest(
                index=self.requests.mark(),
                method=request.method,
                path=request.path.removeprefix(API_PREFIX),
                query=dict(request.query),
                json=body,
                files=files,
                status=response.status,
                response=_response_json(response),
                known=not request.get(UNKNOWN, False),
                error=request.get(ERROR),
                violations=request.get(VIOLATIONS, []),
            )
        )
        return response

    # --- start-up routes ------------------------------------------------------------------

    async def _users_me(self, request: web.Request) -> web.Response:
        """Login: like Discord, refuse any token but the bot's own."""
        if request.headers.get(hdrs.AUTHORIZATION) != f"Bot {payloads.BOT_TOKEN}":
            return _error(401, "401: Unauthorized", 0)
        return _json(payloads.bot_user())

    async def _application(self, request: web.Request) -> web.Response:
        return _json(payloads.application_info())

    async def _gateway_url(self, request: web.Request) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_commands(self, request: web.Request) -> web.Response:
        return _json(self.commands.get(_guild_scope(request), []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        """Bulk overwrite: echo the schemas back with ids, as Discord does."""
        scope = _guild_scope(request)
        stored = [self._stored_command(schema, scope) for schema in request[BODY]]
        self.commands[scope] = stored
        return _json(stored)

    @staticmethod
    def _stored_command(schema: JSON, guild_id: int | None) -> JSON:
        stored = {
            "id": str(payloads.snowflake()),
            "application_id": str(payloads.APPLICATION_ID),
            "version": str(payloads.snowflake()),
            "type": 1,
            "default_member_permissions": None,
            "nsfw": False,
            **schema,
        }
        if guild_id is not None:
            stored["guild_id"] = str(guild_id)
        return stored

    # --- interactions and webhooks ----------------------------------------------------------

    async def _interaction_callback(self, request: web.Request) -> web.StreamResponse:
        """Answer like ``?with_response=1``: the interaction, plus the message for 4/5/7."""
        interaction_id, token = request.match_info["interaction_id"], request.match_info["token"]
        refusal = self._refuse_callback(interaction_id)
        if refusal is None:
            refusal = _refuse_invalid(request, limits.callback_violations)
        if refusal is not None:
            return refusal
        self._acknowledged.add(interaction_id)
        kind, data = request[BODY]["type"], request[BODY].get("data") or {}
        source = self.interactions[interaction_id]
        message = await self._callback_message(kind, data, request[FILES], source, token)
        callback: JSON = {"id": interaction_id, "type": source["type"]}
        if message is not None:
            callback["response_message_id"] = message["id"]
            callback["response_message_loading"] = bool(message["flags"] & LOADING)
            callback["response_message_ephemeral"] = bool(message["flags"] & EPHEMERAL)
        body: JSON = {"interaction": callback}
        if message is not None and kind in (4, 5, 7):
            body["resource"] = {"type": kind, "message": message}
        return _json(body)

    def _refuse_callback(self, interaction_id: str) -> web.Response | None:
        """Discord's answer to a late, unknown or second callback; None if it is accepted."""
        dispatched_at = self._dispatched_at.get(interaction_id)
        if dispatched_at is None or time.monotonic() - dispatched_at > self.interaction_deadline:
            return _error(404, "Unknown interaction", 10062)
        if interaction_id in self._acknowledged:
            return _error(400, "Interaction has already been acknowledged.", 40060)
        return None

    async def _callback_message(
        self, kind: int, data: JSON, files: list[UploadedFile], source: JSON, token: str
    ) -> JSON | None:
        """Create or update the message a callback of type ``kind`` stands for."""
        if kind in (4, 5):
            flags = data.get("flags", 0) | (LOADING if kind == 5 else 0)
            message = self._new_message(source["channel_id"], data, files, source=source, flags=flags)
            self._originals[token] = message["id"]
            return await self._announce_new(message)
        clicked = source.get("message")
        if kind in (6, 7) and clicked is not None:
            self.messages.setdefault(clicked["id"], clicked)
            self._originals[token] = clicked["id"]
            return await self._edit(clicked["id"], data, files) if kind == 7 else self.messages[clicked["id"]]
        return None

    async def _followup(self, request: web.Request) -> web.Response:
        source = self._interaction_for(request.match_info["token"])
        if source is None:
            return _error(404, "Unknown Webhook", 10015)
        if (refusal := _refuse_invalid(request, limits.message_violations)) is not None:
            return refusal
        message = self._new_message(source["channel_id"], request[BODY] or {}, request[FILES], source=source)
        await self._announce_new(message)
        if request.query.get("wait") in ("1", "true", "True"):
            return _json(message)
        return web.Response(status=204)

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        return self._message_or_404(self._webhook_message_id(request))

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        return await self._edit_existing(request, self._webhook_message_id(request))

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        return await self._delete(self._webhook_message_id(request))

    def _webhook_message_id(self, request: web.Request) -> str:
        message_id = request.match_info["message_id"]
        if message_id == "@original":
            return self._originals.get(request.match_info["token"], "")
        return message_id

    def _interaction_for(self, token: str) -> JSON | None:
        return next((i for i in self.interactions.values() if i["token"] == token), None)

    # --- channel messages, threads, reactions -----------------------------------------------

    async def _create_message(self, request: web.Request) -> web.Response:
        channel_id = request.match_info["channel_id"]
        if (refusal := _refuse_invalid(request, limits.message_violations)) is not None:
            return refusal
        message = self._new_message(channel_id, request[BODY] or {}, request[FILES])
        return _json(await self._announce_new(message))

    async def _get_message(self, request: web.Request) -> web.Response:
        return self._message_or_404(request.match_info["message_id"])

    async def _edit_message(self, request: web.Request) -> web.Response:
        return await self._edit_existing(request, request.match_info["message_id"])

    async def _edit_existing(self, request: web.Request, message_id: str) -> web.Response:
        """PATCH a message: 404 if unknown, 400 if the new body breaks a limit."""
        if message_id not in self.messages:
            return _error(404, "Unknown Message", 10008)
        if (refusal := _refuse_invalid(request, limits.message_violations)) is not None:
            return refusal
        return _json(await self._edit(message_id, request[BODY] or {}, request[FILES]))

    async def _delete_message(self, request: web.Request) -> web.Response:
        return await self._delete(request.match_info["message_id"])

    async def _thread_from_message(self, request: web.Request) -> web.Response:
        """A thread started from a message takes the message's id, as on Discord."""
        return await self._create_thread(request, thread_id=int(request.match_info["message_id"]))

    async def _thread_without_message(self, request: web.Request) -> web.Response:
        return await self._create_thread(request, thread_id=None)

    async def _create_thread(self, request: web.Request, thread_id: int | None) -> web.Response:
        parent_id = int(request.match_info["channel_id"])
        name = (request[BODY] or {}).get("name", "thread")
        thread = payloads.thread(name, parent_id=parent_id, thread_id=thread_id, guild_id=self.guild_id)
        await self._announce("THREAD_CREATE", {**thread, "newly_created": True})
        return _json(thread, status=201)

    async def _add_reaction(self, request: web.Request) -> web.Response:
        await self._announce("MESSAGE_REACTION_ADD", self._own_reaction(request, payloads.reaction_add))
        return web.Response(status=204)

    async def _remove_reaction(self, request: web.Request) -> web.Response:
        await self._announce("MESSAGE_REACTION_REMOVE", self._own_reaction(request, payloads.reaction_remove))
        return web.Response(status=204)

    def _own_reaction(self, request: web.Request, build: Callable[..., JSON]) -> JSON | None:
        """The reaction event Discord would echo, when the bot reacts as itself (``@me``)."""
        match = request.match_info
        if match["user"] != "@me":
            return None
        return build(
            match["message_id"],
            _emoji_from_path(match["emoji"]),
            user=payloads.BOT,
            channel_id=int(match["channel_id"]),
            guild_id=self.guild_id,
        )

    async def _no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _hosted_file(self, request: web.Request) -> web.Response:
        data = self._hosted_files.get(request.path)
        if data is None:
            return _error(404, "Unknown attachment", 0)
        return web.Response(body=data, content_type="application/octet-stream")

    async def _unknown(self, request: web.Request) -> web.Response:
        request[UNKNOWN] = True
        return _error(404, "Unknown", 0)

    # --- the message store --------------------------------------------------------------------

    def _new_message(
        self,
        channel_id: str,
        body: JSON,
        files: list[UploadedFile],
        *,
        source: JSON | None = None,
        flags: int | None = None,
    ) -> JSON:
        """A message the bot created, as Discord would return it; kept in :attr:`messages`."""
        fields = {**MESSAGE_DEFAULTS, **_message_fields(body), "attachments": self._attachments(files)}
        if flags is not None:
            fields["flags"] = flags
        if source:
            fields.update(_interaction_fields(source))
        message = payloads.message(channel_id=int(channel_id), guild_id=self.guild_id, **fields)
        self.messages[message["id"]] = message
        return message

    async def _edit(self, message_id: str, body: JSON, files: list[UploadedFile]) -> JSON:
        message = self.messages[message_id]
        ephemeral = message["flags"] & EPHEMERAL  # an edit can neither set nor clear it
        message.update(_message_fields(body))
        message["flags"] = message["flags"] & ~(LOADING | EPHEMERAL) | ephemeral
        if files or "attachments" in body:
            kept = {str(item.get("id")) for item in body.get("attachments", [])}
            message["attachments"] = [a for a in message["attachments"] if a["id"] in kept] + self._attachments(files)
        message["edited_timestamp"] = payloads.now_iso()
        if not message["flags"] & EPHEMERAL:
            await self._announce("MESSAGE_UPDATE", message)
        return message

    async def _delete(self, message_id: str) -> web.Response:
        message = self.messages.pop(message_id, None)
        if message is None:
            return _error(404, "Unknown Message", 10008)
        if not message["flags"] & EPHEMERAL:
            gone = {"id": message_id, "channel_id": message["channel_id"], "guild_id": str(self.guild_id)}
            await self._announce("MESSAGE_DELETE", gone)
        return web.Response(status=204)

    def _attachments(self, files: list[UploadedFile]) -> list[JSON]:
        """Attachment objects for uploaded files; their URLs point at the fake (not served)."""
        attachments = []
        for upload in files:
            attachment_id = str(payloads.snowflake())
            filename = upload.filename or upload.field
            url = f"http://127.0.0.1:{self.port}/attachments/{attachment_id}/{filename}"
            attachments.append(
                {
                    "id": attachment_id,
                    "filename": filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": upload.content_type,
                }
            )
        return attachments

    def _message_or_404(self, message_id: str) -> web.Response:
        message = self.messages.get(message_id)
        return _error(404, "Unknown Message", 10008) if message is None else _json(message)

    async def _announce_new(self, message: JSON) -> JSON:
        """Echo a new non-ephemeral message as MESSAGE_CREATE, as Discord does."""
        if not message["flags"] & EPHEMERAL:
            await self._announce("MESSAGE_CREATE", {**message, "member": payloads.member(payloads.BOT, with_user=False)})
        return message

    async def _announce(self, event: str, data: JSON | None) -> None:
        """Dispatch an echo event if the bot has a live session that subscribed to it."""
        if data is not None and self.gateway.ready and self.gateway.receives(event):
            await self.gateway.dispatch(event, data)


# --- helpers ----------------------------------------------------------------------------------


async def _read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    """The JSON body (from ``payload_json`` for multipart requests) and any files."""
    if request.content_type.startswith("multipart/"):
        return await _read_multipart(request)
    text = await request.text() if request.can_read_body else ""
    return (json.loads(text) if text else None), []


async def _read_multipart(request: web.Request) -> tuple[Any, list[UploadedFile]]:
    body: Any = None
    files: list[UploadedFile] = []
    reader = await request.multipart()
    async for part in reader:
        if not isinstance(part, BodyPartReader):
            continue
        data = await part.read()
        if part.name == "payload_json":
            body = json.loads(data)
        else:
            content_type = part.headers.get(hdrs.CONTENT_TYPE)
            files.append(UploadedFile(part.name or "", part.filename, content_type, bytes(data)))
    return body, files


def _message_fields(body: JSON) -> JSON:
    """The message fields a create or edit body sets; ``null`` resets a field to empty."""
    return {key: default if body[key] is None else body[key] for key, default in MESSAGE_DEFAULTS.items() if key in body}


def _response_json(response: web.StreamResponse) -> Any:
    body = getattr(response, "body", None)
    if response.content_type != "application/json" or not isinstance(body, bytes):
        return None
    return json.loads(body)


def _json(data: Any, *, status: int = 200) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json``.

    discord.py compares the header verbatim, so aiohttp's usual ``; charset=utf-8``
    would make it treat every body as plain text.
    """
    return web.Response(body=json.dumps(data).encode(), status=status, headers={hdrs.CONTENT_TYPE: "application/json"})


def _error(status: int, message: str, code: int) -> web.Response:
    """A Discord API error body."""
    return _json({"message": message, "code": code}, status=status)


def _refuse_invalid(request: web.Request, check: Callable[[Any], list[limits.Violation]]) -> web.Response | None:
    """Discord's 400 Invalid Form Body if the request body breaks a limit ``check`` knows; else None.

    The violations are kept on the request, for :attr:`RecordedRequest.violations`.
    """
    violations = check(request[BODY])
    if not violations:
        return None
    request[VIOLATIONS] = violations
    return _json(limits.invalid_form_body(violations), status=400)


def _guild_scope(request: web.Request) -> int | None:
    guild_id = request.match_info.get("guild_id")
    return None if guild_id is None else int(guild_id)


def _emoji_from_path(raw: str) -> str | JSON:
    """``name:id`` (custom emoji) or a unicode emoji, as discord.py puts it in the URL."""
    emoji = unquote(raw)
    name, _, emoji_id = emoji.partition(":")
    return {"id": emoji_id, "name": name} if emoji_id else emoji


def _interaction_fields(source: JSON) -> JSON:
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
