"""A bar chart of how often a character is mentioned in each section of a work.

Drawn for a phone screen: a wide, short image with large type, section numbers
along the bottom (thinned out for long works), whole-number counts up the side,
and the section of the character's first appearance in a second colour. The
figure is a plain :class:`~matplotlib.figure.Figure` on an Agg canvas (no
pyplot, so no global state); renders are serialised because matplotlib does not
promise thread safety. Call :func:`mentions_chart` in a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from io import BytesIO

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

WIDTH_INCHES, HEIGHT_INCHES, DPI = 6.4, 3.2, 100
"""640 × 320 pixels: Discord shows it whole, phone screens at about half size."""
BAR_COLOUR = "#5865F2"
FIRST_COLOUR = "#EB459E"
TEXT_COLOUR = "#23272A"
BACKGROUND = "#FFFFFF"
"""Opaque white: dark text stays readable in Discord's light and dark themes."""
LABELLED_SECTIONS = 20
"""Up to this many sections every bar is numbered; beyond, the numbers are thinned out."""
TITLE_SIZE, LABEL_SIZE, TICK_SIZE = 18, 15, 14

_rendering = threading.Lock()


def mentions_chart(
    counts: Sequence[int],
    *,
    title: str,
    section_label: str,
    first_section: int | None = None,
    tick_labels: Sequence[str] | None = None,
) -> bytes:
    """A PNG of ``counts`` (mentions per section, in reading order) titled ``title``.

    ``section_label`` names the sections ("Chapter", "Scene") under the x-axis;
    ``first_section`` (index into ``counts``) is the bar drawn in the highlight colour;
    ``tick_labels`` name each section under its bar (its chapter number or title; default 1, 2, 3...).
    """
    numbers = list(range(1, len(counts) + 1))
    colours = [FIRST_COLOUR if index == first_section else BAR_COLOUR for index in range(len(counts))]
    with _rendering:
        figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI, facecolor=BACKGROUND, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.bar(numbers, counts, color=colours, width=0.8)
        axes.set_title(_plain(title), fontsize=TITLE_SIZE, color=TEXT_COLOUR, loc="left")
        key = "" if first_section is None else "   (pink: first appearance)"
        axes.set_xlabel(section_label + key, fontsize=LABEL_SIZE, color=TEXT_COLOUR)
        axes.set_ylabel("Mentions", fontsize=LABEL_SIZE, color=TEXT_COLOUR)
        _style_axes(axes, numbers, [_plain(label) for label in tick_labels] if tick_labels else None)
        buffer = BytesIO()
        figure.savefig(buffer, format="png", facecolor=BACKGROUND)
    return buffer.getvalue()


def _style_axes(axes, numbers: list[int], labels: list[str] | None) -> None:
    if labels is not None and len(labels) == len(numbers):
        step = max(1, -(-len(numbers) // LABELLED_SECTIONS))
        axes.set_xticks(numbers[::step], labels[::step])
    elif len(numbers) <= LABELLED_SECTIONS:
        axes.set_xticks(numbers)
    else:
        axes.xaxis.set_major_locator(MaxNLocator(nbins=10, integer=True))
    axes.set_xlim(0.4, len(numbers) + 0.6)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    axes.tick_params(labelsize=TICK_SIZE, colors=TEXT_COLOUR)
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _plain(text: str) -> str:
    """``text`` shown as written: a ``$`` would otherwise start matplotlib's math mode."""
    return text.replace("$", r"\$")
