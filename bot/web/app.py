"""The web process's HTTP side: aiohttp routes for ``/s/<token>`` and its map, with caches and headers.

A token is looked up in the database at most every ``cache_seconds``, and a page is
never served older than that (rebuilt in the background after half of it), so
``/web off``, a new ``/web on`` or ``/web hide-me`` reaches readers within that time
plus the browser's ``max-age``: under a minute. Maps are drawn in a worker thread;
concurrent requests for a page being built wait for that one build.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from aiohttp import web

from bot.clock import Clock
from bot.reactions.reaction_map import MapData, render_map
from bot.storage.web_pages import PublishedPage
from bot.web.gather import PageSource
from bot.web.render import render_not_found, render_page

log = logging.getLogger(__name__)

TOKEN_PATTERN = r"[A-Za-z0-9_-]{20,64}"
DEFAULT_CACHE_SECONDS = 30.0
MAX_AGE_SECONDS = 20
"""How long browsers may keep a page without asking again (then ETag revalidation)."""
MAX_TOKENS_CACHED = 4096
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none';"
    " form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Robots-Tag": "noindex",
}
"""No script, nothing fetched from elsewhere, and the token never leaves in a Referer."""
HTML = "text/html; charset=utf-8"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Body:
    data: bytes
    content_type: str
    etag: str


def body(data: bytes, content_type: str) -> Body:
    return Body(data, content_type, '"' + hashlib.sha256(data).hexdigest()[:32] + '"')


class TimedCache(Generic[K, V]):
    """Values kept for ``fresh`` seconds of the injected clock, at most ``size`` of them, one load per key at
    a time. For ``stale`` seconds more a value is still served while a reload runs in the background, so
    readers never wait on a rebuild; after that the next reader waits for the reload."""

    def __init__(self, clock: Clock, fresh: float, stale: float = 0.0, size: int = MAX_TOKENS_CACHED) -> None:
        self._clock, self._fresh, self._stale, self._size = clock, fresh, stale, size
        self._values: OrderedDict[K, tuple[float, V]] = OrderedDict()
        self._loading: dict[K, asyncio.Future[V]] = {}
        self._background: set[asyncio.Task[V]] = set()

    async def get(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        kept = self._values.get(key)
        if kept is not None:
            age = self._clock.timestamp() - kept[0]
            if age < self._fresh:
                return kept[1]
            if age < self._fresh + self._stale:
                if key not in self._loading:
                    task = asyncio.create_task(self._load(key, load))
                    self._background.add(task)
                    task.add_done_callback(self._reloaded)
                return kept[1]
        if key in self._loading:
            return await asyncio.shield(self._loading[key])
        return await self._load(key, load)

    async def _load(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        now = self._clock.timestamp()
        future: asyncio.Future[V] = asyncio.get_running_loop().create_future()
        self._loading[key] = future
        try:
            value = await load()
        except BaseException as error:
            future.set_exception(error)
            future.exception()  # retrieved: waiters get it, nobody is warned about it
            raise
        finally:
            del self._loading[key]
        future.set_result(value)
        self._store(key, now, value)
        return value

    def _reloaded(self, task: asyncio.Task[V]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("Reloading a cached page failed; the next request tries again: %s", task.exception())

    def _store(self, key: K, now: float, value: V) -> None:
        self._values[key] = (now, value)
        self._values.move_to_end(key)
        while len(self._values) > self._size:
            self._values.popitem(last=False)


class Site:
    """The handlers and their caches: tokens, pages and maps."""

    def __init__(self, source: PageSource, clock: Clock, cache_seconds: float) -> None:
        self.source = source
        half = cache_seconds / 2  # a page is never served older than cache_seconds
        self._tokens: TimedCache[str, PublishedPage | None] = TimedCache(clock, cache_seconds)
        self._pages: TimedCache[tuple[int, str, str], Body] = TimedCache(clock, half, half)
        self._maps: TimedCache[int, Body | None] = TimedCache(clock, half, half)
        self._drawn: dict[int, tuple[MapData, Body]] = {}
        self._not_found = body(render_not_found(), HTML)

    async def published(self, request: web.Request) -> PublishedPage | None:
        token = request.match_info["token"]
        return await self._tokens.get(token, lambda: self.source.pages.of_token(token))

    async def page(self, request: web.Request) -> web.StreamResponse:
        published = await self.published(request)
        if published is None:
            return self.not_found(request)
        key = (published.guild_id, published.token, published.guild_name)
        return respond(request, await self._pages.get(key, lambda: self._build_page(published)))

    async def map_png(self, request: web.Request) -> web.StreamResponse:
        published = await self.published(request)
        if published is None:
            return self.not_found(request)
        png = await self._maps.get(published.guild_id, lambda: self._draw_map(published.guild_id))
        return self.not_found(request) if png is None else respond(request, png)

    @web.middleware
    async def errors(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Our 404 page for any unknown path; a short 503, logged, when the database fails."""
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return self.not_found(request)
        except web.HTTPException:
            raise
        except Exception:
            log.exception("Serving %s failed", request.path)
            return web.Response(status=503, text="Folio cannot read its data right now; try again in a moment.")

    async def index(self, request: web.Request) -> web.StreamResponse:
        """The site's root lists nothing: a server's page is reached only by its link."""
        return self.not_found(request)

    def not_found(self, request: web.Request) -> web.StreamResponse:
        response = web.Response(body=self._not_found.data, status=404, content_type="text/html", charset="utf-8")
        response.headers.update(SECURITY_HEADERS)
        response.headers["Cache-Control"] = "no-cache"
        return response

    async def _build_page(self, published: PublishedPage) -> Body:
        page = await self.source.page(published)
        return body(render_page(page, published.token), HTML)  # about a millisecond

    async def _draw_map(self, guild_id: int) -> Body | None:
        """The server's map, drawn again only when what it shows has changed."""
        data = await self.source.map(guild_id)
        if data is None:
            return None
        drawn = self._drawn.get(guild_id)
        if drawn is not None and drawn[0] == data:
            return drawn[1]
        png = body(await asyncio.to_thread(render_map, data), "image/png")
        self._drawn[guild_id] = (data, png)
        return png


def respond(request: web.Request, content: Body) -> web.StreamResponse:
    """``content`` with its cache headers; 304 when the browser already has it."""
    headers = {**SECURITY_HEADERS, "ETag": content.etag, "Cache-Control": f"public, max-age={MAX_AGE_SECONDS}"}
    if content.etag in (tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")):
        return web.Response(status=304, headers=headers)
    return web.Response(body=content.data, headers={**headers, "Content-Type": content.content_type})


def create_app(source: PageSource, clock: Clock, *, cache_seconds: float = DEFAULT_CACHE_SECONDS) -> web.Application:
    site = Site(source, clock, cache_seconds)
    app = web.Application(middlewares=[site.errors])
    app.router.add_get("/", site.index)
    app.router.add_get(f"/s/{{token:{TOKEN_PATTERN}}}", site.page)
    app.router.add_get(f"/s/{{token:{TOKEN_PATTERN}}}/map.png", site.map_png)
    return app
