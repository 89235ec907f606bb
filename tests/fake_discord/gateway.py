"""The fake gateway: the websocket half of Discord, one bot connection at a time."""

from __future__ import annotations

import asyncio
import json
import secrets
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

from . import payloads
from .journal import Journal

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT = 0, 1, 2, 6, 7
REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 8, 9, 10, 11

GUILDS, GUILD_MEMBERS, GUILD_MESSAGES, GUILD_MESSAGE_REACTIONS = 1 << 0, 1 << 1, 1 << 9, 1 << 10
GUILD_PRESENCES, MESSAGE_CONTENT = 1 << 8, 1 << 15
PRIVILEGED_INTENTS = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT
"""The intents a bot must be approved for (in the developer portal) before it may identify with them."""
INTENT_OF_EVENT = {
    "MESSAGE_CREATE": GUILD_MESSAGES,
    "MESSAGE_UPDATE": GUILD_MESSAGES,
    "MESSAGE_DELETE": GUILD_MESSAGES,
    "MESSAGE_REACTION_ADD": GUILD_MESSAGE_REACTIONS,
    "MESSAGE_REACTION_REMOVE": GUILD_MESSAGE_REACTIONS,
    "MESSAGE_REACTION_REMOVE_ALL": GUILD_MESSAGE_REACTIONS,
    "MESSAGE_REACTION_REMOVE_EMOJI": GUILD_MESSAGE_REACTIONS,
    "THREAD_CREATE": GUILDS,
    "GUILD_MEMBER_ADD": GUILD_MEMBERS,
    "GUILD_MEMBER_REMOVE": GUILD_MEMBERS,
    "GUILD_MEMBER_UPDATE": GUILD_MEMBERS,
}
"""Guild events Discord only sends to a session that asked for the intent (a subset)."""
CONTENT_FIELDS = ("content", "embeds", "attachments", "components")


def subscribed(event: str, intents: int) -> bool:
    """Whether Discord sends ``event`` to a session identified with ``intents``."""
    needed = INTENT_OF_EVENT.get(event)
    return needed is None or bool(intents & needed)


def as_seen_with(intents: int, event: str, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as Discord delivers it to a session with ``intents``.

    Without MESSAGE_CONTENT, guild messages arrive with empty content, embeds,
    attachments and components, unless the bot wrote them or is mentioned.
    Without GUILD_MEMBERS, GUILD_CREATE lists only the bot itself.
    """
    if event == "GUILD_CREATE" and not intents & GUILD_MEMBERS:
        bot_id = str(payloads.BOT.id)
        return {**data, "members": [m for m in data["members"] if m["user"]["id"] == bot_id]}
    if event in ("MESSAGE_CREATE", "MESSAGE_UPDATE") and not intents & MESSAGE_CONTENT and not _for_bot(data):
        return {**data, **{key: "" if key == "content" else [] for key in CONTENT_FIELDS if key in data}}
    return data


def _for_bot(message: dict[str, Any]) -> bool:
    bot_id = str(payloads.BOT.id)
    return message.get("author", {}).get("id") == bot_id or any(u["id"] == bot_id for u in message.get("mentions", []))


@dataclass(frozen=True)
class GatewayFrame:
    """One frame the bot sent over the gateway."""

    index: int
    op: int
    d: Any


class FakeGateway:
    """Speaks the gateway protocol: HELLO, IDENTIFY/READY, heartbeats, RESUME, dispatches.

    Plain JSON text frames are sent even though the bot asks for ``compress=zlib-stream``;
    discord.py only decompresses binary frames.
    """

    def __init__(self, *, heartbeat_interval_ms: int, guild_id: int) -> None:
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.guild_id = guild_id
        self.url = ""
        self.intents = 0
        self.received: Journal[GatewayFrame] = Journal()
        self._ws: web.WebSocketResponse | None = None
        self._session_id: str | None = None
        self._sequence = 0
        self._send_lock = asyncio.Lock()
        self._ready = asyncio.Event()

    @property
    def ready(self) -> bool:
        """Whether a session is open and the guild has been sent (or the session resumed)."""
        return self._ready.is_set()

    async def wait_until_ready(self, timeout: float = 10.0) -> None:
        """Wait until the bot has identified (or resumed) and received its guild."""
        async with asyncio.timeout(timeout):
            await self._ready.wait()

    async def wait_for_frame(self, op: int, *, since: int, timeout: float = 10.0) -> GatewayFrame:
        """The first frame with opcode ``op`` the bot sent at or after index ``since``."""
        return await self.received.wait_for(lambda frame: frame.op == op, since=since, timeout=timeout)

    def receives(self, event: str) -> bool:
        """Whether the bot's session asked for the intent ``event`` needs."""
        return subscribed(event, self.intents)

    async def dispatch(self, event: str, data: Any) -> int:
        """Send a DISPATCH (op 0) for ``event`` with the next sequence number; returns it.

        The payload is first reduced to what the session's intents allow (see :func:`as_seen_with`).
        """
        if not self.ready:
            raise RuntimeError(f"cannot dispatch {event}: the bot has no ready gateway session")
        return await self._send_dispatch(event, data)

    async def request_reconnect(self) -> None:
        """Send RECONNECT (op 7): the bot should reconnect and RESUME its session."""
        self._ready.clear()
        await self._send({"op": RECONNECT, "d": None, "s": None, "t": None})

    async def close(self) -> None:
        """Close the current connection, if any (going away)."""
        if self._ws is not None:
            await self._ws.close(code=1001)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """aiohttp handler for the gateway URL: one connection's whole life."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        hello = {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ['["fake-gateway",{}]']}
        await self._send({"op": HELLO, "d": hello, "s": None, "t": None})
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                await self._on_frame(json.loads(message.data))
        if self._ws is ws:
            self._ws = None
            self._ready.clear()
        return ws

    async def _on_frame(self, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        self.received.append(GatewayFrame(self.received.mark(), op, data))
        if op == HEARTBEAT:
            await self._send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            await self._start_session(data)
        elif op == RESUME:
            await self._resume(data)
        elif op == REQUEST_MEMBERS:
            await self._send_dispatch("GUILD_MEMBERS_CHUNK", payloads.members_chunk(self.guild_id, data.get("nonce")))

    async def _start_session(self, identify: dict[str, Any]) -> None:
        self._session_id = secrets.token_hex(16)
        self._sequence = 0
        self.intents = identify.get("intents", 0)
        ready = payloads.ready(self._session_id, self.url, self.guild_id)
        if "shard" in identify:
            ready["shard"] = identify["shard"]
        await self._send_dispatch("READY", ready)
        await self._send_dispatch("GUILD_CREATE", payloads.guild(self.guild_id))
        self._ready.set()

    async def _resume(self, resume: dict[str, Any]) -> None:
        if resume.get("session_id") != self._session_id:
            await self._send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        await self._send_dispatch("RESUMED", {"_trace": ['["fake-gateway",{}]']})
        self._ready.set()

    async def _send_dispatch(self, event: str, data: Any) -> int:
        visible = as_seen_with(self.intents, event, data)
        async with self._send_lock:
            self._sequence += 1
            await self._send_unlocked({"op": DISPATCH, "t": event, "s": self._sequence, "d": visible})
            return self._sequence

    async def _send(self, frame: dict[str, Any]) -> None:
        async with self._send_lock:
            await self._send_unlocked(frame)

    async def _send_unlocked(self, frame: dict[str, Any]) -> None:
        if self._ws is None or self._ws.closed:
            raise RuntimeError("the bot is not connected to the fake gateway")
        await self._ws.send_str(json.dumps(frame))
