"""Ingest a story's source text into a :class:`~bot.story.ParsedWork`.

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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum, auto
from itertools import takewhile

from bot.story import Layout, ParsedWork, Passage, PassageKind

FRONT_MATTER_TITLE = "Front matter"
BACK_MATTER_TITLE = "Back matter"
UNTITLED = "Untitled"

Span = tuple[int, int]

# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def content_hash(source_text: str) -> str:
    """The sha256 hex digest of the UTF-8 encoded text."""
    return hashlib.sha256(source_text.encode("utf-8")).hexdigest()


def detect_layout(text: str) -> Layout:
    """Recognise which layout ``text`` is in."""
    if _GUTENBERG_START.search(text):
        return Layout.GUTENBERG
    if _AO3_SIGNATURE.search(text):
        return Layout.AO3
    return Layout.PLAIN


_BLANK_LINE_RUN = re.compile(r"\n\s*\n")
_ITALIC_SPAN = re.compile(r"_([^_]+)_")


def display_text(raw: str, layout: Layout) -> str:
    """Turn a raw source slice into display text.

    Hard wraps are unwrapped (any whitespace run within a paragraph becomes one
    space) and paragraphs are separated by one blank line. For Gutenberg texts
    ``--`` becomes an em dash and ``_italics_`` become Discord's ``*italics*``.
    """
    paragraphs = (" ".join(chunk.split()) for chunk in _BLANK_LINE_RUN.split(raw))
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    if layout is Layout.GUTENBERG:
        text = _ITALIC_SPAN.sub(r"*\1*", text.replace("--", "—"))
    return text


def parse_work(source_text: str, *, title: str | None = None) -> ParsedWork:
    """Parse a work into sections, paragraphs, sentences and dialogue.

    ``title`` overrides the title found in the text.
    """
    layout = detect_layout(source_text)
    outline = _OUTLINERS[layout](source_text)
    sections = _group_into_sections(outline.items)
    writer = _PassageWriter(source_text, layout, _SpeakerGuesser.learn(source_text, sections))
    for index, section in enumerate(sections):
        writer.write_section(index, section)
    return ParsedWork(
        title=title or outline.title or UNTITLED,
        author=outline.author,
        layout=layout,
        source_text=source_text,
        passages=writer.passages,
    )


# --------------------------------------------------------------------------
# Blocks: runs of non-blank lines
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Block:
    """A run of non-blank lines; ``lines`` are whitespace-trimmed line spans."""

    lines: tuple[Span, ...]
    blank_lines_before: int

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][1]


def _blocks(text: str, start: int, end: int) -> list[_Block]:
    """Cut ``text[start:end]`` into blocks separated by blank lines."""
    blocks: list[_Block] = []
    lines: list[Span] = []
    blank_lines = 0
    position = start
    for line in text[start:end].split("\n"):
        content = line.strip()
        if content:
            line_start = position + len(line) - len(line.lstrip())
            lines.append((line_start, line_start + len(content)))
        else:
            if lines:
                blocks.append(_Block(tuple(lines), blank_lines))
                lines, blank_lines = [], 0
            blank_lines += 1
        position += len(line) + 1
    if lines:
        blocks.append(_Block(tuple(lines), blank_lines))
    return blocks


def _single_line(text: str, block: _Block) -> str | None:
    """The block's text if it is one line, else ``None``."""
    if len(block.lines) != 1:
        return None
    return text[block.start : block.end]


# --------------------------------------------------------------------------
# Headings, subtitles and scene breaks
# --------------------------------------------------------------------------

