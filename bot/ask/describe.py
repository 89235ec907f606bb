"""Who is X? The sentences of a work that say what X is, best first: pure rules over sentences.

A reader asking "who is X?" wants what the text says X *is*: a role, a relation,
a description. Those sentences have a few shapes, whatever the book:

* a copula after the name: "Kit was the delight of her mother's life", "Thomas was a
  loquacious little man", "Amos Pickering had been butler for ...";
* an apposition: "Quillan, of the Riverton Courier", "Tilda, who was housekeeper",
  or before it: "his old friend and family physician, Doctor Penhallow", "his wife, Tilda";
* a naming: "was called Grumble", "her name was ...", "(Dinah was the cat.)";
* a pronoun describing the one just named: "Mr. Ashby wore a grey coat. He was a man of fifty".

Each shape has a strength; the first sentences naming X count more (a character
is described when the text first brings them in); a sentence that is itself a
question, or merely names X doing something, describes nothing and scores no shape.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.ask.cues import ROLE_NOUNS
from bot.ask.people import TITLES
from bot.attribution.lexicon import FEMALE, MALE, SPEECH_VERB_PATTERN

COPULA_STRENGTH = 10.0
APPOSITION_STRENGTH = 10.0
ROLE_BEFORE_STRENGTH = 8.5
"""A role or relation before the name ("his friend, Captain Pell"): what X is to someone, less than a copula saying
what X is ("Captain Pell was a tall, dark man")."""
NAMING_STRENGTH = 9.0
ROLE_STRENGTH = 8.0
PRONOUN_STRENGTH = 8.0
WEAK_COPULA_STRENGTH = 4.0
"""A copula before anything but a determiner or a role: "was very fond of", "was not" (weakly descriptive)."""
QUOTED_PENALTY = 3.0
"""Points less for a shape inside what someone says ("Dolly is a rotter!"): an opinion, not the narration's word."""
EARLY_BONUS = 3.0
"""Points for the first sentence naming X, falling to none at :data:`EARLY_MENTIONS`."""
EARLY_MENTIONS = 30
MIN_DESCRIPTION = 6.0
"""Least score of a sentence shown as saying who X is."""
PRONOUN_REACH = 2
SUBJECT_REACH = 6
"""Words before the name in a sentence from which a "he was a ..." after it may describe X: a name further on is
rarely the subject ("We met a man who would do for you, if you were not engaged to Jonathan. He is ...")."""
"""Sentences after one naming X, in its paragraph, in which "he was a ..." still describes X."""

