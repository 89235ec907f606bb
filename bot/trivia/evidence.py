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

_TITLED_NAME = (
    r"((?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lady|Lord|Captain|Colonel|Aunt|Uncle)\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
)
_TAG = re.compile(rf"\b(?:{SPEECH_VERBS})\s+{_TITLED_NAME}|{_TITLED_NAME}\s+(?:{SPEECH_VERBS})\b")
_AFTER_QUOTE = re.compile(rf"…\s+{_TITLED_NAME}\s+[a-z]+")
"""A name opening the narration right after a quote, before a verb ("…,” Lydia stated")."""
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_PRONOUNS = frozenset("i he she they it we you the a an this that then there".split())


def narration(paragraph: str) -> str:
    """``paragraph`` without its quoted words."""
    return _QUOTED.sub(" … ", paragraph)


def tags(paragraph: str) -> list[str]:
    """The names the paragraph's narration hands speech to ("said Mrs. Jennings" → "Mrs. Jennings")."""
    told = narration(paragraph)
    matches = [*_TAG.finditer(told), *_AFTER_QUOTE.finditer(told)]
    found = {next(group for group in match.groups() if group) for match in matches}
    return [name for name in sorted(found) if name.split()[0].lower() not in _PRONOUNS]


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
    return all(_matches(name, own) and not _matches(name, others - own) for name in named)


def _names_of(speaker: str, people: Sequence[Person]) -> set[str]:
    aliases = {speaker, *(alias for person in people if speaker in person.aliases for alias in person.aliases)}
    return {normalise(alias) for alias in aliases}


def _matches(tag: str, names: set[str]) -> bool:
    return tag in names or any(tag.endswith(f" {name}") for name in names)
