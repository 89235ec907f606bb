"""Recognising one line as a heading: chapters, parts, letters, prologues, front and back matter, diary entries.

Pure string work, no layout knowledge: :mod:`bot.text.outline` decides where a
line stands (its own block, the top of a block, after a heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.text.markup import ITALIC_SPAN, plain_text


class SectionKind(StrEnum):
    """What a section of a book is, as ``run_bot.py outline`` names it."""

    FRONT = "front"
    PART = "part"
    CHAPTER = "chapter"
    LETTER = "letter"
    ENTRY = "entry"
    SCENE = "scene"
    BACK = "back"


MATTER_KINDS = frozenset({SectionKind.FRONT, SectionKind.BACK})
MAX_HEADING_LENGTH = 80


@dataclass(frozen=True, slots=True)
class Heading:
    """A recognised heading: its kind, number as written (``"IV"``, ``"12"``, ``"Twenty-One"``) and title."""

    kind: SectionKind
    number: str | None = None
    title: str | None = None
    bare: bool = False
    """A bare numeral (``IV.``, ``12``): a heading only where the book numbers its chapters that way."""
    label: str | None = None
    """The heading's word where the kind does not say it: ``Book``, ``Volume``, ``Canto``."""


_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred"
).split()
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth last"
).split()
_WORD_NUMBER = rf"(?:{'|'.join(_NUMBER_WORDS)})(?:[- ](?:{'|'.join(_NUMBER_WORDS)}))?"
_NUMBER = rf"(?P<number>\d{{1,4}}|(?-i:[IVXLCDM]+)|{_WORD_NUMBER}|the\s+(?:{'|'.join(_ORDINAL_WORDS)}))"
_AFTER_NUMBER = r"\.?(?:\s*[:.—–-]+\s*|\s+|$)(?P<rest>.*)"
_NUMBERED = re.compile(
    rf"(?P<label>chapter|chap\.|part|book|volume|vol\.|letter|canto|stave)\s+{_NUMBER}\b{_AFTER_NUMBER}",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"(?P<number>\d{1,3}|[IVXLC]{1,8})(?:\.?|\.\s+(?P<rest>[A-Z].*))")
_LETTER_BETWEEN = re.compile(r"letters?[,.:]?\s+(?:from\s+)?(?P<rest>.+\s(?:to|To|TO)\s.+)", re.IGNORECASE)
LABEL_KINDS = {
    "chapter": SectionKind.CHAPTER,
    "chap.": SectionKind.CHAPTER,
    "canto": SectionKind.CHAPTER,
    "stave": SectionKind.CHAPTER,
    "part": SectionKind.PART,
    "book": SectionKind.PART,
    "volume": SectionKind.PART,
    "vol.": SectionKind.PART,
    "letter": SectionKind.LETTER,
    "scene": SectionKind.SCENE,
}
"""What each heading word names (``scene`` only as a reader types it: books do not head scenes)."""
_LABELS = {"book": "Book", "volume": "Volume", "vol": "Volume", "canto": "Canto", "stave": "Stave"}
_STORY_WORDS = re.compile(
    r"(?:the\s+)?(?P<name>prologue|epilogue|conclusion|postscript|finale|l'envoi|envoi)", re.IGNORECASE
)
_FRONT_WORDS = re.compile(
    r"(?:table\s+of\s+)?contents|list\s+of\s+(?:illustrations|plates|figures|characters)|illustrations|"
    r"dedication|dedicatory|preface(?:\s+to\s+.+)?|foreword|introduction|introductory(?:\s+note)?|"
    r"author'?s\s+(?:note|preface|introduction)|note\s+to\s+the\s+reader|dramatis\s+person(?:ae|æ)|"
    r"epigraph|frontispiece|advertisement|prefatory\s+note",
    re.IGNORECASE,
)
_BACK_WORDS = re.compile(
    r"about\s+the\s+authou?r|acknowledge?ments?|afterword|appendix(?:\s+\S+)?|glossary|index|notes|endnotes|"
    r"footnotes|bibliography|transcriber'?s\s+notes?|also\s+by\s+.+|author'?s\s+note|colophon",
    re.IGNORECASE,
)
THE_END = re.compile(r"(?:the\s+end|finis)[.!]?", re.IGNORECASE)
END_OF_PART = re.compile(r"end\s+of\s+(?:the\s+)?\S+\s+(?:book|part|volume)\.?|end\s+of\s+(?:book|part|volume)\s+\S+", re.I)
GUTENBERG_END_LINE = re.compile(r"\**\s*end\s+of\s+(?:the\s+|this\s+)?project\s+gutenberg", re.IGNORECASE)
TRANSCRIBER_NOTE = re.compile(r"\[?\s*transcriber'?s?\s+note", re.IGNORECASE)
ILLUSTRATION = re.compile(r"\[\s*illustration", re.IGNORECASE)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)"
ENTRY_START = re.compile(
    rf"_(?P<date>(?:[A-Z][a-z]+day,?\s+)?{_DATE}[^_\n]{{0,60}}?)\.?_\s*(?:--|—|\.--)", re.IGNORECASE
)
"""A diary entry's dated opening: ``_3 May. Bistritz._--Left Munich...``."""


