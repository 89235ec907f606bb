"""/ask benchmark: does the best passage hold the sentence that answers each question?

For each text (the bundled story and Frankenstein) the text is imported into a
temporary SQLite database through :class:`bot.library.service.Library`, and the
questions of ``benchmarks/questions/<text>.yaml`` are asked through
:class:`bot.ask.service.StoryAsker`, exactly as `/ask` does. An answerable
question is a top-1 hit when the best passage's answering sentence is (one of)
the expected, a top-3 hit when any of the (up to three) answers shown is; an
unanswerable question is rejected when /ask answers "not answered". What the
reader sees counts too: "top-3 or closest" when the answer is among the answers
shown or, when /ask declines, among the closest passages it shows privately;
"answered wrong" when /ask claims an answer whose first sentence is not the answer.

Two baselines run in the same run: BM25 over the work's sentences (the question's
words, function words dropped, against every sentence; it always answers), and
the quote engine given the question as it is (``Library.lookup``: the best
match, confident or not, then the next): what a reader gets by typing the
question into /quote. That one rejects an unanswerable question when it has no
confident match. "Who is X?" questions (a set's ``who_is`` list) are answerable
questions also reported apart.

Latency is per question, wall clock, after one warm-up pass, inside the event loop.

The default sets were written before the ranking and then used to tune it;
``--holdout`` runs fresh sets written afterwards and never tuned on; ``--blind``
runs sets frozen in a commit before /ask first answered them, never tuned on either.
A set naming a ``novel`` rather than a ``text`` reads it from the corpus folder given
with ``--corpus`` (``<corpus>/<novel>/novel_text.txt``: the PDNC novels, kept out of the
repository); such sets are skipped, with a note, when no corpus is given.

Run: ``python run_bot.py bench ask [--markdown] [--misses] [--corpus DIR] [--holdout | --blind | NAME ...]``.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import math
import os
import platform
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.query_sets import CORPUS_BLIND_SET_NAMES, CorpusMissing, is_expected, text_path
from bot.ask.service import StoryAsker
from bot.errors import FolioError
from bot.library.service import Library
from bot.library.views import QuoteHit
from bot.search.textnorm import FUNCTION_TERMS, term, words
from bot.storage.database import Database
from bot.text.excerpt import excerpt_around
from bot.text.ingest import parse_work
from cogs.reading.quote_ui import EMBED_PASSAGE_CHARS

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
WHOIS_DEV_SET_NAMES = (
    "sign-of-the-four-whois-dev",
    "anne-of-green-gables-whois-dev",
    "daisy-miller-whois-fresh",
    "where-angels-whois-fresh",
    "persuasion-whois-dev",
    "night-and-day-whois-dev",
)
"""Who-is questions only, on novels of the PDNC development half, each listing every sentence a reader would
accept: written before /ask answered them, tuned on since (development sets, reported apart). The two `-fresh` sets
(with two unknown names each) were written before /ask answered them; the engine before the who-is rules of
2026-12-07 night answered them once, then only totals were read: a check of those rules, not blind."""
QUESTION_SET_NAMES = (
    "hello-from-the-other-side",
    "frankenstein",
    "alice-tuned",
    "daisy-miller-dev",
    "where-angels-dev",
    "age-of-innocence-dev",
    "howards-end-dev",
    "persuasion-blind",
    "the-gambler-blind",
    "anne-of-green-gables-dev",
    "sign-of-the-four-dev",
    "invisible-man-dev",
    *WHOIS_DEV_SET_NAMES,
)
"""The tuned and development sets; persuasion-blind and the-gambler-blind were blind until 2026-12-07 (reported), now
development sets; the Anne of Green Gables and Sign of the Four sets were written before /ask first answered them."""
HOLDOUT_SET_NAMES = ("hello-from-the-other-side-holdout", "frankenstein-holdout")
"""Questions written after the ranking was tuned on the sets above and never used to tune it: the honest figure."""
BLIND_SET_NAMES = ("hello-from-the-other-side-blind", "frankenstein-blind", "dracula-blind", *CORPUS_BLIND_SET_NAMES)
"""Questions written and committed before /ask was ever run on them, during later rounds of improvements
(those of issue 19 on novels no one had tuned for, with who-is questions: each blind pair has a question set
and a quote query set of one name, listed once in :data:`benchmarks.query_sets.CORPUS_BLIND_SET_NAMES`)."""


@dataclass(frozen=True, slots=True)
class Shown:
    """What an engine shows for a question: sentences best first, and whether it claims to answer."""

    sentences: list[str]
    answered: bool
    first_view: str = ""
    """The text of the first reply: the excerpt of the best passage around its bold sentence."""
    closest: tuple[str, ...] = ()
    """When it declines: the closest passages' sentences it shows instead (privately)."""