_NUMBER_WORD = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
    "fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
)
_ROMAN_NUMERAL = re.compile(r"[IVXLCDM]+")
_HEADING = re.compile(
    r"(?P<label>chapter|letter|prologue|epilogue)"
    rf"(?:\s+(?P<number>\d+|(?-i:[IVXLCDM]+)|(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}))?))?\b"
    r"\.?(?:\s*[:.—–-]\s*|\s+)?(?P<rest>.*)",
    re.IGNORECASE,
)
_MAX_HEADING_LENGTH = 80
_SCENE_BREAK = re.compile(r"(?:[*#~•·]\s*)+|(?:[-_=]\s*){3,}")
_THE_END = re.compile(r"the end\.?", re.IGNORECASE)
_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")
_SMALL_TITLE_WORDS = frozenset(
    "a an and as at but by for from in into of on or the to with".split()
)


def _heading_title(line: str) -> str | None:
    """The tidied section title if ``line`` is a chapter-like heading.

    ``"CHAPTER I."`` -> ``"Chapter I"``; ``"Chapter 3: Home"`` -> ``"Chapter 3: Home"``.
    """
    match = _HEADING.fullmatch(line)
    if not match or len(line) > _MAX_HEADING_LENGTH:
        return None
    label, number, rest = match["label"].lower(), match["number"], match["rest"]
    numbered_label = label in ("chapter", "letter")
    if numbered_label != bool(number) or rest[:1].islower():
        return None
    title = label.capitalize()
    if number:
        title += " " + _tidy_number(number)
    return f"{title}: {_tidy_title(rest)}" if rest else title


def _tidy_number(number: str) -> str:
    if number.isdigit() or _ROMAN_NUMERAL.fullmatch(number):
        return number
    return number.title()


def _tidy_title(raw: str) -> str:
    """Clean a heading for display: no italics markers, real dashes, and
    all-capital headings in title case (``"DR. SEWARD’S DIARY"`` ->
    ``"Dr. Seward’s Diary"``)."""
    shouting = not any(char.islower() for char in _ITALIC_SPAN.sub("", raw))
    text = " ".join(raw.replace("_", "").replace("--", "—").split()).rstrip(".")
    if shouting:
        text = _TITLE_WORD.sub(lambda word: _title_case(word, text), text)
    return text


def _title_case(word: re.Match[str], text: str) -> str:
    lowered = word.group().lower()
    after_space = word.start() > 0 and text[word.start() - 1] == " "
    return lowered if after_space and lowered in _SMALL_TITLE_WORDS else lowered.capitalize()


def _is_subtitle(line: str) -> bool:
    """A short all-capitals line, like Dracula's ``JONATHAN HARKER’S JOURNAL``.

    Lower case inside ``_italics_`` is allowed (``DIARY--_continued_``).
    """
    outside_italics = _ITALIC_SPAN.sub("", line)
    return (
        len(line) <= _MAX_HEADING_LENGTH
        and any(char.isupper() for char in outside_italics)
        and not any(char.islower() for char in outside_italics)
        and _heading_title(line) is None
        and not _THE_END.fullmatch(line)
    )


# --------------------------------------------------------------------------
# Outline: the classified content of a work
# --------------------------------------------------------------------------


class _ItemKind(Enum):
    HEADING = auto()
    SCENE_BREAK = auto()
    PARAGRAPH = auto()


@dataclass(frozen=True, slots=True)
class _Item:
    kind: _ItemKind
    span: Span = (0, 0)
    title: str = ""


@dataclass(slots=True)
class _Outline:
    title: str | None = None
    author: str | None = None
    items: list[_Item] = field(default_factory=list)


