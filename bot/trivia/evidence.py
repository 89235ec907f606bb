"""Whether a line's speaker is vouched for by its paragraph: a speech tag naming them.

The attribution may be confident from turn-taking alone ("…, Miss Dashwood?" keyed to the last
woman who spoke); judged samples found such keys wrong. Trivia asks only about lines whose own
paragraph tags them with the speaker's name ("said Elinor", "Mrs. Jennings replied") and tags no
one else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.trivia.judging import normalise
from bot.trivia.lines import SPEECH_VERBS
from bot.trivia.people import Person
from bot.trivia.wording import zipf

_TITLED_NAME = (
    r"((?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Lord|Captain|Colonel|Aunt|Uncle)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
_MOVING = r"(?:returned|called|began|continued)"
_VERB = (
    rf"(?:(?:{SPEECH_VERBS})(?<!returned)(?<!called)(?<!began)(?<!continued)\b"
    rf"|{_MOVING}\b(?!\s+(?:to|from|home|into|back|up|down|out|his|her|their|the|a|an)\b))"
)
"""A speech verb; "returned", "called", "began" and "continued" only when not going somewhere or
doing something ("Edward returned to them", "she continued her work")."""
_TAG = re.compile(rf"\b{_VERB}\s+{_TITLED_NAME}|{_TITLED_NAME}\s+{_VERB}")
_AFTER_QUOTE = re.compile(rf"…\s+{_TITLED_NAME}\s+[a-z]+")
"""A name opening the narration right after a quote, before a verb ("…,” Lydia stated")."""
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_PRONOUNS = frozenset("i he she they it we you the a an this that then there".split())
_ADDRESS_TITLES = frozenset("mr mrs miss ms lady sir lord master madame monsieur".split())
COMMON_ZIPF = 5.4
"""A capitalised word this common in English ("And", "Oh"; "John" is 5.38) opening narration is no name."""


def narration(paragraph: str) -> str:
    """``paragraph`` without its quoted words."""
    return _QUOTED.sub(" … ", paragraph)


def tags(paragraph: str) -> list[str]:
    """The names the paragraph's narration hands speech to ("said Mrs. Jennings" → "Mrs. Jennings")."""
    told = narration(paragraph)
    matches = [*_TAG.finditer(told), *_AFTER_QUOTE.finditer(told)]
    found = {_without_common_words(next(group for group in match.groups() if group)) for match in matches}
    return sorted(name for name in found if name)


def _without_common_words(name: str) -> str:
    """``name`` without the common words a sentence may open with ("But Elinor" → "Elinor"); empty for
    a pronoun or a common word alone ("He", "And")."""
    words = name.split()
    while words and _common(words[0].lower().rstrip(".")):
        words.pop(0)
    return " ".join(words)


def _common(word: str) -> bool:
    return word in _PRONOUNS or (word not in _ADDRESS_TITLES and zipf(word) >= COMMON_ZIPF)


def tagged_by_name(speaker: str, paragraph: str, people: Sequence[Person]) -> bool:
    """Whether ``paragraph`` tags a speech with one of ``speaker``'s names and with no other name.

    A tag matches when it is one of the speaker's names (all of them, as the cast knows them), or
    ends with one ("said Colonel Brandon" for "Brandon"); a name another character of the cast also
    goes by is no evidence."""
    own = _names_of(speaker, people)
    others = {normalise(alias) for person in people if speaker not in person.aliases for alias in person.aliases}
    named = [normalise(name) for name in tags(paragraph)]
    if not named:
        return False
    return all(_matches(name, own) and name not in others - own for name in named)


def _names_of(speaker: str, people: Sequence[Person]) -> set[str]:
    aliases = {speaker, *(alias for person in people if speaker in person.aliases for alias in person.aliases)}
    return {normalise(alias) for alias in aliases}


def _matches(tag: str, names: set[str]) -> bool:
    """``tag`` is one of ``names``, or one with a rank or given name before it ("colonel brandon" for
    "brandon"); not with a title of address ("mrs crawford" is not "crawford")."""
    if tag in names:
        return True
    first, _, rest = tag.partition(" ")
    return first not in _ADDRESS_TITLES and rest in names
