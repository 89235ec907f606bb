"""The public page in a real browser: headless Chromium screenshots at a desktop's and a phone's size.

Needs Debian's ``chromium`` (``.ci/run`` installs it); without it the test is skipped,
except under CI, where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import matplotlib.image
import pytest
import pytest_asyncio

from benchmarks.web_seed import START, seed_server
from bot.storage.database import Database
from bot.storage.web_pages import PublishedPage
from tests.e2e.web_site import WebSite, running_site
from tests.fake_discord.bot_clock import BotClock
from tests.postgres import DatabaseTarget

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
KEEP = os.environ.get("FOLIO_WEB_SCREENSHOTS")
"""A folder to keep the screenshots in (for the docs); unset: they stay in the test's temporary folder."""

if CHROMIUM is None and not os.environ.get("CI"):
    pytest.skip("chromium is not installed (apt-get install chromium); CI installs it", allow_module_level=True)


def screenshot(url: str, size: tuple[int, int], out: Path, profile: Path, *, dark: bool = False) -> None:
    """Chromium's picture of ``url`` in a window of ``size``, with a fresh profile and nothing fetched besides."""
    assert CHROMIUM is not None, "CI is set and chromium is missing: .ci/run should have installed it"
    flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--hide-scrollbars", "--force-device-scale-factor=1",
        f"--window-size={size[0]},{size[1]}", f"--screenshot={out}",
    ]
    if dark:
        flags.append("--force-dark-mode")
    subprocess.run([CHROMIUM, *flags, url], check=True, capture_output=True, timeout=120)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


@pytest_asyncio.fixture(loop_scope="module")
async def published(database_target: DatabaseTarget) -> PublishedPage:
    async with Database.opened(database_target) as database:
        return await seed_server(database, 1_300_000_000_000_000_100, "The Nemeton Book Club", now=START)


@pytest_asyncio.fixture(loop_scope="module")
async def site(database_target: DatabaseTarget, published: PublishedPage, tmp_path: Path) -> AsyncIterator[WebSite]:
    async with running_site(database_target, BotClock(tmp_path / "clock", START)) as running:
        yield running


@pytest.mark.parametrize(("name", "dark"), [("desktop", False), ("phone", False), ("phone", True)])
async def test_the_page_renders_at_desktop_and_phone_sizes(
    site: WebSite, published: PublishedPage, tmp_path: Path, name: str, dark: bool
) -> None:
    out = tmp_path / f"web-page-{name}{'-dark' if dark else ''}.png"
    screenshot(f"{site.base}/s/{published.token}", SIZES[name], out, tmp_path / "profile", dark=dark)
    assert png_size(out) == SIZES[name]
    pixels = matplotlib.image.imread(out)
    background = pixels[5, 5, :3].mean()
    assert (background < 0.3) == dark, "the theme follows the browser's colour scheme"
    assert pixels[..., :3].std() > 0.05, "the page drew something"
    if KEEP:
        shutil.copy(out, Path(KEEP) / out.name)
