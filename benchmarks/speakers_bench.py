"""Speaker attribution and character lists, against expert labels in PDNC-format folders.

Each labelled quotation is matched to the utterance that contains the start of
its first sub-quotation; a speaker is right when its name resolves to the
labelled character (see :mod:`benchmarks.speakers_gold`). Attribution sees only
the text: no character list, no labels.

Printed per novel and per quote type: accuracy; the confident subset (what
readers are shown as a fact: confidence at least
:data:`~bot.text.ingest.SHOWN_CONFIDENCE`) with its accuracy and coverage; the
**nearest name** baseline, in the same run (the gold character named closest to
the quotation outside quotes: it is even given the gold cast); and for the
character list against the gold alias lists: splits, wrong merges and names
that fit no gold character. Then the calibration (accuracy per confidence band)
and the totals of the development and the check halves
(``benchmarks/speakers/split.md``) apart: the check half's are the honest figures.

Run: ``python run_bot.py bench speakers [--corpus DIR] [--half dev|check] [--markdown] [NAME ...]``
(default corpus: the labelled texts in ``benchmarks/speakers``).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
from collections import Counter
from pathlib import Path

from benchmarks.speakers_calibration import calibration_of, cross_validated, novel_average, novel_threshold
from benchmarks.speakers_gold import (
    BANDS,
    TOP,
    TYPES,
    Novel,
    Tally,
    at_threshold,
    evidence_of,
    load,
    score,
)
from bot.text.ingest import SHOWN_CONFIDENCE

DATA = Path(__file__).parent / "speakers"
DEV = (
    "AlicesAdventuresInWonderland", "AnneOfGreenGables", "TheInvisibleMan", "TheSignOfTheFour",
    "DaisyMiller", "HowardsEnd", "NightAndDay", "Persuasion", "TheAgeOfInnocence", "TheGambler",
    "WhereAngelsFearToTread",
)
CHECK = (
    "APassageToIndia", "HardTimes", "MansfieldPark", "NorthangerAbbey", "SenseAndSensibility", "TheAwakening",
    "TheSportOfTheGods", "WinnieThePooh",
)
"""The halves written down in benchmarks/speakers/split.md before the engine saw the new novels."""
BUNDLED = "hello-from-the-other-side"
CALIBRATION = Path(__file__).parents[1] / "bot" / "attribution" / "calibration_table.py"
CROSS_VALIDATED = "dev cross-validated half"
"""The development half, each novel's confidence measured on the other development novels."""
TARGET_ACCURACY = 0.97
"""How often a confident speaker must be right (issue 18)."""


def half_of(name: str) -> str:
    return "check" if name in CHECK else "dev" if name in DEV else "other"


def _percent(right: int | float, total: int | float) -> str:
    return f"{100 * right / total:.1f}%" if total else "–"


def speaker_rows(tallies: dict[str, Tally]) -> tuple[list[str], list[list[str]]]:
    header = ["text", "half", "quotes", *TYPES, "overall", "nearest name", "confident: right / coverage", "seconds"]
    rows = []
    for name, tally in tallies.items():
        total = tally.total["Overall"]
        rows.append([
            name, half_of(name) if " half, " not in name else "total", str(total),
            *(f"{_percent(tally.right[t], tally.total[t])} ({tally.total[t]})" for t in TYPES),
            _percent(tally.right["Overall"], total),
            _percent(tally.baseline_right["Overall"], total),
            f"{_percent(tally.confident_right, tally.confident)} / {_percent(tally.confident, total)}",
            f"{tally.seconds:.2f}",
        ])
    return header, rows


def cast_rows(tallies: dict[str, Tally]) -> tuple[list[str], list[list[str]]]:
    header = ["text", "major+intermediate", "split", "people listed", "wrong merges", "fit no one", f"of top {TOP}"]
    rows = []
    for name, tally in tallies.items():
        rows.append([
            name, str(tally.major), f"{tally.split} ({_percent(tally.split, tally.major)})", str(tally.people),
            f"{tally.merged} ({_percent(tally.merged, tally.matched)})", str(tally.unmatched),
            str(len(tally.unmatched_top)),
        ])
    return header, rows


