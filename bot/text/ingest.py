"""Ingest a story's source text into a :class:`~bot.text.model.ParsedWork`.

Pure text processing: no Discord, no I/O. Three layouts are recognised:

* **AO3 downloads** — a ``Work Header`` preface, then ``Work Text:`` (or
  ``Chapter N`` / ``Chapter Text`` headings); author notes and the trailing
  ``Afterword`` / ``End Notes`` are left out.
* **Project Gutenberg books** — the licence header and footer are cut at the
  ``*** START OF ...`` / ``*** END OF ...`` lines; ``Title:`` and ``Author:``
  come from the header.
* **Plain text** — anything else.

Parsing happens in three steps: the source is cut into *blocks* (runs of
non-blank lines); a layout-specific *outline* classifies each block as a
heading, a scene break or a paragraph; the outline is grouped into sections
and written out as passages. Every passage's offsets index the original
string, and its ``text`` is always ``display_text(source[start:end], layout)``.

Sections are flat: a work with chapter headings is divided into chapters
(plus "Front matter" / "Back matter" when there is text outside them) and
scene breaks inside chapters are dropped; a work without chapter headings is
divided into scenes at its scene breaks.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bot.attribution.calibration import SHOWN_CONFIDENCE
from bot.attribution.characters import NARRATOR, Character, CharacterList, build_characters
from bot.attribution.people import is_listed_description
from bot.attribution.quotes import quote_marks, quote_spans
from bot.attribution.speakers import Utterance, attribute
from bot.text.ao3 import AO3_SIGNATURE, outline_ao3
from bot.text.blocks import Span, split_blocks
from bot.text.gutenberg import GUTENBERG_START, outline_gutenberg
from bot.text.markup import ITALIC_SPAN
from bot.text.model import Layout, ParsedWork, Passage, PassageKind
from bot.text.outline import Outline
from bot.text.plain import outline_plain
from bot.text.sentences import sentence_spans
from bot.text.structure import ReadingSection, Structure, build_structure
from bot.text.titles import header_title_and_author, title_from_file_name, title_page

UNTITLED = "Untitled"
# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def content_hash(source_text: str) -> str:
    """The sha256 hex digest of the UTF-8 encoded text."""
    return hashlib.sha256(source_text.encode("utf-8")).hexdigest()


def detect_layout(text: str) -> Layout:
    """Recognise which layout ``text`` is in."""
    if GUTENBERG_START.search(text):
        return Layout.GUTENBERG
    if AO3_SIGNATURE.search(text):
        return Layout.AO3
    return Layout.PLAIN


_BLANK_LINE_RUN = re.compile(r"\n\s*\n")


def display_text(raw: str, layout: Layout) -> str:
    """Turn a raw source slice into display text.

    Hard wraps are unwrapped (any whitespace run within a paragraph becomes one
    space) and paragraphs are separated by one blank line. For Gutenberg texts
    ``--`` becomes an em dash and ``_italics_`` become Discord's ``*italics*``.
    """
    paragraphs = (" ".join(chunk.split()) for chunk in _BLANK_LINE_RUN.split(raw))
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if layout is Layout.GUTENBERG:
        text = ITALIC_SPAN.sub(r"*\1*", text.replace("--", "—"))
    return text


def parse_work(source_text: str, *, title: str | None = None, file_name: str | None = None) -> ParsedWork:
    """Parse a work into sections, paragraphs, sentences and dialogue.

    ``title`` overrides the title found in the text (its header, else its
    title page, else ``file_name``).
    """
    return parse_work_and_speakers(source_text, title=title, file_name=file_name)[0]


def parse_work_and_speakers(
    source_text: str, *, title: str | None = None, file_name: str | None = None
) -> tuple[ParsedWork, WorkSpeakers]:
    """:func:`parse_work`, with the characters and attribution it worked out on the way (to store)."""
    layout = detect_layout(source_text)
    outline = _OUTLINERS[layout](source_text)
    structure = build_structure(outline.items)
    attribution = _attribute_sections(source_text, structure)
    speakers = {
        utterance.start: utterance.speaker
        for utterance in attribution.utterances
        if utterance.confidence >= SHOWN_CONFIDENCE
    }
    writer = _PassageWriter(source_text, layout, speakers)
    for index, section in enumerate(structure.reading):
        writer.write_section(index, section)
    found_title, author = _title_and_author(source_text, outline, structure)
    parsed = ParsedWork(
        title=title or found_title or title_from_file_name(file_name) or UNTITLED,
        author=author,
        layout=layout,
        source_text=source_text,
        passages=writer.passages,
        structure=structure.sections,
    )
    return parsed, attribution


def _title_and_author(text: str, outline: Outline, structure: Structure) -> tuple[str | None, str | None]:
    """The layout's own (AO3), else the header's, else the title page's, field by field."""
    title, author = outline.title, outline.author
    if title and author:
        return title, author
    header_title, header_author = header_title_and_author(text)
    title, author = title or header_title, author or header_author
    if title and author:
        return title, author
    story_start = next((s.offset for s in structure.sections if not s.is_matter), len(text))
    page_title, page_author = title_page(text, split_blocks(text, outline.body_start, max(story_start, outline.body_start)))
    return title or page_title, author or page_author