class _OutlineBuilder:
    """Classifies story blocks into outline items, in reading order."""

    def __init__(self, text: str) -> None:
        self._text = text
        self.items: list[_Item] = []
        self._heading_takes_subtitle = False
        self._seen_heading = False

    def add_scene_break(self) -> None:
        self._append(_Item(_ItemKind.SCENE_BREAK))

    def add_block(self, block: _Block) -> None:
        line = _single_line(self._text, block)
        if line is None:
            self._add_paragraphs(block)
        elif _SCENE_BREAK.fullmatch(line):
            self.add_scene_break()
        elif (title := _heading_title(line)) is not None:
            self._append(_Item(_ItemKind.HEADING, title=title))
            self._heading_takes_subtitle = True
            self._seen_heading = True
        elif self._heading_takes_subtitle and _is_subtitle(line):
            heading = self.items[-1]
            self.items[-1] = replace(heading, title=f"{heading.title}: {_tidy_title(line)}")
            self._heading_takes_subtitle = False
        else:
            self._append(_Item(_ItemKind.PARAGRAPH, (block.start, block.end)))
            if _THE_END.fullmatch(line) and self._seen_heading:
                self._append(_Item(_ItemKind.HEADING, title=BACK_MATTER_TITLE))

    def _add_paragraphs(self, block: _Block) -> None:
        """A multi-line block is one paragraph, unless every line is a heading:
        then it is a table of contents, kept as one paragraph per line."""
        lines = [self._text[start:end] for start, end in block.lines]
        if all(_heading_title(line) for line in lines):
            for span in block.lines:
                self._append(_Item(_ItemKind.PARAGRAPH, span))
        else:
            self._append(_Item(_ItemKind.PARAGRAPH, (block.start, block.end)))

    def _append(self, item: _Item) -> None:
        self.items.append(item)
        self._heading_takes_subtitle = False


# --- Project Gutenberg ------------------------------------------------------

_GUTENBERG_START = re.compile(
    r"^\*\*\*\s*START OF (?:THE|THIS) PROJECT GUTENBERG EBOOK.*$", re.MULTILINE | re.IGNORECASE
)
_GUTENBERG_END = re.compile(
    r"^[ \t]*\*\*\*\s*END OF (?:THE|THIS) PROJECT GUTENBERG EBOOK", re.MULTILINE | re.IGNORECASE
)


def _outline_gutenberg(text: str) -> _Outline:
    start = _GUTENBERG_START.search(text)
    assert start is not None, "detect_layout only picks GUTENBERG when the START line exists"
    end = _GUTENBERG_END.search(text, start.end())
    header = text[: start.start()]
    builder = _OutlineBuilder(text)
    for block in _blocks(text, start.end(), end.start() if end else len(text)):
        builder.add_block(block)
    return _Outline(_header_field(header, "Title"), _header_field(header, "Author"), builder.items)


def _header_field(header: str, name: str) -> str | None:
    """A ``Name: value`` header line, with any indented continuation lines."""
    match = re.search(rf"^{name}:[ \t]*(\S.*(?:\n[ \t]+\S.*)*)", header, re.MULTILINE)
    return " ".join(match.group(1).split()) if match else None


# --- AO3 ----------------------------------------------------------------------

_AO3_SIGNATURE = re.compile(
    r"^(?:Work Header|Work Text:)\s*$|Posted originally on the Archive of Our Own", re.MULTILINE
)
_AO3_STORY_MARKERS = frozenset({"work text:", "chapter text"})
_AO3_NOTE_MARKERS = frozenset(
    {"summary", "notes", "chapter summary", "chapter notes", "chapter end notes"}
)
_AO3_AFTERWORD_MARKERS = frozenset({"afterword", "end notes"})
_AUTHOR_LINE = re.compile(r"by\s+(\S.*)", re.IGNORECASE)


def _outline_ao3(text: str) -> _Outline:
    """Story text starts after ``Work Text:``, ``Chapter Text`` or a chapter
    heading; notes run until the next of those; the afterword ends the story."""
    blocks = _blocks(text, 0, len(text))
    builder = _OutlineBuilder(text)
    in_story = False
    for block in blocks:
        line = _single_line(text, block) or ""
        marker = line.lower()
        if marker in _AO3_AFTERWORD_MARKERS:
            break
        if marker in _AO3_STORY_MARKERS or marker in _AO3_NOTE_MARKERS:
            in_story = marker in _AO3_STORY_MARKERS
            continue
        in_story = in_story or _heading_title(line) is not None
        if in_story:
            if block.blank_lines_before >= 2:
                builder.add_scene_break()
            builder.add_block(block)
    if not builder.items:  # no recognisable body: read it as plain text
        return _outline_plain(text)
    title, author = _ao3_title_and_author(text, blocks)
    return _Outline(title, author, builder.items)


