"""What every benchmark prints its figures with: tables (plain or Markdown), percentiles and the machine line."""

from __future__ import annotations

import os
import platform
from collections.abc import Sequence
from pathlib import Path


def percentile(seconds: Sequence[float], share: float) -> float:
    """The ``share`` quantile of ``seconds``, in milliseconds (nearest rank)."""
    ordered = sorted(seconds)
    return 1000.0 * ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def render_plain(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def render_markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(row) + " |" for row in [header, *rows]]
    lines.insert(1, "|" + "|".join("---" for _ in header) + "|")
    return "\n".join(lines)


def machine_line() -> str:
    """Python version, CPU model and core count, for the footnote."""
    return f"Python {platform.python_version()}, {_cpu_model()}, {os.cpu_count()} CPUs"


def _cpu_model() -> str:
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or platform.machine()
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    return models[0] if models else platform.machine()
