"""Who a narration sentence is about: where its subject stands, and whom a "He" or "She" means.

A subject is a named character at the start of a sentence or of a main clause (:data:`SUBJECT_PLACE`),
or a pronoun there whose referent is certain (:func:`referent`): the named subject of the sentence
just before, or the only person named there, with no one else who could be meant in between.
Used by :mod:`bot.trivia.events`; cautious on purpose, since a wrong subject makes a wrong question.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import lemminflect

from bot.attribution.lexicon import MALE, TITLE_GENDER
from bot.attribution.name_forms import MILITARY_RANKS
from bot.trivia.actions import WORD, can_be, possessed
from bot.trivia.judging import normalise
from bot.trivia.people import Person

BEFORE_A_VERB = r"\s+(?=[a-z])(?!s\b)"
"""What follows a subject: a word in lower case, never the "s" of a lost apostrophe ("Daisy s
mother walked…": the mother walked)."""
_PRONOUN_GENDER = {"he": "m", "she": "f"}
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_OWN_PRONOUNS = {"m": frozenset({"he", "him", "his", "himself"}), "f": frozenset({"she", "her", "hers", "herself"})}
_OTHER = {"m": "f", "f": "m"}
_OTHER_PRONOUNS = {gender: _OWN_PRONOUNS[other] for gender, other in _OTHER.items()}
"""Pronouns of the other gender between a referent and "He"/"She": someone else is in the scene, who
may be a person of either gender unnamed."""
PERSON_NOUNS = frozenset(
    "man men gentleman gentlemen boy boys lad fellow father papa brother son uncle nephew husband "
    "grandfather king prince lord master sir woman women lady ladies girl girls lass mother mamma mama "
    "sister daughter aunt niece wife grandmother queen princess mistress maid maiden widow bride "
    "bridegroom landlady landlord child children baby infant person people stranger friend cousin "
    "doctor driver coachman footman butler servant housekeeper nurse governess clerk officer soldier "
    "captain colonel major general judge priest clergyman curate vicar rector parson minister teacher "
    "pupil student guest visitor host hostess companion lover neighbour neighbor owner keeper guard porter "
    "waiter waitress cook youth creature one someone somebody anyone anybody everyone everybody nobody "
    "other others former latter who whom whose each both either neither all "
    "they them their partner suitor fiancé fiance heir heiress relative relation acquaintance".split()
)
"""Words for a person (or for people) who may be the one a following "He" or "She" means."""
_AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents", "man", "men", "ess", "ee", "ees")
_TIME_NOUNS = r"(?:morning|evening|night|day|afternoon|week|month|year|time|moment|instant|minute|hour|summer|winter|spring|autumn)"
SUBJECT_PLACE = (
    r"(?:^(?:(?:Then|Now|Presently|Suddenly|Afterwards|Soon|Next|Finally|So|And|But|At last|At length|"
    r"When|After|Before|Until|Till|Once|As soon as)\s+"
    rf"|(?:That|This|Next|Each|One|Early|Later)(?:\s+[a-z]+)?\s+{_TIME_NOUNS}\s+"
    r"|(?:In|On|At|During|After|Before|Towards?|By)"
    r"(?:\s+(?!(?:of|to|with|by|for|from|at|in|on|upon|and|but|or|as|than|beside|near|behind|was|were|is|are|had|has|"
    r"when|that|which|who|where|while)\b)[a-z]+){1,4}\s+)?"
    r"|(?<=[,;] )(?:(?:and|but|then|so)\s+)?)"
)
"""Where a sentence's subject stands: at its start (after an adverb of time or a short phrase of
time at most: "That evening Anne wrote…", "In the morning Anne…"), or opening a main clause after a
comma or a semicolon ("When the post came, Anne wrote…", "…; and Anne wrote…"), or a clause of time
("When Anne reached Carlisle, …")."""


QUOTE_MARKS = re.compile(r"[“”\"‘]|(?<!\w)'|'(?!\w)")
"""A quotation mark (an apostrophe inside a word is none): narration holding one may hold speech."""
MAX_REFERENT_REACH = 2_000
"""Most characters of context (the sentence before and the pronoun's own up to it) in which a "He",
"She", "his" or "her" may find a certain referent: beyond it, who is meant is never certain, and
reading on would make a run-on paragraph's pronouns cost its length squared. In the development
books every referent found lay within 400 characters."""
_PRONOUN_SUBJECT = re.compile(rf"{SUBJECT_PLACE}(?P<pronoun>[Hh]e|[Ss]he)\s+(?=[a-z])")
_PRONOUNS = frozenset({"I", "He", "She", "We", "They", "It", "You"})


@dataclass(frozen=True, slots=True)
class Names:
    """A work's people as patterns, compiled once per work: any of their names (:attr:`any`), one as
    a subject (:attr:`subject`), one or a "He"/"She" as a subject (:attr:`subject_or_pronoun`), and
    whose each name is (:attr:`owner`, by the name case-folded); :attr:`bare` is the source of
    :attr:`any` without its guard against a word going on, for patterns of a possessive ("Nora's")."""

    bare: str
    any: re.Pattern[str]
    owner: dict[str, Person]
    subject: re.Pattern[str]
    subject_or_pronoun: re.Pattern[str]

    @classmethod
    def of(cls, people: Sequence[Person]) -> Names | None:
        """The patterns of ``people``'s capitalised names ("the Grey Lady" also as "The Grey
        Lady"); None when they have none."""
        aliases = sorted(
            {alias for person in people for alias in person.aliases if alias[:1].isupper() and alias not in _PRONOUNS}
            | {"The" + alias[3:] for person in people for alias in person.aliases if alias.startswith("the ")},
            key=len,
            reverse=True,
        )
        if not aliases:
            return None
        bare = r"\b(?:" + "|".join(re.escape(alias) for alias in aliases) + r")\b"
        any_name = bare + r"(?![’'-]\w)"
        return cls(
            bare,
            re.compile(any_name),
            {alias.casefold(): person for person in people for alias in person.aliases},
            re.compile(rf"{SUBJECT_PLACE}(?P<name>{any_name}){BEFORE_A_VERB}"),
            re.compile(rf"{SUBJECT_PLACE}(?:(?P<name>{any_name})|(?P<pronoun>[Hh]e|[Ss]he)){BEFORE_A_VERB}"),
        )

    def person(self, found: re.Match[str], group: int | str = 0) -> Person:
        """Whose name ``found`` (a match of one of the patterns) holds in ``group``."""
        return self.owner[found.group(group).casefold()]


def referent(context: tuple[str, str], pronoun: str, names: Names) -> Person | None:
    """Whom ``pronoun`` ("He" or "She") must mean after ``context`` (the narration before it: the
    sentence before, in one paragraph, and its own sentence up to it), or None when that is not
    certain. Certain means: the last person named in ``context`` who could be meant is of the
    pronoun's gender and either the only person in the sentence before and none in the pronoun's
    own ("The letter was from Diana. She…"), or a named subject ("Anne reached Carlisle. She…")
    after whose name comes no other name, no "him" (or "her" owning nothing), no capitalised word that may be one, no noun for a person ("the stranger", "her
    cousin"), no pronoun of the other gender, and no "he" or "she" of its own, which may have
    turned to someone named earlier ("Mr. Bryce had died abroad, and … he cancelled the agreement")."""
    if not within_reach(context):
        return None
    gender = _PRONOUN_GENDER[pronoun.lower()]
    previous, own = context
    subjects = {match.start("name") for match in names.subject.finditer(previous)}
    subjects |= {match.start("name") + len(previous) + 1 for match in names.subject.finditer(own)}
    joined = f"{previous} {own}"
    mentions = [match for match in names.any.finditer(joined) if names.person(match).gender != _OTHER[gender]]
    person = names.person(mentions[-1]) if mentions else None
    if person is None or person.gender != gender or not plausible_subject(person):
        return None
    if re.search(r"\b(?:a|an|any|every|another)\s+$", joined[: mentions[-1].start()], re.IGNORECASE):
        return None  # "a Miss Schlegel": anyone of the name
    if mentions[-1].start() in subjects:
        after = names.any.sub(" ", joined[mentions[-1].end() :])  # names of the other gender: no rival referents
        return person if _no_one_else(after, pronoun.lower()) and not _someone_as_object(after, gender) else None
    words = {word.lower() for word in WORD.findall(joined)}
    alone = len(mentions) == 1 and mentions[0].end() <= len(previous) and not (_FIRST_PERSON | _OWN_PRONOUNS[gender]) & words
    return person if alone and _no_one_else(". " + names.any.sub(" ", joined), pronoun.lower()) else None


def within_reach(context: tuple[str, str]) -> bool:
    """Whether a pronoun after ``context`` may have a certain referent (:data:`MAX_REFERENT_REACH`)."""
    return len(context[0]) + len(context[1]) <= MAX_REFERENT_REACH


def _someone_as_object(text: str, gender: str) -> bool:
    """Whether ``text`` has a "him" (or a "her" that owns nothing) of ``gender``: someone else of the
    pronoun's gender is in the scene ("Lady Russell took her out…, and she never failed…")."""
    words = [word.lower() for word in WORD.findall(text)]
    if gender == "m":
        return "him" in words
    return any(word == "her" and not possessed(words[index + 1 : index + 2]) for index, word in enumerate(words))


def _may_be_a_person(word: str) -> bool:
    """Whether ``word`` may name a person: one of :data:`PERSON_NOUNS`, or a noun of an agent's
    ending ("miller", "sailor", "pianist", "attendant", "postman", "actress"); words with these
    endings that are things ("paper", "corner") are refused too, to be safe, and so are such words
    the dictionary lacks ("elocutionist")."""
    if word in PERSON_NOUNS:
        return True
    return len(word) >= 5 and word.endswith(_AGENT_ENDINGS) and (can_be(word, ("NOUN",)) or not lemminflect.getAllLemmas(word))


def naming_its_pronoun(text: str, before: str, names: Names) -> str:
    """``text`` with its opening "He" or "She" replaced by the name it certainly means (see
    :func:`referent`), so that a pronoun in the next sentence may find its referent through it
    ("Edith reached Ludlow. She wrote to Nora. She…")."""
    found = _PRONOUN_SUBJECT.match(text)
    person = found and referent((before, text[: found.start("pronoun")]), found["pronoun"], names)
    if not found or not person:
        return text
    name = "The" + person.name[3:] if person.name.startswith("the ") else person.name
    return f"{text[: found.start('pronoun')]}{name}{text[found.end('pronoun') :]}" if names.any.fullmatch(name) else text


def _no_one_else(text: str, pronoun: str) -> bool:
    """Whether ``text`` (between a referent and ``pronoun``) holds no word for another person who
    may be meant: a noun for a person, a pronoun of the other gender or ``pronoun`` itself, a
    capitalised word within a sentence (a name the character list lacks)."""
    gender = _PRONOUN_GENDER[pronoun]
    if any(_may_be_a_person(word.lower()) or word.lower() in _OTHER_PRONOUNS[gender] | {pronoun} for word in WORD.findall(text)):
        return False
    openings = {match.end() for match in re.finditer(r"[.!?]\s+", text)}
    return all(found.start() in openings for found in WORD.finditer(text) if found.group(0)[:1].isupper() and found.group(0) != "I")


def plausible_subject(person: Person) -> bool:
    """A named person of known gender, whose title (if any) agrees with it."""
    if person.gender is None or person.name[:1].islower() and not person.name.startswith("the "):
        return False
    titles = {_title_gender(word) for alias in person.aliases for word in normalise(alias).split()[:1]}
    return titles <= {None, person.gender}


def _title_gender(title: str) -> str | None:
    """The gender a title tells (:data:`bot.attribution.lexicon.TITLE_GENDER`; a military rank is a man's)."""
    return MALE if title in MILITARY_RANKS else TITLE_GENDER.get(title)
