"""Import time: :func:`bot.library.preparation.prepare_work` (parse, attribute speakers, index) on novels,
beside another checkout measured in the same run.

Each checkout is timed in fresh Python processes (the checkout first on its
path), the checkouts taking turns round after round so a busy machine slows
both alike; a novel's time is the CPU time of its import (the process's own, so
other work on a shared machine counts less than in wall time), median over
``--repeat`` rounds. The novels are those of
``benchmarks/structure/novels.yaml`` (PDNC ones need ``--shared DIR``)::

    git worktree add /tmp/before main
    python run_bot.py bench import --before /tmp/before --shared /work/shared
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.structure_bench import REPO, load_novels

IMPORT_DEFAULT = ("dracula", "frankenstein", "anne", "persuasion", "howards-end", "gambler")
_TIMER = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bot.library.preparation import prepare_work
from bot.library.uploads import read_text
prepare_work(read_text(Path(sys.argv[2])))  # warm up: imports, compiled patterns
for path in sys.argv[2:]:
    text = read_text(Path(path))
    started = time.process_time()
    prepare_work(text)
    print(json.dumps({"path": path, "seconds": time.process_time() - started}), flush=True)
"""


def time_once(checkout: Path, paths: list[Path]) -> dict[str, float]:
    """Seconds `prepare_work` takes on each path, in a fresh Python with `checkout` first on the path."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    completed = subprocess.run(
        [sys.executable, "-c", _TIMER, str(checkout), *map(str, paths)],
        capture_output=True, text=True, check=True, cwd=checkout, env=environment,
    )
    rows = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
    return {row["path"]: row["seconds"] for row in rows}


def time_in_turns(checkouts: list[Path], paths: list[Path], rounds: int) -> list[dict[str, float]]:
    """Per checkout, each path's median seconds over `rounds` rounds in which the checkouts take turns."""
    runs: list[list[dict[str, float]]] = [[] for _ in checkouts]
    for _ in range(rounds):
        for position, checkout in enumerate(checkouts):
            runs[position].append(time_once(checkout, paths))
    return [{str(p): statistics.median(run[str(p)] for run in checkout_runs) for p in paths} for checkout_runs in runs]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench import", description="Import time beside another checkout")
    parser.add_argument("--shared", type=Path, help="the folder holding speakers-dev/ (the PDNC novels)")
    parser.add_argument("--before", type=Path, help="another checkout to time in the same run (the baseline)")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (a novel's median counts; default 3)")
    parser.add_argument("names", nargs="*", help=f"novels to time (default: {', '.join(IMPORT_DEFAULT)})")
    args = parser.parse_args(argv)
    novels = load_novels(args.shared, args.names or list(IMPORT_DEFAULT))
    paths = [novel.path for novel in novels]
    checkouts = [REPO, *([args.before.resolve()] if args.before else [])]
    timed = time_in_turns(checkouts, paths, args.repeat)
    now, before = timed[0], (timed[1] if args.before else {})
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print("| novel | this checkout (CPU s) | before (CPU s) | change |")
    print("|---|---|---|---|")
    for novel in novels:
        key = str(novel.path)
        old = before.get(key)
        change = f"{100 * (now[key] - old) / old:+.0f}%" if old else "-"
        print(f"| {novel.name} | {now[key]:.2f} | {old:.2f} | {change} |" if old else f"| {novel.name} | {now[key]:.2f} | - | - |")
    if before:
        total_now, total_before = sum(now.values()), sum(before.values())
        print(f"| **all** | {total_now:.2f} | {total_before:.2f} | {100 * (total_now - total_before) / total_before:+.0f}% |")
    return 0


