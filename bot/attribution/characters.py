"""The characters of a work, learnt from its text: names, aliases, gender, mentions.

Mentions of names (see :mod:`bot.attribution.names`) are grouped into one
character per person (see :mod:`bot.attribution.grouping`: titled forms, first
names, surnames and nicknames of one person together; a family's members
apart). A nickname also joins a name where the text says so (``Elizabeth,
called Lizzy``). Names the text uses for places, dates, houses or families are
kept (so their mentions resolve) but marked as no person (see
:mod:`bot.attribution.people`). Gender comes from titles, else from the
pronouns in the narration after the name's mentions, else from the first
name's usual gender. Unnamed speakers (``the woman``) are added while
attributing (see :mod:`bot.attribution.mentions`), from the speech tags that
describe them; a title alone (``the Professor``) names the one character the
text gives that title.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.attribution.addressed import answered_names, spoken_to
from bot.attribution.given_names import first_name_gender, is_given_name
from bot.attribution.grouping import group_mentions
from bot.attribution.lexicon import NAME_WORD, PERSON_NOUNS, SPEECH_VERBS, TITLE_GENDER
from bot.attribution.name_forms import title_key
from bot.attribution.names import (
    Mention,
    find_mentions,
    learn_name_pairs,
    learn_name_words,
    lower_case_words,
)
from bot.attribution.people import is_person, is_person_description, place_words
from bot.attribution.pronouns import pronoun_gender
from bot.attribution.quotes import (
    Quote,
    Span,
    find_quotes,
    narration_spans,
    paragraph_spans,
)
from bot.attribution.tags import TagReader
from bot.attribution.tied_descriptions import tie_descriptions

MIN_MENTIONS = 2
_FIRST_PERSON = frozenset({"I", "me", "my", "myself"})
_PUNCTUATION = ".,;:!?—–-()“”\"'’‘_*"
_NICKNAME = re.compile(
    rf"\b(?P<name>{NAME_WORD}),?\s+(?:called|known\s+as|nicknamed|or,?\s+as\s+\w+\s+called\s+\w+,?)\s+"
    rf"[“\"]?(?P<nick>{NAME_WORD})"
)
_TITLE_SPELLINGS: dict[str, set[str]] = {}
for _spelling in TITLE_GENDER:
    _TITLE_SPELLINGS.setdefault(title_key(_spelling) or _spelling, set()).add(_spelling)
"""Each title's spellings (``dr``: dr, doctor)."""
NARRATOR = "the narrator"
FIRST_PERSON_SHARE = 0.01
"""Share of the narration's words that are I/me/my/myself in a first-person narrative."""
NARRATOR_ADDRESSED_PER_CHAR = 2.5 / 100_000
"""How often (per character of text) others must address a narrator by name to name it: a
narrator addressed only now and then may be one of several (a novel in letters and journals)."""


@dataclass(slots=True, eq=False)
class Character:
    """One character: the name it is shown by, every form the text uses, and where it first appears."""

    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    """"m", "f" or None when the text does not show it."""
    mentions: int = 0
    first_offset: int = 0
    described: bool = False
    """An unnamed speaker known by a description (``the woman``)."""
    person: bool = True
    """False for a name the text uses for a place, a date, a house or a family (see
    :mod:`bot.attribution.people`)."""


def normalise(name: str) -> str:
    """A name compared loosely: lower case, no punctuation, no leading article."""
    words = re.sub(r"[^\w\s]", " ", name.lower()).split()
    return " ".join(words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words)


