"""The CLI's ``--upto N``: answer as a reading club at chapter N would be answered."""

from __future__ import annotations

import argparse


def add_upto_option(parser: argparse.ArgumentParser) -> None:
    """``--upto N``: only chapters 1..N, in reading order (see :func:`bot.progress.tracker.sections_upto`)."""
    parser.add_argument(
        "--upto", type=_chapter_count, metavar="N", help="only the first N chapters, as a club at chapter N sees them"
    )


def _chapter_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a chapter count of 1 or more, got {text!r}")
    return int(text)
