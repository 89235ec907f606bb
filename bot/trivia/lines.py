"""Who said what: the one place trivia reads speaker attributions from.

Until the dedicated attribution module (``bot/attribution/``) lands, lines and
speakers come from the dialogue passages the parser stores
(:mod:`bot.text.dialogue`). Swap :func:`speaker_lines` for the new source and
nothing else in trivia changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


def speaker_lines(dialogues: Sequence[Passage], paragraph_ids: dict[int, int | None]) -> list[SpokenLine]:
    """Every quote of the work with its speaker; consecutive quotes of one speaker in one paragraph
    (``“Sheriff Stilinski retired,” the woman explained. “He moved …”``) make one line.

    A speaker the parser could not resolve past a pronoun counts as unknown.
    """
    lines: list[SpokenLine] = []
    for passage in sorted(dialogues, key=lambda p: p.start):
        assert passage.kind is PassageKind.DIALOGUE and passage.paragraph is not None
        speaker = passage.speaker if passage.speaker and passage.speaker.lower() not in _PRONOUNS else None
        text = unquote(passage.text)
        previous = lines[-1] if lines else None
        if previous and speaker and previous.speaker == speaker and previous.paragraph == passage.paragraph:
            lines[-1] = _joined(previous, text)
            continue
        lines.append(
            SpokenLine(
                offset=passage.start,
                text=text,
                speaker=speaker,
                confidence=_confidence(speaker),
                passage_id=paragraph_ids.get(passage.paragraph),
                section=passage.section,
                paragraph=passage.paragraph,
            )
        )
    return [line for line in lines if line.text]


def unquote(quote: str) -> str:
    """A quote's words without its quotation marks or the comma that hands over to a speech tag."""
    inner = quote.strip().strip(_QUOTE_MARKS).strip()
    return inner[:-1].rstrip() if inner.endswith(",") else inner


def _confidence(speaker: str | None) -> float:
    if speaker is None:
        return 0.0
    return DESCRIBED_CONFIDENCE if speaker.split()[0].lower() == "the" else NAMED_CONFIDENCE


def _joined(line: SpokenLine, more: str) -> SpokenLine:
    separator = " " if line.text.endswith((".", "!", "?", "…", "—")) else " … "
    return SpokenLine(
        line.offset, f"{line.text}{separator}{more}", line.speaker, line.confidence,
        line.passage_id, line.section, line.paragraph,
    )
