"""Speaker attribution benchmark: :func:`bot.attribution.speakers.attribute` against labelled quotations.

Data (``benchmarks/speakers/<name>/``): four novels of the Project Dialogism
Novel Corpus (Vishnubhotla, Hammond and Hirst, LREC 2022) and the bundled story
labelled by hand, each with ``novel_text.txt``, ``quotation_info.csv`` and
``character_info.csv`` (see ``benchmarks/speakers/README.md``).

Each labelled quotation is matched to the utterance that contains the start of
its first sub-quotation. A speaker counts as right when it names the labelled
character by its main name or any alias, compared ignoring case, punctuation
and a leading article. Attribution sees only the text: no character list, no
labels.

The baseline, in the same run, is **nearest name**: the labelled character
whose main name or alias occurs closest to the quotation, before or after it,
outside quotes (it is even given the labelled character list, which
attribution is not).

:data:`HOLDOUT` was not looked at while the rules were written; its row is the
honest check against tuning to the other novels.

Run: ``python run_bot.py bench speakers [--markdown] [NAME ...]``.
"""

from __future__ import annotations

import argparse
import ast
import bisect
import csv
import os
import platform
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.attribution.characters import normalise
from bot.attribution.quotes import find_quotes, paragraph_spans
from bot.attribution.speakers import Utterance, attribute

DATA = Path(__file__).parent / "speakers"
NOVELS = ("AlicesAdventuresInWonderland", "TheInvisibleMan", "TheSignOfTheFour", "AnneOfGreenGables")
HOLDOUT = "AnneOfGreenGables"
BUNDLED = "hello-from-the-other-side"
LABELLED_HERE = (BUNDLED, "dracula-chapter-2")
"""Texts labelled by hand for Folio (the rest are the corpus's)."""
TYPES = ("Explicit", "Anaphoric", "Implicit")
THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    """Offset of the first sub-quotation's text (just after its opening quotation mark)."""
    speaker: str
    quote_type: str


