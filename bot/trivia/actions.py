"""Who did what, read from one narration sentence: a named subject, a past-tense action, its object.

The parse is cautious on purpose (a wrong subject makes a wrong question): the sentence must open
with the name, followed at once by a verb in the simple past (an ``-ly`` adverb may come between,
never a negation or a hedge), and the verb must take an object or a prepositional phrase. The
action is the first clause only, cut where another clause begins. Words are classed by lemminflect's
dictionary (installed with its data; nothing is downloaded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import lemminflect

MIN_ACTION_WORDS, MAX_ACTION_WORDS = 2, 14
"""Words of the action, its verb included: "wrote to her brother" is four."""
LIGHT_VERBS = frozenset(
    "be have do say tell ask answer reply cry exclaim whisper mutter add continue repeat call shout "
    "murmur observe remark begin seem appear feel think know suppose wonder hope wish mean like love hate "
    "look see hear notice smile laugh nod sigh pause stop sit stand rise turn glance gaze stare lean wait "
    "hesitate shrug linger try want need happen become remain watch listen speak talk reflect consider fear "
    "understand believe remember forget recollect perceive interrupt resume proceed lie shew show suppress "
    "avoid contrive manage fail venture bear enquire inquire determine resolve guess can will shall may "
    "must ought dare put let prove echo question rejoin retort protest assent "
    "agree object explain declare protest suggest inform assure utter quiver redden blush flush tremble "
    "shiver shudder sound settle admit deplore approve view crush descend relive slumber pride colour "
    "color start weep sob groan wince flinch".split()
)
"""Lemmas of verbs that make no memorable action: being and having, saying and thinking, looking,
posture, the commonest comings and goings and handlings."""
_HEDGES = frozenset(
    "only nearly hardly scarcely barely merely probably possibly certainly really apparently evidently "
    "presumably seemingly simply surely actually likely".split()
)
"""Adverbs that make an action uncertain or not done ("Anne nearly wrote…")."""
_OF_TIME = r"then|now|soon|presently|afterwards|at once|at last"
"""Adverbs of time that may stand between a subject and its verb ("Anne then wrote…"); never "also"
or "too", which tell that someone else did it as well."""
_CLAUSE_END = re.compile(
    r"\s*(?:[,;:(—–!?]|\s-{1,2}\s?|-{2}|\b(?P<word>and|but|or|nor|while|whilst|when|whenever|because|though|although|"
    r"until|till|unless|if|since|that|which|who|whom|whose|where|whereupon|so|as|than)\b)"
)
"""Where the first clause of an action ends: the question asks about that clause alone."""
_JOINS = frozenset({"and", "but"})
_JOINED_VERB = re.compile(r"(?:,\s*|\s)(?:and|but)\s+(?:then\s+)?(?P<verb>[a-z]+)\b")
_ANOTHER_SUBJECT = re.compile(
    r"[;:“”\"(—–]|\b(?:who|which|that|whom|whose|he|she|they|it|I|we|you|when|while|as|because|though|although|"
    r"until|till|if|where|whereupon|unless|since)\b|\b[A-Z]\w*\s+[a-z]+ed\b"
)
"""What may bring in another subject before a joined verb ("…Diana, who answered and sent…")."""
_SUBORDINATORS = frozenset("while whilst when whenever because though although until till unless if since whereupon as".split())
_CLAUSE_SUBJECTS = frozenset("he she they i we it there".split())
UNPLACED = frozenset(
    "him them it its they this these those there here then one ones other others such same former latter "
    "what whatever something anything nothing everything someone anyone somebody anybody everybody everyone "
    "all both either neither each another again also too instead hers".split()
)
"""Words that point outside the clause: "Who slapped him on the shoulder?" cannot be answered."""
_FINITE = frozenset("was were is are been had has am".split())
"""Being or having after the verb: the verb was a participle ("roused from a meditation was pleased")."""
PERSONAL = frozenset("i me my mine myself we us our ours ourselves you your yours yourself thee thou thy".split())
OWN = {"m": frozenset({"his", "himself"}), "f": frozenset({"her", "herself"})}
"""The subject's own pronouns: "her brother" after a woman is hers."""
NAMED_ONLY_VERBS = frozenset(
    "go come walk run hurry rush return enter cross pass reach move step climb "
    "get keep make take give find bring leave meet follow join send".split()
)
"""Comings and goings, takings and givings: memorable only with a named place or person ("went to
Rome", "took Diana to the concert"; not "went upstairs", "took the cup")."""
GESTURE_NOUNS = frozenset(
    "head hand hands eyes eye face lips lip teeth jaw jaws shoulder shoulders arm arms brow brows forehead "
    "finger fingers foot feet cheek cheeks chin nose hair mouth throat breath voice fist fists knee knees "
    "eyebrow eyebrows eyelids sigh smile nod glance shrug frown murmur".split()
)
"""What a gesture is made with ("shook her head", "clenched his teeth"): no plot point."""
_DETERMINERS = frozenset("the a an his her their my our your this that these those some any no every".split())
_WORD = re.compile(r"[A-Za-z’']+(?:-[A-Za-z’']+)*")
"""A word, hyphenated ones whole ("waste-paper"); a dash ("it--very") parts two words."""


