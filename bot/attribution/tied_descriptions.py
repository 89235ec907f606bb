"""Descriptions the text ties to one named character: ``the vicar`` is Mr. Pell, ``the young girl`` Rosa.

A novel keeps calling its people by descriptions as well as names. The narration ties a description
(``the vicar``, ``the young girl``: a noun naming a person, after "the" and at most one adjective) to
a named character in two ways:

* **apposition**: the name and the description side by side (``Pell the vicar``, ``Mr. Pell, the
  vicar,``, ``the vicar, Mr. Pell,``): decisive when every apposition names one person;
* **a copula**: ``Pell was a vicar``, ``Vane was a tall man``: as decisive as an apposition;
* **co-reference in a paragraph**: the description written in a later sentence of a paragraph whose
  last named person before it is that character (``Rosa sat down. The young girl smiled.``), one vote.

Only people of the description's gender (its noun's, else the pronouns after its own uses) count
(and, for a copula, people whose gender the text does not show).
Without an apposition, a description is the character that gets at least :data:`MIN_VOTES` votes and :data:`MIN_SHARE` of
them all, when the text names that character in one sentence with the description (``Rosa looked at
the young girl``: two people) at most :data:`TOGETHER_MAX` times.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from lemminflect import getAllLemmas

from bot.attribution.lexicon import ANAPHORIC_NOUNS, FEMALE, GROUP_NOUNS, MALE, PERSON_NOUNS
from bot.attribution.names import Mention
from bot.attribution.people import is_person_description
from bot.attribution.pronouns import pronoun_gender

Person = TypeVar("Person")

MIN_VOTES = 3
MIN_SHARE = 0.5
TOGETHER_MAX = 1
PLAIN_NOUNS = frozenset("man woman lady gentleman person fellow boy girl child creature being".split())
"""Nouns that alone describe anyone of a sex or an age (``the man``): tied to no one without an adjective."""
_DESCRIPTION = re.compile(r"\b[Tt]he\s+(?P<first>[a-z]+)\b(?![’']s\b|-)(?:\s+(?P<second>[a-z]+)\b(?![’']s\b|-))?")
_SENTENCE_END = re.compile(r"[.!?][”\"’']?\s")
_AFTER_NAME = re.compile(r",?[ \t]*\n?[ \t]*")
"""Between a name and the description set after it (``Pell the vicar``, ``Mr. Pell, the vicar``)."""
_BEFORE_NAME = re.compile(r",[ \t]*\n?[ \t]*")
"""Between a description and the name set after it (``the vicar, Mr. Pell,``)."""
_COPULA = re.compile(r"\s+(?:was|is)\s+(?:a|an)\s+(?P<first>[a-z]+)\b(?![’']s\b|-)(?:\s+(?P<second>[a-z]+)\b(?![’']s\b|-))?")
"""A description given by a copula after a name (``Vane was a tall man``)."""
_CLOSED = re.compile(r"[ \t]*[,.;:!?)]")
_LISTED = re.compile(r",?\s+(?:and|or|nor)\b")
"""After a description in a list (``Pell, the vicar and the doctor``): no apposition."""


def tie_descriptions(
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    in_narration: Callable[[int], bool],
    people: Iterable[tuple[Person, list[Mention], str | None]],
) -> dict[str, Person]:
    """Each description (``young girl``, without its article) the narration of ``text`` ties to one of
    ``people`` (each with its mentions and gender), and that person."""
    people = list(people)
    named = sorted(
        ((m.start, m.end, person) for person, mentions, _ in people for m in mentions if in_narration(m.start)),
        key=lambda item: item[0],
    )
    genders = {person: gender for person, _, gender in people}
    uses = _uses(text, paragraphs, in_narration)
    paragraph_starts = [start for start, _ in paragraphs]
    sentences = _SentenceEnds(text)
    described = _described_as(text, named)
    tied: dict[str, Person] = {}
    for description, found in uses.items():
        gender = _gender(text, description, found)
        if gender is None:
            continue
        agreeing = [item for item in named if genders[item[2]] == gender]
        starts = [start for start, _, _ in agreeing]
        appositions: Counter[Person] = Counter()
        votes: Counter[Person] = Counter()
        together: Counter[Person] = Counter()
        appositions.update(p for p in described.get(description, ()) if genders[p] in (None, gender))
        for mention in found:
            paragraph_start = paragraph_starts[bisect.bisect_right(paragraph_starts, mention.start) - 1]
            sentence = sentences.around(mention, paragraph_start)
            _vote(text, mention, (agreeing, starts), (paragraph_start, *sentence), (appositions, votes, together))
        winner = _winner(appositions, votes)
        if winner is not None and together[winner] <= TOGETHER_MAX:
            tied[description] = winner
    return tied


def _described_as(text: str, named: list[tuple[int, int, Person]]) -> dict[str, list[Person]]:
    """Each description the narration gives a named person by a copula (``Vane was a tall man``,
    ``Kell is a chaplain``), and the people it is given to: as decisive as an apposition."""
    described: dict[str, list[Person]] = {}
    for _, end, person in named:
        match = _COPULA.match(text, end)
        words = _description_words(match["first"], match["second"]) if match else None
        if words is not None:
            described.setdefault(" ".join(words), []).append(person)
    return described


def _winner(appositions: Counter[Person], votes: Counter[Person]) -> Person | None:
    """The one person set in apposition to a description, else the one its co-references clearly vote for."""
    if len(appositions) == 1:
        return next(iter(appositions))
    if appositions or not votes:
        return None
    winner, count = votes.most_common(1)[0]
    return winner if count >= MIN_VOTES and count >= MIN_SHARE * votes.total() else None


def _uses(
    text: str, paragraphs: Sequence[tuple[int, int]], in_narration: Callable[[int], bool]
) -> dict[str, list[Mention]]:
    """Each description of a person written in the narration (``the young girl``), and its uses."""
    uses: dict[str, list[Mention]] = {}
    for start, end in paragraphs:
        for match in _DESCRIPTION.finditer(text, start, end):
            if not in_narration(match.start()):
                continue
            words = _description_words(match["first"], match["second"])
            if words is None:
                continue
            stop = match.end("second") if len(words) == 2 else match.end("first")
            mention = Mention(match.start(), stop, None, words, True)
            uses.setdefault(" ".join(words), []).append(mention)
    return uses


def _description_words(first: str, second: str | None) -> tuple[str, ...] | None:
    """The words of a description after "the": an adjective and a noun naming one person (``young
    girl``), else that noun alone when it says more than sex and age (``vicar`` of ``the vicar
    smiled``, not ``man``); None when neither is one."""
    if second and _names_one_person(second) and "ADJ" in getAllLemmas(first):
        return (first, second)
    return (first,) if _names_one_person(first) and first not in PLAIN_NOUNS else None


def _names_one_person(noun: str) -> bool:
    return noun not in ANAPHORIC_NOUNS and noun not in GROUP_NOUNS and is_person_description(noun)


class _SentenceEnds:
    """Where the text's sentences end, found once: a use's sentence is then two bisections, not a scan of
    its paragraph (quadratic in a long one)."""

    def __init__(self, text: str) -> None:
        found = list(_SENTENCE_END.finditer(text))
        self._starts = [match.start() for match in found]
        self._ends = [match.end() for match in found]
        self._length = len(text)

    def around(self, use: Mention, paragraph_start: int) -> tuple[int, int]:
        """The start and end of the sentence holding ``use`` in the paragraph starting at ``paragraph_start``."""
        before = bisect.bisect_right(self._ends, use.start) - 1
        start = max(paragraph_start, self._ends[before]) if before >= 0 else paragraph_start
        after = bisect.bisect_left(self._starts, use.end)
        return start, self._starts[after] if after < len(self._starts) else self._length


def _vote(
    text: str,
    use: Mention,
    people: tuple[list[tuple[int, int, Person]], list[int]],
    places: tuple[int, int, int],
    counts: tuple[Counter[Person], Counter[Person], Counter[Person]],
) -> None:
    """Count who one use of a description is (``counts``: appositions, co-reference votes, and names in
    its sentence): the name in apposition to it, else the last person named before it in an earlier
    sentence of its paragraph; a person named in its sentence is someone else. ``people``: the named
    mentions that may be it, and their offsets; ``places``: where its paragraph starts, and its sentence."""
    appositions, votes, together = counts
    named, starts = people
    paragraph_start, sentence_start, end = places
    index = bisect.bisect_left(starts, use.start)
    before = named[index - 1] if index > 0 and named[index - 1][0] >= paragraph_start else None
    after = named[index] if index < len(named) else None
    if before and _AFTER_NAME.fullmatch(text, before[1], use.start) and not _LISTED.match(text, use.end):
        appositions[before[2]] += 1
        return
    if after and _BEFORE_NAME.fullmatch(text, use.end, after[0]) and _CLOSED.match(text, after[1]):
        appositions[after[2]] += 1
        return
    in_sentence = {person for _, _, person in named[bisect.bisect_left(starts, sentence_start) : bisect.bisect_left(starts, end)]}
    together.update(in_sentence)
    if before and before[0] < sentence_start and before[2] not in in_sentence:
        votes[before[2]] += 1


def _gender(text: str, description: str, uses: list[Mention]) -> str | None:
    """A description's gender: its noun's (``girl``, ``coachman``), else the pronouns after its uses."""
    noun = description.split()[-1]
    if noun in PERSON_NOUNS and PERSON_NOUNS[noun]:
        return PERSON_NOUNS[noun]
    if noun.endswith("woman"):
        return FEMALE
    if noun.endswith("man"):
        return MALE
    return pronoun_gender(text, uses)