@dataclass(slots=True)
class CharacterList:
    """A work's characters, most mentioned first, with the first-person narrator if any."""

    characters: list[Character]
    name_words: frozenset[str]
    narrator: Character | None = None
    name_pairs: frozenset[tuple[str, str]] = frozenset()
    mentions: list[Mention] = field(default_factory=list)
    """Every mention of a name in the paragraphs the list was built from."""
    common_words: frozenset[str] = frozenset()
    """Words the text writes in lower case (see :func:`~bot.attribution.names.lower_case_words`)."""
    descriptions: dict[str, Character] = field(default_factory=dict)
    """Descriptions the text ties to one character (``young girl``: see
    :mod:`bot.attribution.tied_descriptions`)."""
    _by_form: dict[str, Character] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for character in self.characters:
            for alias in character.aliases:
                self._by_form.setdefault(normalise(alias), character)
        for character in self.characters:  # then the parts of full names: "Small" for "Jonathan Small"
            for alias in character.aliases:
                words = [word for word in normalise(alias).split() if word not in TITLE_GENDER]
                if words:
                    self._by_form.setdefault(" ".join(words), character)  # "Rachel Lynde" for Mrs. Rachel Lynde
                if len(words) > 1:
                    self._by_form.setdefault(words[-1], character)
                    self._by_form.setdefault(words[0], character)
        for title, owners in self._titles().items():  # "the Professor": the one Professor of the book
            if len(owners) == 1:
                owner = owners.pop()
                for spelling in _TITLE_SPELLINGS.get(title, {title}):  # "the doctor": Dr. Kemp
                    self._by_form.setdefault(spelling, owner)
        for description, owner in self.descriptions.items():  # "the vicar": Mr. Pell the vicar
            self._by_form.setdefault(description, owner)

    def _titles(self) -> dict[str, set[Character]]:
        """Each title (see :func:`title_key`) and the characters named with it (``professor``:
        Professor Van Helsing)."""
        owners: dict[str, set[Character]] = {}
        for character in self.characters:
            for alias in character.aliases:
                words = normalise(alias).split()
                if len(words) > 1 and words[0] in TITLE_GENDER:
                    owners.setdefault(title_key(words[0]) or words[0], set()).add(character)
        return owners

    def find(self, form: str) -> Character | None:
        """The character ``form`` names (any alias, loosely compared), if any."""
        return self._by_form.get(normalise(form))

    def find_name(self, name: str) -> Character | None:
        """The character ``name`` refers to: a full alias, else its surname or first name alone."""
        words = name.split()
        return self.find(name) or self.find(words[-1]) or self.find(words[0])

    def add_unlisted(self, who: str, offset: int, *, described: bool) -> Character:
        """The character ``who`` (a rare name, or a description like ``the woman``), added on first use.
        A description ending in a listed name (``the agonized Harriet``) is that character; one whose
        head noun names no person (``the voice``) is added as no person."""
        found = self.find(who) or (self._named_in(who) if described else None)
        if found is None:
            noun = who.split()[-1].lower()
            found = Character(who, [who], PERSON_NOUNS.get(noun), 0, offset, described=described)
            found.person = is_person_description(who) if described else not self._no_name(who)
            self.characters.append(found)
        self._by_form[normalise(who)] = found
        return found

    def _no_name(self, who: str) -> bool:
        """Whether a speaker's name read from a tag is no name: a speech verb (``Said he``), or one word
        the text writes in lower case that is no given name (``Was``, ``Seizing``) or that the text never
        writes as a name (``Just``, a given name too, but capitalised only where a sentence starts)."""
        word = who.lower()
        common = " " not in word and word in self.common_words
        return word in SPEECH_VERBS or (common and (not is_given_name(who) or who not in self.name_words))

    def _named_in(self, description: str) -> Character | None:
        """The listed person a description names by its last word (``the ingenious Giovanelli``), one
        the text also names by a full or titled name (not ``the young American``)."""
        head = description.split()[-1]
        named = self.find(head) if head[:1].isupper() else None
        if named is None or not named.person or named.described:
            return None
        return named if any(len(alias.split()) > 1 for alias in named.aliases) else None


def build_characters(text: str, paragraphs: list[Span] | None = None) -> CharacterList:
    """The characters of ``text`` (its ``paragraphs``, default: split at blank lines)."""
    paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
    story = "\n\n".join(text[start:end] for start, end in paragraphs)
    name_words = learn_name_words(story)
    quotes = find_quotes(text, paragraphs)
    narration = narration_spans(paragraphs, quotes)
    name_pairs = learn_name_pairs(story, name_words)
    mentions = [m for start, end in paragraphs for m in find_mentions(text, name_words, start, end, name_pairs)]
    apart = spoken_to(text, quotes, paragraphs, TagReader(name_words))
    characters = _group(mentions, story, text, apart)
    _join_nicknames(story, characters)
    _join_answered(text, quotes, paragraphs, characters, name_words, apart)
    in_narration = in_spans(narration)
    places = place_words(mentions)
    narrated: Counter[Character] = Counter()
    for character, character_mentions in characters.items():
        narrated_mentions = [m for m in character_mentions if in_narration(m.start)]
        narrated[character] = len(narrated_mentions)
        character.person = is_person(text, character_mentions, len(narrated_mentions), name_words, places)
        if character.person:
            learn_gender(text, character, narrated_mentions)
    listed = sorted(characters, key=lambda c: (-c.mentions, c.first_offset))
    listed = [c for c in listed if c.mentions >= MIN_MENTIONS]
    narrator = _narrator(text, quotes, narration, listed, name_words, narrated)
    people = [(c, characters[c], c.gender) for c in listed if c.person and c in characters]
    tied = tie_descriptions(text, paragraphs, in_narration, people)
    return CharacterList(listed, name_words, narrator, name_pairs, mentions, lower_case_words(story), tied)


def _group(
    mentions: list[Mention], story: str, text: str, apart: list[tuple[str, str]]
) -> dict[Character, list[Mention]]:
    """Mentions grouped into characters, one per person (see :mod:`bot.attribution.grouping`)."""
    return {_character(found): found for found in group_mentions(mentions, story, text, apart)}


