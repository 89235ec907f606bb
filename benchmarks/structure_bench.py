"""Book structure on whole novels: chapters, parts, letters, title, author, front and back matter.

``bench structure``: each novel of ``benchmarks/structure/novels.yaml`` (Dracula
and Frankenstein from the repository; the PDNC novels from ``--shared DIR``,
e.g. ``/work/shared``) is parsed, and its chapter count, first and last chapter
(number and title), part and letter counts, title, author and front/back-only
words are checked against what the file says. The ``dev`` novels were tuned
on; the ``check`` novels were not looked at while tuning: their row is the
honest one.

Import time on the same novels: :mod:`benchmarks.import_bench`.

Run: ``python run_bot.py bench structure [--shared DIR] [--markdown]``.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
NOVELS = Path(__file__).parent / "structure" / "novels.yaml"
SHARED_PREFIX = "speakers-dev/"


@dataclass(frozen=True, slots=True)
class Novel:
    name: str
    path: Path
    expected: dict


def load_novels(shared: Path | None, names: list[str]) -> list[Novel]:
    """The novels asked for (all by default) whose files are here; PDNC ones need ``shared``."""
    entries: dict[str, dict] = yaml.safe_load(NOVELS.read_text(encoding="utf-8"))
    novels = []
    for name, expected in entries.items():
        if names and name not in names:
            continue
        relative = expected["path"]
        if relative.startswith(SHARED_PREFIX):
            if shared is None:
                continue
            path = shared / relative
        else:
            path = REPO / relative
        if path.is_file():
            novels.append(Novel(name, path, expected))
    return novels


def comparable(value: object) -> str | None:
    return None if value is None else re.sub(r"[^0-9a-z]", "", str(value).casefold())


def check_novel(novel: Novel) -> dict[str, bool]:
    """Each expectation of the novel: met or not."""
    from bot.library.uploads import read_text
    from bot.text.headings import SectionKind
    from bot.text.ingest import parse_work

    work = parse_work(read_text(novel.path), file_name=novel.path.name)
    expected = novel.expected
    chapters = [s for s in work.structure if s.kind is SectionKind.CHAPTER]
    results = {
        "chapters": len(chapters) == expected["chapters"],
        "title": comparable(work.title) == comparable(expected["title"]) if expected["title"] else True,
        "author": comparable(work.author) == comparable(expected["author"]),
    }
    for key, index in (("first", 0), ("last", -1)):
        if key in expected:
            got = [comparable(chapters[index].number), comparable(chapters[index].title)] if chapters else None
            results[key] = got == [comparable(part) for part in expected[key]]
    for key, kind in (("parts", SectionKind.PART), ("letters", SectionKind.LETTER)):
        if key in expected:
            results[key] = sum(1 for s in work.structure if s.kind is kind and s.level < 2) == expected[key]
    words = [*expected.get("front_only", []), *expected.get("back_only", [])]
    if words:
        shown = " ".join(p.text for p in work.passages)
        results["matter"] = not any(re.search(rf"(?<![^\W_]){re.escape(w)}(?![^\W_])", shown, re.I) for w in words)
    return results


def structure_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench structure", description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, help="the folder holding speakers-dev/ (the PDNC novels)")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("names", nargs="*", help="novels to check (default: all found)")
    args = parser.parse_args(argv)
    rows = [(novel, check_novel(novel)) for novel in load_novels(args.shared, args.names)]
    for split in ("dev", "check"):
        chosen = [(novel, result) for novel, result in rows if novel.expected["split"] == split]
        if not chosen:
            continue
        passed = sum(all(result.values()) for _, result in chosen)
        checks = sum(len(result) for _, result in chosen)
        met = sum(sum(result.values()) for _, result in chosen)
        print(f"\n{split}: {passed}/{len(chosen)} novels fully right, {met}/{checks} expectations met")
        for novel, result in chosen:
            missed = ", ".join(key for key, ok in result.items() if not ok) or "-"
            line = f"| {novel.name} | {sum(result.values())}/{len(result)} | {missed} |"
            print(line if args.markdown else line.strip("| ").replace(" | ", "  "))
    return 0


def main(argv: list[str]) -> int:
    return structure_main(argv)
