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

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from bot.attribution.characters import Character, CharacterList, build_characters
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
SHOWN_CONFIDENCE = 0.7
"""A dialogue passage carries its speaker when the attribution is at least this sure."""


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
    layout = detect_layout(source_text)
    outline = _OUTLINERS[layout](source_text)
    structure = build_structure(outline.items)
    speakers = {
        utterance.start: utterance.speaker
        for utterance in _attribute_sections(source_text, structure.reading).utterances
        if utterance.confidence >= SHOWN_CONFIDENCE
    }
    writer = _PassageWriter(source_text, layout, speakers)
    for index, section in enumerate(structure.reading):
        writer.write_section(index, section)
    found_title, author = _title_and_author(source_text, outline, structure)
    return ParsedWork(
        title=title or found_title or title_from_file_name(file_name) or UNTITLED,
        author=author,
        layout=layout,
        source_text=source_text,
        passages=writer.passages,
        structure=structure.sections,
    )


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

    def utterance_counts(self) -> Counter[str]:
        """How many quotes each speaker (by name) is given."""
        return Counter(utterance.speaker for utterance in self.utterances if utterance.speaker)

    def people(self) -> list[Character]:
        """The characters that are people: they speak, or are named and the text shows their gender
        (places do neither; a passer-by described once and never heard is left out)."""
        spoken = self.utterance_counts()
        return [
            c for c in self.characters.characters if spoken[c.name] or (c.gender is not None and not c.described)
        ]


def attribute_work(source_text: str) -> WorkSpeakers:
    """Who speaks each quote of a work, reading only its story (as :func:`parse_work` finds
    its paragraphs: no Gutenberg licence, no AO3 notes). Offsets index ``source_text``."""
    return _attribute_sections(source_text, structure_of(source_text).reading)


def structure_of(source_text: str) -> Structure:
    """The work's sections (see :mod:`bot.text.structure`), without writing its passages."""
    return build_structure(_OUTLINERS[detect_layout(source_text)](source_text).items)


def _attribute_sections(source_text: str, sections: list[ReadingSection]) -> WorkSpeakers:
    paragraphs = [span for section in sections for span in section.paragraphs]
    characters = build_characters(source_text, paragraphs)
    return WorkSpeakers(characters, attribute(source_text, characters, paragraphs))


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