@dataclass(frozen=True, slots=True)
class Action:
    """``verb`` (the simple past, e.g. "wrote") and ``words``, the whole action from the verb on;
    ``lemma`` is the verb's dictionary form ("write")."""

    verb: str
    lemma: str
    text: str

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)


def action_after(rest: str, gender: str | None, *, possessive: bool = True) -> Action | None:
    """The action told by ``rest``, the words right after a subject of ``gender`` ("m" or "f"), or
    None when it is no simple, complete action of that subject. Without ``possessive``, an action
    with "his" or "her" is none (in a later clause, they may be another's)."""
    found = re.match(rf"(?:(?P<adverb>[a-z]+ly|{_OF_TIME})\s+)?(?P<had>had\s+)?(?P<verb>[a-z]+)\s+(?=\S)", rest)
    if found is None or gender not in OWN or (found["adverb"] and found["adverb"] in _HEDGES):
        return None
    verb = found["verb"]
    lemma = participle_lemma(verb) if found["had"] else past_tense_lemma(verb)
    if lemma is None or lemma in LIGHT_VERBS:
        return None
    if _CLAUSE_END.match(rest[found.end("verb") :]) or rest[found.end("verb") :].split()[:1] == ["with"]:
        return None  # "quivered with indignation": a manner, not an action
    clause = _first_clause(rest[found.start("had" if found["had"] else "verb") :])
    if clause is None:
        return None
    words = _WORD.findall(clause)
    if not MIN_ACTION_WORDS <= len(words) <= MAX_ACTION_WORDS or not _complete(words[1:], gender):
        return None
    if not possessive and OWN[gender] & {word.lower() for word in words}:
        return None
    return Action(verb, lemma, clause)


def actions_after(rest: str, gender: str | None, *, possessive: bool = True) -> list[Action]:
    """Every action :func:`action_after` reads in ``rest``: the first, then each verb of the past
    joined to it by "and" or "but" while no other subject can have come between ("Marilla went to
    her room and searched for the brooch": she searched)."""
    found = [action_after(rest, gender, possessive=possessive)]
    for join in _JOINED_VERB.finditer(rest):
        before = rest[: join.start()]
        if _FINITE & {word.lower() for word in _WORD.findall(before)}:
            break  # "was shocked and puzzled": participles, no actions
        if _ANOTHER_SUBJECT.search(before) or not all(_opens_with_a_past(piece) for piece in before.split(",")[1:]):
            break
        if past_tense_lemma(join["verb"]) is not None:
            found.append(action_after(rest[join.start("verb") :], gender, possessive=possessive))
    return [action for action in found if action is not None]


