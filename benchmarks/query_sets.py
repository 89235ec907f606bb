"""Reader query sets for the quote benchmark (``benchmarks/queries/*.yaml``).

Each file names the text it is about and lists queries by kind. In-story
queries name their answer by ``expect``, a substring of the expected sentence;
it is compared on normalised words (case, punctuation and quote style do not
matter), so a file stays valid when sentence ordinals or quote styles change.
``expect`` may also be a list of such substrings when either of two sentences
is a right answer (a query that runs across both). A file may leave out kinds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = Path(__file__).resolve().parent / "queries"

IN_STORY_KINDS = (
    "exact",
    "typos",
    "sound_alike",
    "misremembered",
    "paraphrase",
    "fragments",
    "words",
    "shuffled",
    "multi_sentence",
    "misquotes",
)
OFF_STORY = "off_story"
KINDS = (*IN_STORY_KINDS, OFF_STORY)

# Benchmark order: the bundled story first, then the novels by size. The
# quote engine was tuned against these sets, so their figures are optimistic.
QUERY_SET_NAMES = ("hello-from-the-other-side", "frankenstein", "dracula")

# Hold-out sets: fresh queries on the same novels, written after the engine's
# first version had been tuned on the tuned sets, not tuned on since, but
# measured after every change: a check, not a blind figure.
HOLDOUT_SET_NAMES = ("frankenstein-holdout", "dracula-holdout")

# Blind sets (issue 9): two novels never used before and the bundled story,
# every kind of query, frozen in a commit before the engine was changed for
# them. Spent since: the chat-speak table was fitted to them and their misses
# were read (docs/benchmarks.md says which figures are blind). Only the
# benchmark commands read them; no query of theirs may appear elsewhere.
BLIND_SET_NAMES = ("hello-from-the-other-side-blind", "sign-of-the-four-blind", "invisible-man-blind")

# Blind sets of issue 19: novels none of us had read or tuned for (each later pair written in a later round), read
# from the corpus folder given on the benchmark's command line (``--corpus``: the PDNC novels stay out of the
# repository).
CORPUS_BLIND_SET_NAMES = (
    "awakening-blind",
    "sport-of-the-gods-blind",
    "hard-times-blind",
    "northanger-abbey-blind",
    "mansfield-park-blind",
    "a-passage-to-india-blind",
    "sense-and-sensibility-blind",
    "night-and-day-blind",
    # Fifth fresh pair, Emma and Pride and Prejudice (benchmarks/blind-texts), written 2026-12-07 before the engine ran.
    "pride-and-prejudice-blind",
    "emma-blind",
    # Sixth fresh pair, Chesterton's The Man Who Was Thursday and The Ball and the Cross (benchmarks/blind-texts),
    # written 2026-12-08 by a helper who never ran the engine, before the engine ran on them.
    "the-man-who-was-thursday-blind",
    "the-ball-and-the-cross-blind",
    # Seventh fresh pair, Chesterton's The Wisdom of Father Brown and Burgess's The Adventures of Buster Bear
    # (benchmarks/blind-texts), written 2026-12-08 by a helper who never ran the engine, before the engine ran on them.
    "the-wisdom-of-father-brown-blind",
    "the-adventures-of-buster-bear-blind",
)

# Tuned sets of issue 19, for calibrating the closest-match decision (text in the repository).
CALIBRATION_SET_NAMES = ("alice-tuned",)

# Development sets of issue 19's /quote half: reworded lines on two novels of the PDNC development half
# (benchmarks/speakers/split.md), read from ``--corpus``; tuned on, so optimistic. persuasion-blind and
# the-gambler-blind: blind until 2026-12-07 (reported), now development sets (their misses are read).
# The *-dev2 sets (second round): misremembered lines, remembered words and 48 off-story lines on four more
# development novels, written before the engine ran on them, to calibrate the closest-match decision across sets.
CORPUS_DEV_SET_NAMES = (
    "daisy-miller-dev",
    "where-angels-dev",
    "persuasion-blind",
    "the-gambler-blind",
    "anne-of-green-gables-dev2",
    "sign-of-the-four-dev2",
    "howards-end-dev2",
    "age-of-innocence-dev2",
    # Third round (issue 19, night of 2026-12-07): 20+ paraphrases per novel, written before the engine changed;
    # howards-end-dev3 and age-of-innocence-dev3 are tuned on, anne-of-green-gables-dev3 is read as totals only.
    "howards-end-dev3",
    "age-of-innocence-dev3",
    "anne-of-green-gables-dev3",
)


@dataclass(frozen=True, slots=True)
class Query:
    kind: str
    text: str
    expect: tuple[str, ...] | None
    """Substrings of the expected sentence (any one counts); ``None`` for off-story queries."""


@dataclass(frozen=True, slots=True)
class QuerySet:
    name: str
    text_path: Path
    queries: tuple[Query, ...]

    def of_kind(self, kind: str) -> list[Query]:
        return [query for query in self.queries if query.kind == kind]


class CorpusMissing(Exception):
    """A set reads its novel from the corpus folder, and none was given."""


def text_path(data: dict, corpus: Path | None) -> Path:
    """The text a set is about: ``text`` in the repository, or ``novel`` (``<corpus>/<novel>/novel_text.txt``)."""
    if "novel" not in data:
        return REPO_ROOT / data["text"]
    if corpus is None:
        raise CorpusMissing(data["novel"])
    return corpus / data["novel"] / "novel_text.txt"


def load_query_set(name: str, corpus: Path | None = None) -> QuerySet:
    """Read ``benchmarks/queries/<name>.yaml`` (a set naming a ``novel`` reads it from `corpus`)."""
    data = yaml.safe_load((QUERIES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    queries = [Query(OFF_STORY, text, None) for text in data[OFF_STORY]]
    for kind in IN_STORY_KINDS:
        queries.extend(Query(kind, item["query"], _expectations(item["expect"])) for item in data.get(kind, ()))
    return QuerySet(name, text_path(data, corpus), tuple(queries))


def _expectations(expect: str | list[str]) -> tuple[str, ...]:
    return (expect,) if isinstance(expect, str) else tuple(expect)


_NOT_WORD = re.compile(r"[\W_]+")


@cache
def _word_string(text: str) -> str:
    """The judge's own normalisation, independent of the engine's: case and accents
    folded, every run of other characters (punctuation, quotes, apostrophes, dashes)
    one space, padded with spaces so that only whole words match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " " + " ".join(_NOT_WORD.split(bare)).strip() + " "


def is_expected(sentence: str, expect: tuple[str, ...]) -> bool:
    """Whether ``sentence`` contains the words of one of ``expect`` in sequence."""
    return any(_word_string(option) in _word_string(sentence) for option in expect)
