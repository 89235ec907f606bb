"""Kinship descriptions: ``said her mother``, ``his wife replied``, ``cried her aunt``.

Such a tag names a relative of someone just mentioned (the possessor: "her" is the woman who spoke
last or was named last). Families share a surname, and novels name parents and spouses by title and
surname: the mother of Miss Ann Elton is the one Mrs. Elton, the wife of Mr. Elton too; a brother or
a daughter is the one man or woman of that surname who is not a Mr. or Mrs. of it; an aunt is the one
character the text calls Aunt or Uncle. Where the family is not that clear, no one is named.
"""

from __future__ import annotations

from collections import Counter

from bot.attribution.characters import Character, CharacterList, normalise
from bot.attribution.lexicon import FEMALE, MALE, TITLE_GENDER
from bot.attribution.name_forms import MARRIED, UNMARRIED

POSSESSIVES = {"his": MALE, "her": FEMALE, "my": None}
"""Possessives a kinship description opens with, and the gender they give its possessor (``my``: the
narrator)."""
PARENTS_AND_SPOUSES = {"mother": FEMALE, "father": MALE, "wife": FEMALE, "husband": MALE}
"""Relatives a novel calls by title and surname (Mrs. Elton)."""
SPOUSES = frozenset({"wife", "husband"})
SIBLINGS_AND_CHILDREN = {"sister": FEMALE, "brother": MALE, "daughter": FEMALE, "son": MALE}
"""Relatives sharing the possessor's surname without a Mr. or Mrs. of it."""
TITLED_RELATIVES = {"aunt": FEMALE, "uncle": MALE}
"""Relatives the text calls by that title (Aunt Juley)."""
_SPOUSE_TITLES = {MALE: "mr", FEMALE: "mrs"}


FAMILIAR = {"mamma": "mother", "mama": "mother", "mammy": "mother", "papa": "father", "pa": "father"}
"""Familiar words for parents, read as the kinship noun they stand for."""


def kin_noun(description: str) -> tuple[str | None, str] | None:
    """``her mother``: the possessor's gender (None for the narrator's ``my``) and the kinship noun
    (``her mamma``: ``mother``); None for any other description."""
    words = description.lower().split()
    if len(words) != 2 or words[0] not in POSSESSIVES:
        return None
    words[1] = FAMILIAR.get(words[1], words[1])
    if words[1] not in PARENTS_AND_SPOUSES | SIBLINGS_AND_CHILDREN | TITLED_RELATIVES:
        return None
    return POSSESSIVES[words[0]], words[1]


def relative(noun: str, possessor: Character, characters: CharacterList) -> Character | None:
    """The one character who is ``possessor``'s ``noun`` (``mother``) by the names the text gives
    them, if exactly one fits."""
    noun = FAMILIAR.get(noun, noun)
    people = [c for c in characters.characters if c.person and not c.described and c is not possessor]
    if noun in TITLED_RELATIVES:
        found = [c for c in people if any(_words(alias)[:1] == [noun] and len(_words(alias)) > 1 for alias in c.aliases)]
        return found[0] if len(found) == 1 else None
    surname = family_name(possessor)
    if surname is None:
        return None
    if noun in PARENTS_AND_SPOUSES:
        if _titles(possessor) & (UNMARRIED if noun in SPOUSES else MARRIED):
            return None  # a Miss's husband, a Mrs.'s father: not called by the surname she goes by
        title = _SPOUSE_TITLES[PARENTS_AND_SPOUSES[noun]]
        found = [c for c in people if [title, surname] in (_words(alias) for alias in c.aliases)]
    else:
        gender = SIBLINGS_AND_CHILDREN[noun]
        found = [
            c for c in people
            if c.gender == gender and family_name(c) == surname
            and not any(_words(alias) in ([_SPOUSE_TITLES[MALE], surname], [_SPOUSE_TITLES[FEMALE], surname]) for alias in c.aliases)
        ]
    return found[0] if len(found) == 1 else None


def family_name(character: Character) -> str | None:
    """The surname ``character``'s names share most (``Elton`` for Miss Elton, Ann Elton, Ann)."""
    surnames = Counter(words[-1] for words in map(_words, character.aliases) if len(words) > 1)
    return surnames.most_common(1)[0][0] if surnames else None


def _titles(character: Character) -> set[str]:
    """The first words of ``character``'s names of two words or more, its titles among them (``miss``
    for Miss Ann Elton)."""
    return {words[0] for words in map(_words, character.aliases) if len(words) > 1}


def _words(alias: str) -> list[str]:
    """An alias's words, loosely compared; a title is kept only as the first word."""
    words = normalise(alias).split()
    return words[:1] + [w for w in words[1:] if w not in TITLE_GENDER]
