"""How often trivia's keyed speaker is right, per kind of evidence that admits a line (PDNC gold labels).

For each attributed line of a PDNC-format novel (see ``benchmarks/speakers/README.md``), the kind of
evidence :func:`bot.trivia.evidence.evidence` finds for its speaker, and whether the speaker is the
gold one. A new kind is admitted only when its lines are keyed right as often as name tags' are.

Run: ``python -m benchmarks.trivia_evidence FOLDER [FOLDER…]`` (folders read from the paths given).
"""

from __future__ import annotations

import bisect
import json
import sys
from collections import Counter
from pathlib import Path

from benchmarks.speakers_gold import load
from benchmarks.trivia_sample import source_of
from bot.trivia.beats import beat_lines
from bot.trivia.evidence import evidence, narrated_sections, narrator_of
from bot.trivia.exchanges import exchange_lines
from bot.trivia.facts import Facts, memorable, opening


def tally(folder: Path) -> dict[str, list[int]]:
    """Right and total keyed lines per kind of evidence ("none": no evidence kind; ", not certain": below
    the shown confidence; ", memorable": lines long and distinctive enough to be asked about)."""
    novel = load(folder)
    source = source_of(novel.text, folder.name)
    facts = Facts.of(source)
    people = source.plot.cast.people
    narrator = narrator_of(people)
    narrated = narrated_sections(source.lines, narrator, people)
    exchanged = exchange_lines(facts.source.lines, facts.paragraphs, people)
    beats = beat_lines(facts.source.lines, facts.paragraphs, people)
    golds = sorted(novel.golds, key=lambda gold: gold.start)
    starts = [gold.start for gold in golds]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for line in facts.source.lines:
        if line.speaker is None:
            continue
        at = bisect.bisect_left(starts, line.offset)
        if at >= len(golds) or golds[at].start - line.offset > 3 or golds[at].speaker is None:
            continue  # no gold label for this quote
        kind = evidence(line, facts.paragraphs.get(line.paragraph, ""), people, narrator, narrated, exchanged, beats) or "none"
        kind += "" if line.certain else ", not certain"
        kind += ", memorable" if memorable(opening(line)) else ""
        person = next((p for p in people if line.speaker in p.aliases), None)
        names = [line.speaker, *(person.aliases if person else ())]
        resolved = {novel.cast.resolve(name) for name in names} - {None}
        total[kind] += 1
        right[kind] += golds[at].speaker in resolved
    return {kind: [right[kind], total[kind]] for kind in total}


def main(argv: list[str] | None = None) -> int:
    overall: dict[str, list[int]] = {}
    for folder in map(Path, argv if argv is not None else sys.argv[1:]):
        counts = tally(folder)
        print(json.dumps({folder.name: counts}))
        for kind, (right, total) in counts.items():
            sums = overall.setdefault(kind, [0, 0])
            sums[0] += right
            sums[1] += total
    print(json.dumps({"overall": {k: [r, t, round(r / t, 3) if t else 0.0] for k, (r, t) in overall.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