def _opens_with_a_past(piece: str) -> bool:
    """Whether a piece of a list of doings opens with a verb of the past ("set the candle on the
    table"), not with another subject ("and a dozen hands gripped")."""
    first = piece.split(maxsplit=1)[:1]
    return bool(first) and any(
        first[0] in lemminflect.getInflection(lemma, "VBD") for lemma in lemminflect.getLemma(first[0], upos="VERB")
    )


def _first_clause(text: str) -> str | None:
    """The first clause of ``text``, when it ends where a new clause clearly begins: at punctuation,
    at "and"/"but" before a subject or a verb of the past, or at a conjunction before a subject. None
    when it may end inside a phrase ("a sniff and a grunt", "a charm of which"). "That" before a
    noun is a determiner ("that day"), and a conjunction before no subject a preposition ("as
    usual"): neither ends the clause."""
    for cut in _CLAUSE_END.finditer(text):
        clause, word = text[: cut.start()].strip(), cut["word"]
        if word is None:
            return clause
        following = text[cut.end() :].split(maxsplit=1)[:1]
        after = following[0].strip(",;.") if following else ""
        if word == "that" and after.islower() and set(lemminflect.getAllLemmas(after)) == {"NOUN"}:
            continue
        subject = after.lower() in _CLAUSE_SUBJECTS or after[:1].isupper()
        if word in _JOINS and after[:1].isupper() and clause.split()[-1][:1].isupper():
            return None  # "the Punch and Judy aspect": one name of two words, not two clauses
        if word in _JOINS:
            fits = subject or after == "then" or past_tense_lemma(after) is not None
        elif word in _SUBORDINATORS:
            if not subject:
                continue  # a preposition: "as usual", "till morning"
            fits = True
        else:
            fits = False
        return clause if fits else None
    return text.strip().rstrip(".")


@lru_cache(maxsize=16_384)
def participle_lemma(word: str) -> str | None:
    """The lemma of ``word`` when it is a verb's past participle ("written" → "write"), for the
    pluperfect ("had written")."""
    for lemma in lemminflect.getLemma(word, upos="VERB"):
        if word != lemma and word in lemminflect.getInflection(lemma, "VBN"):
            return lemma
    return None


@lru_cache(maxsize=16_384)
def past_tense_lemma(word: str) -> str | None:
    """The lemma of ``word`` when it is a verb's simple past ("shot" → "shoot"), else None (a past
    spelled like its base, "put", "read", is left out: it may be the present)."""
    for lemma in lemminflect.getLemma(word, upos="VERB"):
        if word != lemma and word in lemminflect.getInflection(lemma, "VBD"):
            return lemma
    return None


def _complete(rest: list[str], gender: str) -> bool:
    """Whether the words after the verb make an object every reader can place: no pronoun pointing
    outside the sentence, no "her" that is not the subject's own, and some noun or name."""
    lowered = [word.lower() for word in rest]
    other_gender = OWN["f" if gender == "m" else "m"] | {"he", "she"}
    if not rest or (set(lowered) & (UNPLACED | PERSONAL | _FINITE | other_gender | {"their", "theirs", "themselves"})):
        return False
    if any(len(word) == 1 and word != "a" for word in lowered):
        return False  # "Kemp s profanity": a text that lost its apostrophes
    for index, word in enumerate(lowered):
        if word == "her" and not possessed(lowered[index + 1 : index + 2]):
            return False  # "kissed her" or "gave her the letter": her is someone else
    if lowered[0] == "to" and len(rest) == 2 and rest[1].islower() and past_tense_lemma(lowered[1]) is None:
        return can_be(lowered[1], ("VERB",))  # "refused to confess"
    return any(_noun_or_name(word) for word in rest if word.lower() not in _DETERMINERS)


def possessed(following: list[str]) -> bool:
    return bool(following) and following[0] not in _DETERMINERS and can_be(following[0], ("NOUN", "ADJ"))


def _noun_or_name(word: str) -> bool:
    return word[:1].isupper() or can_be(word, ("NOUN",))


def can_be(word: str, classes: tuple[str, ...]) -> bool:
    return any(pos in classes for pos in lemminflect.getAllLemmas(word))
