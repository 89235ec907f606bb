"""Plot points: what the characters do, read from the narration of any book.

An *event* is a narration sentence (outside quotation marks) where a named character of known gender
is the subject of a memorable action in the simple past ("Lucy buried the brass compass."), read by
:mod:`bot.trivia.actions`: the name (or a "He"/"She" that certainly means it) opens the sentence
or a main clause (see :mod:`bot.trivia.subjects`), no negation, modal or hypothetical. From events come questions about the plot rather than about the wording of a line:
who did it (the wrong options are other people of the same gender already met in that part of the
book, never the answer under another name), and which of two events, chapters apart, came first.
An action the book tells twice (by anyone) is no event: who did it would be ambiguous.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import lemminflect

from bot.text.markup import plain_text
from bot.text.model import Passage
from bot.trivia import scoring, wording
from bot.trivia.actions import GESTURE_NOUNS, NAMED_ONLY_VERBS, WORD, Action, actions_after, can_be
from bot.trivia.chapters import Chapter, titled_chapters
from bot.trivia.people import Person, are_aliases, name_words, same_person
from bot.trivia.relations import Relation, find_relations
from bot.trivia.subjects import QUOTE_MARKS, Names, naming_its_pronoun, plausible_subject, referent

NEARBY_SECTIONS = 2
"""A wrong option is someone mentioned within this many sections of the event."""
MIN_RIVAL_MENTIONS = 5
"""A wrong option is someone the book names this often at least: a reader knows them, and a name
met once may be another's unmerged alias."""
MEMORABLE_ZIPF, VERY_RARE_ZIPF = 4.2, 3.0
"""Nouns rarer than these make a plot verb's object ("buried the compass", 3.7), or any action
("insisted on sirloin", 2.5), memorable (:func:`_memorable`)."""
FUNCTION_WORD_ZIPF = 5.5
"""Words this common ("over", "with") tell nothing about which action a sentence tells."""
_OWN_GESTURE = re.compile(rf"\b(?:his|her|a|an)\s+(?:[\w-]+\s+)?(?:{'|'.join(sorted(GESTURE_NOUNS))})\b")
"""A gesture made with one's own body ("darted her eyes over Anne", "extended a hail-fellow hand");
not "brought her slate down on Gilbert's head"."""
ROUTINE_VERBS = frozenset(
    "dine eat drink breakfast lunch sup drive ride walk stroll reenter re-enter attend achieve push pull "
    "wipe sweep dress undress wash tidy fold sip munch".split()
)
"""Lemmas of a day's routine: judged samples found such actions bland wherever they were done and
whoever was there ("drove to the Quayside Club for breakfast", "attended to the washing-up")."""
GENERIC_VERBS = frozenset("go come take get".split())
"""Lemmas too general to tell a plot point whatever follows ("went to Rome", "took a carriage")."""
MOTION_VERBS = frozenset(
    "approach pass retreat arrive travel journey wander proceed reach enter cross return leave "
    "walk run hurry rush climb step move follow join meet".split()
)
"""Lemmas of comings and goings: a plot point only when they tie the subject to another named person
("followed Nora to Calais"). Judged samples found journeys to a place alone trivial ("passed through
the South Welwyn Tunnel", "retreated over the Brenner", "approached the Colosseum")."""
ABSTRACT_ENDINGS = ("ness", "ity", "tion", "sion", "ment", "ance", "ence", "ship", "dom", "hood", "ism", "ery", "ie", "cy")
ABSTRACT_NOUNS = frozenset(
    "heed notice attention care interest leave advantage pains part sight account trouble way time subject "
    "mind thought idea hope fear doubt reverie affection love regard respect pity sympathy pleasure joy "
    "anger temper manner air tone silence rest matter thing things course effort chance point word words".split()
)
"""Nouns that name no thing a reader could picture (a part of :func:`_holds_a_thing`)."""
_SINGLE_OPENS, _SINGLE_CLOSES = re.compile(r"(?<!\w)‘"), re.compile(r"’(?!\w)")
_POSSESSIVE_END = re.compile(r"[’']s?$")
_HYPOTHETICAL = re.compile(r"(?:If|Unless|Whether|Had|Were|Should|Could|Would|Perhaps|Suppose|Though|Although)\b")
"""Openings of a sentence whose clauses may tell what did not happen."""


