"""A loopback fake Discord (REST + gateway) for running the real bot in tests."""

from .gateway import GatewayFrame
from .server import FakeDiscord, RecordedRequest, UploadedFile

__all__ = ["FakeDiscord", "GatewayFrame", "RecordedRequest", "UploadedFile"]
