"""HTML from page data: Jinja2 templates with autoescaping on, so every name and passage is text, never markup."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.web.page import ServerPage

TEMPLATES = Path(__file__).resolve().parent / "templates"

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_page(page: ServerPage, token: str) -> bytes:
    """A server's page as UTF-8 HTML; ``token`` makes the map's link relative to the page."""
    return _environment.get_template("page.html").render(page=page, token=token).encode()


def render_not_found() -> bytes:
    return _environment.get_template("not_found.html").render().encode()
