"""Who answers to a name: two names of one person learnt from conversations.

A quote that ends a paragraph addressing someone by name (``“Take it, Signor Vanni.”``) is most
often answered by that person, and a quote that opens by name (``“Signor Vanni, stay.”``) most often
addresses the last speaker. When the answer's speech tag (or the actor who opens its paragraph:
``Tito bowed.``), or the last speaker's, names that person by another name (``“Grazie,” said
Tito.``), the two names are one person's. One such turn proves little (a third person may answer),
so two names are joined only when the text shows it at least :data:`ANSWERS_MIN` times and in at
least :data:`ANSWERS_SHARE` of the named answers to the first name, when their genders agree, and
when their names do not contradict each other: two surnames or two given names that differ are two
people (see :func:`_may_be_one`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.attribution.lexicon import TITLE_GENDER
from bot.attribution.quotes import Quote, Span
from bot.attribution.tags import TagReader, Who

if TYPE_CHECKING:
    from bot.attribution.characters import Character

_MARKS = "“”\"‘’' \n\t"
ANSWERS_MIN = 2
ANSWERS_SHARE = 2 / 3
GIVEN_NAME_TITLES = frozenset("sir aunt uncle master".split())
"""Titles written before a given name (``Sir Walter``, ``Aunt Bessie``) rather than a surname."""
EITHER_NAME_TITLES = frozenset("miss lady dame madam".split())
"""Titles written before a given name or a surname (``Miss Ann``, ``Miss Elton``)."""


def answered_names(
    text: str,
    quotes: list[Quote],
    paragraphs: list[Span],
    reader: TagReader,
    find: Callable[[str], Character | None],
) -> list[tuple[Character, Character]]:
    """Pairs of characters that are one person: the first addressed, the second answering by name
    (see the module's docstring). ``find`` maps a name as written to its character."""
    answers: Counter[tuple[Character, Character]] = Counter()
    answered: Counter[Character] = Counter()
    last_in_paragraph = {quote.paragraph: quote for quote in quotes}
    first_in_paragraph = {quote.paragraph: quote for quote in reversed(quotes)}
    for paragraph, addressing in last_in_paragraph.items():
        answer = first_in_paragraph.get(paragraph + 1)
        if answer is None or not addressing.closed:
            continue
        turns = (  # "…, Signor Vanni." / "…," said Tito; and "…," said Tito. / "Signor Vanni, …"
            (_addressed(text, addressing, reader, find, last=True), answer, paragraph + 1),
            (_addressed(text, answer, reader, find, last=False), addressing, paragraph),
        )
        for addressed, spoken, spoken_in in turns:
            speaker = None if addressed is None else _named_speaker(text, spoken, paragraphs[spoken_in], reader, find)
            if addressed is None or speaker is None:
                continue
            answered[addressed] += 1
            if speaker is not addressed:
                answers[(addressed, speaker)] += 1
    return [
        (addressed, speaker)
        for (addressed, speaker), count in answers.items()
        if count >= ANSWERS_MIN and count >= ANSWERS_SHARE * answered[addressed] and _may_be_one(addressed, speaker)
    ]


def spoken_to(text: str, quotes: list[Quote], paragraphs: list[Span], reader: TagReader) -> list[tuple[str, str]]:
    """Pairs of names, as written, of two people: a speaker a tag names and a name the quote addresses
    (``“Sit down, Tom,” said Mr. Rudd``: Mr. Rudd is not Tom, a father and his son). One person
    seldom addresses himself by name, but says it (``“Ann Lee,” said Ann``): names sharing a word are
    left out. Only a name opening or closing the quote counts: one inside may be a speech the speaker
    repeats (``“Maggie, she used to say, …”``)."""
    pairs: list[tuple[str, str]] = []
    for quote in quotes:
        said = text[quote.start : quote.end]
        vocatives = [name for name in reader.vocatives(said) if _opens_or_closes(said, name)]
        if not vocatives:
            continue
        start, end = paragraphs[quote.paragraph]
        tag = reader.after(text[quote.start : quote.end], text[quote.end : end], quote.end)
        if tag is None or not tag.speech or tag.kind is not Who.NAME:
            tag = reader.before(text[start : quote.start], start)
        if tag is not None and tag.kind is Who.NAME:
            speaker = _untitled(tag.who)
            pairs += [(tag.who, name) for name in vocatives if not speaker & _untitled(name)]
    return pairs


def _opens_or_closes(said: str, name: str) -> bool:
    """Whether ``name`` opens the quote ``said`` or ends it (punctuation and quotation marks aside)."""
    inner = said.strip(_MARKS)
    return inner.startswith(name) or inner.rstrip(_MARKS + ",.!?;:—- ").endswith(name)


def _untitled(name: str) -> set[str]:
    """The words of a name without its titles (``Mr. Ann Lee``: Ann, Lee)."""
    return {word for word in name.split() if word.lower().rstrip(".") not in TITLE_GENDER}


def _addressed(
    text: str, quote: Quote, reader: TagReader, find: Callable[[str], Character | None], *, last: bool
) -> Character | None:
    """The character ``quote`` addresses by name at its end (``last``) or at its very start."""
    said = text[quote.start : quote.end]
    vocatives = reader.vocatives(said)
    if not vocatives:
        return None
    if last:
        return find(vocatives[-1])
    return find(vocatives[0]) if said[1:].lstrip().startswith(vocatives[0]) else None


def _named_speaker(
    text: str, quote: Quote, paragraph: Span, reader: TagReader, find: Callable[[str], Character | None]
) -> Character | None:
    """The character a tag of ``quote`` names (``said Tito``, ``Tito said: “…``, ``Tito bowed. “…``), if any."""
    end = paragraph[1]
    tag = reader.after(text[quote.start : quote.end], text[quote.end : end], quote.end)
    if tag is None or not tag.speech or tag.kind is not Who.NAME:
        tag = reader.before(text[paragraph[0] : quote.start], paragraph[0])
    if tag is None or tag.kind is not Who.NAME:
        return None
    return find(tag.who)


def _may_be_one(first: Character, second: Character) -> bool:
    """Whether two characters' names may be one person's: genders agree, and they share their
    surnames and given names where both have them."""
    if first.gender and second.gender and first.gender != second.gender:
        return False
    if first.described or second.described or not first.person or not second.person:
        return False
    first_surnames, first_given = _name_parts(first)
    second_surnames, second_given = _name_parts(second)
    clash_surnames = first_surnames and second_surnames and not first_surnames & second_surnames
    clash_given = first_given and second_given and not first_given & second_given
    return not clash_surnames and not clash_given


def _name_parts(character: Character) -> tuple[set[str], set[str]]:
    """A character's surnames (the last word of a full name, a name after Mr. or Mrs.) and given
    names (the first word of an untitled full name, a name after Miss or Aunt)."""
    surnames: set[str] = set()
    given: set[str] = set()
    for alias in character.aliases:
        words = alias.split()
        if words[:1] in (["the"], ["The"]) and len(words) > 1:  # "the Archer": a name written after "the"
            words = words[1:]
        title = words[0].lower().rstrip(".") if len(words) > 1 and words[0].lower().rstrip(".") in TITLE_GENDER else None
        names = words[1:] if title else words
        if len(names) > 1:
            surnames.add(names[-1])
            if title is None or title in GIVEN_NAME_TITLES:
                given.add(names[0])
        elif title in GIVEN_NAME_TITLES:
            given.add(names[0])
        elif title and title not in EITHER_NAME_TITLES:
            surnames.add(names[0])
    return surnames, given
