"""/ask benchmark: does the best passage hold the sentence that answers each question?

For each text (the bundled story and Frankenstein) the text is imported into a
temporary SQLite database through :class:`bot.library.service.Library`, and the
questions of ``benchmarks/questions/<text>.yaml`` are asked through
:class:`bot.ask.service.StoryAsker`, exactly as `/ask` does. An answerable
question is a top-1 hit when the best passage's answering sentence is (one of)
the expected, a top-3 hit when any of the (up to three) answers shown is; an
unanswerable question is rejected when /ask answers "not answered".

The baseline, in the same run, is the quote engine given the question as it is
(``Library.lookup``: the best match, confident or not, then the next): what a
reader gets by typing the question into /quote. It rejects an unanswerable
question when it has no confident match.

Latency is per question, wall clock, after one warm-up pass, inside the event loop.

The default sets were written before the ranking and then used to tune it;
``--holdout`` runs fresh sets written afterwards and never tuned on; ``--blind``
runs sets frozen in a commit before /ask first answered them, never tuned on either.

Run: ``python run_bot.py bench ask [--markdown] [--misses] [--holdout | --blind | NAME ...]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.query_sets import is_expected
from bot.ask.service import StoryAsker
from bot.errors import FolioError
from bot.library.service import Library
from bot.library.views import QuoteHit
from bot.storage.database import Database
from bot.text.excerpt import excerpt_around
from cogs.quote_ui import EMBED_PASSAGE_CHARS

REPO_ROOT = Path(__file__).resolve().parent.parent
QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
QUESTION_SET_NAMES = ("hello-from-the-other-side", "frankenstein")
HOLDOUT_SET_NAMES = ("hello-from-the-other-side-holdout", "frankenstein-holdout")
"""Questions written after the ranking was tuned on the sets above and never used to tune it: the honest figure."""
BLIND_SET_NAMES = ("hello-from-the-other-side-blind", "frankenstein-blind", "dracula-blind")
"""Questions written and committed before /ask was ever run on them, during a later round of improvements."""


@dataclass(frozen=True, slots=True)
class Shown:
    """What an engine shows for a question: sentences best first, and whether it claims to answer."""

    sentences: list[str]
    answered: bool
    first_view: str = ""
    """The text of the first reply: the excerpt of the best passage around its bold sentence."""


Engine = Callable[[str], Awaitable[Shown]]


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    answers: tuple[str, ...]
    """Words of the sentences that answer it; empty for an unanswerable question."""


@dataclass(frozen=True, slots=True)
class QuestionSet:
    name: str
    text_path: Path
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True)
class Score:
    answerable: int
    answered: int
    """Answerable questions the engine claimed to answer."""
    top1: int
    top1_in_view: int
    """Answerable questions whose answer is in the first reply's excerpt, bold or not."""
    top3: int
    unanswerable: int
    rejected: int
    p50_ms: float
    p95_ms: float
    misses: tuple[str, ...]


