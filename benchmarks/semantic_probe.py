"""Would a sentence encoder help /ask rank its answers? (issue 19, the measurement before integrating one.)

On the development question sets only (never a blind one), each set's text imported as `bench ask` does, every
question is answered by:

- the engine as it is (`folio /ask`), and the same ranking shown as the fused rows show it (the best three
  sentences from three paragraphs, when the engine answers): the fair row to compare the fusions with;
- embedding cosine alone, over the engine's first :data:`POOL` candidates (and over every sentence of the text for
  the short texts of :data:`WHOLE_TEXT_SETS`);
- fusions of the engine's ranking with the cosine of the question and each candidate (the candidate read with its
  neighbour in the paragraph, or alone): reciprocal-rank fusion and a weighted score, for a grid of weights.

Routes other than passage retrieval ("who is X?", chapters) are left as the engine answers them, and a question the
engine declines stays declined: only the order of the engine's candidates changes.

The split, written before the first run: half A (choose the fusion) is the first, third, ... set of
:data:`DEV_SETS`; half B (check it) the second, fourth, ... Both are printed apart.

Needs the ``semantic`` extra (``pip install -e '.[semantic]'``). Run:
``python run_bot.py bench ask-semantic --corpus DIR [--half A|B] [NAME ...]`` (DIR: the PDNC novels).
"""

from __future__ import annotations

import argparse
import asyncio
import pickle
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from benchmarks.ask_bench import BLIND_SET_NAMES, QUESTION_SET_NAMES, Question, QuestionSet, load_question_set
from benchmarks.query_sets import CorpusMissing, is_expected
from benchmarks.semantic_encoder import encode, fuse_ranked, one_per_paragraph
from bot.ask.chat import standard_question
from bot.ask.decision import decide
from bot.ask.question import parse_question
from bot.ask.ranking import Answer
from bot.ask.routes import Route
from bot.ask.service import AskResult, StoryAsker
from bot.errors import FolioError
from bot.library.service import Library
from bot.library.views import WorkView
from bot.search.query import clean_query
from bot.storage.database import Database
from bot.text.ingest import parse_work
from bot.text.model import Passage

DEV_SETS = QUESTION_SET_NAMES
HALVES = {"A": DEV_SETS[0::2], "B": DEV_SETS[1::2]}
POOL = 50
"""The engine's candidates the encoder re-reads."""
WHOLE_TEXT_SETS = ("hello-from-the-other-side", "daisy-miller-dev")
CACHE = Path(tempfile.gettempdir()) / "folio-semantic-probe.pickle"


