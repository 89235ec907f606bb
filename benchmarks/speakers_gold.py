"""Reading PDNC-format folders for the speaker benchmark, and scoring one novel against them.

A folder holds ``novel_text.txt``, ``quotation_info.csv`` and ``character_info.csv`` (see
``benchmarks/speakers/README.md``). The gold cast's alias lists are incomplete, so a predicted name
counts as a character when it is one of its aliases, or else when its words, titles aside, fit the
aliases of exactly one character (``Holmes`` for ``Sherlock Holmes``) of the gender its title shows, if
any (``Mrs. Newland Archer`` is no fit for Newland Archer: she is his wife). A listed person whose
name fits no one is not counted as junk when the quotes given to it are clearly one gold
character's (see :data:`SPOKEN_SHARE`).
"""

from __future__ import annotations

import ast
import bisect
import csv
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bot.attribution.calibration import MEASURED_CALIBRATION, Calibration
from bot.attribution.characters import Character, build_characters, normalise
from bot.attribution.confidence_model import Scorer
from bot.attribution.lexicon import FEMALE, MALE, TITLE_GENDER
from bot.attribution.quotes import find_quotes, paragraph_spans
from bot.attribution.speakers import Utterance, attribute
from bot.text.ingest import SHOWN_CONFIDENCE, WorkSpeakers

TYPES = ("Explicit", "Anaphoric", "Implicit")
BANDS = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95)
"""Lower bounds of the confidence bands the calibration table reports."""
MAJOR = ("major", "intermediate")
TOP = 30
"""How many of the most mentioned characters are checked for names that fit no one."""
SPOKEN_SHARE = 2 / 3
"""A listed person whose name fits no alias is still that gold character (for the count of names
that fit no one) when at least this share, and two or more, of the quotes given to it are that
character's (``the young girl``, ``Charles`` of two Charleses): it is a character, not junk."""


@dataclass(frozen=True, slots=True)
class Gold:
    start: int
    """Offset of the first sub-quotation's text (just after its opening quotation mark)."""
    speaker: int | None
    """The gold character's id (None for a label that is no character)."""
    quote_type: str


@dataclass(frozen=True, slots=True)
class GoldCharacter:
    id: int
    name: str
    aliases: frozenset[str]
    category: str
    gender: str | None = None
    """"m", "f", or None when the labels do not say."""


class GoldCast:
    """A novel's gold characters (``_group``-style entries left out) and how names resolve to them."""

    def __init__(self, characters: list[GoldCharacter]) -> None:
        self.characters = {c.id: c for c in characters}
        self._by_alias: dict[str, set[int]] = {}
        self._word_sets: list[tuple[frozenset[str], int]] = []
        self._genders = {c.id: c.gender for c in characters}
        for character in characters:
            for alias in character.aliases:
                self._by_alias.setdefault(normalise(alias), set()).add(character.id)
                self._word_sets.append((_name_words(alias), character.id))

    def resolve(self, name: str | None) -> int | None:
        """The character ``name`` names: an alias of exactly one, else a name fitting exactly one."""
        if not name:
            return None
        exact = self._by_alias.get(normalise(name), set())
        if len(exact) == 1:
            return next(iter(exact))
        words = _name_words(name)
        if not words or exact:
            return None
        shown = TITLE_GENDER.get(normalise(name).split()[0])
        fits = {
            character
            for alias_words, character in self._word_sets
            if words <= alias_words and (shown is None or self._genders[character] in (None, shown))
        }
        return fits.pop() if len(fits) == 1 else None


def _name_words(name: str) -> frozenset[str]:
    return frozenset(word for word in normalise(name).split() if word not in TITLE_GENDER)


@dataclass(frozen=True, slots=True)
class Novel:
    name: str
    text: str
    golds: list[Gold]
    cast: GoldCast