def load_question_set(name: str) -> QuestionSet:
    data = yaml.safe_load((QUESTIONS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    answerable = [
        Question(item["question"], tuple(item["answer"] if isinstance(item["answer"], list) else [item["answer"]]))
        for item in data["answerable"]
    ]
    unanswerable = [Question(text, ()) for text in data["unanswerable"]]
    return QuestionSet(name, REPO_ROOT / data["text"], (*answerable, *unanswerable))


def _matches(sentence: str, question: Question) -> bool:
    return is_expected(sentence, tuple(question.answers))


async def score(engine: Engine, questions: Sequence[Question]) -> Score:
    for question in questions:  # warm-up: caches, the work's vocabulary
        await engine(question.text)
    top1 = top1_in_view = top3 = rejected = answered = 0
    times: list[float] = []
    misses: list[str] = []
    for question in questions:
        started = time.perf_counter()
        result = await engine(question.text)
        times.append((time.perf_counter() - started) * 1000)
        shown = result.sentences
        if not question.answers:
            rejected += not result.answered
            if result.answered:
                misses.append(f"answered unanswerable {question.text!r}: {shown[0][:80]!r}")
            continue
        answered += result.answered
        top1 += bool(shown) and _matches(shown[0], question)
        top1_in_view += bool(shown) and _matches(result.first_view, question)
        top3 += any(_matches(sentence, question) for sentence in shown[:3])
        if not (shown and _matches(shown[0], question)):
            misses.append(f"{question.text!r} -> {shown[0][:80] if shown else '(not answered)'!r}")
    answerable = sum(1 for q in questions if q.answers)
    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
    return Score(
        answerable,
        answered,
        top1,
        top1_in_view,
        top3,
        len(questions) - answerable,
        rejected,
        statistics.median(times),
        p95,
        tuple(misses),
    )


def folio_engine(asker: StoryAsker, slug: str) -> Engine:
    async def ask(question: str) -> Shown:
        try:
            result = await asker.ask(question, slug=slug)
        except FolioError:
            return Shown([], answered=False)
        return Shown([hit.sentence.text for hit in result.answers], result.answered, _view(result.answers))

    return ask


def _view(hits: Sequence[QuoteHit]) -> str:
    """The excerpt a reply shows of the first hit's passage (as cogs/ask.py and cogs/quote.py cut it)."""
    if not hits:
        return ""
    excerpt = excerpt_around(hits[0].paragraph.text, hits[0].sentence.text, EMBED_PASSAGE_CHARS)
    return f"{excerpt.before}{excerpt.match}{excerpt.after}"


def quote_engine(library: Library, slug: str) -> Engine:
    """The baseline: the question typed into /quote. Its best guesses count, confident or not
    (generous); it answers when it has a confident match."""

    async def lookup(question: str) -> Shown:
        try:
            found = await library.lookup(question, slug=slug, limit=3)
        except FolioError:
            return Shown([], answered=False)
        hits = [*found.hits, *found.suggestions][:3]
        return Shown([hit.sentence.text for hit in hits], bool(found.hits), _view(hits))

    return lookup


async def run_set(question_set: QuestionSet, folder: Path) -> dict[str, Score]:
    async with Database.opened(folder / f"{question_set.name}.sqlite3") as database:
        library = Library(database)
        saved = await library.add_work(question_set.text_path, slug=f"bench-{question_set.name}"[:40])
        slug = saved.record.slug
        return {
            "folio /ask": await score(folio_engine(StoryAsker(library, database), slug), question_set.questions),
            "baseline: /quote with the question": await score(quote_engine(library, slug), question_set.questions),
        }


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}% ({part}/{whole})" if whole else "-"


def report(results: dict[str, dict[str, Score]], markdown: bool, verbose: bool) -> str:
    header = ["text", "engine", "top-1", "top-1 in view", "top-3", "answerable answered", "unanswerable rejected"]
    header += ["p50 ms", "p95 ms"]
    rows = [
        [
            name,
            engine,
            _percent(s.top1, s.answerable),
            _percent(s.top1_in_view, s.answerable),
            _percent(s.top3, s.answerable),
            _percent(s.answered, s.answerable),
            _percent(s.rejected, s.unanswerable),
            f"{s.p50_ms:.1f}",
            f"{s.p95_ms:.1f}",
        ]
        for name, engines in results.items()
        for engine, s in engines.items()
    ]
    machine = f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    else:
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.append(f"\n{machine}")
    if verbose:
        for name, engines in results.items():
            lines += [f"\n{name} misses:", *(f"  {miss}" for miss in engines["folio /ask"].misses)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench ask", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="*", help="question sets (default: the tuned sets, or the --holdout or --blind sets)"
    )
    parser.add_argument("--holdout", action="store_true", help="run the hold-out sets, never used for tuning")
    parser.add_argument("--blind", action="store_true", help="run the blind sets, frozen before /ask first saw them")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--misses", action="store_true", help="list the questions /ask got wrong")
    args = parser.parse_args(argv)
    default = BLIND_SET_NAMES if args.blind else HOLDOUT_SET_NAMES if args.holdout else QUESTION_SET_NAMES
    names = args.names or list(default)
    with tempfile.TemporaryDirectory() as folder:
        results = {name: asyncio.run(run_set(load_question_set(name), Path(folder))) for name in names}
    print(report(results, args.markdown, args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