def _ao3_title_and_author(text: str, blocks: list[_Block]) -> tuple[str | None, str | None]:
    """The title follows ``Work Header`` (else it is the first line); the
    author is a ``by Name`` line in the preface, before the story starts."""
    lines = (text[start:end] for block in blocks for start, end in block.lines)
    preface = list(takewhile(_is_ao3_preface_line, lines))
    if not preface:
        return None, None
    title = preface[0]
    if title == "Work Header" and len(preface) > 1:
        title = preface[1]
    bylines = (_AUTHOR_LINE.fullmatch(line) for line in preface)
    author = next((match.group(1) for match in bylines if match), None)
    return title, author


def _is_ao3_preface_line(line: str) -> bool:
    return line.lower() not in _AO3_STORY_MARKERS and _heading_title(line) is None


# --- Plain text ---------------------------------------------------------------

_TITLE_ENDINGS = tuple(".,;:!?\"”’'—。！？」』）…")


def _outline_plain(text: str) -> _Outline:
    title, author, blocks = _plain_title_page(text, _blocks(text, 0, len(text)))
    builder = _OutlineBuilder(text)
    for block in blocks:
        if block.blank_lines_before >= 2:
            builder.add_scene_break()
        builder.add_block(block)
    return _Outline(title, author, builder.items)


def _plain_title_page(
    text: str, blocks: list[_Block]
) -> tuple[str | None, str | None, list[_Block]]:
    """Take a title (a short first line) and author (a ``by Name`` line under it,
    in the same block or the next) off the front; returns the remaining blocks."""
    lines = [text[start:end] for start, end in blocks[0].lines] if len(blocks) > 1 else []
    if not lines or len(lines) > 2 or not _is_title_line(lines[0]):
        return None, None, blocks  # a text of one block is all story, no title page
    byline = _AUTHOR_LINE.fullmatch(lines[1]) if len(lines) == 2 else None
    if len(lines) == 2 and byline is None:
        return None, None, blocks
    rest = blocks[1:]
    if byline is None and rest:
        byline = _AUTHOR_LINE.fullmatch(_single_line(text, rest[0]) or "")
        rest = rest[1:] if byline else rest
    return lines[0], byline.group(1) if byline else None, rest


def _is_title_line(line: str) -> bool:
    return (
        len(line) <= _MAX_HEADING_LENGTH
        and not line.endswith(_TITLE_ENDINGS)
        and not _SCENE_BREAK.fullmatch(line)
        and _heading_title(line) is None
    )


_OUTLINERS: dict[Layout, Callable[[str], _Outline]] = {
    Layout.AO3: _outline_ao3,
    Layout.GUTENBERG: _outline_gutenberg,
    Layout.PLAIN: _outline_plain,
}

# --------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------


@dataclass(slots=True)
class _Section:
    kind: PassageKind
    title: str
    paragraphs: list[Span] = field(default_factory=list)


def _group_into_sections(items: list[_Item]) -> list[_Section]:
    """Chapters if the outline has headings, else scenes; empty sections are dropped."""
    if any(item.kind is _ItemKind.HEADING for item in items):
        sections = [_Section(PassageKind.CHAPTER, FRONT_MATTER_TITLE)]
        for item in items:
            if item.kind is _ItemKind.HEADING:
                sections.append(_Section(PassageKind.CHAPTER, item.title))
            elif item.kind is _ItemKind.PARAGRAPH:
                sections[-1].paragraphs.append(item.span)
        return [section for section in sections if section.paragraphs]
    scenes: list[list[Span]] = [[]]
    for item in items:
        if item.kind is _ItemKind.SCENE_BREAK:
            scenes.append([])
        else:
            scenes[-1].append(item.span)
    scenes = [paragraphs for paragraphs in scenes if paragraphs]
    return [
        _Section(PassageKind.SCENE, f"Scene {number}", paragraphs)
        for number, paragraphs in enumerate(scenes, start=1)
    ]


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------

