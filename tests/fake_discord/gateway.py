"""The fake gateway: the websocket half of Discord, one connection per shard."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Callable, Sequence
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
    """One frame the bot sent over the gateway (on the connection of shard ``shard``, once known)."""

    index: int
    op: int
    d: Any
    shard: int | None = None


@dataclass
class GatewaySession:
    """One shard's session: its connection (replaced when it resumes), sequence and intents."""

    session_id: str
    shard: tuple[int, int]
    intents: int
    ws: web.WebSocketResponse
    sequence: int = 0
    ready: bool = False


class FakeGateway:
    """Speaks the gateway protocol: HELLO, IDENTIFY/READY, heartbeats, RESUME, dispatches, for every shard.

    A bot may open one connection per shard: IDENTIFY with ``"shard": [id, count]`` (none means
    shard 0 of 1). Each guild's events go to the session of its shard, ``(guild_id >> 22) % count``;
    the latest IDENTIFY of a shard takes its guilds. Like Discord, IDENTIFYs of one
    ``max_concurrency`` bucket (``shard_id % max_concurrency``) less than ``identify_interval``
    seconds apart are refused with INVALID_SESSION (op 9); see :attr:`identify_refusals`.

    Plain JSON text frames are sent even though the bot asks for ``compress=zlib-stream``;
    discord.py only decompresses binary frames.
    """

    def __init__(
        self,
        *,
        heartbeat_interval_ms: int,
        guild_ids: Sequence[int],
        max_concurrency: int = 1,
        identify_interval: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.guild_ids = list(guild_ids)
        self.guild_id = self.guild_ids[0]
        self.max_concurrency = max_concurrency
        self.identify_interval = identify_interval
        self.url = ""
        self.received: Journal[GatewayFrame] = Journal()
        self.identify_refusals = 0
        self._clock = clock
        self._sessions: dict[str, GatewaySession] = {}
        self._by_shard: dict[int, GatewaySession] = {}
        self._shard_count = 1
        self._last_identify: dict[int, float] = {}
        self._send_lock = asyncio.Lock()
        self._changed = asyncio.Condition()

    @property
    def intents(self) -> int:
        """The intents of the fake guild's session (0 before one identifies)."""
        session = self._session_of(self.guild_id)
        return session.intents if session else 0

    @property
    def ready(self) -> bool:
        """Whether every guild has a ready session (identified or resumed, its guilds sent)."""
        return all(self.guild_ready(guild_id) for guild_id in self.guild_ids)

    def guild_ready(self, guild_id: int) -> bool:
        session = self._session_of(guild_id)
        return session is not None and session.ready

    def shard_sessions(self) -> dict[int, GatewaySession]:
        """The current session of each shard that identified, by shard id."""
        return dict(self._by_shard)

    async def wait_until_ready(self, timeout: float = 10.0, *, guild_ids: Sequence[int] | None = None) -> None:
        """Wait until the sessions of ``guild_ids`` (default: every guild) are ready."""
        wanted = self.guild_ids if guild_ids is None else list(guild_ids)
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: all(self.guild_ready(guild_id) for guild_id in wanted))

    async def wait_for_frame(self, op: int, *, since: int, timeout: float = 10.0) -> GatewayFrame:
        """The first frame with opcode ``op`` the bot sent at or after index ``since``."""
        return await self.received.wait_for(lambda frame: frame.op == op, since=since, timeout=timeout)

    def receives(self, event: str, guild_id: int | None = None) -> bool:
        """Whether the session of ``guild_id`` (default: the fake guild) asked for the intent ``event`` needs."""
        session = self._session_of(self.guild_id if guild_id is None else guild_id)
        return subscribed(event, session.intents if session else 0)

    async def dispatch(self, event: str, data: Any) -> int:
        """Send a DISPATCH (op 0) for ``event`` on its guild's shard (without a guild, as a direct message's:
        shard 0), with that session's next sequence number.

        The payload is first reduced to what the session's intents allow (see :func:`as_seen_with`).
        """
        guild_id = _guild_of(data)
        session = self._by_shard.get(0) if guild_id is None else self._session_of(guild_id)  # DMs: shard 0
        if session is None or not session.ready:
            raise RuntimeError(f"cannot dispatch {event}: no ready gateway session for guild {guild_id}")
        return await self._send_dispatch(session, event, data)

    async def request_reconnect(self, shard: int | None = None) -> None:
        """Send RECONNECT (op 7) on ``shard`` (default: every shard): the bot should reconnect and RESUME."""
        for session in self._chosen(shard):
            session.ready = False
            await self._send(session.ws, {"op": RECONNECT, "d": None, "s": None, "t": None})

    async def invalidate_session(self, shard: int | None = None, *, resumable: bool = False) -> None:
        """Send INVALID_SESSION (op 9) on ``shard`` (default: every shard): the bot must IDENTIFY again
        (or, if ``resumable``, may RESUME)."""
        for session in self._chosen(shard):
            session.ready = False
            if not resumable:
                self._sessions.pop(session.session_id, None)
            await self._send(session.ws, {"op": INVALID_SESSION, "d": resumable, "s": None, "t": None})

    async def drop(self, shard: int | None = None) -> None:
        """Close the connection of ``shard`` (default: every shard) with 4000, "unknown error": the bot resumes."""
        for session in self._chosen(shard):
            session.ready = False
            await session.ws.close(code=4000)

    async def close(self) -> None:
        """Close every connection (going away)."""
        for session in list(self._by_shard.values()):
            await session.ws.close(code=1001)

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """aiohttp handler for the gateway URL: one connection's whole life."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        hello = {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ['["fake-gateway",{}]']}
        await self._send(ws, {"op": HELLO, "d": hello, "s": None, "t": None})
        async for message in ws:
            if message.type is WSMsgType.TEXT:
                await self._on_frame(ws, json.loads(message.data))
        for session in self._sessions.values():
            if session.ws is ws:
                session.ready = False
        return ws

    def _chosen(self, shard: int | None) -> list[GatewaySession]:
        return [session for shard_id, session in self._by_shard.items() if shard is None or shard_id == shard]

    def _session_of(self, guild_id: int) -> GatewaySession | None:
        return self._by_shard.get(payloads.shard_of(guild_id, self._shard_count))

    def _shard_of_ws(self, ws: web.WebSocketResponse) -> int | None:
        return next((s.shard[0] for s in self._by_shard.values() if s.ws is ws), None)

    async def _on_frame(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        self.received.append(GatewayFrame(self.received.mark(), op, data, self._shard_of_ws(ws)))
        if op == HEARTBEAT:
            await self._send(ws, {"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            await self._start_session(ws, data)
        elif op == RESUME:
            await self._resume(ws, data)
        elif op == REQUEST_MEMBERS:
            session = next(s for s in self._by_shard.values() if s.ws is ws)
            guild_id = int(data.get("guild_id") or self.guild_id)
            await self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", payloads.members_chunk(guild_id, data.get("nonce")))

    async def _start_session(self, ws: web.WebSocketResponse, identify: dict[str, Any]) -> None:
        shard_id, shard_count = identify.get("shard") or (0, 1)
        if self._too_soon(shard_id):
            self.identify_refusals += 1
            await self._send(ws, {"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        if shard_count != self._shard_count:  # a new shard layout: the old sessions no longer route
            self._by_shard.clear()
            self._shard_count = shard_count
        session = GatewaySession(secrets.token_hex(16), (shard_id, shard_count), identify.get("intents", 0), ws)
        self._sessions[session.session_id] = session
        self._by_shard[shard_id] = session
        guilds = [guild_id for guild_id in self.guild_ids if payloads.shard_of(guild_id, shard_count) == shard_id]
        ready = payloads.ready(session.session_id, self.url, guilds)
        if "shard" in identify:
            ready["shard"] = identify["shard"]
        await self._send_dispatch(session, "READY", ready)
        for guild_id in guilds:
            await self._send_dispatch(session, "GUILD_CREATE", payloads.guild(guild_id))
        await self._mark_ready(session)

    def _too_soon(self, shard_id: int) -> bool:
        bucket = shard_id % self.max_concurrency
        now = self._clock()
        last = self._last_identify.get(bucket)
        if last is not None and now - last < self.identify_interval:
            return True
        self._last_identify[bucket] = now
        return False

    async def _resume(self, ws: web.WebSocketResponse, resume: dict[str, Any]) -> None:
        session = self._sessions.get(resume.get("session_id", ""))
        if session is None:
            await self._send(ws, {"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        session.ws = ws
        self._by_shard[session.shard[0]] = session
        await self._send_dispatch(session, "RESUMED", {"_trace": ['["fake-gateway",{}]']})
        await self._mark_ready(session)

    async def _mark_ready(self, session: GatewaySession) -> None:
        session.ready = True
        async with self._changed:
            self._changed.notify_all()

    async def _send_dispatch(self, session: GatewaySession, event: str, data: Any) -> int:
        visible = as_seen_with(session.intents, event, data)
        async with self._send_lock:
            session.sequence += 1
            await self._send_unlocked(session.ws, {"op": DISPATCH, "t": event, "s": session.sequence, "d": visible})
            return session.sequence

    async def _send(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        async with self._send_lock:
            await self._send_unlocked(ws, frame)

    @staticmethod
    async def _send_unlocked(ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        if ws.closed:
            raise RuntimeError("the bot is not connected to the fake gateway")
        await ws.send_str(json.dumps(frame))


def _guild_of(data: Any) -> int | None:
    """The guild a dispatch belongs to (its ``guild_id``), if any."""
    guild_id = data.get("guild_id") if isinstance(data, dict) else None
    return int(guild_id) if guild_id else None
