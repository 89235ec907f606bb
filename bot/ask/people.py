"""The names a "who is X?" question stands for: X as typed and, if X is one of the work's people, every name
the text gives them, less a first name or surname another person shares ("Ashby" is Mr. and Mrs.)."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from bot.attribution.characters import Character, normalise
from bot.attribution.lexicon import FEMALE, MALE
from bot.characters.roster import MIN_SPELLING_SCORE, Roster

LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
NAME_PARTICLES = frozenset("van von de du da del della der di le la bin ibn".split())
TITLES = frozenset(
    "mr mrs miss ms mister madame mademoiselle monsieur dr doctor sir lady lord captain colonel professor".split()
)


def is_a_name(typed: str) -> bool:
    """Whether `typed` reads as someone's name: one word ("gandalf"), or every word but a leading article or a
    particle capitalised ("Colonel Quarrington", "Ludwig van Ost"); not "Tom scolding"."""
    words = LEADING_ARTICLE.sub("", typed.strip()).split()
    return len(words) == 1 or all(word[:1].isupper() or word in NAME_PARTICLES for word in words)


def find_person(typed: str, roster: Roster | None) -> Character | None:
    """The person of the work the typed name means, if the roster knows them, as typed or misspelt."""
    if roster is None:
        return None
    bare = normalise(LEADING_ARTICLE.sub("", typed))
    person = roster.find(typed) or roster.find_misspelt(bare)
    return person if person is None or _bears(person, bare) else None


def _bears(person: Character, typed: str) -> bool:
    """Whether every word of the typed name (titles aside) is one of the person's names, or `typed` misspells one of
    them: "Tom Ash" is not "Mrs. Ash" (the roster finds a person by a surname alone)."""
    own = {word for alias in (person.name, *person.aliases) for word in normalise(alias).split()}
    typed_words = [word for word in typed.split() if word not in TITLES]
    return all(word in own for word in typed_words) or any(
        fuzz.ratio(normalise(alias), typed) >= MIN_SPELLING_SCORE for alias in (person.name, *person.aliases)
    )


def name_forms(typed: str, person: Character | None, roster: Roster | None) -> list[str]:
    """The forms the text may name X by, as they are written (case matters: "Bill", not "bill")."""
    bare = LEADING_ARTICLE.sub("", typed.strip())
    typed_forms = {bare, _capitalised(bare)}
    if person is None:  # no one of the roster: "the Professor" may be "the professor" in the text
        described = {bare.lower()} if bare != typed.strip() else set()
        return sorted(f for f in typed_forms | described if f)
    shared = _shared_words(person, roster)
    forms = {alias for alias in (person.name, *person.aliases) if not _ambiguous(alias, shared)}
    forms |= _surname_alone(person, roster)
    typed_title = _title_of(bare)
    if typed_title is not None:  # "Mr. Ashby": never "Mrs. Ashby"
        forms = {f for f in forms if _title_of(f) in (None, typed_title)}
    return sorted(forms | {f for f in typed_forms if f})


def _surname_alone(person: Character, roster: Roster | None) -> set[str]:
    """A man's surname alone ("Hall" for Mr. Hall), when only women of his family share it: a narration calls a man
    by his bare surname, a woman by her title and surname ("Mrs. Hall"), which the name pattern never reads as his
    (see :data:`bot.ask.describe.FEMALE_TITLES`)."""
    if person.gender != MALE or roster is None:
        return set()
    surnames = {words[-1] for alias in (person.name, *person.aliases) if len(words := alias.split()) > 1}
    surnames = {name for name in surnames if name[:1].isupper() and normalise(name) not in TITLES}
    men = [other for other in roster.people if other is not person and other.gender != FEMALE]
    return {
        name
        for name in surnames
        if not any(normalise(name) in normalise(alias).split() for other in men for alias in (other.name, *other.aliases))
    }


def _capitalised(name: str) -> str:
    return " ".join(word[:1].upper() + word[1:] for word in name.split())


def _title_of(form: str) -> str | None:
    first = normalise(form).split()[:1]
    return first[0] if first and first[0] in TITLES else None


def _shared_words(person: Character, roster: Roster | None) -> set[str]:
    """Name words (titles aside) other people of the work are called by too."""
    if roster is None:
        return set()
    return {
        word
        for other in roster.people
        if other is not person
        for alias in (other.name, *other.aliases)
        for word in normalise(alias).split()
        if word not in TITLES
    }


def _ambiguous(alias: str, shared: set[str]) -> bool:
    """A one-word name (titles aside) that also names someone else."""
    words = [word for word in normalise(alias).split() if word not in TITLES]
    return len(words) == 1 and words[0] in shared and not _title_of(alias)
