"""HTTP plumbing shared by the fake's routes: request bodies, JSON answers, Discord's errors.

A route refuses a request the way Discord would by raising :class:`DiscordError`;
the server turns it into Discord's JSON error body and records it.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, hdrs, web

from . import limits

JSON = dict[str, Any]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Route = tuple[str, str, Handler]
"""An HTTP method, a path under ``/api/v10`` (aiohttp syntax) and its handler."""
BODY = web.RequestKey("body", Any)
FILES = web.RequestKey("files", list["UploadedFile"])

UNKNOWN_MESSAGE = 10008
UNKNOWN_WEBHOOK = 10015
REQUEST_ENTITY_TOO_LARGE = 40005
CANNOT_SEND_EMPTY_MESSAGE = 50006
THREAD_ALREADY_CREATED = 160004
INVALID_WEBHOOK_TOKEN = 50027


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


class DiscordError(Exception):
    """Discord's answer to a request it refuses: an HTTP status and a JSON error code.

    ``violations`` are the broken limits behind a 400 Invalid Form Body (code 50035).
    """

    def __init__(self, status: int, code: int, message: str, violations: Iterable[limits.Violation] = ()) -> None:
        super().__init__(f"{status} (code {code}): {message}")
        self.status = status
        self.code = code
        self.message = message
        self.violations = list(violations)

    @classmethod
    def invalid_form_body(cls, violations: Iterable[limits.Violation]) -> DiscordError:
        """400, code 50035, with the violations nested by path as Discord nests them."""
        return cls(400, limits.INVALID_FORM_BODY, "Invalid Form Body", violations)

    def response(self) -> web.Response:
        """The error body Discord sends."""
        if self.violations:
            return json_response(limits.invalid_form_body(self.violations), status=self.status)
        return json_response({"message": self.message, "code": self.code}, status=self.status)


def refuse_violations(violations: list[limits.Violation]) -> None:
    """Raise Discord's 400 Invalid Form Body if ``violations`` is not empty."""
    if violations:
        raise DiscordError.invalid_form_body(violations)


def json_response(data: Any, *, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    """A JSON response whose Content-Type is exactly ``application/json``.

    discord.py compares the header verbatim, so aiohttp's usual ``; charset=utf-8``
    would make it treat every body as plain text.
    """
    all_headers = {**(headers or {}), hdrs.CONTENT_TYPE: "application/json"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


def response_json(response: web.StreamResponse) -> Any:
    """The JSON body the fake answered with, or None."""
    body = getattr(response, "body", None)
    if response.content_type != "application/json" or not isinstance(body, bytes):
        return None
    return json.loads(body)


async def read_body(request: web.Request) -> tuple[Any, list[UploadedFile]]:
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