_SENTENCE_END = re.compile(
    r"(?P<stop>[.!?…]+)[\"”’')\]_*]*(?=\s+[\"“‘'(\[_*]*(?P<next>[^\W_]))"
    r"|[。！？]+[」』”’）]*(?=\S)"  # Chinese and Japanese full stops need no space after
)
_WORD_BEFORE = re.compile(r"[A-Za-z]+$")
_WHITESPACE = re.compile(r"\s*")
_ABBREVIATIONS = frozenset(
    "mr mrs ms messrs dr st prof rev capt col gen lt sgt hon jr sr mt vs viz etc "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "vol", "p", "pp"})  # only before a number: "No. 7"


def _sentence_spans(paragraph: str, *, protect_italics: bool) -> list[Span]:
    """Sentence spans within a trimmed paragraph.

    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (plus any closing
    quotes or brackets) when the next word does not start in lower case (a
    capital of any script, a digit, a letter of a script without case) — so
    ``“Was?” she asked.`` stays whole — and at ``。！？``. Abbreviations (``Dr. Seward``),
    initials (``P. M.``) and spaced ellipses (``I … I``) never end a
    sentence, nor (with ``protect_italics``) a stop inside ``_an italic run._``.
    """
    italics = [m.span() for m in _ITALIC_SPAN.finditer(paragraph)] if protect_italics else []
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        if _is_false_stop(paragraph, match) or any(s < match.end() < e for s, e in italics):
            continue
        spans.append((start, match.end()))
        start = _WHITESPACE.match(paragraph, match.end()).end()
    spans.append((start, len(paragraph)))
    return spans


def _is_false_stop(paragraph: str, match: re.Match[str]) -> bool:
    stop, at = match["stop"], match.start()
    if stop is None:  # a Chinese or Japanese full stop
        return False
    if match["next"].islower():
        return True
    if stop in ("…", "...") and at > 0 and paragraph[at - 1].isspace():
        return True
    if stop != ".":
        return False
    word = _WORD_BEFORE.search(paragraph, max(0, at - 12), at)
    if word is None or (word.start() > 0 and paragraph[word.start() - 1].isalpha()):
        return False
    token = word.group()
    is_initial = len(token) == 1 and token.isupper() and token != "I"
    before_number = paragraph[_WHITESPACE.match(paragraph, match.end()).end()].isdigit()
    return (
        is_initial
        or token.lower() in _ABBREVIATIONS
        or (before_number and token.lower() in _NUMBER_ABBREVIATIONS)
    )


# --------------------------------------------------------------------------
# Dialogue
# --------------------------------------------------------------------------

_QUOTE_MARK = re.compile(r"[“”\"]")


