"""A work's sections as a reader jumps between them: names, lookup by what was typed, a window of them.

A reader may type a chapter's number as they think of it ("chapter 20", "20",
"XX", "Chapter XX", "twenty"), its title or part of it; autocomplete offers
sections by number and title, with a value (``section:N``) that names one
exactly. Discord's select menu holds 25 options, so a work with more sections
offers the 25 around the reader's current one.
"""

from __future__ import annotations

import re

from bot.errors import FolioError, echo
from bot.storage.passages import SectionOutline, WorkOutline
from bot.text.headings import LABEL_KINDS, SectionKind, numeral_value
from bot.text.sections import StructureSection

MENU_OPTIONS = 25
CHOICE_PREFIX = "section:"
"""An autocomplete choice's value: ``section:<index>`` names one section exactly."""
_LABEL = re.compile(r"^(?:chapter|chap\.?|ch\.?|letter|part|book|volume|vol\.?|section|scene)\s*", re.IGNORECASE)


class UnknownSection(FolioError):
    def __init__(self, typed: str, work_title: str) -> None:
        super().__init__(f"{work_title} has no section called {echo(typed)}. Pick one from the list as you type.")


def section_name(section: SectionOutline) -> str:
    """The section's title, or "Part N" for an untitled one (as locations name it)."""
    return section.title or f"Part {section.index + 1}"


def ordered(outline: WorkOutline) -> list[SectionOutline]:
    """The sections that hold paragraphs, in reading order."""
    return sorted(outline.sections.values(), key=lambda section: section.first_paragraph)


def find_section(outline: WorkOutline, typed: str, work_title: str) -> SectionOutline:
    """The section a reader named: an autocomplete value, a number as written or as a numeral,
    an exact name or title, else the first whose name contains what was typed."""
    cleaned = " ".join(typed.split())
    index = _choice_index(cleaned)
    if index is None:
        index = _by_number(outline, cleaned)
    if index is None:
        index = _by_title(outline, cleaned.casefold())
    if index is None or index not in outline.sections:
        raise UnknownSection(typed, work_title)
    return outline.sections[index]


def _choice_index(typed: str) -> int | None:
    rest = typed.removeprefix(CHOICE_PREFIX)
    return int(rest) if rest != typed and rest.isdigit() else None


def _by_number(outline: WorkOutline, typed: str) -> int | None:
    """``chapter 20``, ``XX``, ``Chapter XX``, ``twenty``: the first section (of the kind named) with that
    number; a bare number no section carries is the n-th section in reading order."""
    label = _LABEL.match(typed)
    word = label.group().strip().lower() if label else ""
    kind = LABEL_KINDS.get(word) or LABEL_KINDS.get(f"{word.rstrip('.')}.") or LABEL_KINDS.get(word.rstrip("."))
    wanted = numeral_value(typed[label.end() :] if label else typed)
    wanted = wanted if wanted is not None else numeral_value(_as_numeral(typed[label.end() :] if label else typed))
    if wanted is None:
        return None
    for position, section in enumerate(outline.structure):
        if section.level < 2 and numeral_value(section.number) == wanted and (kind is None or section.kind is kind):
            if section.reading_section is not None:
                return section.reading_section
            if section.kind is SectionKind.PART:  # a part without text of its own: its first chapter
                return next((s.reading_section for s in outline.structure[position:] if s.reading_section is not None), None)
    in_order = ordered(outline)
    if typed.isdigit() and 1 <= wanted <= len(in_order):
        return in_order[wanted - 1].index
    return None


def _as_numeral(text: str) -> str:
    """Roman numerals typed in lower case (``xx``) read as numerals."""
    stripped = text.strip().rstrip(".")
    return stripped.upper() if re.fullmatch(r"[ivxlcdm]+", stripped) else stripped


def _by_title(outline: WorkOutline, needle: str) -> int | None:
    names = [(name.casefold(), section.index) for section in ordered(outline) for name in _names(outline, section)]
    exact = [index for name, index in names if name == needle]
    partial = [index for name, index in names if needle and needle in name]
    found = exact or partial
    return found[0] if found else None


def _names(outline: WorkOutline, section: SectionOutline) -> list[str]:
    """What a reader may call a section: its full name, and its title alone."""
    names = [section_name(section)]
    structure = _structure_of(outline, section.index)
    if structure is not None and structure.title:
        names.append(structure.title)
    return names


def _structure_of(outline: WorkOutline, index: int) -> StructureSection | None:
    return next((s for s in outline.chapters() if s.reading_section == index), None)


def part_of(outline: WorkOutline, index: int) -> StructureSection | None:
    """The part (book, volume) section ``index`` is in, if the work has parts."""
    part = None
    for section in outline.structure:
        if section.kind is SectionKind.PART:
            part = section
        elif section.is_matter:
            part = None
        elif section.reading_section == index and section.level < 2:
            return part if part is not section else None
    return None


def matching(outline: WorkOutline, typed: str, limit: int = MENU_OPTIONS) -> list[SectionOutline]:
    """Sections whose name contains what was typed, or whose number it is, in reading order (for autocomplete)."""
    needle = typed.strip().casefold()
    by_number = _by_number(outline, typed.strip()) if needle else None
    found = [
        section
        for section in ordered(outline)
        if section.index == by_number or any(needle in name.casefold() for name in _names(outline, section))
    ]
    return found[:limit]


def window(
    outline: WorkOutline, current: int, size: int = MENU_OPTIONS, *, until: int | None = None
) -> list[SectionOutline]:
    """At most `size` sections in reading order, centred on section `current` where the work allows
    (only those starting at or before paragraph `until`, if given: the reading progress)."""
    sections = [s for s in ordered(outline) if until is None or s.first_paragraph <= until]
    position = next((i for i, section in enumerate(sections) if section.index == current), 0)
    start = max(0, min(position - size // 2, len(sections) - size))
    return sections[start : start + size]