@dataclass(frozen=True, slots=True)
class Event:
    """One thing a character did: ``person`` did ``predicate`` (from ``verb`` on), told in ``sentence``;
    ``with_others`` when the predicate names another person (a relation: the plot's stuff)."""

    person: Person
    predicate: str
    sentence: Passage
    with_others: bool = False
    lemma: str = ""
    """The dictionary form of the predicate's verb ("write")."""
    named_as: str = ""
    """The name the sentence gives its subject."""

    @property
    def statement(self) -> str:
        """The event in the book's words, its first clause only ("Anne wrote to her brother."), for
        showing as an option."""
        return f"{self.named_as or self.person.name} {self.predicate}."


def find_events(sentences: Sequence[Passage], people: Sequence[Person]) -> list[Event]:
    """Every event of the story told in the narration (not in dialogue), in reading order; an action
    the book tells twice ("wrote to Mr. Wilcox" of two people, or of one twice) is no event: who did
    it would be ambiguous."""
    names = Names.of(people)
    return [] if names is None else _events_of(sentences, named_narration(sentences, names), names)


def _events_of(sentences: Sequence[Passage], narration: Iterable[tuple[Passage, str, str]], names: Names) -> list[Event]:
    """:func:`find_events`, given the work's :func:`named_narration`."""
    events = [event for sentence, before, _ in narration if (event := _event(sentence, before, names))]
    told = _WordIndex(sentences)
    return [event for event in events if told.times_told(event) == 1]


def named_narration(sentences: Sequence[Passage], names: Names) -> Iterator[tuple[Passage, str, str]]:
    """Each narration sentence (:func:`narration`) with the narration sentence before it in its
    paragraph ("" if none), and its own plain text; in both, an opening "He" or "She" is replaced by the
    name it certainly means (:func:`bot.trivia.subjects.naming_its_pronoun`), so that a pronoun may
    find its referent through a chain ("Edith reached Ludlow. She wrote to Nora. She…")."""
    previous = ("", "")  # the sentence before, and the same with its opening "He"/"She" named
    for sentence, before in narration(sentences):
        before = previous[1] if before and before == previous[0] else before
        text = _plain(sentence.text)
        named = naming_its_pronoun(text, before, names)
        yield sentence, before, named
        previous = (text, named)


def narration(sentences: Sequence[Passage]) -> Iterator[tuple[Passage, str]]:
    """The sentences outside quotation marks (a paragraph's quotes may span several sentences), in
    “double” or ‘single’ style (a ’ ending a word closes: the Pells’ farm may close a quote early; a
    stray closing mark opens nothing), each with the sentence before it in its paragraph when that one
    is narration free of quotes too (where a pronoun's referent may be named), else with ""."""
    paragraph, curly, single, straight, before = None, 0, 0, 0, ""
    for sentence in sentences:
        if sentence.paragraph != paragraph:
            paragraph, curly, single, straight, before = sentence.paragraph, 0, 0, 0, ""
        if curly == 0 and single == 0 and straight % 2 == 0:
            yield sentence, before
        text = sentence.text
        curly = max(0, curly + text.count("“") - text.count("”"))
        single = max(0, single + len(_SINGLE_OPENS.findall(text)) - len(_SINGLE_CLOSES.findall(text)))
        straight += text.count('"')
        plain = _plain(text)
        before = "" if QUOTE_MARKS.search(plain) or curly or single or straight % 2 else plain


class _WordIndex:
    """Which sentences hold each word (lower case), to tell how often the book tells an action."""

    def __init__(self, sentences: Sequence[Passage]) -> None:
        self._holding: dict[str, set[int]] = {}
        for index, sentence in enumerate(sentences):
            for word in WORD.findall(sentence.text):
                self._holding.setdefault(word.lower(), set()).add(index)

    def times_told(self, event: Event) -> int:
        """In how many sentences the event's verb (any inflection) comes with its object's rarest word,
        a name only when it has no other ("went to church with Miss Barry" is told where a form of "go"
        comes with "church", not wherever "Barry" does)."""
        told_with = WORD.findall(event.predicate.removeprefix("had "))[1:]
        words = sorted({word for word in told_with if len(word) >= 3}, key=wording.zipf)
        if not words:
            return 0
        keys = [word.lower() for word in words if word.islower() and wording.zipf(word) < FUNCTION_WORD_ZIPF][:1]
        keys = keys or [words[0].lower()]
        forms = {form for found in lemminflect.getAllInflections(event.lemma, upos="VERB").values() for form in found}
        told: set[int] = set()
        for form in forms | {event.lemma}:
            told |= self._holding.get(form, set())
        for key in keys:
            told &= self._holding.get(key, set())
        return len(told)


