"""Relations the narration states outright: who is whose sister, husband, aunt or maid.

A *relation* is read only where a sentence of narration (no quotation marks) puts a kinship or
household noun beside two named people: "Ruth's sister Nora", "her aunt, Clara Mott, …", "Nora,
Walter's wife, …", "Nora, the niece of Mrs. Pell, …". An apposition after a comma must close (a
comma, a semicolon, a stop, a bracket, a dash), so "for his cousin, Walter was…" is no relation; a
"his"/"her" owner is the person the pronoun certainly means (:func:`bot.trivia.subjects.referent`).
The related person's gender must agree with the noun ("sister": a woman). From a relation come
questions a reader of that part of the book can answer: "Who is Ruth's sister?"
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from bot.attribution.pronouns import PRONOUN_GENDER
from bot.text.model import Passage
from bot.trivia.judging import normalise
from bot.trivia.people import Person, name_words
from bot.trivia.subjects import QUOTE_MARKS, Names, plausible_subject, referent, within_reach

ROLE_GENDER: dict[str, str | None] = {
    **dict.fromkeys("father brother son husband uncle nephew grandfather grandson butler valet coachman footman landlord".split(), "m"),
    **dict.fromkeys("mother sister daughter wife aunt niece grandmother granddaughter maid governess housekeeper landlady".split(), "f"),
    **dict.fromkeys("cousin servant guardian secretary".split(), None),
}
"""Nouns of kinship and of the household, with the gender of the person they name (None: either)."""
INVERSE: dict[str, tuple[str, str]] = {
    "father": ("son", "daughter"), "mother": ("son", "daughter"),
    "son": ("father", "mother"), "daughter": ("father", "mother"),
    "brother": ("brother", "sister"), "sister": ("brother", "sister"),
    "husband": ("husband", "wife"), "wife": ("husband", "wife"),
    "uncle": ("nephew", "niece"), "aunt": ("nephew", "niece"),
    "nephew": ("uncle", "aunt"), "niece": ("uncle", "aunt"),
    "grandfather": ("grandson", "granddaughter"), "grandmother": ("grandson", "granddaughter"),
    "grandson": ("grandfather", "grandmother"), "granddaughter": ("grandfather", "grandmother"),
    "cousin": ("cousin", "cousin"),
}  # fmt: skip
"""The kinship the other way round, for an owner who is a man, then a woman ("sister" of a man: "brother")."""
BLOOD_KIN = frozenset("father mother brother sister son daughter".split())
"""Kinships that share a family name (not a married daughter's, which the test then refuses)."""
_ADJECTIVES = r"(?:(?:little|elder|younger|eldest|youngest|old|only|own|late|dear|beloved|new|pretty|widowed)\s+)?"
_CLOSING = re.compile(r" *(?:\Z|(?!,\s+(?:and|or)\b)[,;.:)—–])")
"""Where an apposition closes (a comma, a semicolon, a stop, a bracket, a dash, the end), as no list:
"her sister, Nora, came"; not "for her sister, Nora was…", nor "Nora, her sister, and Walter"."""
LOST_APOSTROPHE = r" s(?= )"
"""A possessive whose apostrophe the source lost ("Henry s wife"), as some transcriptions do."""


@dataclass(frozen=True, slots=True)
class Relation:
    """``related`` is ``owner``'s ``role`` ("sister"), as ``sentence`` states."""

    owner: Person
    role: str
    related: Person
    sentence: Passage

    @property
    def inverse(self) -> str | None:
        """The owner's role for the related person ("brother", for a man's sister), if a kinship."""
        roles = INVERSE.get(self.role)
        if roles is None or self.owner.gender not in ("m", "f"):
            return None
        return roles[0] if self.owner.gender == "m" else roles[1]


class _Patterns:
    """The sentence patterns of a relation, compiled once per work from its names."""

    def __init__(self, names: Names) -> None:
        name, roles = names.any.pattern, "|".join(ROLE_GENDER)
        role = rf"{_ADJECTIVES}(?P<role>{roles})(?![\w-])"
        owner = rf"(?P<owner>{names.bare})(?:[’']s|{LOST_APOSTROPHE})\b|\b(?P<pronoun>[Hh]is|[Hh]er)"
        self.forms = (  # and whether the apposition (or the predicate) must close
            (re.compile(rf"(?:{owner})\s+{role}(?P<comma>,)?\s+(?P<related>{name})"), False),  # "her sister, Nora,"
            (re.compile(rf"(?P<related>{name}),\s+(?:{owner})\s+{role}"), True),  # "Nora, her sister,"
            (re.compile(rf"(?P<related>{name}),\s+the\s+{role}\s+of\s+(?P<owner>{name})(?![’'])"), True),
            (re.compile(rf"(?<![’'\w]\s)(?P<related>{name})\s+(?:was|is)\s+(?:{owner})\s+{role}"), True),  # "Nora was her sister."
            (re.compile(rf"(?<![’'\w]\s)(?P<related>{name})\s+(?:was|is)\s+the\s+{role}\s+of\s+(?P<owner>{name})(?![’'])"), True),
        )


def find_relations(narration: Iterable[tuple[Passage, str, str]], names: Names) -> list[Relation]:
    """The relations stated in ``narration`` (see :func:`bot.trivia.events.named_narration`: sentences
    outside quotes, each with the sentence before it and its own text, an opening "He"/"She" named:
    "She … her sister Nora" is whose sister "She" tells), each (owner, role, related) once, where
    first stated."""
    patterns = _Patterns(names)
    found: dict[tuple[str, str, str], Relation] = {}
    for sentence, before, text in narration:
        marks = _QuoteMarks(text)
        for form, closing in patterns.forms:
            for match in form.finditer(text):
                if (closing or match.groupdict().get("comma")) and not _CLOSING.match(text, match.end()):
                    continue
                if marks.quoted(match.end(), pronoun=bool(match.groupdict().get("pronoun"))):
                    continue
                relation = _relation(match, text, before, sentence, names)
                if relation is not None:
                    found.setdefault((relation.owner.name, relation.role, relation.related.name), relation)
    return sorted(found.values(), key=lambda relation: relation.sentence.start)


def _relation(match: re.Match[str], text: str, before: str, sentence: Passage, names: Names) -> Relation | None:
    related = names.person(match, "related")
    if match.groupdict().get("pronoun"):
        context = (before, text[: match.start("pronoun")])
        pronoun = "he" if match["pronoun"].lower() == "his" else "she"
        owner = referent(context, pronoun, names) or _of_the_family(context, pronoun, match["role"], related, names)
    else:
        owner = names.person(match, "owner")
    role = match["role"]
    if owner is None or owner is related or not plausible_subject(related):
        return None
    wanted = ROLE_GENDER[role]
    if wanted is not None and related.gender != wanted:
        return None
    if role in ("husband", "wife") and owner.gender == related.gender:
        return None
    return Relation(owner, role, related, sentence)


def _of_the_family(context: tuple[str, str], pronoun: str, role: str, related: Person, names: Names) -> Person | None:
    """Whom a "his"/"her" before a blood relation means when :func:`referent` cannot tell: the last
    person of the pronoun's gender named before it, if they share a family name with the relation
    ("Mrs. Vole was ill, and as she and her sister Ruth Vole…"), which a wrong reading seldom does."""
    if role not in BLOOD_KIN or not within_reach(context):
        return None
    gender = PRONOUN_GENDER[pronoun]
    mentions = [names.person(found) for found in names.any.finditer(" ".join(context))]
    same = [person for person in mentions if person.gender == gender and person is not related]
    if not same or not family_names(same[-1]) & family_names(related):
        return None
    return same[-1]


def family_names(person: Person) -> frozenset[str]:
    """The surnames a person goes by: the last word of each name of two words or more ("Ruth Vole",
    "Mrs. Vole": "vole")."""
    return frozenset(words[-1] for alias in person.aliases if len(words := normalise(alias).split()) >= 2)


class _QuoteMarks:
    """Where a sentence's quotation marks stand, so that whether a relation may lie inside them is
    told for each match without reading the sentence again (a run-on paragraph has thousands)."""

    def __init__(self, text: str) -> None:
        self._any = [found.start() for found in QUOTE_MARKS.finditer(text)]
        self._by_mark = {mark: [found.start() for found in re.finditer(mark, text)] for mark in "“”\""}

    def quoted(self, end: int, *, pronoun: bool) -> bool:
        """Whether a relation ending at ``end`` may be words in quotation marks ("…,” said Nora, her
        sister, "…": whose sister?), or a "his"/"her" may mean someone named inside them: any quotation
        mark before a pronoun owner, an open quotation at a named one (scare quotes elsewhere do no harm)."""
        if pronoun:
            return bisect_left(self._any, end) > 0
        before = {mark: bisect_left(starts, end) for mark, starts in self._by_mark.items()}
        return before["“"] > before["”"] or before['"'] % 2 == 1


def shown_name(person: Person, avoid: str) -> str | None:
    """How to show ``person`` beside a question naming ``avoid``: their name, or another of their
    names sharing no word with it (Nora Vole's brother is not "Mr. Vole": the surname would give
    the answer away); None when every name shares one."""
    taken = name_words(avoid)
    for alias in (person.name, *sorted(person.aliases, key=len, reverse=True)):
        if alias[:1].isupper() and not name_words(alias) & taken:
            return alias
    return None
