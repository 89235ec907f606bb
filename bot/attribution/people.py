"""Which named characters are people: not places, months, houses, newspapers or families.

The evidence is how the text uses a name, never a list of a book's names:

* **For a person**: a title, twice (``Mr. Jones``), or being the subject of a speech
  verb (``said Toad``, ``Alice said``) at least :data:`TAGGED_MIN` times.
* **Against**: being mostly a place named by a generic word (``Prince Edward Island``, even after
  what reads as a title), or, for one word never titled, tagged nor a given name, the proper word of
  such a place (``Burdock`` beside ``Port Burdock``); being written after a preposition of place or time (``in
  London``, ``through Brackenholt``) or a journey's ``to``/``from`` (``went back to India``), or
  beside a number (``June 5``), in at least :data:`PLACE_SHARE` of its mentions; being written after "the" in most
  (``the Westminster Gazette``, ``the George``); a plural of another name
  (``the Basts``, ``Miss Musgroves``); never being named in the narration (only
  inside quotes: ``Aha``); ending in a common word and never tagged as a speaker
  (``Prince Edward Island``, ``the Tory Government``); never being the subject of a clause (``we left Milan``, ``the Stella
  d'Italia``: a person does things, a place has them done in it); being written before a
  word that is only ever a noun (lemminflect) in at least :data:`MODIFIER_SHARE` of its mentions,
  for a one-word name never titled (``American girl``, ``Roman window``: an adjective, not a name);
  being a word common in general English (``wordfreq``) that is no given name (``gender-guesser``)
  or that the text also writes in lower case, for a one-word name never titled nor tagged as a speaker
  (``Peninsula``, ``Greece``, ``Art`` beside ``art``): a place, a thing or an idea the story talks
  about, not someone in it (:func:`_common_word`).

An unnamed speaker (``the old woman``, ``a voice``) is a person only when its head noun names one
(:func:`is_person_description`): ``the voice``, ``the face``, ``the letter`` speak in tags but are
no characters. It is listed among a work's characters only when heard at least three times (two quotes are as often
two people's) and when it is no relation of whoever the narration last named (``his
father``, ``her aunt``: another person in each chapter) (:func:`is_listed_description`).
"""

from __future__ import annotations

import calendar
import re

from lemminflect import getAllLemmas
from wordfreq import zipf_frequency

from bot.attribution.given_names import is_given_name
from bot.attribution.lexicon import PERSON_NOUNS, PLACE_FIRST, PLACE_NOUNS, SPEECH_VERB_PATTERN
from bot.attribution.names import Mention, is_place_name, is_subject

