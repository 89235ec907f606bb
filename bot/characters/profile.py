"""A character's profile, worked out from the text alone: pure rules, no Discord, no drawing.

Every number comes from a rule a reader can check against the book. Only the
story counts: the text of the sections given, in reading order (the library
leaves out a novel's front and back matter: its contents page names every
character, and its licence none).

* **Mentions**: each time the text names the character by one of its names
  (the name mentions :mod:`bot.attribution` found, each going to the character
  with that alias, as its character list counts them); an unnamed character
  (``the woman``), once for each quote a speech tag gives it by that
  description. Counted per section (chapter or scene).
* **Lines**: the quotes attributed to the character with at least
  :data:`~bot.text.ingest.SHOWN_CONFIDENCE` (the same quotes ``/quote`` names a speaker for).
* **Memorable line**: among the character's lines of :data:`MIN_LINE_WORDS` to
  :data:`MAX_LINE_WORDS` words, preferring those that start a sentence (not a
  speech resumed after its tag), the one with the most *rare* words (lower-case
  words of at least :data:`MIN_RARE_LETTERS` letters used in at most
  :data:`RARE_IN_QUOTES` quotes of the whole work: names do not count), then the
  surest attribution, then the longest, then the first.
* **Talks with most**: two lines in a row, by different speakers, in the same
  section and at most :data:`CONVERSATION_GAP_CHARS` characters apart, are one
  exchange between the two; partners are ranked by exchanges, and only named
  people count (never "the other", "my host" or an unnamed narrator).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from bot.attribution.characters import Character
from bot.attribution.speakers import Utterance, base_rule
from bot.text.ingest import SHOWN_CONFIDENCE, WorkSpeakers

MIN_LINE_WORDS = 5
MAX_LINE_WORDS = 40
MIN_RARE_LETTERS = 4
RARE_IN_QUOTES = 2
CONVERSATION_GAP_CHARS = 1500
"""About two paragraphs of narration: lines further apart belong to different conversations."""
PARTNERS = 3
_WORD = re.compile(r"\w+(?:['’]\w+)*")
DESCRIBED_TAG = "described tag"
"""The attribution rule that names an unnamed speaker by a description (``said the woman``)."""


@dataclass(frozen=True, slots=True)
class SectionSpan:
    """A section of the work (chapter or scene) as offsets into its source text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class CharacterProfile:
    """What ``/character`` shows about one character."""

    name: str
    aliases: tuple[str, ...]
    """The other names the text uses for the character."""
    first_offset: int
    """Where the text first names (or, for an unnamed character, first describes) the character."""
    first_section: int | None
    """Index of the section of :attr:`first_offset` (None if the character appears only outside them)."""
    mentions_by_section: tuple[int, ...]
    lines: int
    memorable_line: Utterance | None
    partners: tuple[tuple[str, int], ...]
    """Who the character talks with most, with how many exchanges, most first."""

    @property
    def mentions(self) -> int:
        return sum(self.mentions_by_section)


def build_profile(speakers: WorkSpeakers, character: Character, sections: list[SectionSpan]) -> CharacterProfile:
    """The profile of ``character`` of a work, counting only the text in ``sections`` (in reading order)."""
    story = Story(sections)
    offsets = [offset for offset in mention_offsets(speakers, character) if story.section_of(offset) is not None]
    lines = [
        line for line in spoken_lines(speakers.utterances, character.name) if story.section_of(line.start) is not None
    ]
    first_offset = offsets[0] if offsets else character.first_offset
    return CharacterProfile(
        name=character.name,
        aliases=tuple(alias for alias in character.aliases if alias != character.name),
        first_offset=first_offset,
        first_section=story.section_of(first_offset),
        mentions_by_section=tuple(story.count(offsets)),
        lines=len(lines),
        memorable_line=memorable_line(lines, speakers.utterances),
        partners=tuple(_among_people(conversation_partners(speakers.utterances, character.name, story), speakers)),
    )