class Cast:
    """Who is mentioned where: each section's people, for wrong options present in that part of the book."""

    def __init__(self, sentences: Sequence[Passage], people: Sequence[Person]) -> None:
        self.people = list(people)
        self._in_section: dict[int, Counter[Person]] = {}
        names = Names.of(people)
        if names is None:
            return
        for sentence in sentences:
            counts = self._in_section.setdefault(sentence.section, Counter())
            for match in names.any.finditer(sentence.text):
                counts[names.person(match)] += 1

    def rivals(self, answer: Person, section: int, before_offset: int, *, named: str = "") -> list[Person]:
        """Other people to offer against ``answer``: of the same gender, met before ``before_offset``,
        mentioned within :data:`NEARBY_SECTIONS` sections (most mentioned first); never an alias of
        the answer or of each other, nor anyone the question itself names (in ``named``), or may name
        (a name word of theirs capitalised there)."""
        near: Counter[Person] = Counter()
        for nearby in range(section - NEARBY_SECTIONS, section + NEARBY_SECTIONS + 1):
            near.update(self._in_section.get(nearby, Counter()))
        named_words = {
            word
            for found in WORD.findall(named)
            if found[:1].isupper()
            for word in name_words(_POSSESSIVE_END.sub("", found))
        }
        rivals: list[Person] = []
        for person, _ in near.most_common():
            if person.first_offset >= before_offset or person.mentions < MIN_RIVAL_MENTIONS:
                continue
            if not _same_gender(person, answer) or not plausible_subject(person):
                continue
            if person.name.startswith("the ") and not answer.name.startswith("the "):
                continue  # "the Invisible Man" may be a named person's epithet
            if any(_may_be_one(person, other, self.people) for other in (answer, *rivals)):
                continue
            if any(re.search(rf"\b{re.escape(alias)}\b", named) for alias in person.aliases):
                continue
            if {word for alias in person.aliases for word in name_words(alias)} & named_words:
                continue  # "…a gown for Lady Hale": Agnes Hale may be she
            rivals.append(person)
        return rivals


@dataclass(frozen=True, slots=True)
class Plot:
    """A work's plot points in reading order, and who is mentioned where."""

    events: Sequence[Event]
    cast: Cast
    relations: Sequence[Relation] = ()
    """Who is whose sister, husband or maid, as the narration states (:mod:`bot.trivia.relations`)."""
    chapters: Sequence[Chapter] = ()
    """The chapters whose titles tell what happens in them (:mod:`bot.trivia.chapters`)."""


def plot_of(
    sentences: Sequence[Passage], people: Sequence[Person], titles: Mapping[int, str | None] | None = None
) -> Plot:
    """The plot of a story told in ``sentences``, whose characters are ``people`` and whose sections'
    headings are ``titles`` (by section index): its narration is walked once (:func:`named_narration`),
    for events and relations alike."""
    chapters = titled_chapters(titles or {}, sentences)
    names = Names.of(people)
    if names is None:
        return Plot([], Cast(sentences, people), chapters=chapters)
    narration = list(named_narration(sentences, names))
    events, relations = _events_of(sentences, narration, names), find_relations(narration, names)
    return Plot(events, Cast(sentences, people), relations, chapters)


def who_did_it(event: Event) -> str:
    return f"Who {event.predicate}?"


def _event(sentence: Passage, before: str, names: Names) -> Event | None:
    """The event ``sentence`` tells, if any; ``before`` is the narration sentence just before it in
    its paragraph ("" if none), where the referent of a "He" or "She" may be named."""
    text = _plain(sentence.text)
    if QUOTE_MARKS.search(text) or not text.endswith("."):
        return None
    if _HYPOTHETICAL.match(text):
        return None
    for match in names.subject_or_pronoun.finditer(text):
        if match["pronoun"]:
            person = referent((before, text[: match.start("pronoun")]), match["pronoun"], names)
            named_as, opening = (person.name if person else ""), True
        else:
            person, named_as = names.person(match, "name"), match["name"]
            opening = match.start() < 2 or match.start() == text.find(named_as)
        if person is not None and plausible_subject(person) and not _ends_a_list(text[: match.start()]):
            for action in actions_after(text[match.end() :], person.gender, possessive=opening):
                event = _as_event(person, action, sentence, named_as, names)
                if event is not None:
                    return event
    return None


