"""Failures a test asks for: a 429 or a 5xx on the next matching requests, to prove the bot retries.

A 429 looks like Discord's: a JSON body with ``retry_after`` (seconds, what
discord.py sleeps) and ``global``, and the ``Retry-After``, ``X-RateLimit-*``
and ``Via`` headers. discord.py takes a 429 without ``Via`` for a Cloudflare ban
and gives up, so ``Via`` is always there. discord.py retries a 429 after
``retry_after``; a 500, 502, 504 or 524 after 1 s (then 3 s, ...), and on webhook
and interaction routes any 5xx; its REST client raises ``DiscordServerError`` on a 503.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from http import HTTPStatus

from aiohttp import web

from .wire import json_response

TOO_MANY_REQUESTS = 429
RATE_LIMIT_SCOPES = ("user", "global", "shared")


@dataclass
class InjectedFailure:
    """Answer the next ``remaining`` requests matching ``method`` and ``path_regex`` with ``status``."""

    method: str
    path_regex: str
    status: int
    retry_after: float
    remaining: int
    scope: str = "user"
    _pattern: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.status != TOO_MANY_REQUESTS and not 500 <= self.status <= 599:
            raise ValueError(f"inject a 429 or a 5xx, not {self.status}")
        if self.scope not in RATE_LIMIT_SCOPES:
            raise ValueError(f"a rate limit scope is one of {RATE_LIMIT_SCOPES}, not {self.scope!r}")
        self._pattern = re.compile(self.path_regex)

    def matches(self, method: str, path: str) -> bool:
        """Whether this failure still applies to ``method path`` (``path`` without ``/api/v10``)."""
        return self.remaining > 0 and method == self.method.upper() and self._pattern.fullmatch(path) is not None

    def response(self) -> web.Response:
        """Discord's answer: a rate limit, or a server error."""
        if self.status != TOO_MANY_REQUESTS:
            return json_response({"message": f"{self.status}: {_reason(self.status)}", "code": 0}, status=self.status)
        is_global = self.scope == "global"
        body = {"message": "You are being rate limited.", "retry_after": self.retry_after, "global": is_global}
        headers = {
            "Retry-After": str(math.ceil(self.retry_after)),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + self.retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
            "X-RateLimit-Bucket": "fake-bucket",
            "X-RateLimit-Scope": self.scope,
            "Via": "1.1 google",
        }
        if is_global:
            headers["X-RateLimit-Global"] = "true"
        return json_response(body, status=TOO_MANY_REQUESTS, headers=headers)


class FailurePlan:
    """The failures still to inject, first asked first used."""

    def __init__(self) -> None:
        self._planned: list[InjectedFailure] = []

    def add(self, failure: InjectedFailure) -> InjectedFailure:
        self._planned.append(failure)
        return failure

    def take(self, method: str, path: str) -> InjectedFailure | None:
        """The failure to answer ``method path`` with, counting it as used; None to answer normally."""
        failure = next((planned for planned in self._planned if planned.matches(method, path)), None)
        if failure is not None:
            failure.remaining -= 1
            if failure.remaining == 0:
                self._planned.remove(failure)
        return failure


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # 524 and other non-standard statuses
        return "Server Error"