class CachedEncoder:
    """The encoder with every vector kept on disk between runs (the texts are encoded once)."""

    def __init__(self) -> None:
        self._vectors: dict[str, np.ndarray] = pickle.loads(CACHE.read_bytes()) if CACHE.exists() else {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, encode(missing), strict=True):
                self._vectors[text] = vector
        return np.stack([self._vectors[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        CACHE.write_bytes(pickle.dumps(self._vectors))


@dataclass
class Tally:
    top1: int = 0
    top3: int = 0
    answerable: int = 0

    def add(self, shown: Sequence[str], question: Question) -> None:
        self.answerable += 1
        self.top1 += bool(shown) and is_expected(shown[0], question.answers)
        self.top3 += any(is_expected(s, question.answers) for s in shown[:3])

    def row(self) -> str:
        return f"{self.top1}/{self.answerable} top-1, {self.top3}/{self.answerable} top-3"


@dataclass
class Probe:
    encode: CachedEncoder
    tallies: dict[str, Tally] = field(default_factory=dict)

    def count(self, engine: str, shown: Sequence[str], question: Question) -> None:
        self.tallies.setdefault(engine, Tally()).add(shown, question)


Variant = Callable[[list[Answer], np.ndarray], list[Answer]]


def variants() -> dict[str, Variant]:
    """The fusions tried: name -> how the ranked candidates (best first) and their cosines are re-ordered."""
    found: dict[str, Variant] = {"cosine alone": lambda ranked, cos: fuse_ranked(ranked, cos, "cosine", 0.0)}
    for k in (5, 20, 60):
        for weight in (0.25, 0.5, 1.0):
            found[f"rrf k={k} w={weight}"] = _bound("rrf", weight, k)
    for weight in (0.1, 0.25, 0.5, 1.0):
        found[f"weighted w={weight}"] = _bound("weighted", weight, 60)
    return found


def _bound(method: str, weight: float, k: int) -> Variant:
    return lambda ranked, cos: fuse_ranked(ranked, cos, method, weight, k=k)


def _top_paragraphs(ranked: Sequence[Answer], sentences: dict[int, Passage]) -> list[str]:
    """The best three sentences from three paragraphs, in the order given."""
    return [sentences[a.key].text for a in one_per_paragraph(ranked, lambda key: sentences[key].paragraph, 3)]


def _windows(ranked: Sequence[Answer], sentences: dict[int, Passage], neighbours: dict[int, Passage]) -> list[str]:
    """Each candidate with the next sentence of its paragraph (or the one before, for a paragraph's last)."""
    texts = []
    for answer in ranked:
        sentence = sentences[answer.key]
        after = neighbours.get(sentence.ordinal + 1)
        before = neighbours.get(sentence.ordinal - 1)
        near = after if after and after.paragraph == sentence.paragraph else before
        same = near is not None and near.paragraph == sentence.paragraph
        texts.append(f"{sentence.text} {near.text}" if same and near else sentence.text)
    return texts


async def probe_set(question_set: QuestionSet, folder: Path, probe: Probe) -> None:
    async with Database.opened(folder / f"{question_set.name}.sqlite3") as database:
        library = Library(database)
        slug = (await library.add_work(question_set.text_path, slug=f"probe-{question_set.name}"[:40])).record.slug
        asker = StoryAsker(library, database)
        work = await library.load(slug)
        whole = [s.text for s in parse_work(question_set.text_path.read_text(encoding="utf-8")).sentences]
        whole_vectors = probe.encode(whole) if question_set.name in WHOLE_TEXT_SETS else None
        for question in question_set.questions:
            if not question.answers:
                continue
            result = await _engine_answers(asker, slug, question, probe)
            engine_shown = [hit.sentence.text for hit in result.answers] if result else []
            if whole_vectors is not None:
                cosines = whole_vectors @ probe.encode([question.text])[0]
                best = [whole[i] for i in np.argsort(-cosines)[:3]]
                probe.count("cosine over every sentence (short texts only)", best, question)
            candidates = await _candidates(asker, work, question, result)
            if candidates is None:  # another route, or declined: every row shows what the engine shows
                for name in ("engine, three paragraphs", *_fused_names()):
                    probe.count(name, engine_shown, question)
                continue
            await _count_fusions(work, question, probe, *candidates)
        probe.encode.save()


async def _engine_answers(asker: StoryAsker, slug: str, question: Question, probe: Probe) -> AskResult | None:
    """What /ask answers (counted as the engine's row); None for a question it refuses."""
    try:
        result = await asker.ask(question.text, slug=slug)
    except FolioError:
        result = None
    probe.count("folio /ask", [hit.sentence.text for hit in result.answers] if result else [], question)
    return result


async def _candidates(
    asker: StoryAsker, work: WorkView, question: Question, result: AskResult | None
) -> tuple[list[Answer], dict[int, Passage]] | None:
    """The engine's ranked candidates for a question it answers by passage retrieval; None for any other."""
    if result is None or result.route is not Route.PASSAGES or not result.answered:
        return None
    parsed = await asyncio.to_thread(parse_question, standard_question(clean_query(question.text)), work.vocabulary)
    if parsed is None:
        return None
    ranked, sentences = await asker._ranked(work, parsed, lambda _: True, None)  # the engine's own, as /ask ranks
    ranked = [answer for answer in ranked if answer.typed]
    paragraph_of = {key: sentence.paragraph for key, sentence in sentences.items()}.get
    return (ranked, sentences) if decide(parsed, ranked, paragraph_of, 3).answered else None


async def _count_fusions(
    work: WorkView,
    question: Question,
    probe: Probe,
    ranked: list[Answer],
    sentences: dict[int, Passage],
) -> None:
    """Count the engine's order and every fusion of its first :data:`POOL` candidates, shown the same way."""
    probe.count("engine, three paragraphs", _top_paragraphs(ranked, sentences), question)
    pool = ranked[:POOL]
    question_vector = probe.encode([question.text])[0]
    ordinals = sorted({sentences[answer.key].ordinal + step for answer in pool for step in (-1, 0, 1)})
    neighbours = work.passages.sentences_at(ordinals)
    windows = {"sentence": [sentences[a.key].text for a in pool], "window": _windows(pool, sentences, neighbours)}
    for window, texts in windows.items():
        cosines = probe.encode(texts) @ question_vector
        for name, variant in variants().items():
            fused = variant(pool, cosines) + ranked[POOL:]
            probe.count(f"{name} ({window})", _top_paragraphs(fused, sentences), question)


def _fused_names() -> list[str]:
    return [f"{name} ({window})" for window in ("sentence", "window") for name in variants()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_bot.py bench ask-semantic", description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--half", choices=sorted(HALVES))
    args = parser.parse_args(argv)
    names = args.names or (HALVES[args.half] if args.half else DEV_SETS)
    if blind := sorted(set(names) & set(BLIND_SET_NAMES)):
        parser.error(f"blind sets are for `bench ask --blind` only, never for choosing a fusion: {', '.join(blind)}")
    probe = Probe(CachedEncoder())
    with tempfile.TemporaryDirectory() as folder:
        for name in names:
            try:
                question_set = load_question_set(name, args.corpus)
            except CorpusMissing:
                print(f"skipped {name}: no --corpus")
                continue
            asyncio.run(probe_set(question_set, Path(folder), probe))
            print(f"done {name}", flush=True)
    print(f"sets: {', '.join(names)}")
    for engine, tally in probe.tallies.items():
        print(f"{engine:55} {tally.row()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
