"""FakeDiscord: a loopback Discord (REST API v10 + gateway) for end-to-end tests.

Point the bot at it with ``DISCORD_API_BASE=fake.api_base`` and
``DISCORD_GATEWAY_URL=fake.gateway_url``. Every REST call is recorded as a
:class:`RecordedRequest`; tests wait for the ones they expect with
:meth:`FakeDiscord.wait_for_request` and drive the bot with
:meth:`FakeDiscord.dispatch` / :meth:`FakeDiscord.interact`.

The fake behaves like Discord where the bot can notice: messages the bot
creates, edits or deletes are echoed back as MESSAGE_CREATE / _UPDATE / _DELETE
(except ephemeral ones), its own and readers' reactions (:meth:`FakeDiscord.react`) as
MESSAGE_REACTION_ADD / _REMOVE,
and new threads as THREAD_CREATE. It refuses, with Discord's status and JSON
error code, what Discord refuses:

* a token other than the bot's: 401;
* a message, autocomplete result or modal over Discord's size limits, or with
  two components sharing a ``custom_id``: 400, code 50035 (:mod:`fake_discord.limits`);
* a message that shows nothing, when sent or after an edit: 400, code 50006;
* an unknown message: 404, code 10008;
* an interaction callback that is late (over 3 s; 404, code 10062), a second
  one (400, code 40060), or of a type the interaction does not take (400, code
  50035: e.g. an update or autocomplete result to a slash command, a modal to an
  autocomplete or modal submit);
* a follow-up or response edit before the interaction was answered (404, code
  10015) or once its token expired, 15 minutes after the dispatch (401, code
  50027); see :mod:`fake_discord.interactions`.

Refused requests are kept in :attr:`FakeDiscord.rejected_requests`, and so in
:attr:`FakeDiscord.failed_requests`, which tests expect to stay empty. Unknown
routes answer 404 and are kept in :attr:`FakeDiscord.unknown_requests`.

The fake also refuses to *deliver* what Discord would never send: an event the
bot's intents exclude, or a slash command or autocomplete that breaks the
command schema the bot synced (:mod:`fake_discord.commands`).

Several guilds (``extra_guild_ids``) and shards: ``GET /gateway/bot`` recommends ``shards`` and
gives ``max_concurrency``; each shard's session (IDENTIFY with ``"shard": [id, count]``) gets
its guilds, ``(guild_id >> 22) % count``, and their events, so several bot processes can share
one fake (see :class:`~fake_discord.gateway.FakeGateway`).

Time is read from ``clock`` (pass a :class:`~fake_discord.interactions.FakeClock`
to expire deadlines without sleeping), and :meth:`FakeDiscord.fail_next` makes
the next matching requests fail with a 429 or a 5xx, to prove the bot retries.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiohttp import hdrs, web

from . import commands, limits, payloads
from .failures import FailurePlan, InjectedFailure
from .gateway import FakeGateway, GatewayFrame
from .interactions import CALLBACK_DEADLINE, TOKEN_LIFETIME, Interactions
from .journal import Journal
from .messages import MessageStore
from .wire import (
    BODY,
    FILES,
    JSON,
    DiscordError,
    Handler,
    Route,
    UploadedFile,
    json_response,
    read_body,
    response_json,
)

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
CDN_PREFIX = "/cdn/attachments"
UNKNOWN = web.RequestKey("unknown", bool)
IDENTIFY_INTERVAL = 0.5
"""Seconds between IDENTIFYs of one bucket: Discord's is 5; the bot under test is told this one
(``FOLIO_IDENTIFY_SECONDS``) so that starting several shards takes a moment, not many seconds."""
MAX_REQUEST_BYTES = 10 * payloads.ATTACHMENT_SIZE_LIMIT + 2**20
"""Ten files at the upload limit and their JSON: larger bodies than aiohttp's 1 MiB default, so that
the routes, not aiohttp, judge the files (see :meth:`MessageStore.refuse_oversized`)."""


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
    """What broke in the fake itself while handling the request (it answered 400): a harness bug."""
    refusal: DiscordError | None = None
    """Discord's refusal the fake answered with, when the request broke one of Discord's rules."""
    injected: InjectedFailure | None = None
    """The failure a test asked for (:meth:`FakeDiscord.fail_next`) that answered this request."""

    @property
    def violations(self) -> list[limits.Violation]:
        """The Discord limits the body broke (the fake answered 400, code 50035)."""
        return self.refusal.violations if self.refusal else []

    def __str__(self) -> str:
        problems = [str(violation) for violation in self.violations]
        if self.refusal and not problems:
            problems.append(f"code {self.refusal.code}: {self.refusal.message}")
        if self.error:
            problems.append(self.error)
        if self.injected:
            problems.append("injected failure")
        return f"{self.method} {self.path} -> {self.status}" + (f" ({'; '.join(problems)})" if problems else "")


class FakeDiscord:
    """A fake Discord on 127.0.0.1: REST routes, a gateway, and a record of both.

    Attributes tests read: ``requests`` (every REST call, a :class:`Journal`),
    ``gateway`` (the :class:`FakeGateway`; ``gateway.received`` holds the bot's frames),
    ``commands`` (synced schemas by guild id, ``None`` for global), ``messages``
    (every message the bot made, by id, in its current state) and ``interactions``
    (dispatched INTERACTION_CREATE payloads, by id).

    ``interaction_deadline`` and ``token_lifetime`` are Discord's 3 seconds to answer
    an interaction and 15 minutes to follow it up, measured with ``clock``.
    """

    def __init__(
        self,
        *,
        heartbeat_interval_ms: int = 41_250,
        guild_id: int = payloads.GUILD_ID,
        extra_guild_ids: Sequence[int] = (),
        shards: int = 1,
        max_concurrency: int = 1,
        identify_interval: float = IDENTIFY_INTERVAL,
        interaction_deadline: float = CALLBACK_DEADLINE,
        token_lifetime: float = TOKEN_LIFETIME,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.guild_id = guild_id
        self.guild_ids = [guild_id, *extra_guild_ids]
        self.shards = shards
        """The shard count `GET /gateway/bot` recommends."""
        self.requests: Journal[RecordedRequest] = Journal()
        self.gateway = FakeGateway(
            heartbeat_interval_ms=heartbeat_interval_ms,
            guild_ids=self.guild_ids,
            max_concurrency=max_concurrency,
            identify_interval=identify_interval,
        )
        self.commands: dict[int | None, list[JSON]] = {}
        self._store = MessageStore(self.gateway, guild_id)
        self._interactions = Interactions(
            self._store, clock=clock, deadline=interaction_deadline, token_lifetime=token_lifetime
        )
        self.messages = self._store.messages
        self.threads = self._store.threads
        self.interactions = self._interactions.dispatched
        self._failures = FailurePlan()
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
        self._store.origin = f"http://127.0.0.1:{self.port}"

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

    def fail_next(
        self,
        method: str,
        path_regex: str,
        *,
        status: int = 429,
        retry_after: float = 0.05,
        times: int = 1,
        scope: str = "user",
    ) -> InjectedFailure:
        """Answer the next ``times`` requests matching ``method`` and ``path_regex`` (without
        ``/api/v10``, fully matched) with ``status``: a 429 like Discord's rate limit (``retry_after``
        seconds, ``scope`` "user", "global" or "shared") or a 5xx server error.

        Failures apply in the order asked for. The returned failure's ``remaining`` counts down to 0
        as it is used. Requests answered so are recorded with ``injected`` set, and are not
        among :attr:`failed_requests`.
        """
        failure = InjectedFailure(method, path_regex, status, retry_after, times, scope)
        return self._failures.add(failure)

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
        """Requests refused as Discord refuses them (see the module docstring): bot bugs."""
        return self.requests.matching(lambda request: request.refusal is not None)

    @property
    def failed_requests(self) -> list[RecordedRequest]:
        """Requests that went wrong: refused as Discord refuses them (:attr:`rejected_requests`,
        a bot bug) or that the fake itself failed to handle (answered 400, a harness bug)."""
        return self.requests.matching(lambda request: request.error is not None or request.refusal is not None)

    async def dispatch(self, event: str, data: JSON, *, validate: bool = True) -> int:
        """Send a gateway dispatch; returns its sequence number.

        Raises ``ValueError`` for an event Discord would not send for lack of an intent, and
        (unless ``validate`` is false, to forge one) for a slash command or autocomplete
        that breaks the command schema the bot synced.
        """
        if not self.gateway.receives(event, int(data.get("guild_id") or self.guild_id)):
            raise ValueError(f"the bot did not ask for the intent {event} needs; Discord would not send it")
        if event == "INTERACTION_CREATE":
            problems = commands.interaction_problems(self.commands, data) if validate else []
            if problems:
                raise ValueError("Discord would not deliver this interaction: " + "; ".join(problems))
            self._interactions.record(data)
        return await self.gateway.dispatch(event, data)

    async def interact(self, interaction: JSON, *, timeout: float = 10.0, validate: bool = True) -> RecordedRequest:
        """Dispatch INTERACTION_CREATE (see :meth:`dispatch`) and return the bot's callback POST for it."""
        since = self.mark()
        await self.dispatch("INTERACTION_CREATE", interaction, validate=validate)
        path = rf"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return await self.wait_for_request("POST", path, since=since, timeout=timeout)

    async def react(self, message_id: str | int, emoji: str | JSON, user: payloads.Person) -> bool:
        """``user`` reacts to one of the bot's messages, as in Discord's client: the bot gets
        MESSAGE_REACTION_ADD, unless ``user`` had already reacted so (then nothing happens; returns False).

        ``emoji`` is a unicode emoji or a custom one as ``{"id": "...", "name": "..."}``. To forge
        duplicate or out-of-order events Discord might deliver, use :meth:`dispatch` directly.
        """
        return await self._store.reactions.react(str(message_id), emoji, user)

    async def unreact(self, message_id: str | int, emoji: str | JSON, user: payloads.Person) -> bool:
        """``user`` takes back a reaction: MESSAGE_REACTION_REMOVE, if they had it (returns whether)."""
        return await self._store.reactions.unreact(str(message_id), emoji, user)

    async def clear_reactions(self, message_id: str | int, emoji: str | JSON | None = None) -> None:
        """A moderator removes every reaction from a message (or every one of ``emoji``), as Discord's client does."""
        await self._store.reactions.clear(str(message_id), emoji)

    def reactors(self, message_id: str | int, emoji: str | JSON) -> list[int]:
        """The ids of who has reacted to the message with ``emoji`` now."""
        return self._store.reactions.users(str(message_id), emoji)

    async def delete_message(self, message_id: str | int) -> None:
        """Someone (a moderator) deletes one of the bot's messages: the bot gets MESSAGE_DELETE."""
        await self._store.delete(str(message_id))

    def original_response(self, interaction: JSON) -> JSON | None:
        """The current state of ``interaction``'s original response message, if any."""
        return self._interactions.original_response(interaction["token"])

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
        app = web.Application(middlewares=[self._record], client_max_size=MAX_REQUEST_BYTES)
        app.router.add_get(GATEWAY_PATH, self.gateway.handle)
        app.router.add_get(CDN_PREFIX + "/{attachment_id}/{filename}", self._hosted_file)
        for method, path, handler in self._routes() + self._interactions.routes() + self._store.routes():
            app.router.add_route(method, API_PREFIX + path, handler)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        return app

    def _routes(self) -> list[Route]:
        return [
            ("GET", "/users/@me", self._users_me),
            ("GET", "/oauth2/applications/@me", self._application),
            ("GET", "/gateway", self._gateway_url),
            ("GET", "/gateway/bot", self._gateway_bot),
            ("GET", "/applications/{app_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/commands", self._put_commands),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
        ]

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Parse every REST body (JSON or multipart) for the handlers, answer, then record the call.

        An injected failure answers before the handler; a :class:`DiscordError` the handler
        raises becomes Discord's error body.
        """
        if request.path == GATEWAY_PATH:
            return await handler(request)
        body, files = await read_body(request)
        request[BODY], request[FILES] = body, files
        path = request.path.removeprefix(API_PREFIX)
        injected = self._failures.take(request.method, path)
        refusal: DiscordError | None = None
        error: str | None = None
        if injected is not None:
            response: web.StreamResponse = injected.response()
        else:
            try:
                response = await handler(request)
            except DiscordError as refused:
                refusal, response = refused, refused.response()
            except Exception as crash:  # a harness bug: answer 400 (500s make discord.py retry)
                error = f"{type(crash).__name__}: {crash}"
                response = json_response({"message": f"FakeDiscord crashed: {error}", "code": 0}, status=400)
        self.requests.append(
            RecordedRequest(
                index=self.requests.mark(),
                method=request.method,
                path=path,
                query=dict(request.query),
                json=body,
                files=files,
                status=response.status,
                response=response_json(response),
                known=not request.get(UNKNOWN, False),
                error=error,
                refusal=refusal,
                injected=injected,
            )
        )
        return response

    # --- start-up routes ------------------------------------------------------------------

    async def _users_me(self, request: web.Request) -> web.Response:
        """Login: like Discord, refuse any token but the bot's own."""
        if request.headers.get(hdrs.AUTHORIZATION) != f"Bot {payloads.BOT_TOKEN}":
            raise DiscordError(401, 0, "401: Unauthorized")
        return json_response(payloads.bot_user())

    async def _application(self, request: web.Request) -> web.Response:
        return json_response(payloads.application_info())

    async def _gateway_url(self, request: web.Request) -> web.Response:
        return json_response({"url": self.gateway_url})

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        """The gateway URL, the recommended shard count and the identify limits, as Discord answers."""
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": self.gateway.max_concurrency}
        return json_response({"url": self.gateway_url, "shards": self.shards, "session_start_limit": limit})

    async def _get_commands(self, request: web.Request) -> web.Response:
        return json_response(self.commands.get(_guild_scope(request), []))

    async def _put_commands(self, request: web.Request) -> web.Response:
        """Bulk overwrite: echo the schemas back with ids, as Discord does."""
        scope = _guild_scope(request)
        stored = [self._stored_command(schema, scope) for schema in request[BODY]]
        self.commands[scope] = stored
        return json_response(stored)

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

    # --- files and unknown routes -----------------------------------------------------------

    async def _hosted_file(self, request: web.Request) -> web.Response:
        data = self._hosted_files.get(request.path)
        if data is None:
            raise DiscordError(404, 0, "Unknown attachment")
        return web.Response(body=data, content_type="application/octet-stream")

    async def _unknown(self, request: web.Request) -> web.Response:
        request[UNKNOWN] = True
        return json_response({"message": "404: Not Found", "code": 0}, status=404)


def _guild_scope(request: web.Request) -> int | None:
    guild_id = request.match_info.get("guild_id")
    return None if guild_id is None else int(guild_id)
