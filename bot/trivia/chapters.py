"""Chapter titles that tell a plot point: the author's own summary of what happens in a chapter.

Many books title their chapters with what happens in them ("The Miller Is Robbed", "A Quarrel at the
Fair"): the author chose each as the chapter's memorable event, so the order of two of them, chapters
apart, is a plot question about events rather than lines (see
:func:`bot.trivia.plot_questions.which_came_first`). Only a chapter heading with a number *and* a
title counts ("Chapter IV: The Quarrel"): a bare "Chapter IV" tells nothing, and a title without a
number ("Epilogue", a story's title in a collection) is no chapter of one plot.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import lemminflect

from bot.text.headings import SectionKind, parse_heading
from bot.text.model import Passage
from bot.trivia import wording
from bot.trivia.actions import WORD, participle_lemma
from bot.trivia.people import Person, are_aliases
from bot.trivia.subjects import Names

MIN_TITLE_WORDS, MAX_TITLE_WORDS = 2, 12
"""Words of a title shown as an option: one word ("Vanity") tells too little, a long one is a sentence."""
CONTENT_ZIPF = 5.0
"""A title needs a word rarer than this: "At Home" or "The Next Day" tell nothing."""
ORDERING_WORDS = frozenset(
    "first last final finally end ending ends beginning begins begun begin start starts arrival arrives "
    "departure departs conclusion return returns again second third another later before after".split()
)
"""Words that tell a chapter's place in the book ("The Arrival", "The End of the Affair"): asked which
of two chapters comes first, a player would guess from them, not remember."""
DEED_ZIPF = 4.5
"""A title's deed needs a word rarer than this to be a plot point: "Makes Up Her Mind" is not."""
RECORDS = frozenset("journal diary memorandum memoranda phonograph notebook log continued contd".split())
"""Words of a title that names the record a chapter is written in ("Dr. Ames’s Diary", "Journal—Continued"),
not what happens in it."""
_LOST_POSSESSIVE = re.compile(r"(?<=\w) S\b")
"""A possessive whose apostrophe the source lost ("The Strange Man S Arrival")."""


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter whose heading has a title: its ``section`` index, its ``number`` as written ("IV"),
    its ``title`` as shown, and where it starts (its first sentence's offset and paragraph)."""

    section: int
    number: str
    title: str
    start: int
    paragraph: int


def titled_chapters(titles: Mapping[int, str | None], sentences: Sequence[Passage]) -> list[Chapter]:
    """The chapters of ``titles`` (each section's heading, by section index) whose title tells
    something (:func:`telling_title`) and is no other chapter's too ("Mina’s Journal" of four
    chapters could be any of them), in reading order, each placed at its first sentence."""
    first: dict[int, Passage] = {}
    for sentence in sentences:
        if sentence.paragraph is not None:
            first.setdefault(sentence.section, sentence)
    headed = []
    for section in sorted(titles):
        heading = parse_heading(titles[section] or "")
        opening = first.get(section)
        if heading is not None and heading.kind is SectionKind.CHAPTER and heading.number and heading.title and opening:
            headed.append((section, heading.number, heading.title, opening))
    keys = Counter(_key(title) for _, _, title, _ in headed)
    chapters = []
    for section, number, raw, opening in headed:
        title = telling_title(raw)
        if title is not None and keys[_key(raw)] == 1:
            assert opening.paragraph is not None
            chapters.append(Chapter(section, number, title, opening.start, opening.paragraph))
    return chapters


def _key(title: str) -> str:
    """A title's words in lower case, "continued" left out: "Mina’s Journal—Continued" is "Mina’s Journal" again."""
    return " ".join(word for word in WORD.findall(title.lower()) if word not in ("continued", "contd"))


def telling_title(raw: str) -> str | None:
    """``raw`` as shown (stray marks trimmed, a lost possessive apostrophe restored), or None when it
    tells no event: too short or too long, only common words ("The Next Day"), or the name of a record
    (:data:`RECORDS`)."""
    title = _LOST_POSSESSIVE.sub("’s", raw.strip(" <>[]()*_=.:;,"))
    words = WORD.findall(title)
    if not MIN_TITLE_WORDS <= len(words) <= MAX_TITLE_WORDS or RECORDS & {word.lower() for word in words}:
        return None
    return title if any(wording.zipf(word.lower()) < CONTENT_ZIPF for word in words) else None


def within(chapters: Iterable[Chapter], sections: range) -> list[Chapter]:
    """The chapters among ``sections`` (the chapters read), for spoiler bounds."""
    return [chapter for chapter in chapters if chapter.section in sections]


def ordering_words(title: str) -> bool:
    """Whether ``title`` holds a word of :data:`ORDERING_WORDS`."""
    return any(word.lower() in ORDERING_WORDS for word in WORD.findall(title))


@dataclass(frozen=True, slots=True)
class TitleDeed:
    """A chapter title that tells who does what ("Walter Sells the Harpsichord"): ``person`` does
    ``predicate`` ("sells the harpsichord"), in lower case but for names."""

    chapter: Chapter
    person: Person
    predicate: str
    lemma: str


def title_deeds(chapters: Sequence[Chapter], names: Names) -> list[TitleDeed]:
    """The titles of ``chapters`` that open with a character's name and a verb in the present
    ("Walter Sells…", "Edith Is Invited…"), whose deed holds an uncommon word
    (:data:`DEED_ZIPF`: not "Marilla Makes Up Her Mind") and is no other title's too (two
    chapters "… Is Invited to Tea" would make who was invited ambiguous)."""
    found = [deed for chapter in chapters if (deed := _deed(chapter, names)) is not None]
    keys = Counter(_deed_key(deed) for deed in found)
    return [deed for deed in found if keys[_deed_key(deed)] == 1]


def _deed(chapter: Chapter, names: Names) -> TitleDeed | None:
    subject = names.any.match(chapter.title)
    if subject is None:
        return None
    person = names.person(subject)
    words = chapter.title[subject.end() :].split()
    lemma = _present_lemma(words[0].lower()) if words else None
    if lemma is None and len(words) >= 2 and words[0].lower() == "is":
        lemma = participle_lemma(words[1].lower())  # "Edith Is Invited to Tea"
    if lemma is None or len(words) < 2:
        return None
    shown = [word if names.any.fullmatch(word) or wording.zipf(word.lower()) == 0 else word.lower() for word in words]
    if not any(wording.zipf(word.lower()) < DEED_ZIPF for word in WORD.findall(" ".join(words[1:]))):
        return None
    if any(are_aliases(alias, word) for alias in person.aliases for word in WORD.findall(" ".join(words))):
        return None  # the question would name its answer
    return TitleDeed(chapter, person, " ".join(shown), lemma)


def _present_lemma(word: str) -> str | None:
    """The lemma of ``word`` when it is a verb's third person present ("sells" → "sell")."""
    for lemma in lemminflect.getLemma(word, upos="VERB"):
        if word != lemma and word in lemminflect.getInflection(lemma, "VBZ"):
            return lemma
    return None


def _deed_key(deed: TitleDeed) -> tuple[str, str]:
    words = sorted(WORD.findall(deed.predicate.lower())[1:], key=wording.zipf)
    return deed.lemma, words[0] if words else ""
