"""Discussion prompts drawn from a passage: who is in it, what they feel or say, and an open question.

The question is always open (how, why, what), never yes/no, and is picked from
the templates that fit the passage: two people and a line of dialogue, two
people, one person and a feeling, one person, a feeling, or none of these. The
pick depends on the passage's id, so a passage keeps its prompt.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.text.markup import plain_text

MAX_PEOPLE = 4
QUOTE_WORDS = (3, 14)
"""A line of dialogue quoted in a prompt has this many words (fewest, most)."""
NOT_NAMES = frozenset(
    "I I'm I’m I've I’ve I'll I’ll I'd I’d Mr Mrs Miss Ms Dr Sir Madam God Oh Ah Yes No OK Okay"
    " He She It We You They His Her Its Our Your Their My The A An".split()
)
LOCATIVES = frozenset("in at to into from towards toward near through across within around of".split())
"""Words after which a name is a place ("in Geneva", "to Beacon Hills")."""
FEELINGS: dict[str, str] = {
    "sorry": "regret",
    "regret": "regret",
    "guilt": "guilt",
    "afraid": "fear",
    "fear": "fear",
    "terror": "terror",
    "dread": "dread",
    "love": "love",
    "loved": "love",
    "hate": "hatred",
    "hatred": "hatred",
    "angry": "anger",
    "anger": "anger",
    "rage": "rage",
    "tears": "grief",
    "grief": "grief",
    "despair": "despair",
    "hope": "hope",
    "hopeful": "hope",
    "joy": "joy",
    "happy": "happiness",
    "lonely": "loneliness",
    "alone": "loneliness",
    "revenge": "vengeance",
    "vengeance": "vengeance",
    "misery": "misery",
    "wretched": "misery",
    "jealous": "jealousy",
    "shame": "shame",
}
"""Words that name or show a feeling, and the feeling a prompt names."""

_CAPITALISED_WORD = r"[A-Z][a-z’'-]+"
_NAME = re.compile(
    rf"(?<![.?!:“\"]\s)(?<![.?!]”\s)(?<![.?!]\"\s)(?<![.?!:“\"])(?<!^)\b{_CAPITALISED_WORD}(?:\s{_CAPITALISED_WORD})*"
)
_DIALOGUE = re.compile(r"[“\"]([^”\"]+)[”\"]")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class DiscussionPrompt:
    people: list[str]
    """The names in the passage, most mentioned first."""
    question: str
    """An open question about the passage."""


def people_in(text: str) -> list[str]:
    """The people named in the passage, most mentioned first.

    A name is a run of capitalised words inside a sentence ("Beacon Hills", "De Lacey"), never
    written lower-case in the passage; one found after "in", "at", "to"... at least half the time is a place.
    """
    lower_words = set(_WORD.findall(text))
    found: Counter[str] = Counter()
    as_place: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        name = _bare(match.group(0))
        if name in NOT_NAMES or any(part.lower() in lower_words for part in name.split()):
            continue
        found[name] += 1
        before = text[: match.start()].split()[-1:]
        as_place[name] += bool(before) and before[0].lower() in LOCATIVES
    return [name for name, count in found.most_common() if 2 * as_place[name] < count][:MAX_PEOPLE]


def _bare(name: str) -> str:
    """A name without its possessive ("Derek’s" -> "Derek")."""
    return name.removesuffix("’s").removesuffix("'s").rstrip("’'")


def dialogue_line(text: str) -> str | None:
    """The first line of dialogue of a quotable length, if any."""
    for match in _DIALOGUE.finditer(text):
        line = match.group(1).strip(" ,.")
        if QUOTE_WORDS[0] <= len(line.split()) <= QUOTE_WORDS[1]:
            return line
    return None


def feeling_in(text: str) -> str | None:
    """The first feeling the passage names or shows, if any."""
    return next((FEELINGS[word] for word in _WORD.findall(text.lower()) if word in FEELINGS), None)


def prompt_for(text: str, seed: int, people: list[str] | None = None) -> DiscussionPrompt:
    """The people of the passage and an open question about it (chosen by `seed` among those that fit).

    ``people``: the work's characters the passage names, when its character list is known (else
    guessed from capitalised words, :func:`people_in`).
    """
    people = people_in(text) if people is None else people
    line = dialogue_line(text)
    feeling = feeling_in(text)
    fitting = _questions(people, line, feeling)
    return DiscussionPrompt(people, fitting[seed % len(fitting)])


def _questions(people: list[str], line: str | None, feeling: str | None) -> list[str]:
    first = people[0] if people else None
    second = people[1] if len(people) > 1 else None
    if first and second:
        questions = [f"How does this moment change things between {first} and {second}?"]
        if line:
            questions.append(f"What is really being said with “{line}”, and what is left unsaid?")
        return questions
    if first:
        questions = [f"What does this passage show about who {first} is, and what would you have done in their place?"]
        if feeling:
            questions.append(f"Where does {first}’s {feeling} come from here, and do you think it is justified?")
        return questions
    if feeling:
        return [f"Where does the {feeling} in this passage come from, and how does the writing make you feel it?"]
    return [
        "What stands out to you in this passage, and why do you think it is there?",
        "What do you think happens next, and what in this passage hints at it?",
    ]


def thread_name(where: str, text: str, limit: int = 100) -> str:
    """A thread named after the passage: where it is, then its first words, within `limit` characters."""
    head = f"{plain_text(where)}: "
    words = " ".join(plain_text(text).split())
    room = limit - len(head)
    if len(words) > room:
        words = words[: room - 1].rsplit(" ", 1)[0] + "…"
    return head + words