def _character(found: list[Mention]) -> Character:
    counts = Counter(_display(m) for m in found)
    name = max(counts, key=lambda form: (counts[form], len(form)))
    aliases = sorted(counts, key=lambda form: -counts[form])
    genders = {TITLE_GENDER.get(title_key(m.title) or "") for m in found} - {None}
    gender = genders.pop() if len(genders) == 1 else None
    return Character(name, aliases, gender, len(found), min(m.start for m in found))


def _display(mention: Mention) -> str:
    return f"the {mention.form}" if mention.with_article and not mention.title else mention.form


def _join_nicknames(story: str, characters: dict[Character, list[Mention]]) -> None:
    """Add ``Lizzy`` to Elizabeth's aliases where the text says ``Elizabeth, called Lizzy``."""
    by_word = {alias: c for c in characters for alias in c.aliases}
    for match in _NICKNAME.finditer(story):
        owner, nickname = by_word.get(match["name"]), match["nick"]
        if owner is None or nickname in owner.aliases:
            continue
        other = by_word.get(nickname)
        if other is not None and other is not owner:
            _absorb(characters, owner, other)
            by_word.update({alias: owner for alias in other.aliases})
        else:
            owner.aliases.append(nickname)


def _join_answered(
    text: str,
    quotes: list[Quote],
    paragraphs: list[Span],
    characters: dict[Character, list[Mention]],
    name_words: frozenset[str],
    apart: list[tuple[str, str]],
) -> None:
    """Join two names of one person the conversations show (see :mod:`bot.attribution.addressed`),
    never two the text shows talking to each other (``apart``: a speaker and a name he addresses)."""
    by_form = {normalise(alias): c for c in characters for alias in c.aliases}
    joined: dict[Character, Character] = {}

    def find(name: str) -> Character | None:
        return by_form.get(normalise(name))

    talked = {frozenset((first, second)) for a, b in apart if (first := find(a)) and (second := find(b))}

    for addressed, speaker in answered_names(text, quotes, paragraphs, TagReader(name_words), find):
        while addressed in joined:
            addressed = joined[addressed]
        while speaker in joined:
            speaker = joined[speaker]
        if addressed is speaker or frozenset((addressed, speaker)) in talked:
            continue
        owner, other = (addressed, speaker) if addressed.mentions >= speaker.mentions else (speaker, addressed)
        _absorb(characters, owner, other)
        joined[other] = owner


def _absorb(characters: dict[Character, list[Mention]], owner: Character, other: Character) -> None:
    """Make ``other`` part of ``owner``: its mentions and aliases."""
    owner.mentions += other.mentions
    owner.first_offset = min(owner.first_offset, other.first_offset)
    owner.gender = owner.gender or other.gender
    characters[owner].extend(characters.pop(other))
    owner.aliases.extend(a for a in other.aliases if a not in owner.aliases)


def learn_gender(text: str, character: Character, narration_mentions: list[Mention]) -> None:
    """Keep a title's gender; else a clear majority of the pronouns after its mentions in narration."""
    if character.gender is not None:
        return
    character.gender = pronoun_gender(text, narration_mentions)
    if character.gender is None and not character.described:
        character.gender = first_name_gender(character.name.split()[0])


def in_spans(spans: list[Span]) -> Callable[[int], bool]:
    """A test of whether an offset falls inside one of ``spans`` (sorted, not overlapping)."""
    starts = [start for start, _ in spans]

    def contains(offset: int) -> bool:
        index = bisect.bisect_right(starts, offset) - 1
        return index >= 0 and offset < spans[index][1]

    return contains


def _narrator(
    text: str,
    quotes: list[Quote],
    narration: list[Span],
    listed: list[Character],
    name_words: frozenset[str],
    narrated: Counter[Character],
) -> Character | None:
    """The first-person narrator, if the narration says "I" often; named after the character
    others address by name far more often than the narration names them (a narrator says "I"),
    when one clearly stands out and is addressed throughout the text."""
    words = Counter(" ".join(text[start:end] for start, end in narration).split())
    first_person = sum(count for word, count in words.items() if word.strip(_PUNCTUATION) in _FIRST_PERSON)
    if not words or first_person / words.total() < FIRST_PERSON_SHARE:
        return None
    reader = TagReader(name_words)
    by_form = {normalise(alias): c for c in reversed(listed) for alias in c.aliases}
    addressed: Counter[Character] = Counter()
    for quote in quotes:
        for name in reader.vocatives(text[quote.start : quote.end]):
            character = by_form.get(normalise(name)) or by_form.get(normalise(name.split()[-1]))
            if character is not None:
                addressed[character] += 1
    ranked = [(c, n) for c, n in addressed.most_common() if n >= 3 and n >= 3 * narrated[c]]
    often = ranked and ranked[0][1] >= NARRATOR_ADDRESSED_PER_CHAR * len(text)
    clear = often and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1])
    narrator = ranked[0][0] if clear else Character(NARRATOR, [NARRATOR], None, 0, 0)
    narrator.aliases.append("I")
    if not clear:
        listed.append(narrator)
    return narrator
