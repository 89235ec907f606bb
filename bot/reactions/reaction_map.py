"""A picture of what readers love: reactions along a work, section by section, per emoji.

Rendered with matplotlib's Agg canvas (no display, no pyplot state), so it is safe to
call from a worker thread: run :func:`render_map` with ``asyncio.to_thread``. Sized and
lettered to stay readable when a phone shrinks it to the width of a chat.
"""

from __future__ import annotations

import io
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.storage.passages import WorkOutline
from bot.text.excerpt import shorten
from bot.text.markup import plain_text
from bot.text.model import Passage
from bot.text.sections import chart_labels

COLOURS = ("#E69F00", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#999999")
"""Okabe–Ito: told apart with colour-blindness too; the last one is "other"."""
MAX_EMOJI_SERIES = 5
LABELLED_PASSAGES = 3
LABEL_CHARS = 34
WIDTH_INCHES, HEIGHT_INCHES, DPI = 10, 5.6, 110
FONT_SIZE = 15
HEADROOM = 1.5
MARGINS = {"left": 0.09, "right": 0.985, "top": 0.92, "bottom": 0.25}
"""The y-axis reaches this many times the tallest bar: room for the labels above the bars."""


@dataclass(frozen=True, slots=True)
class Highlight:
    """A most-loved passage to label: its section, a few words, its votes."""

    section: int
    words: str
    votes: int


@dataclass(frozen=True, slots=True)
class MapData:
    title: str
    section_names: list[str]
    """Every section of the work, in order (the x-axis)."""
    section_votes: dict[int, Counter[str]]
    """Votes per emoji, by section index."""
    highlights: list[Highlight]


def map_data(
    title: str,
    outline: WorkOutline,
    by_section: Iterable[tuple[int, str, int]],
    loved: Iterable[tuple[Passage, int]],
) -> MapData:
    """The map of a work from its (section, emoji, votes) rows and its most-loved (paragraph, votes)."""
    order = sorted(outline.sections)
    position = {section: index for index, section in enumerate(order)}
    section_votes: dict[int, Counter[str]] = {}
    for section, emoji, count in by_section:
        if section in position:
            section_votes.setdefault(position[section], Counter())[emoji] += count
    highlights = [
        Highlight(position[paragraph.section], paragraph.text, votes)
        for paragraph, votes in loved
        if paragraph.section in position
    ]
    return MapData(title, chart_labels(outline.structure, len(order)), section_votes, highlights)


def emoji_name(key: str) -> str:
    """A legend label: a custom emoji's ``:name:``, else the unicode name (fonts lack emoji glyphs)."""
    name, _, emoji_id = key.partition(":")
    if emoji_id:
        return f":{name}:"
    words = [unicodedata.name(character, "") for character in key if unicodedata.category(character) != "Mn"]
    label = " ".join(word for word in words if word).lower() or "emoji"
    return shorten(label, 24)


def series(data: MapData) -> list[tuple[str, list[int]]]:
    """(label, votes per section) for the most used emoji, the rest folded into "other"."""
    totals: Counter[str] = Counter()
    for counts in data.section_votes.values():
        totals.update(counts)
    main = [emoji for emoji, _ in totals.most_common(MAX_EMOJI_SERIES)]
    sections = range(len(data.section_names))
    result = [(emoji_name(emoji), [data.section_votes.get(s, Counter())[emoji] for s in sections]) for emoji in main]
    other = [sum(n for e, n in data.section_votes.get(s, Counter()).items() if e not in main) for s in sections]
    if any(other):
        result.append(("other", other))
    return result


def render_map(data: MapData) -> bytes:
    """The map as PNG bytes."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    figure.subplots_adjust(**MARGINS)  # fixed margins: a layout engine would cost a second drawing pass
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(1, len(data.section_names) + 1))
    bottoms = [0] * len(positions)
    for colour, (label, votes) in zip(COLOURS, series(data)):
        axes.bar(
            positions, votes, bottom=bottoms, color=colour, label=label, width=0.8, edgecolor="white", linewidth=0.5
        )
        bottoms = [b + v for b, v in zip(bottoms, votes)]
    _label_highlights(axes, data.highlights, bottoms)
    axes.set_title(shorten(f"What readers love in {data.title}", 60), fontsize=FONT_SIZE + 3, loc="left")
    axes.set_xlabel("Chapter", fontsize=FONT_SIZE)
    axes.set_ylabel("Reactions", fontsize=FONT_SIZE)
    axes.tick_params(labelsize=FONT_SIZE - 2)
    step = max(1, -(-len(positions) // 15))
    axes.set_xticks(positions[::step], [name.replace("$", r"\$") for name in data.section_names[::step]])
    axes.set_xlim(0.4, len(positions) + 0.6)
    axes.set_ylim(0, max(bottoms, default=0) * HEADROOM + 1)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    figure.legend(fontsize=FONT_SIZE - 2, loc="lower center", frameon=False, ncols=3)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _label_highlights(axes: Axes, highlights: list[Highlight], heights: list[int]) -> None:
    """Name the most-loved passages in the space above the bars, one row each, pointing down at their sections."""
    tallest = max(heights, default=0)
    sections = max(len(heights), 1)
    for rank, highlight in enumerate(highlights[:LABELLED_PASSAGES]):
        x = highlight.section + 1
        share = x / sections
        align, leaves_from = ("left", 0.0) if share < 0.3 else (("right", 1.0) if share > 0.7 else ("center", 0.5))
        axes.annotate(
            f"“{shorten(plain_words(highlight.words), LABEL_CHARS)}” · {highlight.votes}",
            xy=(x, heights[highlight.section] if highlight.section < len(heights) else 0),
            xytext=(x, tallest * (HEADROOM - 0.08 - 0.11 * rank) + 1),
            ha=align,
            va="center",
            fontsize=FONT_SIZE - 2,
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white", "edgecolor": "#888888", "alpha": 0.95},
            arrowprops={"arrowstyle": "-", "color": "#444444", "linewidth": 0.9, "relpos": (leaves_from, 0.0)},
        )


def plain_words(text: str) -> str:
    """A passage's words without the marks around them: quotes, and book or Discord markup."""
    return " ".join(plain_text(text).split()).strip("“”\"'‘’ ")
