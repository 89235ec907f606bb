"""Plot points: what the characters do, read from the narration of any book.

An *event* is a narration sentence whose subject is a character, named at its start, who acts in
the simple past ("Lucy opened the window and looked out over the churchyard."). From events come
questions about the plot rather than about the wording of a line: who did it (the wrong options are
other people of the same gender already met in that part of the book), and which of two events,
chapters apart, came first. Speech tags, being and having ("was", "had"), and sentences told in the
first or second person are not events; an event must hold a word rare enough to recognise it by.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from bot.text.markup import plain_text
from bot.text.model import Passage
from bot.trivia.people import Person, are_aliases, same_person
from bot.trivia.wording import is_rare, word_class

MIN_WORDS, MAX_WORDS = 4, 24
"""Words in an event's predicate (what the character did)."""
NEARBY_SECTIONS = 2
"""A wrong option is someone mentioned within this many sections of the event."""
NOT_EVENTS = frozenset(
    "said asked answered replied cried exclaimed whispered muttered added continued repeated returned "
    "called shouted murmured observed remarked began went was were had did could would should might "
    "seemed appeared felt thought knew supposed wondered hoped wished meant liked loved hated "
    "looked saw heard noticed smiled laughed nodded sighed paused stopped sat stood rose turned "
    "glanced gazed stared leaned waited hesitated shrugged lingered walked moved came got put took".split()
)
"""Past tenses that make no plot point: speech tags, being and having, thinking, posture, glances and
the commonest comings and goings."""
_PERSONAL = re.compile(r"\b(?:I|me|my|mine|myself|we|us|our|ours|you|your|yours)\b", re.IGNORECASE)
_UNPLACED = re.compile(r"\b(?:him|them|it|this|these|those|there|here|then)\b", re.IGNORECASE)
"""Words that point outside the sentence: "Who slapped him on the shoulder?" cannot be answered."""
_CLAUSE_END = re.compile(r"\s*(?:[,;:(—–]|\s-{1,2}\s?|\bbut\b|\band\s+(?:then\s+)?(?:he|she|they)\b)")
"""Where the first clause of a predicate ends: the question asks about that clause alone."""
_QUOTE_MARKS = re.compile(r"[“”\"‘]|(?<!\w)'|'(?!\w)")
_PRONOUNS = frozenset({"I", "He", "She", "We", "They", "It", "You"})
_PREDICATE_WORD = re.compile(r"[A-Za-z’'-]+")


@dataclass(frozen=True, slots=True)
class Event:
    """One thing a character did: ``person`` did ``predicate`` (from ``verb`` on), told in ``sentence``;
    ``with_others`` when the predicate names another person (a relation: the plot's stuff)."""

    person: Person
    predicate: str
    sentence: Passage
    with_others: bool = False

    @property
    def statement(self) -> str:
        """The event as the book tells it, for showing as an option."""
        return _plain(self.sentence.text)


def find_events(sentences: Sequence[Passage], people: Sequence[Person]) -> list[Event]:
    """Every event of the story, in reading order."""
    names = _any_name(people)
    if names is None:
        return []
    owner = {alias.casefold(): person for person in people for alias in person.aliases}
    events = []
    for sentence in sentences:
        event = _event(sentence, names, owner)
        if event is not None:
            events.append(event)
    return events


class Cast:
    """Who is mentioned where: each section's people, for wrong options present in that part of the book."""

    def __init__(self, sentences: Sequence[Passage], people: Sequence[Person]) -> None:
        self.people = list(people)
        self._in_section: dict[int, Counter[int]] = {}
        pattern = _any_name(people)
        owner = {alias.casefold(): index for index, person in enumerate(people) for alias in person.aliases}
        if pattern is None:
            return
        for sentence in sentences:
            counts = self._in_section.setdefault(sentence.section, Counter())
            for match in pattern.finditer(sentence.text):
                counts[owner[match.group(0).casefold()]] += 1

    def rivals(self, answer: Person, section: int, before_offset: int, *, named: str = "") -> list[Person]:
        """Other people to offer against ``answer``: of the same gender, met before ``before_offset``,
        mentioned within :data:`NEARBY_SECTIONS` sections (most mentioned first); never an alias of
        the answer or of each other, nor anyone the question itself names (in ``named``)."""
        near: Counter[int] = Counter()
        for nearby in range(section - NEARBY_SECTIONS, section + NEARBY_SECTIONS + 1):
            near.update(self._in_section.get(nearby, Counter()))
        rivals: list[Person] = []
        for index, _ in near.most_common():
            person = self.people[index]
            if person.first_offset >= before_offset or not _same_gender(person, answer):
                continue
            if any(same_person(name, other.name, self.people) for other in (answer, *rivals) for name in person.aliases):
                continue
            if any(re.search(rf"\b{re.escape(alias)}\b", named) for alias in person.aliases):
                continue
            rivals.append(person)
        return rivals