def load(folder: Path) -> Novel:
    """A PDNC-format folder: its text, its quotations and its cast."""
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    characters = []
    with (folder / "character_info.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["Main Name"].startswith("_"):
                continue
            aliases = frozenset({row["Main Name"], *ast.literal_eval(row["Aliases"] or "set()")})
            category = (row.get("Category") or "").strip().lower()
            gender = {"M": MALE, "F": FEMALE}.get((row.get("Gender") or "").strip().upper())
            characters.append(GoldCharacter(int(row["Character ID"]), row["Main Name"], aliases, category, gender))
    cast = GoldCast(characters)
    by_main = {c.name: c.id for c in characters}
    golds = []
    with (folder / "quotation_info.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file):
            spans = ast.literal_eval(row["quoteByteSpans"])
            speaker = by_main.get(row["speaker"])
            speaker = cast.resolve(row["speaker"]) if speaker is None else speaker
            golds.append(Gold(spans[0][0], speaker, row["quoteType"]))
    return Novel(folder.name, text, golds, cast)


@dataclass(slots=True)
class Tally:
    """Right answers per quotation type, the confident subset, calibration, and the cast's quality."""

    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    baseline_right: Counter[str] = field(default_factory=Counter)
    band_right: Counter[float] = field(default_factory=Counter)
    band_total: Counter[float] = field(default_factory=Counter)
    confidence_right: Counter[float] = field(default_factory=Counter)
    confidence_total: Counter[float] = field(default_factory=Counter)
    """Per exact confidence value: to choose the confident threshold."""
    rule_right: Counter[str] = field(default_factory=Counter)
    rule_total: Counter[str] = field(default_factory=Counter)
    """Per rule (the evidence, with its agreement with the conversation around it)."""
    confident_right: int = 0
    confident: int = 0
    major: int = 0
    split: int = 0
    people: int = 0
    matched: int = 0
    merged: int = 0
    unmatched: int = 0
    unmatched_top: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    """Each split and wrong merge, written out (printed with ``--detail``, never for the check half)."""
    seconds: float = 0.0
    novels: list[float] = field(default_factory=list)
    """Each novel's overall accuracy, for the average and the worst."""

    def add(self, other: Tally) -> None:
        for name in (
            "right", "total", "baseline_right", "band_right", "band_total",
            "confidence_right", "confidence_total", "rule_right", "rule_total",
        ):
            getattr(self, name).update(getattr(other, name))
        for name in ("confident_right", "confident", "major", "split", "people", "matched", "merged", "unmatched"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.unmatched_top += other.unmatched_top
        self.details += other.details
        self.seconds += other.seconds
        self.novels += other.novels


def score(novel: Novel, calibration: Calibration = MEASURED_CALIBRATION, scorer: Scorer | None = None) -> Tally:
    """Attribute ``novel`` from its text alone (confidence from ``calibration`` and ``scorer``, default the
    shipped confidence model) and score it against its labels."""
    started = time.perf_counter()
    paragraphs = paragraph_spans(novel.text)
    characters = build_characters(novel.text, paragraphs)
    utterances = attribute(novel.text, characters, paragraphs, calibration, scorer=scorer)
    tally = Tally(seconds=time.perf_counter() - started)
    _score_speakers(novel, utterances, tally)
    _score_cast(novel, WorkSpeakers(characters, utterances), tally)
    tally.novels.append(tally.right["Overall"] / max(1, tally.total["Overall"]))
    return tally


def _score_speakers(novel: Novel, utterances: list[Utterance], tally: Tally) -> None:
    starts = [u.start for u in utterances]
    nearest = NearestName(novel.text, novel.cast)
    for gold in novel.golds:
        utterance = _containing(utterances, starts, gold.start)
        speaker = utterance.speaker if utterance else None
        right = gold.speaker is not None and novel.cast.resolve(speaker) == gold.speaker
        for kind in (gold.quote_type, "Overall") if gold.quote_type in TYPES else ("Overall",):
            tally.total[kind] += 1
            tally.right[kind] += right
            tally.baseline_right[kind] += gold.speaker is not None and nearest.speaker(gold.start) == gold.speaker
        confidence = utterance.confidence if utterance and speaker else 0.0
        band = max(b for b in BANDS if confidence >= b)
        tally.band_total[band] += 1
        tally.band_right[band] += right
        tally.confidence_total[confidence] += 1
        tally.confidence_right[confidence] += right
        rule = utterance.rule if utterance and speaker else "none"
        tally.rule_total[rule] += 1
        tally.rule_right[rule] += right
        if confidence >= SHOWN_CONFIDENCE:
            tally.confident += 1
            tally.confident_right += right


def evidence_of(rule: str) -> str:
    """The kind of evidence behind a rule, its agreement with the conversation around it aside
    (``named tag, agreed, confirmed``: ``named tag``)."""
    for qualifier in (", confirmed", ", agreed", ", disputed"):
        rule = rule.removesuffix(qualifier)
    return rule


def at_threshold(tally: Tally, low: float) -> tuple[int, int]:
    """Right answers and quotes of ``tally``'s subset at confidence ``low`` and above."""
    chosen = [c for c in tally.confidence_total if c >= low]
    return sum(tally.confidence_right[c] for c in chosen), sum(tally.confidence_total[c] for c in chosen)


def _score_cast(novel: Novel, speakers: WorkSpeakers, tally: Tally) -> None:
    """Splits (a major or intermediate gold character in several people), wrong merges (several gold
    characters in one person) and people whose names fit no gold character."""
    people = sorted(speakers.people(), key=lambda c: -c.mentions)
    spoken_by = _gold_speakers(novel, speakers.utterances)
    holders: Counter[int] = Counter()
    for rank, person in enumerate(people):
        resolved = (novel.cast.resolve(name) for name in (person.name, *person.aliases))
        golds = {gold for gold in resolved if gold is not None}
        holders.update(golds)
        tally.people += 1
        tally.matched += bool(golds)
        tally.merged += len(golds) > 1
        if len(golds) > 1:
            named = ", ".join(sorted(novel.cast.characters[gold].name for gold in golds))
            tally.details.append(f"{novel.name}: merge {_forms(person)} holds {named}")
        if not golds and _speaker_of(spoken_by.get(person.name, Counter())) is None:
            tally.unmatched += 1
            if rank < TOP:
                tally.unmatched_top.append(f"{novel.name}: {person.name}")
    major = [c.id for c in novel.cast.characters.values() if c.category in MAJOR]
    tally.major += len(major)
    tally.split += sum(holders[c] > 1 for c in major)
    for character in (c for c in major if holders[c] > 1):
        held = [_forms(p) for p in people if character in {novel.cast.resolve(n) for n in (p.name, *p.aliases)}]
        tally.details.append(f"{novel.name}: split {novel.cast.characters[character].name} in " + " | ".join(held))


def _forms(person: Character) -> str:
    """A listed person's name, aliases and mentions, for the ``--detail`` lines."""
    aliases = f" ({', '.join(sorted(person.aliases))})" if person.aliases else ""
    return f"{person.name}{aliases} [{person.mentions}]"


def _gold_speakers(novel: Novel, utterances: list[Utterance]) -> dict[str, Counter[int]]:
    """For each predicted speaker's name, the gold speakers of the quotes given to it."""
    starts = [u.start for u in utterances]
    found: dict[str, Counter[int]] = {}
    for gold in novel.golds:
        utterance = _containing(utterances, starts, gold.start)
        if utterance and utterance.speaker and gold.speaker is not None:
            found.setdefault(utterance.speaker, Counter())[gold.speaker] += 1
    return found


def _speaker_of(gold_speakers: Counter[int]) -> int | None:
    """The gold character who speaks most of a predicted speaker's quotes, if clearly one (see
    :data:`SPOKEN_SHARE`)."""
    if not gold_speakers:
        return None
    character, count = gold_speakers.most_common(1)[0]
    return character if count >= 2 and count >= SPOKEN_SHARE * gold_speakers.total() else None


def _containing(utterances: list[Utterance], starts: list[int], offset: int) -> Utterance | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < utterances[index].end:
        return utterances[index]
    return None


class NearestName:
    """The baseline: the gold character named closest to a quotation, outside quotes (it is given
    the gold cast, which attribution is not)."""

    def __init__(self, text: str, cast: GoldCast) -> None:
        quotes = find_quotes(text, paragraph_spans(text))
        quote_starts = [q.start for q in quotes]
        self._mentions: list[tuple[int, int]] = []
        for character in cast.characters.values():
            for alias in character.aliases:
                for match in re.finditer(rf"\b{re.escape(alias)}\b", text):
                    index = bisect.bisect_right(quote_starts, match.start()) - 1
                    if index < 0 or match.start() >= quotes[index].end:
                        self._mentions.append((match.start(), character.id))
        self._mentions.sort()
        self._offsets = [offset for offset, _ in self._mentions]

    def speaker(self, offset: int) -> int | None:
        index = bisect.bisect_left(self._offsets, offset)
        candidates = self._mentions[max(0, index - 1) : index + 1]
        if not candidates:
            return None
        return min(candidates, key=lambda mention: abs(mention[0] - offset))[1]