def _quote_spans(paragraph: str) -> list[Span]:
    """Spans of double-quoted speech, quotes included.

    A quote still open at the end of the paragraph runs to its end (the
    convention for speech continuing into the next paragraph).
    """
    spans: list[Span] = []
    opened_at: int | None = None
    for match in _QUOTE_MARK.finditer(paragraph):
        mark, position = match.group(), match.start()
        if opened_at is None:
            if mark != "”":
                opened_at = position
        elif mark != "“":
            spans.append((opened_at, position + 1))
            opened_at = None
    if opened_at is not None and opened_at < len(paragraph) - 1:
        spans.append((opened_at, len(paragraph)))
    return spans


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                   "she": "f", "her": "f", "hers": "f", "herself": "f"}
_PERSON_NOUN_GENDER: dict[str, str | None] = {
    "woman": "f", "lady": "f", "girl": "f", "mother": "f", "wife": "f", "maid": "f",
    "landlady": "f", "nurse": "f", "man": "m", "gentleman": "m", "boy": "m",
    "father": "m", "husband": "m", "landlord": "m", "coachman": "m", "count": "m",
    "stranger": None, "driver": None, "being": None, "creature": None, "monster": None,
    "doctor": None, "professor": None, "captain": None, "child": None, "servant": None,
    "sheriff": None, "officer": None, "attendant": None, "keeper": None,
}
_SPEECH_VERBS = frozenset(
    "say said says ask asked asks speak spoke answered replied cried exclaimed whispered "
    "muttered murmured mumbled shouted yelled screamed called continued added began went "
    "interrupted cut returned resumed observed remarked stated explained questioned "
    "repeated echoed offered corrected argued retorted uttered commented demanded inquired "
    "enquired urged pleaded begged insisted agreed suggested declared announced admitted "
    "warned promised snapped growled hissed breathed sighed laughed sobbed groaned gasped "
    "stammered responded "
    # present tense, for stories told in it ("To which Stiles responds with, …")
    "responds replies answers whispers murmurs mutters cries calls shouts adds continues "
    "begins interrupts repeats echoes offers argues insists explains".split()
)
_UNRESOLVABLE_PRONOUNS = frozenset({"i", "we", "they"})
_WHO = (
    r"(?P<who>(?:he|she|He|She|I|we|We|they|They)\b"
    r"|[Tt]he\s+(?:old\s+|young\s+)?[A-Za-z]+\b"
    r"|(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b)"
)
# "Derek started", "the woman kindly explained", "The woman, unfortunately, frowned"
_SUBJECT = re.compile(rf"[\s,]*{_WHO}(?:\s*,)?(?P<words>(?:\s+[a-z]+){{0,2}})")
_NOT_A_PREDICATE = frozenset({"and", "or", "nor", "of"})
# "said Lydia", "interrupted the being"
_VERB_FIRST = re.compile(rf"[\s,]*(?P<verb>[a-z]+)\s+{_WHO}")
# a quote cut off mid-sentence: “I’m looking for the Stilinskis,” / “Old Sheriff …”
_QUOTE_CONTINUES = re.compile(r"[,;:—–…-][”\"]?$")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;]\s)[A-Z][a-z]+\b")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_CLAUSE_AFTER_CAPITAL = re.compile(r"\b([A-Z][a-z]+)\s+[a-z][^.!?;:“”\"]*")
_THIRD_PERSON_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b")