NOT_PERSON_NOUNS = frozenset({"voice", "other", "girl's", "thing"})
"""Nouns a speech tag may name a speaker by (:data:`PERSON_NOUNS`) that are no person themselves."""
PERSON_HEADS = frozenset(PERSON_NOUNS) - NOT_PERSON_NOUNS | frozenset(
    """
    host hostess actress governess waitress heiress seamstress princess countess baroness empress
    youth sage convict prisoner captive singer courier native chamberlain priest nun monk cook peasant
    farmer merchant lawyer banker artist painter poet author writer pupil scholar baby infant niece
    nephew cousin grandmother grandfather granny parent lover bride bridegroom neighbour neighbor chap
    emperor earl marquis knight squire maiden lass wench hag witch giant dwarf fairy colonel general
    lieutenant admiral corporal guard sentry jailer gaoler warder steward conductor engineer groom valet
    housemaid chambermaid page usher secretary manager owner proprietor tenant lodger patient physician
    surgeon chemist apothecary barber tailor baker butcher grocer innkeeper barmaid gardener labourer
    laborer workman slave master beggar thief robber murderer villain hero heroine fool wretch rascal
    scoundrel rogue brute fiend newcomer spectator passenger traveller traveler tourist pilgrim chaplain
    curate rector parson preacher bishop senator governor mayor magistrate witness orphan widower
    bachelor spinster matron midwife fighter boxer dancer musician actor player hunter fisherman
    creature being monster mistress lady gentleman
    """.split()
)
"""Head nouns that make an unnamed description a person (general English, no book's characters),
beside any noun ending in -man or -woman (``coachman``) and a capitalised nationality (``the young
American``)."""
_NATIONALITY = re.compile(r"[A-Z][a-z]+(?:an|ese|man|woman)")
TAGGED_MIN = 2
LISTED_QUOTES_MIN = 3
"""Quotes an unnamed speaker must be given to be listed as a character: ``the sage`` heard once or twice
is not (in the development novels, two of three descriptions given two quotes spoke for two people)."""
_POSSESSIVES = frozenset({"his", "her", "their", "my", "your", "our", "its"})
TITLED_MIN = 2
PLACE_SHARE = 0.15
MODIFIER_SHARE = 0.2
MODIFIER_MIN = 2
ARTICLE_SHARE = 0.5
COMMON_ZIPF = 3.5
"""How common in general English (Zipf frequency: 3.5 is about once in 300,000 words) a one-word name
must be to need evidence of a person (a title, a speech tag): ``Empire`` is, ``Wicksteed`` is not."""
LOWER_CASE_SHARE = 0.5
"""How often, per mention of the name, the text must write a common given name in lower case to be
the common noun, not the name (``Art`` and ``art``)."""
_MONTHS = frozenset(calendar.month_name[1:])
_PLACE_BEFORE = re.compile(
    r"\b(?:in|into|near|towards?|through|across|round|around|outside|inside|beyond|within|via|since|until|till"
    r"|during|St\.?)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_AT_PLACE = re.compile(r"(?<![a-z]ed)(?<![a-z]ing)(?<!look)(?<!looks)\s+at\s+(?:the\s+)?\Z")
"""``at Brackenholt``, not ``looked at Nell``."""
_STAYED_AT = re.compile(
    r"\b(?:arrived|stayed|stopped|landed|lived|dated|remained|resided|settled|staying|living|residing)\s+at\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
"""``stayed at Paris``, ``a letter dated at Paris``: where someone is, not whom someone looks at."""
_MOTION_TO = re.compile(
    r"\b(?:go|goes|going|gone|went|return|returns|returned|returning|travel|travelled|traveled|drove|driven"
    r"|sail|sailed|moved|removed|journey|journeyed|way|road|train|started|off|arrive|arrived|arriving|fled"
    r"|proceed|proceeded|hasten|hastened|hurried|rode|emigrated|departed)"
    r"(?:\s+back)?\s+(?:to|from)\s+\Z",
    re.IGNORECASE,
)
"""``went to India``, ``went back from Bath``: a place (``spoke to Anne``, ``a letter from Anne``, ``gave
it back to Anne`` and ``it came to Anne`` are no journey)."""
_POSSESSIVE_AFTER = re.compile(r"[’']s\b|\s+s\b")
"""``went to Blair's``: the shop of a person, not a place's name."""
_NUMBER_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?(?:\s+of)?\s+\Z")
_NUMBER_AFTER = re.compile(r"\s*\d")
_QUALIFIED = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?P<adjectives>(?:[a-z][a-z-]*,?\s+){1,3})\Z")
_NEXT_WORD = re.compile(r" ([a-z]+)\b")
_SPEECH_BEFORE = re.compile(rf"\b{SPEECH_VERB_PATTERN}\s+(?:the\s+)?\Z")
_SPEECH_AFTER = re.compile(rf",?\s+(?:[a-z]+ly\s+)?{SPEECH_VERB_PATTERN}")


def is_person(
    text: str,
    mentions: list[Mention],
    narrated: int,
    name_words: frozenset[str],
    places: frozenset[str] = frozenset(),
) -> bool:
    """Whether the character named by ``mentions`` (``narrated`` of them in the narration) is a person
    (``places``: see :func:`place_words`)."""
    if not mentions:
        return True
    if _place_named(mentions) or _place_part(text, mentions, places):
        return False
    common = _common_tail(mentions, name_words)
    if sum(1 for m in mentions if m.title) >= TITLED_MIN and not _plural(mentions, name_words) and not common:
        return True
    if narrated == 0 or _plural(mentions, name_words):
        return False
    tagged = sum(_tagged(text, m) for m in mentions)
    if tagged >= TAGGED_MIN:
        return True
    if common or _modifier(text, mentions) or (not tagged and _common_word(text, mentions)) or not any(is_subject(text, m) for m in mentions):
        return False
    placed = sum(_placed(text, m) for m in mentions)
    articled = sum(m.with_article or _qualified(text, m) for m in mentions)
    return placed < PLACE_SHARE * len(mentions) and articled < ARTICLE_SHARE * len(mentions)


def _modifier(text: str, mentions: list[Mention]) -> bool:
    """Whether a one-word name is often written before a noun (``American girl``, at least twice):
    an adjective."""
    if any(m.title or len(m.words) > 1 for m in mentions):
        return False
    untitled = mentions
    before_noun = 0
    for mention in untitled:
        following = _NEXT_WORD.match(text, mention.end)
        before_noun += following is not None and set(getAllLemmas(following[1])) == {"NOUN"}
    return before_noun >= max(MODIFIER_MIN, MODIFIER_SHARE * len(untitled))


def _common_word(text: str, mentions: list[Mention]) -> bool:
    """Whether the name, one word never titled, is a common English word (:data:`COMMON_ZIPF`) and
    either no given name (``Peninsula``, ``Greece``; not ``Emily``, not ``Wicksteed``), a month (``June``:
    a date, unless titled or tagged as a speaker; ``May Welland`` is never one word alone) or one the text
    also writes in lower case in at least :data:`LOWER_CASE_SHARE` of its mentions
    (``Literature and Art``, ``the art of it``; not ``Bill``)."""
    if any(m.title or len(m.words) > 1 for m in mentions):
        return False
    words = {m.words[0] for m in mentions}
    return all(
        zipf_frequency(word, "en") >= COMMON_ZIPF
        and (
            not is_given_name(word)
            or word in _MONTHS
            or _lower_case_uses(text, word) >= LOWER_CASE_SHARE * len(mentions)
        )
        for word in words
    )


def _lower_case_uses(text: str, word: str) -> int:
    return len(re.findall(rf"\b{re.escape(word.lower())}\b", text))


def _tagged(text: str, mention: Mention) -> bool:
    return bool(
        _SPEECH_BEFORE.search(text, max(0, mention.start - 30), mention.start)
        or _SPEECH_AFTER.match(text, mention.end)
    )


def _placed(text: str, mention: Mention) -> bool:
    before = text[max(0, mention.start - 30) : mention.start]
    travelled = _MOTION_TO.search(before) and not _POSSESSIVE_AFTER.match(text, mention.end)
    return bool(
        _PLACE_BEFORE.search(before) or _AT_PLACE.search(before) or _STAYED_AT.search(before) or travelled
        or _NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(text, mention.end)
    )


def _qualified(text: str, mention: Mention) -> bool:
    """Written after an article and adjectives, as a common noun is (``the little Roman``, ``an old
    Roman window``), not as a name is."""
    found = _QUALIFIED.search(text, max(0, mention.start - 40), mention.start)
    return found is not None and all("ADJ" in getAllLemmas(word) for word in found["adjectives"].replace(",", " ").split())


def _common_tail(mentions: list[Mention], name_words: frozenset[str]) -> bool:
    """``Prince Edward Island``, ``the Tory Government``: every mention ends in a common word (no name
    word of the text, joined to a name as part of it: see :func:`bot.attribution.names.learn_name_pairs`)."""
    return all(len(m.words) > 1 and m.words[-1] not in name_words for m in mentions)


def place_words(mentions: list[Mention]) -> frozenset[str]:
    """The proper words of the places ``mentions`` name by a generic word (``Burdock`` of ``Port
    Burdock``, ``Kellford`` of ``Kellford Abbey``)."""
    return frozenset(
        word for m in mentions if is_place_name(m.words) for word in m.words if word not in PLACE_NOUNS | PLACE_FIRST
    )


def _place_part(text: str, mentions: list[Mention], places: frozenset[str]) -> bool:
    """Whether the name, one word never titled and no given name, is also the proper word of a place
    the text names (``Burdock`` beside ``Port Burdock``), and never a speaker in tags: the place."""
    if any(m.title or len(m.words) > 1 for m in mentions):
        return False
    words = {m.words[0] for m in mentions}
    return words <= places and not any(is_given_name(word) for word in words) and not any(_tagged(text, m) for m in mentions)


def _place_named(mentions: list[Mention]) -> bool:
    """``Prince Edward Island``, ``Kingsport Harbour``: most mentions name a place by a generic word
    (see :func:`bot.attribution.names.is_place_name`), whatever title seems to come before it."""
    return sum(is_place_name(m.words) for m in mentions) > len(mentions) / 2


def _plural(mentions: list[Mention], name_words: frozenset[str]) -> bool:
    """``the Basts``: most mentions are a name's plural."""
    plural = sum(
        1 for m in mentions if m.words[-1].endswith("s") and m.words[-1][:-1] in name_words
    )
    return plural > len(mentions) / 2


def is_person_description(description: str) -> bool:
    """Whether an unnamed speaker's description (``the old woman``, ``his companion``, ``the
    prize-fighter``) names a person: its head noun (the last word, the last part of a hyphenated one)
    does; ``the voice``, ``the face`` and ``the morning he`` do not."""
    words = description.split()
    if not words:
        return False
    head = words[-1].split("-")[-1]
    if _NATIONALITY.fullmatch(head):
        return True
    head = head.lower()
    return head in PERSON_HEADS or (head.endswith(("man", "woman")) and len(head) > 5)


def is_listed_description(description: str, quotes: int) -> bool:
    """Whether an unnamed speaker given ``quotes`` quotes is listed as a character: heard at least
    :data:`LISTED_QUOTES_MIN` times, and not a relation (``his father``: whose father depends on who
    "his" is)."""
    words = description.split()
    return quotes >= LISTED_QUOTES_MIN and bool(words) and words[0].lower() not in _POSSESSIVES
