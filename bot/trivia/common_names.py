"""Speaker names that are common nouns or titles said to someone ("Bear", "Sir", "Madam", "Boy").

The attribution may make a person of a word a character is called by ("Come along, Bear"): offered
beside the character's own name, it is one person under two names. Such a name is a person of its own
only when the narration hands it speech itself (:data:`MIN_OWN_TAGS` speech tags: "said Owl") and
does not use it far less often than the characters' speech does (:data:`MAX_SPOKEN_RATIO`: mostly a vocative).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

import lemminflect

from bot.trivia import wording
from bot.trivia.evidence import narration, tags
from bot.trivia.judging import normalise
from bot.trivia.people import SURNAME_TITLES, TITLES, Person

MIN_OWN_TAGS = 2
MAX_SPOKEN_RATIO = 3
"""A name said this many times more often inside speech than in the narration is mostly a vocative
(development books: a real person's ratio is 0.2-1.1; a pet name of someone else's 3.5)."""
COMMON_NOUN_ZIPF = 3.0
"""A one-word name is a common noun when English uses the lower-case word this often as a noun."""
def _known_person(name: str, people: Sequence[Person]) -> bool:
    person = next((person for person in people if name in person.aliases), None)
    return person is not None and ("I" in person.aliases or any(len(alias.split()) > 1 for alias in person.aliases))



def is_common_noun_name(name: str) -> bool:
    """Whether ``name`` is one word that is a title or an English common noun ("Bear", "Sir", "Boy")."""
    words = normalise(name).split()
    if len(words) != 1:
        return False
    word = words[0]
    if word in TITLES or word in SURNAME_TITLES:
        return True
    return "NOUN" in lemminflect.getAllLemmas(word) and wording.zipf(word) >= COMMON_NOUN_ZIPF


def not_persons(names: Iterable[str], paragraphs: Iterable[str], people: Sequence[Person] = ()) -> frozenset[str]:
    """The common-noun ``names`` (:func:`is_common_noun_name`) that are no person of their own: fewer
    than :data:`MIN_OWN_TAGS` speech tags, or said mostly inside speech (:data:`MAX_SPOKEN_RATIO`).
    Never the first-person narrator ("I"), nor a name the cast knows by a fuller one ("Victor Moss")."""
    suspects = {name for name in names if is_common_noun_name(name) and not _known_person(name, people)}
    if not suspects:
        return frozenset()
    own_tags: Counter[str] = Counter()
    told: Counter[str] = Counter()
    spoken: Counter[str] = Counter()
    patterns = {name: re.compile(rf"\b{re.escape(name)}\b") for name in suspects}
    for paragraph in paragraphs:
        own_tags.update(tag for tag in tags(paragraph) if tag in suspects)
        outside = narration(paragraph)
        for name, pattern in patterns.items():
            in_narration = len(pattern.findall(outside))
            told[name] += in_narration
            spoken[name] += len(pattern.findall(paragraph)) - in_narration
    return frozenset(name for name in suspects if own_tags[name] < MIN_OWN_TAGS or spoken[name] > MAX_SPOKEN_RATIO * told[name])