def calibration_rows(tallies: dict[str, Tally]) -> tuple[list[str], list[list[str]]]:
    bounds = [*BANDS[1:], 1.01]
    header = ["text", *(f"[{low:g}, {min(high, 1):g}{']' if high > 1 else ')'}" for low, high in zip(BANDS, bounds, strict=True))]
    rows = [
        [name, *(f"{_percent(t.band_right[b], t.band_total[b])} ({t.band_total[b]})" for b in BANDS)]
        for name, t in tallies.items()
    ]
    return header, rows


def evidence_rows(tallies: dict[str, Tally]) -> tuple[list[str], list[list[str]]]:
    """Accuracy per kind of evidence, each half's total apart (the check half only in aggregate)."""
    halves = {name: tally for name, tally in tallies.items() if " half, " in name} or tallies
    right: dict[str, Counter[str]] = {name: Counter() for name in halves}
    total: dict[str, Counter[str]] = {name: Counter() for name in halves}
    for name, tally in halves.items():
        for rule, count in tally.rule_total.items():
            total[name][evidence_of(rule)] += count
            right[name][evidence_of(rule)] += tally.rule_right[rule]
    kinds = sorted({kind for counts in total.values() for kind in counts}, key=lambda k: -max(c[k] for c in total.values()))
    header = ["evidence", *(name.split(",")[0] for name in halves)]
    rows = [[kind, *(f"{_percent(right[n][kind], total[n][kind])} ({total[n][kind]})" for n in halves)] for kind in kinds]
    return header, rows


def write_calibration(tallies: list[Tally], path: Path = CALIBRATION) -> None:
    """Store the development half's calibration (each rule's record, the agreement slope) for
    :mod:`bot.attribution.calibration`."""
    calibration = calibration_of(tallies)
    rows = "".join(f"    {rule!r}: {record},\n" for rule, record in calibration.measured.items())
    agreement = calibration.agreement
    path.write_text(
        f'"""Written by ``run_bot.py bench speakers --half dev --calibrate``: each rule\'s (right, quotes) on the\n'
        f'development half of the PDNC novels ({len(tallies)} novels). Do not edit by hand."""\n\n'
        f"MEASURED: dict[str, tuple[int, int]] = {{\n{rows}}}\n\n"
        f"AGREEMENT: tuple[float, float] = ({agreement.average:.4f}, {agreement.slope:g})\n"
        f'"""The development novels\' average agreement and its slope (see :mod:`bot.attribution.calibration`)."""\n',
        encoding="utf-8",
    )


def threshold_lines(halves: dict[str, list[Tally]]) -> list[str]:
    """The confident threshold chosen on the development half, cross-validated if measured so (the
    lowest confidence from which every threshold keeps the average novel's confident subset right
    ≥ 97%: a reader's book is one novel), and what it gives on each half."""
    basis = CROSS_VALIDATED if halves.get(CROSS_VALIDATED) else "dev half"
    chosen = novel_threshold(halves.get(basis, []), TARGET_ACCURACY)
    if chosen is None:
        return []
    lines = [f"Confident threshold chosen on the {basis} (average novel's subset right ≥ {TARGET_ACCURACY:.0%}):"
             f" {chosen:g} (in use: {SHOWN_CONFIDENCE:g})"]
    for name, members in halves.items():
        total = Tally()
        for member in members:
            total.add(member)
        right, shown = at_threshold(total, chosen)
        lines.append(f"  {name}: {_percent(right, shown)} right ({novel_average(members, chosen):.1%} for the average novel), "
                     f"{_percent(shown, total.total['Overall'])} coverage")
    return [*lines, ""]


def half_members(tallies: dict[str, Tally], validated: dict[str, Tally] | None = None) -> dict[str, list[Tally]]:
    """Each half's novels' tallies (with ``validated``: the development half cross-validated too)."""
    found = {
        "dev half": [t for name, t in tallies.items() if half_of(name) == "dev"],
        CROSS_VALIDATED: list((validated or {}).values()),
        "check half": [t for name, t in tallies.items() if half_of(name) == "check"],
        "other half": [t for name, t in tallies.items() if half_of(name) == "other"],
    }
    return {name: members for name, members in found.items() if len(members) > 1}