_MARKUP_CHARS = re.compile(r"[_*=]")
HEADING_START = re.compile(
    r"[_*=]*(?:chapter|chap\.|part|book|volume|vol\.|letter|canto|stave|prologue|epilogue|the\s+epilogue)\b",
    re.IGNORECASE,
)
"""How a worded heading starts: a quick test before :func:`parse_heading` inside a block of text."""


def parse_heading(line: str) -> Heading | None:
    """What heading ``line`` is, if any (``"CHAPTER I."``, ``"Chapter 3: Home"``, ``"PREFACE"``, ``"IV."``)."""
    if len(line) > 2 * MAX_HEADING_LENGTH:
        return None
    text = (plain_text(line) if _MARKUP_CHARS.search(line) else line).strip()
    if not text or len(text) > MAX_HEADING_LENGTH:
        return None
    if match := _NUMBERED.fullmatch(text):
        return _numbered(match)
    if match := _LETTER_BETWEEN.fullmatch(text):
        return Heading(SectionKind.LETTER, title=_title_or_none(match["rest"]))
    if match := _STORY_WORDS.fullmatch(text.rstrip(".")):
        return Heading(SectionKind.CHAPTER, title=tidy_title(match["name"]))
    if _FRONT_WORDS.fullmatch(text.rstrip(".:")):
        return Heading(SectionKind.FRONT, title=tidy_title(text))
    if _BACK_WORDS.fullmatch(text.rstrip(".:")):
        return Heading(SectionKind.BACK, title=tidy_title(text))
    if match := _BARE_NUMBER.fullmatch(text):
        rest = match["rest"]
        if rest and (rest[-1] in ",;" or len(rest.split()) > 12):
            return None
        return Heading(SectionKind.CHAPTER, match["number"], _title_or_none(rest), bare=True)
    return None


def _numbered(match: re.Match[str]) -> Heading | None:
    rest = match["rest"].strip()
    if rest[:1].islower() or rest.endswith((",", ";")) or (rest and not _looks_like_title(rest)):
        return None  # "Chapter 3 was the best part, she said."
    word = match["label"].lower()
    kind = LABEL_KINDS[word]
    number = _tidy_number(match["number"])
    if kind is SectionKind.CHAPTER and number == "Last":
        return Heading(kind, None, _title_or_none(rest) or "Chapter the Last")
    label = _LABELS.get(word.rstrip("."))
    return Heading(kind, number, _title_or_none(rest), label=label)


def _looks_like_title(text: str) -> bool:
    """A heading's title, not the start of a sentence that happens to begin "Chapter 3"."""
    words = text.split()
    return len(words) <= 16 and not re.search(r"[.!?]\s+[a-z]", text)


def _tidy_number(number: str) -> str:
    if number.isdigit() or re.fullmatch(r"[IVXLCDM]+", number):
        return number
    return " ".join(number.lower().split()).removeprefix("the ").title()


