"""Where a book's trivia questions go: per kind, the candidates a book offers and why the rest are refused.

For the spoken-line kinds (who said it, true or false), every line said once is counted under the
first reason it is refused (:meth:`bot.trivia.speaker_questions.LineVetting.refusal`), then the
askable ones as strict or lenient and with or without wrong speakers of the scene. For the plot
kinds, the narration's events and relations and the chapters whose titles tell an event. Then what each kind yields alone
(``generate(..., kinds=[kind])``) and what a sample of games of the default mix asks.

Run: ``python run_bot.py bench trivia-funnel --text PATH [--text PATH…] [--json]`` (development
books only: a funnel is read line by line).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from bot.trivia.facts import Facts, opening
from bot.trivia.generate import generate
from bot.trivia.lines import TriviaSource
from bot.trivia.question import DEFAULT_KINDS
from bot.trivia.speaker_questions import LineVetting, is_strict, rivals_of

ALONE = 1_000
"""Questions asked of each kind alone: more than any book offers."""


def funnel(source: TriviaSource, *, seed: int = 1) -> dict[str, object]:
    """The funnel of ``source``'s questions (see the module's docstring)."""
    facts = Facts.of(source)
    vetting = LineVetting(facts)
    refused: Counter[str] = Counter()
    askable: Counter[str] = Counter()
    for index in sorted(facts.unique):
        whole = facts.source.lines[index]
        reason = vetting.refusal(index, whole)
        if reason is not None:
            refused[reason] += 1
            continue
        line = opening(whole)
        askable["strict" if is_strict(line) else "lenient"] += 1
        askable["with rivals" if rivals_of(facts, line) else "no rivals of the scene"] += 1
    plot = source.plot
    alone = {
        str(kind): len(generate(source, count=ALONE, seed=seed, kinds=[kind]))
        for kind in sorted(DEFAULT_KINDS, key=str)
        if kind.value != "plot"
    }
    return {
        "lines": len(source.lines),
        "said once": len(facts.unique),
        "refused": dict(refused.most_common()),
        "askable": dict(askable),
        "events": len(plot.events),
        "relations": len(plot.relations),
        "titled chapters": len(plot.chapters),
        "alone": alone,
    }


def main(argv: list[str] | None = None) -> int:
    from benchmarks.trivia_sample import source_of

    parser = argparse.ArgumentParser(prog="run_bot.py bench trivia-funnel", description=__doc__.split("\n\n")[0])
    parser.add_argument("--text", type=Path, action="append", required=True, help="a plain-text, Gutenberg or AO3 file")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    for path in args.text:
        text = path.read_text(encoding="utf-8-sig")
        result = funnel(source_of(text, path.stem), seed=args.seed)
        print(json.dumps({"book": path.stem, **result}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