def totals(halves: dict[str, list[Tally]]) -> dict[str, Tally]:
    """Each half's pooled tally (named with its per-novel average and worst)."""
    found = {}
    for half, members in halves.items():
        total = Tally()
        for member in members:
            total.add(member)
        average = sum(total.novels) / len(total.novels)
        found[f"{half}, {len(members)} texts (average {average:.1%}, worst {min(total.novels):.1%})"] = total
    return found


def report(
    tallies: dict[str, Tally],
    markdown: bool,
    validated: dict[str, Tally] | None = None,
    *,
    tuned: bool = False,
    detail: bool = False,
) -> list[str]:
    """The tables; names that fit no gold character (and, with ``detail``, each split and wrong merge)
    are listed only for texts one may tune on: the development half, and (``tuned``) the repository's
    own labelled texts, never a check-half or blind corpus's text."""
    halves = half_members(tallies, validated)
    summed = {**tallies, **totals(halves)}
    lines = [f"Speakers and characters on {_machine()}, Python {platform.python_version()}; "
             f"confident = confidence ≥ {SHOWN_CONFIDENCE}; check-half texts are never read error by error.", ""]
    for title, (header, rows) in (
        ("Speaker accuracy per quote type", speaker_rows(summed)),
        ("Calibration: accuracy (quotes) per confidence band", calibration_rows(summed)),
        ("Accuracy (quotes) per kind of evidence", evidence_rows(summed)),
        ("Characters against the gold alias lists", cast_rows(summed)),
    ):
        lines += [title + ":", *_table(header, rows, markdown), ""]
    lines += threshold_lines(halves)
    open_texts = [t for name, t in tallies.items() if half_of(name) == "dev" or (tuned and half_of(name) == "other")]
    shown = [name for t in open_texts for name in t.unmatched_top]
    if shown:
        lines.append(f"Names among the {TOP} most mentioned that fit no gold character (texts open to tuning only):")
        lines += [f"  {name}" for name in shown]
    if detail:
        lines.append("Splits and wrong merges (texts open to tuning only):")
        lines += [f"  {line}" for t in open_texts for line in t.details]
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


def novels(corpus: Path, names: list[str], half: str | None) -> list[Novel]:
    """The labelled folders of ``corpus`` to run: those named (default: all), of ``half`` if given."""
    folders = sorted(p for p in corpus.iterdir() if (p / "quotation_info.csv").is_file())
    chosen = [f for f in folders if (not names or f.name in names) and (half is None or half_of(f.name) == half)]
    return [load(folder) for folder in chosen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench speakers", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DATA, help="folder of PDNC-format novels (default: %(default)s)")
    parser.add_argument("--half", choices=("dev", "check"), help="run only one half of the split")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument(
        "--calibrate", action="store_true",
        help="with --half dev and every dev novel: store each rule's accuracy as the attribution's confidence",
    )
    parser.add_argument("--detail", action="store_true", help="print each split and wrong merge (not for the check half)")
    parser.add_argument("names", nargs="*", help="texts to run (default: every folder of the corpus)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"no such folder: {args.corpus}")
    if args.calibrate and (args.half != "dev" or args.names):
        parser.error("--calibrate measures the whole development half: use --half dev and name no texts")
    chosen = novels(args.corpus, args.names, args.half)
    tallies = {novel.name: score(novel) for novel in chosen}
    if not tallies:
        parser.error("no labelled texts to run")
    if args.calibrate:
        write_calibration(list(tallies.values()))
        print(f"Calibration of {len(tallies)} development novels written to {CALIBRATION}")
        return 0
    development = [novel for novel in chosen if half_of(novel.name) == "dev"]
    validated = None
    if len(development) == len(DEV):
        validated = cross_validated(development, {n.name: tallies[n.name] for n in development})
    tuned = args.corpus.resolve() == DATA.resolve()
    print("\n".join(report(tallies, args.markdown, validated, tuned=tuned, detail=args.detail)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
