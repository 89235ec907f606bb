"""A loopback fake Discord (REST + gateway) for running the real bot in tests."""

from .failures import InjectedFailure
from .gateway import GatewayFrame
from .interactions import FakeClock
from .server import FakeDiscord, RecordedRequest
from .wire import DiscordError, UploadedFile

__all__ = [
    "DiscordError",
    "FakeClock",
    "FakeDiscord",
    "GatewayFrame",
    "InjectedFailure",
    "RecordedRequest",
    "UploadedFile",
]