class _SpeakerGuesser:
    """Reads the narration around quotes to name their speakers.

    In order of trust: a speech tag right after the quote (``“…,” Lydia
    stated``, ``said the Professor``), the subject of the narration just
    before it (``Derek stared at her. “Was?”``), the previous speaker in the
    same paragraph. "he"/"she" are resolved cautiously (see :meth:`_resolve`);
    anything unsure gives ``None``.

    Two things are learnt from the work first: which capitalised words are
    names (see :func:`_learn_names`), and each name's likely gender (the
    pronouns in clauses the name starts).
    """

    def __init__(self, names: frozenset[str], genders: dict[str, str]) -> None:
        self._names = names
        self._genders = genders

    @classmethod
    def learn(cls, text: str, sections: list[_Section]) -> _SpeakerGuesser:
        spans = (span for section in sections for span in section.paragraphs)
        story = "\n\n".join(text[start:end] for start, end in spans)
        names = _learn_names(story)
        votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for clause in _CLAUSE_AFTER_CAPITAL.finditer(story):
            pronoun = _THIRD_PERSON_PRONOUN.search(clause.group())
            if pronoun and clause.group(1) in names:
                votes[clause.group(1)][_PRONOUN_GENDER[pronoun.group()]] += 1
        genders = {name: _clear_majority(tally) for name, tally in votes.items()}
        return cls(names, {name: gender for name, gender in genders.items() if gender})

    def speakers(self, paragraph: str, quotes: list[Span]) -> list[str | None]:
        """The speaker of each quote in ``paragraph`` (same order), or ``None``."""
        if not quotes:
            return []
        found: list[str | None] = []
        subjects: list[str | None] = []  # each clause's subject so far; None = not a person
        narration_start = 0
        narration_ends = [start for start, _ in quotes[1:]] + [len(paragraph)]
        for (start, end), narration_end in zip(quotes, narration_ends, strict=True):
            quote = paragraph[start:end]
            before = paragraph[narration_start:start]
            after = paragraph[end:narration_end]
            subjects.extend(self._clause_subjects(before))
            who = self._tag_after(quote, after) or self._speaker_before(before)
            if who is None:
                speaker = found[-1] if found else None
            else:
                speaker = self._resolve(who, subjects)
            found.append(speaker)
            if speaker:
                subjects.append(speaker)
            narration_start = end
        return found

    def _tag_after(self, quote: str, narration: str) -> str | None:
        """A speech tag right after the quote: ``said Lydia``, ``Derek started``.

        A name followed by a non-speech verb only counts when the quote breaks
        off mid-sentence: after ``“Arthur! …” Arthur bent over her`` the
        speaker is someone else.
        """
        inverted = _VERB_FIRST.match(narration)
        if inverted and inverted["verb"] in _SPEECH_VERBS:
            return self._speaker_of(quote, inverted["who"])
        subject = _SUBJECT.match(narration)
        if subject is None or not _is_clause_subject(subject):
            return None
        if _speaks(subject) or _QUOTE_CONTINUES.search(quote):
            return self._speaker_of(quote, subject["who"])
        return None

    def _speaker_of(self, quote: str, who: str) -> str | None:
        """``who`` as a speaker — unless it is a name said in the quote itself."""
        person = self._person(who)
        if person and person[0].isupper():
            name_pattern = rf"\b{re.escape(person.split()[-1])}\b"
            return None if re.search(name_pattern, quote) else person
        return person

    def _speaker_before(self, narration: str) -> str | None:
        """Who speaks, judging by the last sentence of the narration before a
        quote: its last ``<who> <speech verb>`` (``… as I cried out:``), else
        its subject (``Derek stared at her in owl-eyed shock.``)."""
        last_sentence = _clause_starts(narration)[-1]
        saying = [
            match
            for match in _SUBJECT.finditer(narration, last_sentence)
            if _is_clause_subject(match) and _speaks(match)
        ]
        if saying:
            return self._person(saying[-1]["who"])
        return self._clause_subject(narration, last_sentence)

    def _clause_subjects(self, narration: str) -> Iterator[str | None]:
        for start in _clause_starts(narration):
            yield self._clause_subject(narration, start)

    def _clause_subject(self, narration: str, start: int) -> str | None:
        subject = _SUBJECT.match(narration, start)
        return self._person(subject["who"]) if subject and _is_clause_subject(subject) else None

    def _person(self, who: str) -> str | None:
        """Normalise a subject: a pronoun (lower case), a known name, or
        "the <person noun>"; anything else (``The door``) is ``None``."""
        words = who.split()
        if len(words) == 1 and words[0].lower() in ("he", "she", *_UNRESOLVABLE_PRONOUNS):
            return words[0].lower()
        if words[0].lower() == "the":
            noun = words[-1]
            is_person = noun.lower() in _PERSON_NOUN_GENDER or noun in self._names
            return " ".join(["the", *words[1:]]) if is_person else None
        if words[0] in ("Mr.", "Mrs.", "Ms.", "Dr."):
            return " ".join(words) if all(word in self._names for word in words[1:]) else None
        if words[0] not in self._names:
            return None
        return " ".join(words) if all(word in self._names for word in words) else words[0]

    def _resolve(self, who: str, subjects: list[str | None]) -> str | None:
        """Names pass through; ``he``/``she`` follow the chain of clause
        subjects back (past repeats of the same pronoun) to the nearest other
        subject, which must be a name of that gender; else ``None``."""
        if who in _UNRESOLVABLE_PRONOUNS:
            return None
        if who not in ("he", "she"):
            return who
        wanted_gender = _PRONOUN_GENDER[who]
        for subject in reversed(subjects):
            if subject != who:
                return subject if subject and self._gender(subject) == wanted_gender else None
        return None

    def _gender(self, person: str) -> str | None:
        last_word = person.split()[-1]
        return self._genders.get(last_word) or _PERSON_NOUN_GENDER.get(last_word.lower())


