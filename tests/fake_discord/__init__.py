"""A loopback fake Discord (REST + gateway) for running the real bot in tests."""

from .gateway import GatewayFrame
from .interactions import FakeClock
from .server import FakeDiscord, RecordedRequest
from .wire import DiscordError, UploadedFile

__all__ = [
    "DiscordError",
    "FakeClock",
    "FakeDiscord",
    "GatewayFrame",
    "RecordedRequest",
    "UploadedFile",
]
