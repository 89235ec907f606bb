"""Who said what: trivia's lines, from the speaker attribution (:mod:`bot.attribution`).

Any attribution whose utterances have a ``start``, ``text``, ``speaker`` and
``confidence`` (:class:`Utterance`) will do; :func:`bot.trivia.service.work_source`
hands over the library's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.text.ingest import SHOWN_CONFIDENCE
from bot.text.markup import plain_text
from bot.text.model import Passage
from bot.trivia.events import Cast, Plot

CERTAIN = SHOWN_CONFIDENCE
"""Lowest confidence at which trivia takes a speaker as the truth: the one at which readers are shown it."""
_QUOTE_MARKS = "“”\"‘’'"
SPEECH_ENDINGS = (",", ".", "!", "?", "…", "—", "–", "-", ";", ":")
"""What spoken words end with inside their quotation marks; a quoted title or scare quote ends bare."""


_BROKEN_OFF = ("--", "—", "–")
"""A speech broken off by a dash and taken up again in one paragraph is as often another person
cutting in ("…collected many tadpoles--" / "You are not to say stink"): such a line is never certain."""


SPEECH_VERBS = (
    r"said|says|answered|replied|cried|asked|added|continued|returned|exclaimed|observed|remarked|rejoined"
    r"|interrupted|interposed|whispered|called|shouted|began|went on|put in|retorted|murmured|protested"
    r"|repeated|resumed|declared|inquired|enquired|responded|pursued|persisted|insisted|urged|muttered|sighed"
    r"|stammered|faltered|groaned|sobbed|pleaded|demanded|explained|suggested|admitted|stated|echoed|grumbled"
)
TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Lord|Captain|Colonel|Aunt|Uncle)\.?\s+)?"
"""An optional title before a name, in a pattern (``Colonel``, ``Mrs.``)."""
_NAME = r"([A-Z][a-z]+)"
_ANOTHER_VOICE = re.compile(
    rf"\b(?:{SPEECH_VERBS})\s+{TITLE}{_NAME}|{TITLE}{_NAME}\s+(?:{SPEECH_VERBS})\b"
    rf"|\b(?:turning|turned|turns|addressing|addressed)\s+(?:again\s+|round\s+|back\s+)?(?:to\s+)?{TITLE}{_NAME}"
)
"""Narration that hands the word to someone ("answered Tom", "Tom said") or turns to a listener
("turning to Margaret")."""
NOT_NAMES = frozenset("I He She They It We You The A An This That Then There".split())
"""Capitalised words a pattern for a name also catches at a sentence's start."""


def names_another(narration: str, speaker: str) -> bool:
    """Whether ``narration`` between two quotes gives the word to someone who is not ``speaker``
    ("…,” answered Tom, “…") or turns to a listener ("she said, turning to Margaret"): the words on
    either side are another person's, or said to different people."""
    own = {word.lower() for word in re.findall(r"[A-Za-z]+", speaker)}
    for found in _ANOTHER_VOICE.finditer(narration):
        name = next(group for group in found.groups() if group)
        if name not in NOT_NAMES and name.lower() not in own:
            return True
    return False


_GENERIC_HEADS = frozenset(
    "man woman voice stranger visitor figure person creature unseen unknown other one girl boy child lady gentleman"
    " youth fellow speaker newcomer".split()
)
"""Nouns a capitalised epithet may end with that tell nothing of who speaks ("the Voice", "the Invisible
Man"): the same person may speak under a name elsewhere."""


def is_description(speaker: str) -> bool:
    """Whether a speaker is known only by a description ("the woman"), not a name. Such a speaker
    may be a named character too, so it is never certain: it would make a wrong option that is
    secretly the right one. A capitalised epithet (:func:`is_epithet`: "the Hatter") is a name."""
    if is_epithet(speaker):
        return False
    return speaker[:1].islower() or speaker.split()[0].lower() in ("the", "a", "an")


def is_epithet(speaker: str) -> bool:
    """Whether ``speaker`` is "the" and capitalised words a book uses as a name ("the Hatter", "the
    Mock Turtle", "the General"), not a generic noun capitalised ("the Voice", "the Stranger")."""
    words = speaker.split()
    return (
        len(words) >= 2
        and words[0] == "the"
        and all(word[:1].isupper() and word[1:].islower() for word in words[1:])
        and words[-1].lower() not in _GENERIC_HEADS
    )


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
    rule: str = ""
    """The attribution's reason for the speaker ("named tag", "narrator tag", "alternation, agreed"…)."""

    @property
    def certain(self) -> bool:
        return self.speaker is not None and self.confidence >= CERTAIN and not is_description(self.speaker)


@dataclass(frozen=True, slots=True)
class TriviaSource:
    """What questions are made from: a work's lines, and its narration sentences, in reading order."""

    slug: str
    title: str
    lines: Sequence[SpokenLine]
    sentences: Sequence[Passage]
    paragraph_ids: dict[int, int | None]
    """Stable id of each paragraph, by ordinal."""
    plot: Plot = field(default_factory=lambda: Plot((), Cast((), ())))
    """The plot points of the narration and who is where (see :func:`bot.trivia.events.plot_of`)."""


