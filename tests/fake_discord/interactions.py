"""Interaction callbacks and the webhook routes of interaction tokens, with Discord's rules for both.

Refused as Discord refuses them:

* a callback for an unknown interaction, or more than ``deadline`` (3) seconds
  after the dispatch: 404, code 10062 (Unknown interaction);
* a second callback: 400, code 40060 (Interaction has already been acknowledged);
* a callback type the interaction does not take: 400, code 50035, under ``type``
  "Value must be one of {...}". A slash command takes 4, 5 and 9; a component
  4, 5, 6, 7 and 9; an autocomplete only 8; a modal submit 4, 5, 6 and 7 (no modal);
* an update (6 or 7) answering a modal submit whose modal was not opened from a
  message component, so there is no message to update: 404, code 10008;
* a message (4) or update (7) over a size limit (50035), showing nothing (50006)
  or with a file over the upload limit (413, code 40005), and the same for
  follow-ups and edits of responses;
* a follow-up or a read, edit or delete of a response (``/webhooks/{app}/{token}...``)
  for a token never dispatched, or before the interaction was answered: 404,
  code 10015 (Unknown Webhook); once the token expired, ``token_lifetime`` (15
  minutes) after the dispatch: 401, code 50027 (Invalid Webhook Token).

Deadlines are measured with an injectable clock, so tests let time pass with
:class:`FakeClock` instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from . import limits
from .messages import EPHEMERAL, LOADING, MessageStore
from .wire import (
    BODY,
    FILES,
    INVALID_WEBHOOK_TOKEN,
    JSON,
    UNKNOWN_MESSAGE,
    UNKNOWN_WEBHOOK,
    DiscordError,
    Route,
    UploadedFile,
    json_response,
    refuse_violations,
)

CALLBACK_DEADLINE = 3.0
TOKEN_LIFETIME = 15 * 60.0
UNKNOWN_INTERACTION = 10062
ALREADY_ACKNOWLEDGED = 40060

COMMAND, COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, AUTOCOMPLETE_RESULT, MODAL = 4, 5, 6, 7, 8, 9
CALLBACKS_TAKEN: dict[int, tuple[int, ...]] = {
    COMMAND: (MESSAGE, DEFERRED_MESSAGE, MODAL),
    COMPONENT: (MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE, MODAL),
    AUTOCOMPLETE: (AUTOCOMPLETE_RESULT,),
    MODAL_SUBMIT: (MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, UPDATE_MESSAGE),
}
"""The callback types Discord accepts for each interaction type."""


class FakeClock:
    """A clock that stands still until told to move: pass it as ``FakeDiscord(clock=...)``.

    ``clock.advance(15 * 60)`` expires every interaction token at once, without sleeping.
    """

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass."""
        self.now += seconds