def _learn_names(story: str) -> frozenset[str]:
    """Capitalised words that are names: seen capitalised mid-sentence more
    often than in lower case, or seen capitalised twice and never in lower case."""
    lower_case = Counter(_LOWER_WORD.findall(story))
    mid_sentence = Counter(_MID_SENTENCE_CAPITAL.findall(story))
    anywhere = Counter(_CAPITALISED_WORD.findall(story))
    def is_name(word: str, count: int) -> bool:
        in_lower_case = lower_case[word.lower()]
        return mid_sentence[word] > in_lower_case or (count >= 2 and not in_lower_case)

    return frozenset(word for word, count in anywhere.items() if is_name(word, count))


def _is_clause_subject(match: re.Match[str]) -> bool:
    """The matched words start a clause (``Derek stared``, ``The woman,
    unfortunately, frowned``), rather than a possessive or a list
    (``Derek’s hands``, ``Derek and Stiles``, ``Elizabeth, and said``)."""
    words = match["words"].split()
    return bool(words) and words[0] not in _NOT_A_PREDICATE


def _speaks(subject: re.Match[str]) -> bool:
    """One of the (up to two) words after the subject is a speech verb."""
    return any(word in _SPEECH_VERBS for word in subject["words"].split())


def _clause_starts(narration: str) -> list[int]:
    """Where the narration's sentences start."""
    return [start for start, _ in _sentence_spans(narration, protect_italics=False)]


def _clear_majority(tally: Counter[str]) -> str | None:
    """The gender with at least two votes and twice the other's, if any."""
    ranked = tally.most_common()
    leader, votes = ranked[0]
    runner_up_votes = ranked[1][1] if len(ranked) > 1 else 0
    return leader if votes >= 2 and votes >= 2 * runner_up_votes else None


# --------------------------------------------------------------------------
# Writing passages
# --------------------------------------------------------------------------


class _PassageWriter:
    """Emits passages in reading order, numbering each kind from 0."""

    def __init__(self, text: str, layout: Layout, speakers: _SpeakerGuesser) -> None:
        self._text = text
        self._layout = layout
        self._speakers = speakers
        self._ordinals: Counter[PassageKind] = Counter()
        self.passages: list[Passage] = []

    def write_section(self, index: int, section: _Section) -> None:
        start, end = section.paragraphs[0][0], section.paragraphs[-1][1]
        self._add(section.kind, (start, end), section=index, title=section.title)
        for paragraph in section.paragraphs:
            self._write_paragraph(paragraph, index)

    def _write_paragraph(self, span: Span, section: int) -> None:
        paragraph = self._add(PassageKind.PARAGRAPH, span, section=section)
        offset = span[0]
        raw = self._text[span[0] : span[1]]
        protect_italics = self._layout is Layout.GUTENBERG
        for start, end in _sentence_spans(raw, protect_italics=protect_italics):
            sentence = (offset + start, offset + end)
            self._add(PassageKind.SENTENCE, sentence, section=section, paragraph=paragraph.ordinal)
        quotes = _quote_spans(raw)
        for (start, end), speaker in zip(quotes, self._speakers.speakers(raw, quotes), strict=True):
            self._add(
                PassageKind.DIALOGUE,
                (offset + start, offset + end),
                section=section,
                paragraph=paragraph.ordinal,
                speaker=speaker,
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
