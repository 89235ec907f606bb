"""A work's sections as a reader jumps between them: names, lookup by what was typed, a window of them.

Discord's select menu holds 25 options, so a work with more sections offers
the 25 around the reader's current one.
"""

from __future__ import annotations

from bot.errors import FolioError, echo
from bot.storage.passages import SectionOutline, WorkOutline

MENU_OPTIONS = 25


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
    """The section a reader named: its number (an autocomplete value) or a word of its title."""
    cleaned = typed.strip()
    if cleaned.isdigit() and int(cleaned) in outline.sections:
        return outline.sections[int(cleaned)]
    needle = cleaned.casefold()
    names = [(section_name(section).casefold(), section) for section in ordered(outline)]
    exact = [section for name, section in names if name == needle]
    partial = [section for name, section in names if needle and needle in name]
    if exact or partial:
        return (exact or partial)[0]
    raise UnknownSection(typed, work_title)


def matching(outline: WorkOutline, typed: str, limit: int = MENU_OPTIONS) -> list[SectionOutline]:
    """Sections whose name contains what was typed, in reading order (for autocomplete)."""
    needle = typed.strip().casefold()
    return [section for section in ordered(outline) if needle in section_name(section).casefold()][:limit]


def window(
    outline: WorkOutline, current: int, size: int = MENU_OPTIONS, *, until: int | None = None
) -> list[SectionOutline]:
    """At most `size` sections in reading order, centred on section `current` where the work allows
    (only those starting at or before paragraph `until`, if given: the reading progress)."""
    sections = [s for s in ordered(outline) if until is None or s.first_paragraph <= until]
    position = next((i for i, section in enumerate(sections) if section.index == current), 0)
    start = max(0, min(position - size // 2, len(sections) - size))
    return sections[start : start + size]