def _as_event(person: Person, action: Action, sentence: Passage, named_as: str, names: Names) -> Event | None:
    named = [_POSSESSIVE_END.sub("", word) for word in action.words if word[:1].isupper()]
    if any(are_aliases(alias, word) for alias in person.aliases for word in named):
        return None  # the question would name its own answer ("Who visited Mrs. Crane’s grave?")
    if _OWN_GESTURE.search(action.text):
        return None  # "held out her hand to Archer": a gesture, whoever it is made to
    if action.lemma in ROUTINE_VERBS:
        return None  # "dined at the Quayside Inn", "pushed the ledger toward Walter": a day's routine, wherever done
    others = _names_others(action.text, person, names)
    if action.lemma in GENERIC_VERBS or (action.lemma in MOTION_VERBS and not others):
        return None
    if not (others or _memorable(action)) or not _holds_a_thing(action, names):
        return None
    return Event(person, action.text, sentence, others, action.lemma, named_as)


def _ends_a_list(before: str) -> bool:
    """Whether a name follows a list of names ("…left her, Mr. Bast, and Mrs. Bast stranded"): then
    it is no clause's subject."""
    stripped = before.rstrip(" ,;")
    start = len(stripped)
    while start and (stripped[start - 1].isalnum() or stripped[start - 1] in "_.’'"):
        start -= 1  # walked back from the end, never searched: a 50k-letter word must not freeze the bot
    return any("A" <= char <= "Z" for char in stripped[start:])


def _memorable(action: Action) -> bool:
    """Whether a reader could recall the action: it names a person or a place, or it is a plot verb
    (:data:`bot.trivia.scoring.PLOT_VERBS`) done to something uncommon, or it holds a very rare noun.
    Judged samples found the rest vague or trivial ("opened the envelope", "flew out of the pantry")."""
    objects = action.words[1:]
    if any(word[:1].isupper() for word in objects):
        return True
    if action.lemma in NAMED_ONLY_VERBS or GESTURE_NOUNS & {word.lower() for word in objects}:
        return False
    nouns = [word for word in objects if len(word) >= 4 and _is_noun(word)]
    if any(wording.zipf(word) < VERY_RARE_ZIPF and _only_a_noun(word) for word in nouns):
        return True
    return scoring.is_plot_verb(action.verb) and any(wording.zipf(word) < MEMORABLE_ZIPF for word in nouns)


def _holds_a_thing(action: Action, names: Names) -> bool:
    """Whether the action's object holds something to picture: a named place or thing, or a noun
    that is neither a part of the body nor abstract (:func:`_abstract`). Judged samples found actions done to a person
    alone ("glared at Walter", "greeted Walter with frigid civilities", "clutched Walter's
    hand") or to nothing ("sank into a reverie") bland."""
    words = WORD.findall(names.any.sub(" ", action.text))
    for before, word in zip(words, words[1:], strict=False):
        base = _POSSESSIVE_END.sub("", word)
        if base[:1].isupper():
            if not names.any.fullmatch(base):
                return True  # "the Tollen Viaduct", "Calais"; people named are no things
        elif before == "to" and can_be(base, ("VERB",)):
            continue  # "came to take leave": a verb
        elif len(base) >= 3 and _is_noun(base.lower()) and not _abstract(base.lower()):
            return True
    return False


def _abstract(noun: str) -> bool:
    """Whether ``noun`` names no thing to picture ("civility", "reverie", "heed", "hand", "half"):
    by an abstract ending, one of the commonest nouns of attention and manner, a part of the body, or
    a word that may be an adverb."""
    single = (lemminflect.getLemma(noun, upos="NOUN") or (noun,))[0]  # "objections": "objection"
    return single.endswith(ABSTRACT_ENDINGS) or single in ABSTRACT_NOUNS | GESTURE_NOUNS or can_be(noun, ("ADV",))


def _is_noun(word: str) -> bool:
    return "NOUN" in lemminflect.getAllLemmas(word)


def _only_a_noun(word: str) -> bool:
    return set(lemminflect.getAllLemmas(word)) == {"NOUN"}


def _names_others(predicate: str, person: Person, names: Names) -> bool:
    """Whether a predicate ties its subject to another named person ("married Henry Wilcox"): a plot point."""
    return any(names.person(match) is not person for match in names.any.finditer(predicate))


def _same_gender(person: Person, answer: Person) -> bool:
    return answer.gender is None or person.gender == answer.gender


def _may_be_one(person: Person, other: Person, people: Sequence[Person]) -> bool:
    """Whether two people may be one under two names: any name word shared by any of their names
    ("Miss Elliot" and "Elizabeth Elliot"), or :func:`bot.trivia.people.same_person` ("Henry" and
    "Mr. Wilcox")."""
    return (
        person is other
        or bool(
            {word for alias in person.aliases for word in name_words(alias)}
            & {word for alias in other.aliases for word in name_words(alias)}
        )
        or same_person(person.name, other.name, people)
    )


def _plain(text: str) -> str:
    return " ".join(plain_text(text).split())
