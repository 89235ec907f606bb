"""The people of a work as trivia sees them: one person per character, under every name the text uses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bot.attribution.given_names import given_names_of, is_pet_form, name_variants
from bot.attribution.lexicon import TITLE_GENDER
from bot.trivia.judging import normalise

TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "the", "old", "young"})
SURNAME_TITLES = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "lady", "lord", "captain", "colonel", "madame", "monsieur", "signor", "signora"}
)
"""Titles that go before a surname ("Mrs. Munt", "Captain Wentworth")."""
SURNAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "du", "la", "le", "di", "da", "del"})
"""Words inside a surname ("Mr. van der Luyden" is known by a surname only, like "Mr. Wilcox")."""
TITLE_GENDERS = {
    title: TITLE_GENDER[title]
    for title in (
        "mr", "sir", "lord", "monsieur", "signor", "master", "mrs", "ms", "miss", "lady", "madame", "signora",
        "mademoiselle", "dr", "captain", "colonel",
    )
}
"""Titles said before a surname, and the gender they mark (None: either), as
:data:`bot.attribution.lexicon.TITLE_GENDER` has it."""
KIN_TITLES = frozenset({"aunt", "uncle", "cousin", "granny", "grandmother", "grandfather"})


def name_words(name: str) -> frozenset[str]:
    """The words that identify a name: "Mr. Pelling" → {"pelling"}; "the woman" → {"woman"}."""
    words = normalise(name).split()
    return frozenset(word for word in words if word not in TITLES) or frozenset(words)


def are_aliases(first: str, second: str) -> bool:
    """Whether two speaker names may be one person: the same words, a shared name word
    ("Pelling", "Mr. Pelling"), or given names that are forms of one name ("Kit" and "Kitty", "Bill"
    and "William": the nicknames resource). Cautious on purpose: "Mrs. Pelling" and "Mr. Pelling"
    count as aliases too, so neither is ever offered as the wrong answer to the other."""
    words, others = name_words(first), name_words(second)
    return bool(words & others) or any(_forms_of_one_name(word, other) for word in words for other in others)


@cache
def _forms_of_one_name(word: str, other: str) -> bool:
    """Whether two given names are a name and its nickname, or two nicknames of one name, or a name
    and its pet form ("Kit" and "Kitty", "Tom" and "Tommy", "Ann" and "Annie")."""
    shorter, longer = sorted((word, other), key=len)
    if is_pet_form(shorter, longer):
        return True
    if word in name_variants(other) or other in name_variants(word):
        return True
    return bool(given_names_of(word) & given_names_of(other))  # "Bess" and "Betty", never "Louisa" and "Elizabeth"


def titled_surnames(aliases: Sequence[str], gender: str | None) -> list[str]:
    """Every way to call a person by a title and a surname of theirs, normalised ("mr thorpe" for "John
    Thorpe", a man): the last word of each name of two words or more, after each title of their gender."""
    surnames = set()
    for alias in aliases:
        words = [word for word in normalise(alias).split() if word not in TITLES and word not in SURNAME_PARTICLES]
        if len(normalise(alias).split()) >= 2 and words:
            surnames.add(words[-1])
    titles = [title for title, marked in TITLE_GENDERS.items() if marked is None or gender is None or marked == gender]
    return [f"{title} {surname}" for surname in sorted(surnames) for title in titles]


NAME_LINKS = SURNAME_PARTICLES | frozenset("of the ten ter zu ibn bin bint los las dos das do della y".split())
"""Words in lower case that a whole name may hold after its first ("Lotte ten Brink", "Ahmed ibn Rashid")."""
_JOINED_PARTICLE = re.compile(r"\w+[’'-]\w")
"""A particle elided or joined to the rest of a name ("d'Orsel", "al-Nouri")."""


def broken_name(name: str) -> bool:
    """Whether a name is broken where the source lost an accented letter ("Am lie Vale" for Amélie
    Vale): a word in lower case after its first that is no particle ("van der Hoek", "d'Orsel";
    :data:`NAME_LINKS`)."""
    return any(
        word[:1].islower() and word not in NAME_LINKS and not _JOINED_PARTICLE.match(word) for word in name.split()[1:]
    )


@dataclass(frozen=True, slots=True)
class Person:
    """A named character: the name shown, every name the text uses for them (``name`` included),
    gender ("m", "f" or None), where they first appear and how often they are mentioned."""

    name: str
    aliases: tuple[str, ...]
    gender: str | None
    first_offset: int
    mentions: int


def same_person(first: str, second: str, people: Sequence[Person] = ()) -> bool:
    """Whether two names may be one person: :func:`are_aliases`, or both names of one character
    (Arthur and Lord Godalming, once the text has tied them), or parts of that character's names ("Miss
    Bartlett" and "Charlotte" of Charlotte Bartlett: :func:`_covered`)."""
    if are_aliases(first, second):
        return True
    if any(_covered(first, person, people) and _covered(second, person, people) for person in people):
        return True
    one, other = _person(first, people), _person(second, people)
    if one is None or other is None or (one.gender and other.gender and one.gender != other.gender):
        return False
    if (_titled_surname_only(one) and _first_name_only(other)) or (_titled_surname_only(other) and _first_name_only(one)):
        return True
    return _may_be_called(one, other) or _may_be_called(other, one)


MARRIED_TITLES = frozenset({"mrs", "madame", "signora"})
"""Titles of a married woman, whose surname is her husband's: "Mrs. Miller" is not her daughter Daisy Miller."""


def _may_be_called(titled: Person, other: Person) -> bool:
    """Whether ``titled``, known only by a title and a surname that is no married woman's ("Miss
    Miller"), may be ``other`` under a name ending in that surname ("Daisy Miller"): the character list
    split one person in two, and both would be offered."""
    if not _titled_surname_only(titled):
        return False
    split = [normalise(alias).split() for alias in titled.aliases]
    surnames = {words[-1] for words in split if len(words) == 2 and words[0] in SURNAME_TITLES - MARRIED_TITLES}
    return any(len(words := normalise(alias).split()) >= 2 and words[-1] in surnames for alias in other.aliases)


def _covered(name: str, person: Person, people: Sequence[Person]) -> bool:
    """Whether ``name`` is one of ``person``'s names (punctuation aside), or no character's name at all
    and its name words all in one of ``person``'s, its title fitting their gender ("Miss Bartlett" or
    "Charlotte" for Charlotte Bartlett; not "Mr. Bartlett", nor "Mrs. Bartlett" when she is an entry of
    her own)."""
    key = normalise(name)
    if key in _normalised_aliases(person):
        return True
    if any(key in _normalised_aliases(other) for other in people):
        return False
    return _words_covered(name, person)


@cache
def _normalised_aliases(person: Person) -> frozenset[str]:
    return frozenset(normalise(alias) for alias in person.aliases)


@cache
def _words_covered(name: str, person: Person) -> bool:
    words = normalise(name).split()
    marked = TITLE_GENDERS.get(words[0]) if words else None
    if marked and person.gender and marked != person.gender:
        return False
    identifying = name_words(name)
    return bool(identifying) and any(identifying <= name_words(alias) for alias in person.aliases)


def _person(name: str, people: Sequence[Person]) -> Person | None:
    return next((person for person in people if name in person.aliases), None)


def _titled_surname_only(person: Person) -> bool:
    """Known only as "Mr. Wilcox", "Mrs. Munt" (or "Munt"): the text may call them by a first name we never tied."""
    split = [[word for word in normalise(alias).split() if word not in SURNAME_PARTICLES] for alias in person.aliases]
    surnames = {words[-1] for words in split if len(words) == 2 and words[0] in SURNAME_TITLES}
    return bool(surnames) and all(set(words) - TITLES - SURNAME_TITLES <= surnames for words in split)


def _first_name_only(person: Person) -> bool:
    """Known only by one given name ("Henry", "Aunt Juley"): they may be someone's "Mr. Wilcox"."""
    split = [normalise(alias).split() for alias in person.aliases]
    return all(
        words and words[0] not in SURNAME_TITLES and len([word for word in words if word not in TITLES | KIN_TITLES]) == 1
        for words in split
    )