_DETERMINER = r"(?:a|an|the|one|his|her|my|our|their|its|no|only|quite\s+a|rather\s+a|such\s+a)"
_COPULA = (
    r"(?:is|was|had\s+(?:[a-z]+\s+){0,3}?been|has\s+been|became|remained|(?:seemed|proved|turned\s+out)\s+to\s+be"
    r"|seemed|were|are)"
)
"""A copula; "had ... been" may hold a short adverbial ("had some time ago been", "had for years been")."""
_PRONOUN_DESCRIPTION = re.compile(
    rf"(?:^\W*|[;:,]\s+(?:(?:and|but|for)\s+)?|\b(?:for|but)\s+)(?P<pronoun>[Hh]e|[Ss]he)\s+(?P<copula>{_COPULA})\s+{_DETERMINER}\b"
)
"""A pronoun saying what the one just named is, opening a sentence or a clause: "He was a man of fifty", "..., for
he was an odd-looking personage"."""
_PRONOUN_GENDER = {"he": MALE, "she": FEMALE}
_BEFORE = re.compile(rf"(?:\b{_DETERMINER}|\b[A-Z][\w-]*(?:'s|’s))\s+(?:[a-z][\w'-]*\s+){{0,5}}?(?P<noun>[a-z][\w'-]*),\s+$", re.I)
_SPOKEN = re.compile(SPEECH_VERB_PATTERN.replace("(?:", r"\b(?:", 1) + r"\s+(?:the\s+)?$", re.I)
"""A speech verb just before the name: "said Alice, a good deal frightened" describes how she said it."""
_TAGGED = re.compile(r"[\"”’]\s*[a-z]+\s+(?:the\s+)?$")
"""A verb right after a closing quote: a speech tag ("Yes, indeed," nodded Evie, a little contemptuously)."""
_VOCATIVE_AFTER = re.compile(r"\s*[,.!?;—-]")
_EXCLAIMED = re.compile(r"\s*[!?]")
"""A name called out after a comma, in a letter as in speech: "Good-bye, Mina!"."""
_NO_DESCRIPTION = re.compile(
    r"\s+(?:a\s+(?:little|bit|good\s+deal|great\s+deal|trifle|moment)|the\s+same|the\s+name\b|of\s+course"
    r"|the\s+(?:only|first|last|other)\s+one\b|no\s+(?:more|longer|less|better|worse)\b"
    r"|(?:his|her|their|its)\s+[a-z]+ing\b"
    r"|(?:his|her|their|its)\s+(?:face|eyes|hands?|head|voice|lips|arms?|heart|hair|cheeks?|mouth|brow|fingers)\b)",
    re.I,
)
"""What reads as a description but says nothing of the person: "was a little apt to", "is the same", "Toby was the name",
"was no more in love than",
"Helen, of course", "Ned, the only one among them" (one of a group, not what he is), "Jo, his face flushed" (how
he looks now)."""
_PREPOSITION_BEFORE = re.compile(
    r"\b(?i:at|in|on|from|to|into|near|by|of|with|after|before|during|for|about)\s+(?:(?i:the)\s+)?(?:[A-Z][\w'-]*\s+)*$"
)
"""A preposition before a capitalised noun and the name: a place ("at the Hilton Tennis Club, Dolly ..."), not a title."""
_BARE_TITLE = re.compile(r"\b(?i:the)\s+[A-Z][\w'-]*,\s+$")
"""A bare "the Englishman, " before the name: a label, less than what a copula says ("Hartwell was a man so shy...")."""
_RELATION_BEFORE = re.compile(
    r"\b(?i:his|her|my|their|our|your|the|this|that)\s+(?:old\s+|dear\s+|elder\s+|younger\s+|little\s+)?(?P<noun>[a-z][\w'-]*)\s+$"
)
"""A relation or role said just before the name, without a comma: "his friend Ned Winsett", "her aunt Juley", "the
merchant Ali"."""
_POSSESSIVE = re.compile(r"(?:'s|’s)\b")
"""The name as a possessive: what is said before it is said of what X has ("her husband, Lucy's father")."""
_CAPITALISED_END = re.compile(r"\b[A-Z][\w'-]*\.?\s+$")
_PRONOUN_COMMA = re.compile(r"\b(?:him|her|them|you|me|us)\s*,\s+$", re.I)
"""A pronoun and a comma before the name: the name says who the pronoun is ("I told you of him, Dr. Seward, ...")."""
_LISTED = re.compile(r"(?:,|\b(?:for|to|of|with|at|by|from|on|in|upon|poor|dear|and))\s+(?:the\s+)?$", re.I)
"""A comma or a preposition just before the name: one of a list ("the King, the Queen, the royal children"),
the second of a pair ("Ann and Tom, who were ...": what follows is of both), or the name inside a phrase ("Luckily for
Alice, the little bottle...")."""
_REST_OF_NAME = re.compile(r"^(?:\s+[A-Z][\w'’-]*)+")
"""Capitalised words after the name found: the rest of a fuller name ("Anna" in "Anna Bell was ...")."""
_ORDER = re.compile(r"\s+\w+\s+the\s+(?:first|last|only|next)\s+(?:one\s+)?(?:to|who|that)\b")
"""A copula telling what X did, not what X is: "The Hatter was the first to break the silence"."""
_INTRODUCED = re.compile(r"\b(?:a|an)\s+$")
"""An indefinite article before the name: the text brings them in ("came upon a Gryphon")."""
_POSSESSED = re.compile(r",\s+(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*(?:'s|’s)\s+(?:[a-z][\w'-]*\s+)?(?P<noun>[a-z][\w'-]*)")
"""An apposition naming whose X is: "Dolly, Charles's wife", "Jacky, Leonard's young wife"."""
_NAMING = re.compile(
    r"(?:\b(?:is|was|were|be|been|being)\s+|\b(?:a|an|the)\s+(?:[\w'-]+,?\s+){0,4})(?:called|named)\s+(?-i:[A-Z][\w'-]*\.?\s+)?$"
    r"|\b(?:his|her|its|whose|their)\s+name\s+(?:is|was)\s+(?:\w+\s+)?$"
    r"|\b(?-i:[A-Z])[\w'-]*,\s+(?:now|formerly|afterwards|later|n[eé]e)\s+$",
    re.I,
)
"""A naming that says something: "was called Grumble", "a young lady called Jacky", "a porter, or gatekeeper, named
Joe", "her name was ... and", "Miss Tarrant, now Mrs. Hobb" (a name X had before); not "we've another called Tibby" or
"My name is Mrs. Munt" (the name alone)."""
_BARE_NAMING = re.compile(r"\bname\s+(?:is|was)\s+(?:\w+\s+)?$", re.I)
_REPORTED = re.compile(
    r"\b(?:fe(?:lt|els?|eling)|th(?:ought|inks?|inking)|believ(?:ed|es?|ing)|suppos(?:ed|es?|ing)|fanc(?:ied|ies|y|ying)"
    r"|imagin(?:ed|es?|ing)|suspect(?:ed|s|ing)?|guess(?:ed|es|ing)?|hop(?:ed|es?|ing)|fear(?:ed|s|ing)?|sa(?:id|ys?|ying)"
    r"|declar(?:ed|es?|ing)|decid(?:ed|es?|ing)|consider(?:ed|s|ing)?)"
    r"(?:,[^,.;:!?]{1,30},)?\s+(?:(?:instantly|suddenly|at\s+once|again|now|then)\s+)?that\s+(?:(?i:the)\s+)?$"
)
"""What a character thinks or says of X, reported ("she felt that Kate was a personality", "feeling, as she had said,
that Kate was ..."): an opinion, as if quoted."""
REPORTED_REACH = 80
"""Characters before the name within which :data:`_REPORTED` ends (the longest such clause runs to some 60): the whole
text before each of many names in one long sentence would be searched again and again."""
_SELF_INTRODUCED = re.compile(r"\b(?:I\s+am|I['’]m)\s+$")
"""Someone saying who they are ("I am Griffin, of University College"): their own word, not an opinion of another."""
_ASKED = re.compile(r"[^\"“”]*\?[\"”]")
"""The name inside a quoted question: "Did you tell my cousin Ellen?" she asked."""
_SENTENCE_END = re.compile(r"^[\s.!?;,\"'”’)]*$")
"""Nothing after the name but its sentence's end: "Her name is Ada." gives the name alone."""
_INNER_CAPITAL = re.compile(r"(?<=[a-z,;:]\s)[A-Z][\w'’-]*")
"""A capitalised word after a lower-case word or a comma: a name (not a sentence's first word)."""
_OBJECT = re.compile(r"\b(?i:of|for|to|with|at|by|from|on|in|upon|about|than)\s+(?:(?i:the)\s+)?$")
"""A preposition just before the name: a copula after it is said of something else ("Fear of Tom had been the ...")."""
_TAKEN_AS = re.compile(r"\s+(?:(?!as\b|so\b|such\b)[a-z]+\s+){0,4}as\s+(?:a|an)\s+[A-Za-z]")
"""What X is taken for: "looked upon Tom as a man of wealth", "knew Mrs. Pell only by sight as a small woman" (not
"as still as a statue")."""
_CONTRACTED = re.compile(rf"(?:'s|’s|\s+s)\s+{_DETERMINER}\s+[a-z]")
"""An "'s" before a determiner is "is", never a possessive: "Tom's our courier" (" s" where a text lost its
apostrophes)."""
_QUALITIES = re.compile(
    r",\s+(?!(?:however|too|then|also|though|indeed|perhaps|therefore|meanwhile|moreover|sir|madam)\b)"
    r"[a-z][\w'-]*,\s+(?:[a-z][\w'-]*,\s+)*(?:and\s+)?[a-z][\w'-]*,"
)
"""Words in apposition, one by one between commas: "Miss Barry, thin, prim, and rigid, was knitting"."""
_ROLE_WORDS = re.compile(r"[a-z][\w'-]*")
_CLAUSE_AFTER = re.compile(
    r",\s+(?:with|without|and|but|or|to|for|from|at|in|on|by|as|when|while|if|though|after|before|whom|whose|which)\b"
)
"""A comma and a preposition or a conjunction after the name: what X does or who X is with ("Odile, with her
mother"), not what X is."""
_PARENTHESIS = r"(?:,\s+[^,.;:!?]{1,30},)?"
"""A short aside between a copula and what follows: "Lefferts was, on the whole, the foremost authority"."""
_COPULA_DESCRIPTION = re.compile(rf"(?:'s|’s)?\s+{_COPULA}{_PARENTHESIS}\s+(?:(?:as|so)\s+[a-z]+\s+)?{_DETERMINER}\b")
"""A copula before a determiner: "was a loquacious little man", "is, on the whole, the foremost authority"."""
_LIST_ITEM = re.compile(r"(?:(?:,|--|—|;)\s*|,?\s+and\s+)(?:the\s+)?[A-Z][\w'’-]+|,\s+the\s+[a-z][\w'’-]*(?=,)")
"""One more name in a list: ", the Lovell Mingotts", "--Louisa", ", the children,"."""
LIST_ITEMS = 3
"""Names in a row from which a sentence is a list of people ("Henry van der Luyden--Louisa--the Lovell
Mingotts--..."): it says who came, not who anyone is."""
LIST_REACH = 60
"""Characters on each side of the name within which the names of a list are counted: a long sentence naming
several people far from X (a long period of narration) may still say what X is."""
_FAMILY = re.compile(r"^[A-Z][\w'-]*s$")
"""A capitalised plural before a comma names a family, one of a list: "with the Beauforts, Lawrence Lefferts"."""
_RELATION = re.compile(
    r"^(?:'s|’s)\s+(?:own\s+)?(?:husband|wife|brother|sister|father|mother|son|daughter|aunt|uncle|cousin|niece"
    r"|nephew|fiance|fiancee|fiancé|fiancée|widow|widower|lover)\b"
)
"""A relation after the possessive: "Charles's wife" says whose husband Charles is."""
_MARRIED = re.compile(
    r",\s+who\s+(?:had\s+|has\s+)?(?:[a-z]+ly\s+)?(?:married|wedded|was\s+married\s+to|was\s+engaged\s+to)\b"
)
"""A marriage said in a clause after the name: "Hall, who had recently married the stranger's hostess"."""
_ROLE_AFTER = re.compile(r"\s+the\s+(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)\b(?![\w'’])")
"""A role right after the name, without a comma, in the next word or the one after it: "went up the village to
Bunting the vicar", "Bunting the old vicar", "Bunting the vicar and his wife"."""
RELATION_STRENGTH = 7.0
KIN_STRENGTH = 6.5
"""A relation the text states in passing: "Mrs. Pell scolded her nieces" (she is their aunt), "his Nell" (his wife or
his love): less than what a copula or an apposition says, enough to answer when nothing says more."""
KIN_SUBJECT_REACH = 3
_KIN = (
    "wife husband brother sister father mother son daughter aunt uncle nephew niece cousin grandfather grandmother"
    " grandson granddaughter fiance fiancee fiancé fiancée stepson stepdaughter stepmother stepfather children"
    " brothers sisters sons daughters nephews nieces cousins"
)
_KIN_IN_CLAUSE = re.compile(
    r"(?:'s|’s)?\s+(?:[^\W\d][\w'’-]*,?\s+){0,8}?(?P<owner>(?i:his|her))\s+(?:own\s+|elder\s+|younger\s+|little\s+|only\s+)?"
    r"(?:" + "|".join(_KIN.split()) + r")\b"
)
"""A kinship noun the name's own clause gives them: "Mrs. Pell had her own way with her nieces"."""
_OWNED = re.compile(r"\b(?i:his|her|their)\s+$")
"""A possessive just before the name: "scolding his Nell" (his wife, his love)."""
_ROLE_APPOSITION = re.compile(
    r",\s+(?:of\s+(?:the\s+)?[A-Z]|(?:the|a|an)\s+(?:[\w'-]+\s+){1,3}?of\s|(?:the|a|an)\s+(?:[\w'-]+\s+){0,2}?"
    r"(?P<noun>[a-z][\w'-]*)\b(?!,\s+(?:the\s+)?[A-Z]))"
)
"""An apposition that is no list's next item though the name follows a comma or a preposition (see
:func:`_role_apposition`)."""
_APPEARANCE = (
    "face eyes hair features complexion nose mouth chin forehead brow beard moustache whiskers freckles figure"
    " countenance voice teeth skin cheeks lips shoulders"
)
_LOOKS = re.compile(
    r"\s+had\s+(?:(?:a|an)\s+)?(?:[a-z][\w'-]*,?\s+(?:and\s+)?){0,3}(?:" + "|".join(_APPEARANCE.split()) + r")\b"
)
"""How X looks, said with "had": "Mrs. Pell had freckles", "Tom had a long, pale face"."""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as the rules see it: its key, text, paragraph and place in the work."""

    key: int
    text: str
    paragraph: int | None
    ordinal: int
    spoken: bool = False
    """The sentence begins inside a quotation (one opened in an earlier sentence of its paragraph)."""


@dataclass(frozen=True, slots=True)
class Description:
    key: int
    score: float


def name_pattern(forms: Sequence[str]) -> re.Pattern[str]:
    """A pattern finding any of `forms` as whole words (longest first, so "Robert Falconer" before "Robert")."""
    ordered = sorted({f for f in forms if f.strip()}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(map(_form_pattern, ordered)) + r")(?![\w])")


FEMALE_TITLES = ("Mrs.", "Mrs", "Miss", "Ms.", "Ms", "Lady", "Madame", "Mme.", "Mme", "Mlle.", "Mlle", "Mademoiselle")
_NOT_AFTER_A_WOMANS_TITLE = "".join(rf"(?<!{re.escape(title)}\s)" for title in FEMALE_TITLES)
"""A bare name is not the one after a woman's title: "Hall" (Mr. Hall) is not in "Mrs. Hall"."""