@dataclass(frozen=True, slots=True)
class Plot:
    """A work's plot points in reading order, and who is mentioned where."""

    events: Sequence[Event]
    cast: Cast


def plot_of(sentences: Sequence[Passage], people: Sequence[Person]) -> Plot:
    """The plot of a story told in ``sentences``, whose characters are ``people``."""
    return Plot(find_events(sentences, people), Cast(sentences, people))


def who_did_it(event: Event) -> str:
    return f"Who {event.predicate}?"


def _event(sentence: Passage, names: re.Pattern[str], owner: dict[str, Person]) -> Event | None:
    text = _plain(sentence.text)
    if _QUOTE_MARKS.search(text) or not text.endswith((".", "!")):
        return None
    match = re.match(rf"(?P<name>{names.pattern})\s+(?=[a-z])", text)
    if match is None:
        return None
    person = owner[match.group("name").casefold()]
    if person.name[:1].islower() and not person.name.startswith("the "):
        return None
    predicate = _CLAUSE_END.split(text[match.end() :].rstrip(".!"), maxsplit=1)[0].strip()
    words = _PREDICATE_WORD.findall(predicate)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or _PERSONAL.search(predicate) or _UNPLACED.search(predicate):
        return None
    if _other_gender_pronoun(person, words):
        return None
    verb = words[0]
    others = _names_others(predicate, person, names, owner)
    if verb in NOT_EVENTS or word_class(verb) != ("VERB", "VBD") or not (others or _two_rare(words)):
        return None
    if any(are_aliases(alias, word) for alias in person.aliases for word in words if word[:1].isupper()):
        return None  # the question would name its own answer
    return Event(person, predicate, sentence, others)


def _names_others(predicate: str, person: Person, names: re.Pattern[str], owner: dict[str, Person]) -> bool:
    """Whether a predicate ties its subject to another named person ("married Henry Wilcox"): a plot point."""
    return any(owner[match.group(0).casefold()] is not person for match in names.finditer(predicate))


def _two_rare(words: list[str]) -> bool:
    """Whether a predicate holds two rare words ("buried the brass compass"): recognisable all the same."""
    return sum(is_rare(word) for word in set(words)) >= 2


def _any_name(people: Sequence[Person]) -> re.Pattern[str] | None:
    aliases = sorted(
        {alias for person in people for alias in person.aliases if alias[:1].isupper() and alias not in _PRONOUNS},
        key=len,
        reverse=True,
    )
    if not aliases:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(alias) for alias in aliases) + r")\b(?![’'-]\w)")


def _other_gender_pronoun(person: Person, words: list[str]) -> bool:
    """Whether a pronoun in the predicate may not be the subject's own (``her`` after a man)."""
    other = {"m": {"her", "she", "hers", "herself"}, "f": {"his", "he", "himself"}}.get(person.gender or "", set())
    return bool(other & {word.lower() for word in words}) or person.gender is None


def _same_gender(person: Person, answer: Person) -> bool:
    return answer.gender is None or person.gender == answer.gender


def _plain(text: str) -> str:
    return " ".join(plain_text(text).split())


def events_apart(events: Sequence[Event], min_sections: int) -> Iterator[tuple[Event, list[Event]]]:
    """Each event with the events at least ``min_sections`` sections after it."""
    sections = [event.sentence.section for event in events]
    for event in events:
        first_later = bisect.bisect_left(sections, event.sentence.section + min_sections)
        yield event, list(events[first_later:])