@dataclass(slots=True)
class Tally:
    """Right answers per quotation type and per confidence threshold."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    baseline_right: Counter[str] = field(default_factory=Counter)
    confident: Counter[float] = field(default_factory=Counter)
    confident_right: Counter[float] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        for mine, theirs in zip(self._counters(), other._counters(), strict=True):
            mine.update(theirs)
        self.seconds += other.seconds

    def _counters(self) -> tuple[Counter, ...]:
        return self.right, self.total, self.baseline_right, self.confident, self.confident_right


def load(name: str) -> tuple[str, list[Gold], dict[str, set[str]]]:
    """A labelled text: its text, its quotations, and each character's names (main name first)."""
    folder = DATA / name
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    names: dict[str, set[str]] = {}
    with (folder / "character_info.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            names[row["Main Name"]] = {row["Main Name"], *ast.literal_eval(row["Aliases"])}
    golds = []
    with (folder / "quotation_info.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            spans = ast.literal_eval(row["quoteByteSpans"])
            golds.append(Gold(spans[0][0], _main_name(row["speaker"], names), row["quoteType"]))
    return text, golds, names


def _main_name(speaker: str, names: dict[str, set[str]]) -> str:
    """The character a label names: some labels use an alias (``Kemp`` for ``The Doctor``)."""
    if speaker in names:
        return speaker
    return next((main for main, aliases in names.items() if speaker in aliases), speaker)


def score(name: str) -> Tally:
    text, golds, names = load(name)
    started = time.perf_counter()
    utterances = attribute(text)
    tally = Tally(seconds=time.perf_counter() - started)
    starts = [u.start for u in utterances]
    nearest = NearestName(text, names)
    for gold in golds:
        accepted = {normalise(alias) for alias in names.get(gold.speaker, {gold.speaker})}
        utterance = _containing(utterances, starts, gold.start)
        right = bool(utterance and utterance.speaker and normalise(utterance.speaker) in accepted)
        kinds = [gold.quote_type, "Overall"] if gold.quote_type in TYPES else ["Overall"]
        for kind in kinds:
            tally.total[kind] += 1
            tally.right[kind] += right
            tally.baseline_right[kind] += nearest.speaker(gold.start) == gold.speaker
        confidence = utterance.confidence if utterance and utterance.speaker else 0.0
        for threshold in THRESHOLDS:
            if confidence >= threshold:
                tally.confident[threshold] += 1
                tally.confident_right[threshold] += right
    return tally


def _containing(utterances: list[Utterance], starts: list[int], offset: int) -> Utterance | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < utterances[index].end:
        return utterances[index]
    return None


class NearestName:
    """The baseline: the character named closest to a quotation, outside quotes."""

    def __init__(self, text: str, names: dict[str, set[str]]) -> None:
        quotes = find_quotes(text, paragraph_spans(text))
        quote_starts = [q.start for q in quotes]
        self._mentions: list[tuple[int, str]] = []
        for character, aliases in names.items():
            for alias in aliases:
                for match in re.finditer(rf"\b{re.escape(alias)}\b", text):
                    index = bisect.bisect_right(quote_starts, match.start()) - 1
                    if index < 0 or match.start() >= quotes[index].end:
                        self._mentions.append((match.start(), character))
        self._mentions.sort()
        self._offsets = [offset for offset, _ in self._mentions]

    def speaker(self, offset: int) -> str | None:
        index = bisect.bisect_left(self._offsets, offset)
        candidates = self._mentions[max(0, index - 1) : index + 1]
        if not candidates:
            return None
        return min(candidates, key=lambda mention: abs(mention[0] - offset))[1]


def _percent(right: int, total: int) -> str:
    return f"{100 * right / total:.1f}%" if total else "–"


def report(tallies: dict[str, Tally], markdown: bool) -> list[str]:
    lines = [f"Speaker attribution on {_machine()}, Python {platform.python_version()}; "
             f"{HOLDOUT} is the hold-out novel."]
    header = ["text", "quotes", *TYPES, "overall", "nearest name", "seconds"]
    rows = []
    for name, tally in tallies.items():
        rows.append([
            name, str(tally.total["Overall"]),
            *(f"{_percent(tally.right[t], tally.total[t])} ({tally.total[t]})" for t in TYPES),
            _percent(tally.right["Overall"], tally.total["Overall"]),
            _percent(tally.baseline_right["Overall"], tally.total["Overall"]),
            f"{tally.seconds:.2f}",
        ])
    lines += _table(header, rows, markdown)
    lines.append("")
    lines.append("Precision and coverage of the utterances at or above each confidence:")
    header = ["text", *(f"≥{t}" for t in THRESHOLDS)]
    rows = []
    for name, tally in tallies.items():
        total = tally.total["Overall"]
        rows.append([name, *(
            f"{_percent(tally.confident_right[t], tally.confident[t])} / {_percent(tally.confident[t], total)}"
            for t in THRESHOLDS
        )])
    lines += _table(header, rows, markdown)
    return lines


def _machine() -> str:
    """The CPU's model name and count, as /proc/cpuinfo tells (else the architecture)."""
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.machine()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    return f"{model.group(1).strip() if model else platform.machine()}, {os.cpu_count()} CPUs"


def _table(header: list[str], rows: list[list[str]], markdown: bool) -> list[str]:
    if markdown:
        return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
            "| " + " | ".join(row) + " |" for row in rows
        ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench speakers", description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "names", nargs="*", help=f"texts to run (default: all): {', '.join((*NOVELS, *LABELLED_HERE))}"
    )
    args = parser.parse_args(argv)
    names = args.names or [*NOVELS, *LABELLED_HERE]
    tallies = {name: score(name) for name in names}
    novels = [name for name in names if name in NOVELS]
    groups = (("novels (dev, no hold-out)", [n for n in novels if n != HOLDOUT]), ("all four novels", novels))
    for label, group in groups:
        if len(group) > 1 or (group and label.startswith("all") and len(novels) > 1):
            total = Tally()
            for name in group:
                total.add(tallies[name])
            tallies[label] = total
    print("\n".join(report(tallies, args.markdown)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