class Utterance(Protocol):
    """One quote with its speaker, as an attribution gives it (``start``: its opening quotation mark)."""

    @property
    def start(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def speaker(self) -> str | None: ...

    @property
    def confidence(self) -> float: ...


def speaker_lines(utterances: Iterable[Utterance], paragraphs: Sequence[Passage]) -> list[SpokenLine]:
    """Each utterance placed in its paragraph (by offset; ``paragraphs`` in reading order, with
    their stable ids). Consecutive utterances of one speaker in one paragraph (``“Sheriff
    Stilinski retired,” the woman explained. “He moved …”``) make one line, never certain when the
    narration between them names someone else (:func:`names_another`)."""
    starts = [paragraph.start for paragraph in paragraphs]
    lines: list[SpokenLine] = []
    previous_raw, previous_end = "", 0
    for utterance in sorted(utterances, key=lambda u: u.start):
        index = bisect.bisect_right(starts, utterance.start) - 1
        if index < 0 or utterance.start >= paragraphs[index].end:
            continue  # not inside a paragraph of the story (front matter, say)
        paragraph, raw, speaker = paragraphs[index], _inner(utterance.text), utterance.speaker
        if not raw.endswith(SPEECH_ENDINGS):
            previous_raw = ""
            continue  # a scare quote, a title, a gloss: words in quotation marks, not speech
        text = unquote(utterance.text)
        previous = lines[-1] if lines else None
        if previous and speaker and previous.speaker == speaker and previous.paragraph == paragraph.ordinal and previous_raw:
            between = paragraph.text[max(0, previous_end - paragraph.start) : utterance.start - paragraph.start]
            glued = previous_raw.endswith(_BROKEN_OFF) or names_another(between, speaker)
            confidence = 0.0 if glued else utterance.confidence
            continues = previous_raw.endswith(",") and _quote_marks_stripped(between).endswith(",")
            lines[-1] = _joined(previous, text, confidence, interrupted=previous_raw.endswith(","), continues=continues)
        elif text:
            line = SpokenLine(
                utterance.start,
                text,
                speaker,
                utterance.confidence,
                paragraph.id,
                paragraph.section,
                paragraph.ordinal,
                getattr(utterance, "rule", ""),
            )
            lines.append(line)
        previous_raw, previous_end = raw, utterance.start + len(utterance.text)
    return lines


def unquote(quote: str) -> str:
    """A quote's words without its quotation marks or the comma that hands over to a speech tag,
    with apostrophes a text lost put back (:func:`restore_apostrophes`)."""
    inner = restore_apostrophes(_inner(quote))
    return inner[:-1].rstrip() if inner.endswith(",") else inner


_LOST_APOSTROPHE = re.compile(r"\b([A-Za-z]+) (s|t|m|ll|re|ve|d)\b(?!['’])(?![-‐–—]\w)")
"""A word, a space and a contraction's ending; not the start of a word hyphenated or stammered
("re-read", "s-s-see", "d—d")."""


def restore_apostrophes(text: str) -> str:
    """Put back apostrophes a transcription turned into spaces ("Ashby s marriage", "won t",
    "I m"): none of those endings is an English word of its own."""
    return _LOST_APOSTROPHE.sub(_with_apostrophe, text)


def _with_apostrophe(found: re.Match[str]) -> str:
    word, ending = found.groups()
    if ending == "t" and word.endswith("n"):
        return f"{word[:-1]}n’t"
    if ending == "t":
        return found.group(0)  # "a t" is no contraction
    return f"{word}’{ending}"


def _inner(quote: str) -> str:
    return plain_text(" ".join(quote.split()).strip(_QUOTE_MARKS).strip())  # hard-wrapped lines read as one


def _quote_marks_stripped(narration: str) -> str:
    return narration.strip().strip(_QUOTE_MARKS).rstrip()


def _joined(line: SpokenLine, more: str, confidence: float, *, interrupted: bool, continues: bool) -> SpokenLine:
    """``line`` and the next words its speaker says in the paragraph: a sentence broken by a speech
    tag goes on after a comma ("Well, we must go"; the tag itself ends in a comma: ``“If this weather
    holds,” said he, “Sir John will stay”``, or the words go on in lower case); a new sentence after
    a full stop (``“Well,” said he. “We must go.”``)."""
    if not more:
        return line
    if interrupted and (continues or more[:1].islower()):
        separator = " " if mid_phrase(line.text, more) else ", "
    elif interrupted:
        separator = ". "
    else:
        separator = " "
    return replace(line, text=f"{line.text}{separator}{more}", confidence=min(line.confidence, confidence))


_OPEN_ENDINGS = frozenset(
    "the a an of to with in on at for from by into upon my your his her our their its and or but nor is was are were"
    " be been am that than as very because if unless since although whether".split()
)
"""Words a sentence cannot pause after: a speech tag cut in after one broke a phrase ("The truth is,” said
he, “that…")."""
_CLAUSE_OPENINGS = frozenset("that what whether of".split())
"""Words that carry on the phrase before them ("I think,” said he, “that…"): no pause before them…"""
_PAUSES = frozenset(
    "well yes no oh ah sir madam ma'am ma’am dear love indeed however then too though perhaps therefore besides".split()
)
"""…unless the words before end in an interjection or a form of address, which a comma closes."""


def mid_phrase(before: str, after: str) -> bool:
    """Whether a speech tag cut a sentence where no comma belongs (the comma handing over to the tag is
    the tag's, not the speaker's): after a word a phrase goes on from ("The truth is” … “that"), or
    before a word that carries a clause on ("I think” … “that"), not after "sir" or "well"."""
    last = before.rstrip().rsplit(maxsplit=1)[-1] if before.strip() else ""
    first = after.split(maxsplit=1)[0] if after.strip() else ""
    if before.strip() == last and last.lower() in _OPEN_ENDINGS:
        return True  # the line's only word, capitalised ("Because")
    if not last[:1].islower() or not last[-1:].isalpha():
        return False  # a name or a mark of its own closes the words before
    if last in _OPEN_ENDINGS:
        return True
    return first in _CLAUSE_OPENINGS and last not in _PAUSES