class Story:
    """The sections that count, in reading order: which one an offset is in."""

    def __init__(self, sections: list[SectionSpan]) -> None:
        self.sections = sections
        self._starts = [section.start for section in sections]

    def section_of(self, offset: int) -> int | None:
        """The index of the section ``offset`` falls in; None outside them all."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index if index >= 0 and offset < self.sections[index].end else None

    def count(self, offsets: list[int]) -> list[int]:
        """How many of ``offsets`` fall in each section."""
        counts = [0] * len(self.sections)
        for offset in offsets:
            index = self.section_of(offset)
            if index is not None:
                counts[index] += 1
        return counts


def mention_offsets(speakers: WorkSpeakers, character: Character) -> list[int]:
    """Where the text names ``character`` (describes it, for an unnamed one), in reading order."""
    named = list(speakers.mentions_of(character))
    described = [u.start for u in speakers.utterances if u.speaker == character.name and base_rule(u.rule) == DESCRIBED_TAG]
    return sorted(named + described) if character.described else named


def spoken_lines(utterances: list[Utterance], name: str) -> list[Utterance]:
    """The quotes surely spoken by ``name``, in reading order."""
    return [u for u in utterances if u.speaker == name and u.confidence >= SHOWN_CONFIDENCE]


def memorable_line(lines: list[Utterance], every_quote: list[Utterance]) -> Utterance | None:
    """The line with the most rare words (see the module's docstring); None if there are no lines."""
    uses = Counter(word for quote in every_quote for word in set(_common_words(quote.text)))
    sized = [line for line in lines if MIN_LINE_WORDS <= len(_WORD.findall(line.text)) <= MAX_LINE_WORDS]

    def weight(line: Utterance) -> tuple[bool, int, float, int, int]:
        rare = {word for word in _common_words(line.text) if uses[word] <= RARE_IN_QUOTES}
        return _starts_sentence(line), len(rare), line.confidence, len(_WORD.findall(line.text)), -line.start

    return max(sized or lines, key=weight, default=None)


def _common_words(text: str) -> list[str]:
    """The words of ``text`` written in lower case, of at least :data:`MIN_RARE_LETTERS` letters."""
    return [word for word in _WORD.findall(text) if word[0].islower() and len(word) >= MIN_RARE_LETTERS]


def _starts_sentence(line: Utterance) -> bool:
    """Whether the quote's first letter is a capital (``“just long enough…`` resumes a speech)."""
    first = next((char for char in line.text if char.isalpha()), "")
    return first.isupper()


def _among_people(partners: Counter[str], speakers: WorkSpeakers) -> list[tuple[str, int]]:
    """The partners who are named people of the work (not "the other", "my host" or "the narrator"), most first."""
    people = {c.name for c in speakers.named_people()}
    return [(name, count) for name, count in partners.most_common() if name in people][:PARTNERS]


def conversation_partners(utterances: list[Utterance], name: str, story: Story) -> Counter[str]:
    """Exchanges between ``name`` and each other speaker (see the module's docstring)."""
    lines = sorted((u for u in utterances if u.speaker and u.confidence >= SHOWN_CONFIDENCE), key=lambda u: u.start)
    partners: Counter[str] = Counter()
    for first, second in pairwise(lines):
        section = story.section_of(first.start)
        same_section = section is not None and section == story.section_of(second.start)
        close = second.start - first.end <= CONVERSATION_GAP_CHARS
        if same_section and close and first.speaker != second.speaker and name in (first.speaker, second.speaker):
            other = second.speaker if first.speaker == name else first.speaker
            assert other is not None
            partners[other] += 1
    return partners


def quote_text(line: Utterance) -> str:
    """A line as shown on its own: on one line, without the comma that led into its speech tag."""
    text = " ".join(line.text.split())
    closing = text[-1:] if text[-1:] in "”\"'’" else ""
    body = text[: len(text) - len(closing)].rstrip()
    return body.rstrip(",") + closing