def _form_pattern(form: str) -> str:
    """`form` as a pattern; "Dr. Seward" also finds "Dr. John Seward" (a given name after the title); a one-word
    form never the name after a woman's title (see :data:`FEMALE_TITLES`)."""
    title, _, rest = form.partition(" ")
    if rest and " " not in rest and title.lower().rstrip(".") in TITLES:
        return re.escape(title) + r"\s+(?:[A-Z][\w'’-]*\s+)?" + re.escape(rest)
    return (_NOT_AFTER_A_WOMANS_TITLE if not rest else "") + re.escape(form)


def describe(
    named: Sequence[Sentence], following: dict[int, list[Sentence]], forms: Sequence[str], gender: str | None = None
) -> list[Description]:
    """The sentences describing the person called by `forms`, best first.

    `named` are sentences naming them, in the work's order; `following` holds, by a named sentence's key,
    the next sentences of its paragraph (for "He was a man of forty", if `gender`, when known, is a man's)."""
    pattern = name_pattern(forms)
    best: dict[int, float] = {}
    for position, sentence in enumerate(named):
        early = EARLY_BONUS * max(0.0, 1 - position / EARLY_MENTIONS)
        strength = shape_strength(sentence.text, pattern, sentence.spoken, gender)
        if strength <= KIN_STRENGTH and position >= EARLY_MENTIONS:
            strength = 0.0  # a relation said in passing counts where X is brought in, not anywhere
        if strength:
            best[sentence.key] = max(best.get(sentence.key, 0.0), strength + early)
        if _leads(sentence, pattern) and _describes_itself(sentence.text, pattern, gender):
            best[sentence.key] = max(best.get(sentence.key, 0.0), PRONOUN_STRENGTH + early)
        if _leads(sentence, pattern):
            after = _described_by_pronoun(following.get(sentence.key, []), pattern, gender)
            if after is not None:
                best[after.key] = max(best.get(after.key, 0.0), PRONOUN_STRENGTH + early)
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [Description(key, score) for key, score in ranked if score >= MIN_DESCRIPTION]