@dataclass(frozen=True, slots=True)
class WorkSpeakers:
    """A work's characters and the speaker of every quote in its story."""

    characters: CharacterList
    utterances: list[Utterance]
    mention_starts: tuple[tuple[int, ...], ...] = ()
    """Where the text names each of ``characters.characters`` (by position in that list), in reading order."""

    def named_people(self) -> list[Character]:
        """The :meth:`people` known by a name: not a description (``the woman``) nor an unnamed narrator."""
        return [c for c in self.people() if not c.described and c.name != NARRATOR]

    def named_between(self, start: int, end: int) -> list[Character]:
        """The :meth:`named_people` the text names between offsets ``start`` and ``end``, most named there
        first (then the first named)."""
        found = []
        for character in self.named_people():
            starts = self.mentions_of(character)
            first = bisect.bisect_left(starts, start)
            count = bisect.bisect_left(starts, end) - first
            if count:
                found.append((-count, starts[first], character))
        return [character for _, _, character in sorted(found, key=lambda item: item[:2])]

    def mentions_of(self, character: Character) -> tuple[int, ...]:
        """Where the text names ``character`` (never for an unnamed one)."""
        index = next((i for i, c in enumerate(self.characters.characters) if c is character), None)
        return self.mention_starts[index] if index is not None and index < len(self.mention_starts) else ()

    def utterance_counts(self) -> Counter[str]:
        """How many quotes each speaker (by name) is given."""
        return Counter(utterance.speaker for utterance in self.utterances if utterance.speaker)

    def people(self) -> list[Character]:
        """The characters that are people: they speak, or are named and the text shows their gender
        (places do neither; an unnamed speaker heard once, or known only as a relation, ``his
        father``, is left out: see :func:`~bot.attribution.people.is_listed_description`)."""
        spoken = self.utterance_counts()
        return [
            c for c in self.characters.characters
            if c.person and (
                is_listed_description(c.name, spoken[c.name]) if c.described
                else spoken[c.name] or c.gender is not None
            )
        ]


def attribute_work(source_text: str) -> WorkSpeakers:
    """Who speaks each quote of a work, reading only its story (as :func:`parse_work` finds
    its paragraphs: no Gutenberg licence, no AO3 notes). Offsets index ``source_text``."""
    return _attribute_sections(source_text, structure_of(source_text))


def structure_of(source_text: str) -> Structure:
    """The work's sections (see :mod:`bot.text.structure`), without writing its passages."""
    return build_structure(_OUTLINERS[detect_layout(source_text)](source_text).items)


def _attribute_sections(source_text: str, structure: Structure) -> WorkSpeakers:
    paragraphs = [span for section in structure.reading for span in section.paragraphs]
    characters = build_characters(source_text, paragraphs)
    utterances = attribute(source_text, characters, paragraphs)
    return WorkSpeakers(characters, utterances, _mention_starts(characters))


def _mention_starts(characters: CharacterList) -> tuple[tuple[int, ...], ...]:
    """Where each character is named: each mention goes to the character its form names."""
    index = {id(c): i for i, c in enumerate(characters.characters)}
    owners: dict[str, int | None] = {}  # a novel has thousands of mentions of a few hundred forms
    starts: list[list[int]] = [[] for _ in characters.characters]
    for mention in characters.mentions:
        if mention.form not in owners:
            owner = characters.find(mention.form)
            owners[mention.form] = index.get(id(owner)) if owner is not None else None
        position = owners[mention.form]
        if position is not None:
            starts[position].append(mention.start)
    return tuple(tuple(found) for found in starts)


_OUTLINERS: dict[Layout, Callable[[str], Outline]] = {
    Layout.AO3: outline_ao3,
    Layout.GUTENBERG: outline_gutenberg,
    Layout.PLAIN: outline_plain,
}


# --------------------------------------------------------------------------
# Writing passages
# --------------------------------------------------------------------------


class _PassageWriter:
    """Emits passages in reading order, numbering each kind from 0."""

    def __init__(self, text: str, layout: Layout, speakers: dict[int, str | None]) -> None:
        self._text = text
        self._layout = layout
        self._speakers = speakers
        self._marks = quote_marks(text)
        self._ordinals: Counter[PassageKind] = Counter()
        self.passages: list[Passage] = []

    def write_section(self, index: int, section: ReadingSection) -> None:
        start, end = section.paragraphs[0][0], section.paragraphs[-1][1]
        self._add(section.kind, (start, end), section=index, title=section.title)
        for paragraph in section.paragraphs:
            self._write_paragraph(paragraph, index)

    def _write_paragraph(self, span: Span, section: int) -> None:
        paragraph = self._add(PassageKind.PARAGRAPH, span, section=section)
        offset = span[0]
        raw = self._text[span[0] : span[1]]
        protect_italics = self._layout is Layout.GUTENBERG
        for start, end in sentence_spans(raw, protect_italics=protect_italics):
            sentence = (offset + start, offset + end)
            self._add(PassageKind.SENTENCE, sentence, section=section, paragraph=paragraph.ordinal)
        for start, end in quote_spans(raw, self._marks):
            self._add(
                PassageKind.DIALOGUE,
                (offset + start, offset + end),
                section=section,
                paragraph=paragraph.ordinal,
                speaker=self._speakers.get(offset + start),
            )

    def _add(
        self,
        kind: PassageKind,
        span: Span,
        *,
        section: int,
        paragraph: int | None = None,
        speaker: str | None = None,
        title: str | None = None,
    ) -> Passage:
        ordinal = self._ordinals[kind]
        self._ordinals[kind] += 1
        start, end = span
        passage = Passage(
            kind=kind,
            ordinal=ordinal,
            start=start,
            end=end,
            text=display_text(self._text[start:end], self._layout),
            section=section,
            paragraph=ordinal if kind is PassageKind.PARAGRAPH else paragraph,
            speaker=speaker,
            title=title,
        )
        self.passages.append(passage)
        return passage