class Interactions:
    """Dispatched interactions (``dispatched``, by id), their callbacks, tokens and responses."""

    def __init__(
        self,
        store: MessageStore,
        *,
        clock: Callable[[], float],
        deadline: float = CALLBACK_DEADLINE,
        token_lifetime: float = TOKEN_LIFETIME,
    ) -> None:
        self.store = store
        self.clock = clock
        self.deadline = deadline
        self.token_lifetime = token_lifetime
        self.dispatched: dict[str, JSON] = {}
        self._dispatched_at: dict[str, float] = {}
        self._by_token: dict[str, str] = {}
        self._acknowledged: set[str] = set()
        self._originals: dict[str, str] = {}

    def record(self, interaction: JSON) -> None:
        """Note a dispatched INTERACTION_CREATE: its callback deadline and token lifetime start now."""
        self.dispatched[interaction["id"]] = interaction
        self._dispatched_at[interaction["id"]] = self.clock()
        self._by_token[interaction["token"]] = interaction["id"]

    def original_response(self, token: str) -> JSON | None:
        """The current state of the original response of the interaction with ``token``, if any."""
        message_id = self._originals.get(token)
        return None if message_id is None else self.store.messages.get(message_id)

    def routes(self) -> list[Route]:
        webhook_message = "/webhooks/{app_id}/{token}/messages/{message_id}"
        return [
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._callback),
            ("POST", "/webhooks/{app_id}/{token}", self._followup),
            ("GET", webhook_message, self._get_webhook_message),
            ("PATCH", webhook_message, self._edit_webhook_message),
            ("DELETE", webhook_message, self._delete_webhook_message),
        ]

    # --- callbacks -------------------------------------------------------------------------------

    async def _callback(self, request: web.Request) -> web.StreamResponse:
        """Answer like ``?with_response=1``: the interaction, plus the message for 4, 5 and 7."""
        interaction_id, token = request.match_info["interaction_id"], request.match_info["token"]
        source = self._unanswered(interaction_id)
        body, files = request[BODY] or {}, request[FILES]
        self._refuse_callback(source, body, files)
        kind, data = body["type"], body.get("data") or {}
        self._acknowledged.add(interaction_id)
        message = await self._callback_message(kind, data, files, source, token)
        callback: JSON = {"id": interaction_id, "type": source["type"]}
        if message is not None:
            callback["response_message_id"] = message["id"]
            callback["response_message_loading"] = bool(message["flags"] & LOADING)
            callback["response_message_ephemeral"] = bool(message["flags"] & EPHEMERAL)
        answer: JSON = {"interaction": callback}
        if message is not None and kind in (MESSAGE, DEFERRED_MESSAGE, UPDATE_MESSAGE):
            answer["resource"] = {"type": kind, "message": message}
        return json_response(answer)

    def _unanswered(self, interaction_id: str) -> JSON:
        """The interaction a callback answers; Discord's refusal if it is unknown, late or answered."""
        dispatched_at = self._dispatched_at.get(interaction_id)
        if dispatched_at is None or self.clock() - dispatched_at > self.deadline:
            raise DiscordError(404, UNKNOWN_INTERACTION, "Unknown interaction")
        if interaction_id in self._acknowledged:
            raise DiscordError(400, ALREADY_ACKNOWLEDGED, "Interaction has already been acknowledged.")
        return self.dispatched[interaction_id]

    def _refuse_callback(self, source: JSON, body: JSON, files: list[UploadedFile]) -> None:
        """Raise Discord's refusal of the callback ``body`` to ``source``, if it has one."""
        kind, data = body.get("type"), body.get("data") or {}
        taken = CALLBACKS_TAKEN.get(source["type"], ())
        if kind not in taken:
            choices = ", ".join(map(str, taken))
            refuse_violations(
                [limits.Violation(("type",), "BASE_TYPE_CHOICES", f"Value must be one of {{{choices}}}.")]
            )
        refuse_violations(limits.callback_violations(body))
        self.store.refuse_oversized(files)
        if kind in (DEFERRED_UPDATE, UPDATE_MESSAGE) and "message" not in source:
            raise DiscordError(404, UNKNOWN_MESSAGE, "Unknown Message")  # a modal opened by a command
        if kind == MESSAGE:
            self.store.refuse_empty(data, files)
        elif kind == UPDATE_MESSAGE:
            clicked = source["message"]
            self.store.refuse_empty(data, files, self.store.messages.get(clicked["id"], clicked))

    async def _callback_message(
        self, kind: int, data: JSON, files: list[UploadedFile], source: JSON, token: str
    ) -> JSON | None:
        """Create or update the message a callback of type ``kind`` stands for."""
        if kind in (MESSAGE, DEFERRED_MESSAGE):
            flags = data.get("flags", 0) | (LOADING if kind == DEFERRED_MESSAGE else 0)
            message = self.store.create(source["channel_id"], data, files, source=source, flags=flags)
            self._originals[token] = message["id"]
            return await self.store.announce_new(message)
        if kind in (DEFERRED_UPDATE, UPDATE_MESSAGE):
            clicked = source["message"]
            self.store.messages.setdefault(clicked["id"], clicked)
            self._originals[token] = clicked["id"]
            if kind == UPDATE_MESSAGE:
                return await self.store.edit(clicked["id"], data, files)
            return self.store.messages[clicked["id"]]
        return None

    # --- webhooks: follow-ups and responses --------------------------------------------------------

    def _answered(self, token: str) -> JSON:
        """The interaction whose token a webhook route uses; Discord's refusal if it would not honour it."""
        interaction_id = self._by_token.get(token)
        if interaction_id is None:
            raise DiscordError(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        if self.clock() - self._dispatched_at[interaction_id] > self.token_lifetime:
            raise DiscordError(401, INVALID_WEBHOOK_TOKEN, "Invalid Webhook Token")
        if interaction_id not in self._acknowledged:
            raise DiscordError(404, UNKNOWN_WEBHOOK, "Unknown Webhook")
        return self.dispatched[interaction_id]

    async def _followup(self, request: web.Request) -> web.Response:
        source = self._answered(request.match_info["token"])
        self.store.refuse_new(request[BODY], request[FILES])
        message = self.store.create(source["channel_id"], request[BODY] or {}, request[FILES], source=source)
        await self.store.announce_new(message)
        if request.query.get("wait") in ("1", "true", "True"):
            return json_response(message)
        return web.Response(status=204)

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        return json_response(self.store.get(self._webhook_message_id(request)))

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        message_id = self._webhook_message_id(request)
        self.store.refuse_edit(message_id, request[BODY], request[FILES])
        return json_response(await self.store.edit(message_id, request[BODY] or {}, request[FILES]))

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        await self.store.delete(self._webhook_message_id(request))
        return web.Response(status=204)

    def _webhook_message_id(self, request: web.Request) -> str:
        """The message a webhook message route names (``@original``: the response), once the token is honoured."""
        token = request.match_info["token"]
        self._answered(token)
        message_id = request.match_info["message_id"]
        return self._originals.get(token, "") if message_id == "@original" else message_id