def _described_by_pronoun(
    following: Sequence[Sentence], pattern: re.Pattern[str], gender: str | None
) -> Sentence | None:
    """The first of the next :data:`PRONOUN_REACH` sentences that says "He was a ..." of the one just named, before
    any of them names someone else (then "he" is likelier that other) or says "she was a ..." of another (the
    first such sentence decides); a capitalised word after the pronoun is part of the description ("He was a thin
    man, spoke with a Cockney accent")."""
    for after in following[:PRONOUN_REACH]:
        if pattern.search(after.text) is not None:
            return None
        pronoun = _pronoun_description(after.text)
        if pronoun and not _names_another(after.text[: pronoun.start("pronoun")], pattern):
            return after if _agrees(pronoun["pronoun"], gender) else None
        if _names_another(after.text, pattern):
            return None
    return None


def _describes_itself(text: str, pattern: re.Pattern[str], gender: str | None) -> bool:
    """Whether a clause after the name, before any other name, says "he was a ...": "Tom rarely left home; he was the
    shyest man alive"."""
    found = pattern.search(text)
    rest = text[found.end() :] if found else ""
    pronoun = _pronoun_description(rest)
    if pronoun is None or _names_another(rest[: pronoun.start()], pattern):
        return False
    return _agrees(pronoun["pronoun"], gender)


