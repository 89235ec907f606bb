"""Who said what: the one place trivia reads speaker attributions from.

Until the dedicated attribution module (``bot/attribution/``) lands, speakers
come from the dialogue passages the parser stores (:mod:`bot.text.dialogue`),
through :func:`parser_utterances`. Any attribution whose utterances have an
``offset``, ``text``, ``speaker`` and ``confidence`` (:class:`Utterance`) can take
its place in :func:`bot.trivia.service.work_source`; nothing else in trivia changes.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bot.text.model import Passage, PassageKind

CERTAIN = 0.9
"""Lowest confidence at which trivia takes a speaker as the truth."""
NAMED_CONFIDENCE = 0.9
"""The confidence given to a speaker the parser named (it names none when unsure)."""
DESCRIBED_CONFIDENCE = 0.6
"""A speaker known only by a description ("the woman") may be a named character too, so it is
never certain: it would make a wrong option that is secretly the right one."""
_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you"})
_QUOTE_MARKS = "“”\"‘’'"


@dataclass(frozen=True, slots=True)
class SpokenLine:
    """One utterance: where its opening quotation mark is, what was said, and by whom.

    ``passage_id`` is the stable id of the paragraph it is in (for showing it
    in context); ``section`` and ``paragraph`` place it in reading order.
    """

    offset: int
    text: str
    speaker: str | None
    confidence: float
    passage_id: int | None
    section: int
    paragraph: int

    @property
    def certain(self) -> bool:
        return self.speaker is not None and self.confidence >= CERTAIN


@dataclass(frozen=True, slots=True)
class TriviaSource:
    """What questions are made from: a work's lines, and its narration sentences, in reading order."""

    slug: str
    title: str
    lines: Sequence[SpokenLine]
    sentences: Sequence[Passage]
    paragraph_ids: dict[int, int | None]
    """Stable id of each paragraph, by ordinal."""


class Utterance(Protocol):
    """One quote with its speaker, as an attribution gives it: the parser's today
    (:func:`parser_utterances`), ``bot/attribution``'s once it lands."""

    @property
    def offset(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def speaker(self) -> str | None: ...

    @property
    def confidence(self) -> float: ...


@dataclass(frozen=True, slots=True)
class ParsedUtterance:
    offset: int
    text: str
    speaker: str | None
    confidence: float


def parser_utterances(dialogues: Sequence[Passage]) -> list[ParsedUtterance]:
    """The speakers the parser named for its dialogue passages (:mod:`bot.text.dialogue`), with a
    confidence: a name :data:`NAMED_CONFIDENCE`, a description :data:`DESCRIBED_CONFIDENCE`;
    a pronoun it could not resolve is no speaker."""
    found = []
    for passage in dialogues:
        assert passage.kind is PassageKind.DIALOGUE
        speaker = passage.speaker if passage.speaker and passage.speaker.lower() not in _PRONOUNS else None
        found.append(ParsedUtterance(passage.start, passage.text, speaker, _confidence(speaker)))
    return found


def speaker_lines(utterances: Iterable[Utterance], paragraphs: Sequence[Passage]) -> list[SpokenLine]:
    """Each utterance placed in its paragraph (by offset; ``paragraphs`` in reading order, with
    their stable ids). Consecutive utterances of one speaker in one paragraph (``“Sheriff
    Stilinski retired,” the woman explained. “He moved …”``) make one line."""
    starts = [paragraph.start for paragraph in paragraphs]
    lines: list[SpokenLine] = []
    for utterance in sorted(utterances, key=lambda u: u.offset):
        index = bisect.bisect_right(starts, utterance.offset) - 1
        if index < 0 or utterance.offset >= paragraphs[index].end:
            continue  # not inside a paragraph of the story (front matter, say)
        paragraph, text, speaker = paragraphs[index], unquote(utterance.text), utterance.speaker
        previous = lines[-1] if lines else None
        if previous and speaker and previous.speaker == speaker and previous.paragraph == paragraph.ordinal:
            lines[-1] = _joined(previous, text, utterance.confidence)
        elif text:
            line = SpokenLine(
                utterance.offset, text, speaker, utterance.confidence, paragraph.id, paragraph.section, paragraph.ordinal
            )
            lines.append(line)
    return lines


def unquote(quote: str) -> str:
    """A quote's words without its quotation marks or the comma that hands over to a speech tag."""
    inner = quote.strip().strip(_QUOTE_MARKS).strip()
    return inner[:-1].rstrip() if inner.endswith(",") else inner


def _confidence(speaker: str | None) -> float:
    if speaker is None:
        return 0.0
    return DESCRIBED_CONFIDENCE if speaker.split()[0].lower() == "the" else NAMED_CONFIDENCE


def _joined(line: SpokenLine, more: str, confidence: float) -> SpokenLine:
    separator = " " if line.text.endswith((".", "!", "?", "…", "—")) else " … "
    text = f"{line.text}{separator}{more}" if more else line.text
    return replace(line, text=text, confidence=min(line.confidence, confidence))
