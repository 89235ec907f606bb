"""The mentions chart: a real PNG of the intended size, for short and long works."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from bot.charts.mentions import BAR_COLOUR, DPI, FIRST_COLOUR, HEIGHT_INCHES, WIDTH_INCHES, mentions_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 200_000
"""Far below Discord's 10 MiB upload limit, and quick to send."""


def image(png: bytes) -> Image.Image:
    return Image.open(BytesIO(png))


def colours_in(png: bytes) -> set[tuple[int, int, int]]:
    return {rgb for _, rgb in image(png).convert("RGB").getcolors(maxcolors=1 << 20)}


def colour(hex_code: str) -> tuple[int, int, int]:
    return tuple(int(hex_code[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def test_a_short_work_gives_a_png_of_the_intended_size() -> None:
    png = mentions_chart([17, 23, 5, 38], title="Derek: mentions by scene", section_label="Scene", first_section=0)
    assert png.startswith(PNG_SIGNATURE) and len(png) < MAX_BYTES
    shown = image(png)
    assert shown.format == "PNG"
    assert shown.size == (round(WIDTH_INCHES * DPI), round(HEIGHT_INCHES * DPI))


def test_the_first_appearance_is_drawn_in_its_own_colour() -> None:
    highlighted = colours_in(mentions_chart([3, 9], title="A", section_label="Scene", first_section=1))
    assert colour(FIRST_COLOUR) in highlighted and colour(BAR_COLOUR) in highlighted
    assert colour(FIRST_COLOUR) not in colours_in(mentions_chart([3, 9], title="A", section_label="Scene"))


def test_a_long_novel_and_an_unusual_title_still_render() -> None:
    counts = [(i * 37) % 50 for i in range(120)]
    png = mentions_chart(counts, title="Mr. $ Money: mentions by chapter", section_label="Chapter", first_section=3)
    assert png.startswith(PNG_SIGNATURE) and len(png) < MAX_BYTES


def test_a_character_never_mentioned_gives_an_empty_chart() -> None:
    assert mentions_chart([0, 0, 0], title="Nobody", section_label="Scene").startswith(PNG_SIGNATURE)