def _title_or_none(raw: str | None) -> str | None:
    return tidy_title(raw) or None if raw else None


_TITLE_WORD = re.compile(r"[A-Za-z][A-Za-z’']*")
_SMALL_TITLE_WORDS = frozenset("a an and as at but by for from in into of on or the to with".split())


def tidy_title(raw: str) -> str:
    """Clean a heading for display: no markup, real dashes, no trailing full stop, and
    all-capital headings in title case (``"DR. SEWARD’S DIARY"`` -> ``"Dr. Seward’s Diary"``)."""
    shouting = not any(char.islower() for char in ITALIC_SPAN.sub("", raw))  # "DIARY--_continued_" too
    text = " ".join(plain_text(raw).replace("--", "—").split()).strip(" .:")
    if shouting:
        text = _TITLE_WORD.sub(lambda word: _title_case(word, text), text)
    return text


def _title_case(word: re.Match[str], text: str) -> str:
    """One word of a heading in capitals: small words stay small inside the heading (after a space or
    a hyphen: ``Winnie-the-Pooh``), an initial (``A. A. Milne``) and every other word are capitalised."""
    lowered = word.group().lower()
    inside = word.start() > 0 and text[word.start() - 1] in " -"
    initial = len(lowered) == 1 and text[word.end() : word.end() + 1] == "."
    return lowered if inside and lowered in _SMALL_TITLE_WORDS and not initial else lowered.capitalize()


def numeral_value(number: str | None) -> int | None:
    """``"IV"`` -> 4, ``"12"`` -> 12, ``"Twenty-One"`` -> 21; None for anything else."""
    if number is None:
        return None
    if number.isdigit():
        return int(number)
    if re.fullmatch(r"[IVXLCDM]+", number):
        return _roman_value(number)
    return _words_value(number.lower())


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman_value(numeral: str) -> int:
    total = 0
    for position, char in enumerate(numeral):
        value = _ROMAN[char]
        following = _ROMAN[numeral[position + 1]] if position + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


_WORD_VALUES = {word: value for value, word in enumerate(_NUMBER_WORDS[:20], start=1)} | {
    word: 10 * tens for tens, word in enumerate(_NUMBER_WORDS[19:27], start=2)
}
_ORDINAL_VALUES = {word: value for value, word in enumerate(_ORDINAL_WORDS[:12], start=1)}


def _words_value(words: str) -> int | None:
    parts = re.split(r"[- ]", words)
    if len(parts) == 1 and parts[0] in _ORDINAL_VALUES:
        return _ORDINAL_VALUES[parts[0]]
    values = [_WORD_VALUES.get(part) for part in parts]
    return None if None in values or not values else sum(v for v in values if v is not None)


def is_subtitle(line: str) -> bool:
    """A line that can title the heading above it: short, and all capitals, all italics, or title-like
    (``JONATHAN HARKER’S JOURNAL``, ``_To Mrs. Saville, England._``, ``The Harbour``)."""
    text = plain_text(line).strip()
    if not text or len(text) > MAX_HEADING_LENGTH or parse_heading(line) is not None or THE_END.fullmatch(text):
        return False
    outside_italics = ITALIC_SPAN.sub("", line).strip(" .")
    if not outside_italics:
        return True  # the whole line in italics
    letters = [char for char in outside_italics if char.isalpha()]
    if letters and not any(char.islower() for char in letters):
        return True
    endings = (".", ",", ";", ":", "!", "?", "”", '"', "-", "—", "…")
    return text[:1].isupper() and not text.endswith(endings) and len(text.split()) <= 10


# "by Ada Keeper", "BY MARTHA QUILL.", "_by_": an author line on a title page or in a preface
AUTHOR_LINE = re.compile(r"by(?:\s+(?P<name>\S.*?))?[.]?", re.IGNORECASE)


def byline_author(line: str) -> str | None | bool:
    """The author a ``by ...`` line names; True for a bare ``by`` (the name follows); None if no byline."""
    match = AUTHOR_LINE.fullmatch(plain_text(line).strip())
    if not match:
        return None
    return tidy_title(match["name"]) if match["name"] else True
