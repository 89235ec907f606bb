"""Which section of a work a question about "chapter N", the beginning or the end means."""

from __future__ import annotations

import re

from bot.ask.routes import NUMBER_WORDS, Route, Routed, chapter_number, roman_value
from bot.storage.passages import SectionOutline, WorkOutline
from bot.text.outline import BACK_MATTER_TITLE, FRONT_MATTER_TITLE

_NUMBER = re.compile(
    r"^\W*(?:(?:chapter|book|part|section|letter|stave|canto)\s+)?(\d+|[IVXLCivxlc]+|"
    + "|".join(NUMBER_WORDS)
    + r")\b",
    re.I,
)


MAX_CHAPTER_SENTENCES = 600
"""Most sentences read as the last chapter found by its heading (it runs to the end of the work)."""
MIN_PARAGRAPHS = 2
"""Fewest paragraphs of a section that counts as a chapter: a one-paragraph section is a heading the
parser took for a section of its own ("CHAPTER I." then "Down the Rabbit-Hole")."""


def story_sections(outline: WorkOutline) -> list[SectionOutline]:
    """The work's chapters in reading order: front and back matter and lone headings left out (unless that
    is all there is)."""
    sections = [outline.sections[index] for index in sorted(outline.sections)]
    story = [s for s in sections if s.title not in (FRONT_MATTER_TITLE, BACK_MATTER_TITLE)]
    chapters = [s for s in story if s.paragraphs >= MIN_PARAGRAPHS]
    return chapters or story or sections


def numbered_sections(outline: WorkOutline) -> bool:
    """Whether the outline's sections carry their chapter numbers in their titles."""
    return any(heading_number(s.title) is not None for s in story_sections(outline))


def chapter_span(headings: list[tuple[int, str]], wanted: int) -> tuple[int, int] | None:
    """Where chapter `wanted` runs, by the ordinals of the heading sentences ("CHAPTER VII.") of a text:
    from its heading (the last one, a contents line coming first) to the next heading; None if none."""
    numbered = [(ordinal, heading_number(text)) for ordinal, text in headings]
    starts = [ordinal for ordinal, number in numbered if number == wanted]
    if not starts:
        return None
    start = starts[-1]
    later = [ordinal for ordinal, number in numbered if ordinal > start and number is not None]
    return start + 1, (later[0] if later else start + MAX_CHAPTER_SENTENCES)


def section_asked(outline: WorkOutline, routed: Routed) -> SectionOutline | None:
    """The section `routed` asks about: the first or last of the story, or chapter N (by the number its
    heading gives it, else the Nth section); None if the work has no such chapter."""
    sections = story_sections(outline)
    if not sections:
        return None
    if routed.route is Route.OPENING:
        return sections[0]
    if routed.route is Route.ENDING:
        return sections[-1]
    wanted = chapter_number(routed.chapter or "")
    if wanted is None:
        return None
    numbered = [s for s in sections if heading_number(s.title) == wanted]
    if numbered:
        return numbered[0]
    return sections[wanted - 1] if 0 < wanted <= len(sections) else None


def heading_number(title: str | None) -> int | None:
    """The number a section's heading gives it ("CHAPTER VII. A Mad Tea-Party" -> 7, "II A FAREWELL" -> 2)."""
    found = _NUMBER.search(title or "")
    if found is None:
        return None
    token = found.group(1)
    if re.fullmatch(r"[ivxlc]+", token, re.I) and token.upper() != token:
        return None  # a lower-case "i" or "did" is a word, not a numeral
    return chapter_number(token.lower()) if token.lower() in NUMBER_WORDS or token.isdigit() else roman_value(token)