def _pronoun_description(text: str) -> re.Match[str] | None:
    """The first "he was a ..." of `text` that says something of the person (not "she is a trifle stouter")."""
    for found in _PRONOUN_DESCRIPTION.finditer(text):
        if not _NO_DESCRIPTION.match(text[found.start("copula") + len(found["copula"]) :]):
            return found
    return None


def _agrees(pronoun: str, gender: str | None) -> bool:
    return gender in (None, _PRONOUN_GENDER[pronoun.lower()])


def _names_another(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether `text` holds a capitalised word past its start that is not the name `pattern` finds (nor "I")."""
    return any(word != "I" for word in _INNER_CAPITAL.findall(pattern.sub(" ", text)))


def shape_strength(text: str, pattern: re.Pattern[str], spoken: bool = False, gender: str | None = None) -> float:
    """How surely `text` says what the person `pattern` names is (0: it does not); `spoken`: the sentence begins
    inside a quotation (what someone says of X is an opinion, less than the narration's word); `gender`, if known,
    X's (a "his" is not hers)."""
    if text.rstrip(" \"'”’)").endswith("?"):
        return 0.0
    strength = 0.0
    for found in pattern.finditer(text):
        if _in_a_list_of_names(text, found):
            continue
        before, after = text[: found.start()], _REST_OF_NAME.sub("", text[found.end() :])
        if _vocative(before, after, spoken) or (_POSSESSIVE.match(after) and _before_strength(before, False)):
            continue
        if (_BARE_NAMING.search(before[-40:]) and _SENTENCE_END.match(after)) or _ASKED.match(after):
            continue
        listed_before = _LISTED.search(before[-8:]) and not _PRONOUN_COMMA.search(before[-8:])
        tagged = _SPOKEN.search(before[-40:]) or _TAGGED.search(before[-20:])
        apposed = not tagged and (
            _role_apposition(after) and not _IN_A_LIST.search(before[-40:])
            if listed_before or _PHRASE_OBJECT.search(before[-60:])
            else True
        )
        listed = _LIST_ITEM.match(after) is not None
        subject = _OBJECT.search(before[-12:]) is None
        kin = KIN_STRENGTH if subject and not listed_before and _kin_of(before, after, gender) else 0.0
        shape = max(_after_strength(after, apposed, subject), _before_strength(before, listed), kin)
        reported = _REPORTED.search(before[-REPORTED_REACH:]) is not None
        opinion = (_quoted(before, spoken) and not _SELF_INTRODUCED.search(before[-20:])) or reported
        strength = max(strength, shape - QUOTED_PENALTY if shape and opinion else shape)
    return strength


def _in_a_list_of_names(text: str, found: re.Match[str]) -> bool:
    """Whether the name `found` stands in a list of :data:`LIST_ITEMS` names or more (within :data:`LIST_REACH`)."""
    start, end = max(found.start() - LIST_REACH, 0), found.end() + LIST_REACH
    return len(_LIST_ITEM.findall(text[start:end])) >= LIST_ITEMS


def _after_strength(after: str, apposed: bool, subject: bool = True) -> float:
    """The shape of what follows the name: a copula (if `subject`: the name is no preposition's object), an
    apposition (if `apposed`: not after "said"), a role."""
    if _ORDER.match(after) or _NO_DESCRIPTION.match(re.sub(rf"^(?:'s|’s)?\s+{_COPULA}|^,", "", after, count=1)):
        return 0.0
    if subject and (_CONTRACTED.match(after) or _COPULA_DESCRIPTION.match(after)):
        return COPULA_STRENGTH
    if _RELATION.match(after) or _MARRIED.match(after):
        return RELATION_STRENGTH
    if (found := _ROLE_AFTER.match(after)) and any(map(is_role, found["words"].split())):
        return ROLE_STRENGTH
    if subject and _LOOKS.match(after):
        return ROLE_STRENGTH
    if _TAKEN_AS.match(after):
        return ROLE_STRENGTH
    if match := re.match(rf"\s+{_COPULA}\s+([a-z][\w'-]*)(?:\s+([a-z][\w'-]*))?", after):
        return 0.0 if not subject else COPULA_STRENGTH if any(map(is_role, match.groups())) else _weak(after)
    if not apposed:
        return 0.0
    if re.match(
        rf",\s+(?:{_DETERMINER}\b|of\b|who\s+{_COPULA}\s+(?:{_DETERMINER}\b|[a-z]+\s+to\b|[a-z]+\s+of\b))", after
    ):
        return APPOSITION_STRENGTH
    if (found := _POSSESSED.match(after)) and is_role(found["noun"]):
        return APPOSITION_STRENGTH
    if _QUALITIES.match(after):
        return ROLE_STRENGTH
    if re.match(r",\s+(?:[a-z][\w'-]*\s+){0,2}([a-z][\w'-]*)\b", after) and not _CLAUSE_AFTER.match(after):
        words = _ROLE_WORDS.findall(after[:40])
        if any(map(is_role, words[:3])):
            return ROLE_STRENGTH
    return 0.0


def is_role(word: str | None) -> bool:
    """A role, trade or relation (:data:`ROLE_NOUNS`), also as the last part of a compound ("twin-brother",
    "prize-fighter")."""
    return word is not None and word.lower().rsplit("-", 1)[-1] in ROLE_NOUNS


_PHRASE_OBJECT = re.compile(
    r"\b(?i:of|to|with|by|for|from|at|in|on|under|upon|into|towards?)\s+(?i:the|a|an|his|her|their|my|our|your)\s+"
    r"(?:[a-z][\w'-]*\s+){0,2}$"
)
"""The name closing a prepositional phrase ("under the escort of the faithful Tom, the ladies went in"): what follows its
comma is rarely said of it, unless it holds a role."""
_IN_A_LIST = re.compile(r"\b[A-Z][\w'’-]*,\s+(?:the\s+)?$")
"""A capitalised word and a comma just before the name: the name is the next item of a list ("the Duke, the Duchess")."""


def _role_apposition(after: str) -> bool:
    """An apposition saying what X is even after a comma or a preposition: "by Inspector Rudd, of the county police",
    "Sergeant Pike, the well-known member of the force", "Tom, a carpenter"; not one more item of a list ("the King,
    the Queen, the royal children")."""
    found = _ROLE_APPOSITION.match(after)
    return found is not None and (found["noun"] is None or is_role(found["noun"]))


def _weak(after: str) -> float:
    """A copula before a word that is not a participle ("was shuffling away" describes nothing)."""
    match = re.match(rf"\s+{_COPULA}\s+([a-z][\w'-]*)", after)
    return WEAK_COPULA_STRENGTH if match and not match.group(1).endswith(("ing", "ed")) else 0.0


def _before_strength(before: str, listed: bool) -> float:
    """The shape of what precedes the name: "his wife, ", "a journalist called ", "her name was ".

    `listed`: another name follows this one (", Van Newland"), so a capitalised word before it is one more
    name of the list, not a title ("the poor little Lizard, Bill")."""
    tail = before[-80:]
    if _NAMING.search(tail):
        return NAMING_STRENGTH
    if (found := _BEFORE.search(tail)) and _titled(found["noun"], tail[: found.start("noun")], listed):
        return ROLE_BEFORE_STRENGTH if _BARE_TITLE.search(tail) else APPOSITION_STRENGTH
    if found and is_role(found["noun"]):
        return ROLE_BEFORE_STRENGTH
    if (found := _RELATION_BEFORE.search(tail)) and is_role(found["noun"]):
        return ROLE_STRENGTH
    if _INTRODUCED.search(tail):
        return ROLE_STRENGTH
    if _OWNED.search(tail):
        return KIN_STRENGTH
    return 0.0


def _kin_of(before: str, after: str, gender: str | None) -> bool:
    """Whether the name opens its sentence or clause (likely its subject) and the clause gives X kin by a possessive
    that may be X's ("Mrs. Pell scolded her nieces")."""
    if len(re.split(r"[;:]|,\s+(?:and|but)\s", before)[-1].split()) > KIN_SUBJECT_REACH:
        return False
    found = _KIN_IN_CLAUSE.match(after)
    return found is not None and _agrees("he" if found["owner"].lower() == "his" else "she", gender)


def _titled(noun: str, before: str, listed: bool) -> bool:
    """A capitalised noun standing for a title before the name ("the poor little Lizard, Bill"); not a family, one
    of a list, a place ("at the Hilton Tennis Club, Dolly") or the end of a name ("a minute Lord Godalming, Dr.")."""
    return (
        noun[0].isupper()
        and not listed
        and _FAMILY.match(noun) is None
        and _PREPOSITION_BEFORE.search(before) is None
        and _CAPITALISED_END.search(before) is None
    )


def _quoted(before: str, spoken: bool) -> bool:
    """Whether the text after `before` is inside quotation marks: an odd number of them open before it, counting
    from inside a quotation if the sentence begins in one (`spoken`)."""
    return (spoken + before.count('"') + before.count("“") + before.count("”")) % 2 == 1


def _vocative(before: str, after: str, spoken: bool = False) -> bool:
    """The name said to its bearer inside quotes: "Houses ought to be done by a lawyer, Charles, surely."."""
    if before.rstrip().endswith(('"', "“")) and after.startswith(","):  # “Lucy, the time has come.”
        return True
    if not before.rstrip().endswith(","):
        return False
    return _EXCLAIMED.match(after) is not None or (_quoted(before, spoken) and _VOCATIVE_AFTER.match(after) is not None)


_SPEAKER_AFTER_QUOTE = re.compile(r"[,!?.—-]\s*[\"”’]\s*$")
"""A closing quotation mark just before the name: the name opens a speech tag ("'...,' Mr. Hall remarked.")."""
_SPEECH_VERB_AFTER = re.compile(r"\s+" + SPEECH_VERB_PATTERN)
"""A speech verb right after the name ("Mr. Hall remarked")."""
_VERB_AFTER_QUOTE = re.compile(r"[,!?.—-]\s*[\"”’]\s*" + SPEECH_VERB_PATTERN + r"\s+$")
"""A closing quotation mark and a speech verb just before the name: the name is the speaker ("'...,' said Mr. Hall.")."""


def _leads(sentence: Sentence, pattern: re.Pattern[str]) -> bool:
    """Whether the name comes within :data:`SUBJECT_REACH` words of the sentence's start (likely its subject), and
    is not said to its bearer ("I'll clear him, Mr. Jones; his name is Small."); or it is the speaker of the sentence's
    speech ("'I am grieved,' Mr. Hall remarked."), whom a "He was a ..." after it describes."""
    text = sentence.text
    found = pattern.search(text)
    if found is None:
        return False
    before, after = text[: found.start()], _REST_OF_NAME.sub("", text[found.end() :])
    if (_SPEAKER_AFTER_QUOTE.search(before) and _SPEECH_VERB_AFTER.match(after)) or _VERB_AFTER_QUOTE.search(before):
        return True
    return len(before.split()) <= SUBJECT_REACH and not _vocative(before, after, sentence.spoken)