Engine = Callable[[str], Awaitable[Shown]]


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    answers: tuple[str, ...]
    """Words of the sentences that answer it; empty for an unanswerable question."""
    who_is: bool = False
    """A "who is X?" question (answered from the character layer), reported apart too."""


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
    seen: int
    """Answerable questions whose answer is among the answers shown or, declined, among the closest passages."""
    wrong: int
    """Answerable questions answered with a first sentence that is not the answer."""
    who_is: int
    who_top1: int
    who_top3: int
    unanswerable: int
    rejected: int
    p50_ms: float
    p95_ms: float
    misses: tuple[str, ...]
    times: tuple[float, ...] = ()


def total(scores: Sequence[Score]) -> Score:
    """The scores of several sets as one (latency quantiles over every question)."""
    times = [t for s in scores for t in s.times]
    counted = [sum(getattr(s, name) for s in scores) for name in COUNTED_FIELDS]
    return Score(*counted, statistics.median(times), _p95(times), (), tuple(times))


def _p95(times: Sequence[float]) -> float:
    return statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]


def load_question_set(name: str, corpus: Path | None = None) -> QuestionSet:
    data = yaml.safe_load((QUESTIONS_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    answerable = [_answerable(item, who_is=False) for item in data["answerable"]]
    answerable += [_answerable(item, who_is=True) for item in data.get("who_is", ())]
    unanswerable = [Question(text, ()) for text in data["unanswerable"]]
    return QuestionSet(name, text_path(data, corpus), (*answerable, *unanswerable))


def _answerable(item: dict, *, who_is: bool) -> Question:
    answer = item["answer"]
    return Question(item["question"], tuple(answer if isinstance(answer, list) else [answer]), who_is)


def _matches(sentence: str, question: Question) -> bool:
    return is_expected(sentence, tuple(question.answers))


async def score(engine: Engine, questions: Sequence[Question]) -> Score:
    for question in questions:  # warm-up: caches, the work's vocabulary
        await engine(question.text)
    top1 = top1_in_view = top3 = seen = wrong = rejected = answered = who_top1 = who_top3 = 0
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
        first = bool(shown) and _matches(shown[0], question)
        any_of_three = any(_matches(sentence, question) for sentence in shown[:3])
        top1 += first
        top1_in_view += bool(shown) and _matches(result.first_view, question)
        top3 += any_of_three
        seen += any(_matches(sentence, question) for sentence in (*shown[:3], *result.closest))
        wrong += result.answered and not first
        who_top1 += question.who_is and first
        who_top3 += question.who_is and any_of_three
        if not (shown and _matches(shown[0], question)):
            misses.append(f"{question.text!r} -> {shown[0][:80] if shown else _declined(question, result)!r}")
    answerable = sum(1 for q in questions if q.answers)
    return Score(
        answerable,
        answered,
        top1,
        top1_in_view,
        top3,
        seen,
        wrong,
        sum(1 for q in questions if q.who_is),
        who_top1,
        who_top3,
        len(questions) - answerable,
        rejected,
        statistics.median(times),
        _p95(times),
        tuple(misses),
        tuple(times),
    )


def _declined(question: Question, result: Shown) -> str:
    """How a declined answerable question reads in the misses: whether its answer is among the closest passages."""
    among = any(_matches(sentence, question) for sentence in result.closest)
    return "(not answered; the answer among the closest passages)" if among else "(not answered)"


def folio_engine(asker: StoryAsker, slug: str) -> Engine:
    async def ask(question: str) -> Shown:
        try:
            result = await asker.ask(question, slug=slug)
        except FolioError:
            return Shown([], answered=False)
        shown = [hit.sentence.text for hit in result.answers]
        closest = tuple(hit.sentence.text for hit in result.closest)
        return Shown(shown, result.answered, _view(result.answers), closest)

    return ask


def _view(hits: Sequence[QuoteHit]) -> str:
    """The excerpt a reply shows of the first hit's passage (as cogs/reading/ask.py and cogs/reading/quote.py cut it)."""
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


def bm25_engine(text: str) -> Engine:
    """The baseline: BM25 over the work's sentences (as Folio splits them), the question's function words
    dropped; the three best sentences, always claimed as answers."""
    index = Bm25([sentence.text for sentence in parse_work(text).sentences])

    async def best(question: str) -> Shown:
        sentences = index.best(question, 3)
        return Shown(sentences, bool(sentences), sentences[0] if sentences else "")

    return best


class Bm25:
    """Okapi BM25 (k1 1.2, b 0.75) over sentences, on Folio's normalised terms."""

    K1, B = 1.2, 0.75

    def __init__(self, sentences: Sequence[str]) -> None:
        self.sentences = list(sentences)
        self.terms = [Counter(term(w) for w in words(s)) for s in self.sentences]
        self.lengths = [sum(c.values()) for c in self.terms]
        self.mean_length = sum(self.lengths) / max(len(self.lengths), 1)
        document_frequency = Counter(t for c in self.terms for t in c)
        count = len(self.sentences)
        self.idf = {t: math.log(1 + (count - df + 0.5) / (df + 0.5)) for t, df in document_frequency.items()}

    def best(self, question: str, limit: int) -> list[str]:
        wanted = {term(w) for w in words(question)} - FUNCTION_TERMS
        scores = [(self._score(wanted, position), -position) for position in range(len(self.sentences))]
        top = heapq.nlargest(limit, scores)
        return [self.sentences[-position] for value, position in top if value > 0]

    def _score(self, wanted: set[str], position: int) -> float:
        counts, length = self.terms[position], self.lengths[position]
        total = 0.0
        for t in wanted:
            frequency = counts.get(t, 0)
            if frequency:
                norm = frequency + self.K1 * (1 - self.B + self.B * length / self.mean_length)
                total += self.idf[t] * frequency * (self.K1 + 1) / norm
        return total


async def run_set(question_set: QuestionSet, folder: Path) -> dict[str, Score]:
    async with Database.opened(folder / f"{question_set.name}.sqlite3") as database:
        library = Library(database)
        saved = await library.add_work(question_set.text_path, slug=f"bench-{question_set.name}"[:40])
        slug = saved.record.slug
        text = question_set.text_path.read_text(encoding="utf-8")
        return {
            "folio /ask": await score(folio_engine(StoryAsker(library, database), slug), question_set.questions),
            "baseline: BM25 over sentences": await score(bm25_engine(text), question_set.questions),
            "baseline: /quote with the question": await score(quote_engine(library, slug), question_set.questions),
        }


COUNTED_FIELDS = ("answerable", "answered", "top1", "top1_in_view", "top3", "seen", "wrong", "who_is", "who_top1")
COUNTED_FIELDS += ("who_top3",)
COUNTED_FIELDS += ("unanswerable", "rejected")


def with_totals(results: dict[str, dict[str, Score]]) -> dict[str, dict[str, Score]]:
    """`results` and, for several sets, a row per engine summing them."""
    if len(results) < 2:
        return results
    engines = next(iter(results.values()))
    summed = {engine: total([scores[engine] for scores in results.values()]) for engine in engines}
    return {**results, "all sets": summed}


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}% ({part}/{whole})" if whole else "-"


def report(results: dict[str, dict[str, Score]], markdown: bool, verbose: bool) -> str:
    header = ["text", "engine", "top-1", "top-1 in view", "top-3", "who-is top-1", "who-is top-3"]
    header += ["answerable answered", "unanswerable rejected", "top-3 or closest", "answered wrong"]
    header += ["p50 ms", "p95 ms"]
    rows = [
        [
            name,
            engine,
            _percent(s.top1, s.answerable),
            _percent(s.top1_in_view, s.answerable),
            _percent(s.top3, s.answerable),
            _percent(s.who_top1, s.who_is),
            _percent(s.who_top3, s.who_is),
            _percent(s.answered, s.answerable),
            _percent(s.rejected, s.unanswerable),
            _percent(s.seen, s.answerable),
            _percent(s.wrong, s.answerable),
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
    if verbose:  # never a blind set's misses: they are not inspected one by one
        for name, engines in results.items():
            if name in BLIND_SET_NAMES or name == "all sets":
                continue
            lines += [f"\n{name} misses:", *(f"  {miss}" for miss in engines["folio /ask"].misses)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench ask", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "names", nargs="*", help="question sets (default: the tuned sets, or the --holdout or --blind sets)"
    )
    parser.add_argument("--holdout", action="store_true", help="run the hold-out sets, never used for tuning")
    parser.add_argument("--blind", action="store_true", help="run the blind sets, frozen before /ask first saw them")
    parser.add_argument("--corpus", type=Path, help="folder of the PDNC novels the sets naming a `novel` read")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--misses", action="store_true", help="list the questions /ask got wrong")
    args = parser.parse_args(argv)
    default = BLIND_SET_NAMES if args.blind else HOLDOUT_SET_NAMES if args.holdout else QUESTION_SET_NAMES
    names = args.names or list(default)
    results: dict[str, dict[str, Score]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            try:
                question_set = load_question_set(name, args.corpus)
            except CorpusMissing as missing:
                print(f"skipped {name}: its novel {missing} is read from --corpus DIR")
                continue
            results[name] = asyncio.run(run_set(question_set, Path(folder)))
    print(report(with_totals(results), args.markdown, args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
