"""Speech tags: the narration beside a quote that says who speaks it.

``“…,” Lydia stated`` and ``said the Professor`` after a quote, ``He finally
offered,`` or ``Holmes said:`` before it; a *beat* is narration whose subject
acts rather than speaks (``Derek stared at her. “Was?”``), weaker evidence.
Also the names addressed inside a quote (vocatives), which are usually *not*
its speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.attribution.lexicon import (
    ANAPHORIC_NOUNS,
    GERUNDS,
    GROUP_NOUNS,
    NAME_WORD,
    NOT_NAMES,
    PARTICLES,
    PERSON_NOUNS,
    SPEECH_NOUN_PATTERN,
    SPEECH_VERB_PATTERN,
    TITLE_GENDER,
)
from bot.attribution.names import NAME_PARTICLES


class Who(Enum):
    NAME = "name"
    PRONOUN = "pronoun"
    NARRATOR = "narrator"
    DESCRIPTION = "description"


@dataclass(frozen=True, slots=True)
class Tag:
    """Who a tag names, as written (``Lydia``, ``she``, ``I``, ``the woman``), and how."""

    who: str
    kind: Who
    speech: bool
    """A speech verb (``said``); False for a beat (``Derek stared``)."""
    offset: int


_TITLE = r"(?:" + "|".join(sorted(TITLE_GENDER, key=len, reverse=True)) + r")"
_NAME = rf"(?:(?i:{_TITLE})\.?\s+(?:(?:{NAME_PARTICLES})\s+)*)?{NAME_WORD}(?:-[A-Za-z][a-z]+)*(?:\s+{NAME_WORD}(?:-[A-Za-z][a-z]+)*){{0,2}}"
_PERSON_NOUN = "|".join(sorted((re.escape(noun) for noun in PERSON_NOUNS), key=len, reverse=True))
_DETERMINER = r"\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Tt]heir)"
_CAPITALISED_NOUN = rf"{NAME_WORD}(?:-[A-Za-z][a-z]+)*(?:\s+{NAME_WORD})?\b"
_NOT_IN_PHRASE = (
    r"(?!(?:with|and|or|in|to|at|as|of|from|who|for|on|by|into|upon|was|had|is|again|then|now|still|too|also"
    r"|what|which|that|whom|how|when|where|always|never"
    r"|he|she|it|they|we|you|himself|herself|itself|themselves|somewhat|rather|quite|very|but|not)\b"
    r"|[a-z]+ly\b)"
)
_ADJECTIVES = rf"(?:{_NOT_IN_PHRASE}[a-z][\w-]*\s+){{0,2}}"
_WITH_PHRASE = rf"(?:\s+with\s+(?:the|a|an|his|her)\s+{_ADJECTIVES}{_NOT_IN_PHRASE}[a-z][\w-]*)?"
_PERSON = rf"{_DETERMINER}\s+{_ADJECTIVES}(?:(?:{_PERSON_NOUN})\b|{_CAPITALISED_NOUN}){_WITH_PHRASE}"
_ANYONE = rf"{_DETERMINER}\s+{_ADJECTIVES}(?:{_NOT_IN_PHRASE}[a-z][\w-]*\b|{_CAPITALISED_NOUN}){_WITH_PHRASE}"
"""``the mariner``: after a speech verb, any noun is a speaker; elsewhere only a person noun."""
_PRONOUN = r"\b(?:[Hh]e|[Ss]he|I)\b"
_SPEECH_VERB = rf"(?P<verb>{SPEECH_VERB_PATTERN})"
_ADVERB = r"(?:[a-z]+ly|then|again|at\s+last|at\s+once|now|once\s+more|presently|still)"
_ASIDE = r"(?:\s*,\s*(?:[a-z]+\s+){0,2}?[a-z]+,)?"
_LEAD = r"[\s,—–-]*"

# “…,” said the mariner / said he / cried Mr. Heelas
_INVERTED = re.compile(
    rf"{_LEAD}(?:{_ADVERB}\s+)?{_SPEECH_VERB}(?:\s+(?:{'|'.join(PARTICLES)}))?\s+"
    rf"(?P<who>{_PRONOUN}|{_ANYONE}|{_NAME})"
)
# Lydia stated / the old woman kindly explained / The woman, unfortunately, said
_SPEECH = re.compile(rf"(?P<who>{_PRONOUN}|{_ANYONE}|{_NAME}){_ASIDE}(?:\s+{_ADVERB})?\s+{_SPEECH_VERB}")
# Derek stared / The woman, unfortunately, frowned
_BEAT = re.compile(rf"(?P<who>{_PRONOUN}|{_PERSON}|{_NAME}){_ASIDE}(?:\s+{_ADVERB})?\s+(?P<verb>[a-z]+)\b")
_SENTENCE_SUBJECT = re.compile(rf"(?P<who>{_PRONOUN}|{_PERSON}|{_NAME})")
_COORDINATED_SPEECH = re.compile(rf"(?:,\s*|\band\s+)(?:then\s+)?(?:[a-z]+ly\s+)?{_SPEECH_VERB}")
"""A later verb of the sentence's subject: ``She sipped a little tea, and said quietly to herself,``,
``My host, who stood …, made a graceful wave of his hand to the table, and said:--``."""
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bMs)[.!?]+[”\")'’]*\s+(?=[A-Z“\"‘])")
_CLAUSE_LEAD = re.compile(r"\s*(?:(?:and|but|then|so|And|But|Then|So|To\s+which|to\s+which|when|When)\s+)?")
_OPEN_ENDED = re.compile(r"[,:;—–-]\s*$|[a-z]\s*$")
_REPORTED_CLAUSE = re.compile(r"\s+(?:that|I|he|she|it|they|we|you|there|him|her|me|them)\s+[a-z]")
"""After a speech verb, the start of a reported clause (``said I was sure``, ``told him that``)."""
_CONTINUES = re.compile(r"[,;—–-][”\"’]$")
_OPEN_QUOTE_END = re.compile(r"[,;!?—–-][”\"’]$")
"""A quote ending on a comma, dash, ``!`` or ``?``: the narration after it may be its tag."""
_OWNED_SPEECH = rf"(?P<who>{_NAME})(?:['’]|\s)s\s+(?:[a-z][\w-]*\s+){{0,3}}?{SPEECH_NOUN_PATTERN}"
# “…,” was Marilla’s comment / had been Anne’s reply
_OWNED_AFTER = re.compile(rf"{_LEAD}(?:was|is|had\s+been|came)\s+(?:then\s+|now\s+|at\s+last\s+)?{_OWNED_SPEECH}")
# Elizabeth’s reply was, “…”
_OWNED_BEFORE = re.compile(rf"{_OWNED_SPEECH}\s+(?:was|is|came)\b[^.!?]*$")
# thus spoke Nell: “…”
_INVERTED_BEFORE = re.compile(rf"\b{_SPEECH_VERB}\s+(?P<who>{_NAME})\s*[,:;]?\s*(?:--|—)?\s*$")
# “Whew!” whistled Ned Winsett / nodded the doctor
_ANY_VERB_INVERTED = re.compile(rf"{_LEAD}(?P<verb>[a-z]+ed)\s+(?P<who>{_PERSON}|{_NAME})")
_GERUND = "|".join(sorted(GERUNDS))
_SENTENCE_TAG = re.compile(
    rf"\b(?P<verb>{SPEECH_VERB_PATTERN}|(?:{_GERUND})\b)(?:\s+(?:to|at)\s+[A-Za-z][\w.]*(?:\s+[A-Za-z][\w.]*){{0,2}}?)?"
    r"(?:\s+(?:[a-z]+ly|again|aloud|with))?\s*[,:;]?\s*(?:--|—)?\s*$"
)
"""A sentence ending on its speech verb (``…, leaned over and remarked to Hector:``)."""
_SUBJECT_CANDIDATE = re.compile(rf"(?P<who>{_PRONOUN}|{_NAME})")
_NOT_A_SUBJECT_AFTER = frozenset(
    "to with at of by for from on upon towards toward into as when while if though although because that whom who"
    " which than like before after about over under behind beside between among told asked saw heard".split()
)
"""Words after which a name is no subject of the sentence's verb (``towards Hector``, ``as she unlocked it``)."""
_WORD = re.compile(r"\w+")


LAST_SENTENCE_CHARS = 600
"""How far back before a quote its tag's sentence is looked for."""


class TagReader:
    """Reads tags, knowing which capitalised words of the work are names."""

    def __init__(self, name_words: frozenset[str]) -> None:
        self._name_words = name_words

    def after(self, quote: str, narration: str, offset: int) -> Tag | None:
        """The tag in ``narration`` right after ``quote`` (``narration`` starts at ``offset``).

        Narration going on from a quote that ends mid-sentence is a speech tag
        whatever its verb (``“Stiles,” Lydia hesitated, “Look …”``,
        ``“I’m looking for the Stilinskis,” Derek started``).
        """
        inverted = _INVERTED.match(narration)
        tag = self._tag(inverted, offset, speech=True, mid_sentence=True, inverted=True) if inverted else None
        start = len(narration) - len(narration.lstrip(" \t\n,—–-"))
        continues = bool(_CONTINUES.search(quote))
        speech = _SPEECH.match(narration, start)
        reported = bool(speech and not continues and _REPORTED_CLAUSE.match(narration, speech.end()))
        if reported:
            speech = None  # “…” I said I was sure of this: reported speech, not this quote's speaker
        owned = _OWNED_AFTER.match(narration)
        tag = tag or (self._tag(owned, offset, speech=True, mid_sentence=True) if owned else None)
        tag = tag or (self._tag(speech, offset, speech=True, mid_sentence=continues) if speech else None)
        if tag is None and _OPEN_QUOTE_END.search(quote):
            any_verb = _ANY_VERB_INVERTED.match(narration)
            tag = self._tag(any_verb, offset, speech=True) if any_verb else None
        if tag:
            return tag
        beat = _BEAT.match(narration, start)
        if beat is None or beat["verb"] in ("and", "or", "of", "nor") or reported:
            return None
        return self._tag(beat, offset, speech=continues, mid_sentence=continues)

    def before(self, narration: str, offset: int) -> Tag | None:
        """The tag in the last sentence of ``narration``, which runs up to a quote.

        A speech verb in a sentence left open (``He finally offered,``,
        ``Holmes said:``) is a tag; else a sentence's subject is a beat.
        """
        sentence_start = max(0, len(narration) - LAST_SENTENCE_CHARS)
        for match in _SENTENCE_END.finditer(narration, sentence_start):
            if match.end() < len(narration):
                sentence_start = match.end()
        sentence = narration[sentence_start:]
        if not sentence.strip():
            return None
        lead = _CLAUSE_LEAD.match(sentence)
        subject_at = sentence_start + (lead.end() if lead else 0)
        beat = _BEAT.match(narration, subject_at)
        if _OPEN_ENDED.search(sentence):
            for match in reversed(list(_SPEECH.finditer(narration, sentence_start))):
                tag = self._tag(match, offset, speech=True)
                if tag:
                    return tag
            subject = _SENTENCE_SUBJECT.match(narration, subject_at)
            coordinated = subject and _COORDINATED_SPEECH.search(narration, subject.end())
            tag = self._tag(subject, offset, speech=True) if subject and coordinated else None
            tag = tag or self._tag_ending_sentence(narration, sentence_start, offset)
            if tag:
                return tag
        return self._tag(beat, offset, speech=False) if beat else None

    def _tag_ending_sentence(self, narration: str, sentence_start: int, offset: int) -> Tag | None:
        """A sentence that ends on a tag naming its speaker away from its verb: inverted (``thus spoke
        Nell:``), owned (``Elizabeth’s reply was,``), or after clauses (``Nell, who had taken up her
        knitting, leaned over and remarked to Hector:``: the last name or pronoun before the verb that is
        no object and opens no subordinate clause)."""
        for pattern in (_INVERTED_BEFORE, _OWNED_BEFORE):
            match = pattern.search(narration, sentence_start)
            tag = self._tag(match, offset, speech=True) if match else None
            if tag:
                return tag
        ending = _SENTENCE_TAG.search(narration, sentence_start)
        if ending is None:
            return None
        for match in reversed(list(_SUBJECT_CANDIDATE.finditer(narration, sentence_start, ending.start()))):
            previous = _WORD.findall(narration, sentence_start, match.start())[-1:]
            owned = narration.startswith(("'s", "’s"), match.end())
            if owned or (previous and previous[0].lower() in _NOT_A_SUBJECT_AFTER):
                continue
            tag = self._tag(match, offset, speech=True)
            if tag:
                return tag
        return None

    def _tag(
        self, match: re.Match[str], offset: int, *, speech: bool, mid_sentence: bool = False, inverted: bool = False
    ) -> Tag | None:
        """The tag ``match`` found; ``mid_sentence``: any capitalised word there is a name (``said Small``);
        ``inverted``: the verb came first (``said a Voice``)."""
        who = match["who"]
        kind = self._kind(who, mid_sentence, speech, inverted)
        if kind is None:
            return None
        return Tag(" ".join(who.split()), kind, speech, offset + match.start("who"))

    def _kind(self, who: str, mid_sentence: bool, speech: bool, inverted: bool) -> Who | None:
        """What ``who`` is, or None if it names no one. After a speech verb any noun phrase speaks
        (``said the mariner``, ``said a Voice``); else, and after a possessive, only a person noun (not
        ``an impressive whisper``, ``his house he always said``)."""
        words = who.split()
        if who == "I":
            return Who.NARRATOR
        if who.lower() in ("he", "she"):
            return Who.PRONOUN
        determiner = words[0].lower()
        if determiner in ("the", "a", "an", "his", "her", "my", "our", "their"):
            if len(words) == 1:
                return None
            noun = words[words.index("with") - 1] if "with" in words else words[-1]
            any_noun = speech and (determiner == "the" or (inverted and determiner in ("a", "an")))
            if any_noun or noun.lower() in PERSON_NOUNS or noun in self._name_words:
                return Who.DESCRIPTION
            return None
        particles = NAME_PARTICLES.split("|")
        name_words = [word for word in words if word.lower().rstrip(".") not in TITLE_GENDER and word not in particles]
        known = name_words and (name_words[0] in self._name_words or mid_sentence)
        if known and name_words[0] not in NOT_NAMES:
            return Who.NAME
        return None

    def vocatives(self, quote: str) -> list[str]:
        """Names addressed in ``quote``: ``“Stiles, …”``, ``“…, Derek.”``, ``“my dear Watson”``."""
        found: list[str] = []
        if not any(word in self._name_words for word in _CAPITALISED_WORD.findall(quote)):
            return found
        for match in _VOCATIVE.finditer(quote):
            name = " ".join(match["name"].split())
            if name.split()[-1] in self._name_words:
                found.append(name)
        return found


_CAPITALISED_WORD = re.compile(NAME_WORD)
_VOCATIVE = re.compile(
    rf"(?:^[“\"‘]|[,!?;—]\s*|\b(?:[Dd]ear|[Oo]h|O)\s+)(?P<name>{_NAME})(?=\s*(?:[,!?.;—]|[”\"’]$))"
)



def describe(who: str) -> str | None:
    """The description a tag gives a speaker, as a character's name (``the old sailor``, from ``The old
    sailor with a weary shrug``); None for a group (``the others``, ``the soldiers``)."""
    words = who.split()
    if "with" in words:
        words = words[: words.index("with")]
    noun = words[-1].lower()
    plural = noun.endswith("s") and not noun.endswith(("ss", "us", "is")) and noun[:-1] not in ANAPHORIC_NOUNS
    if noun in GROUP_NOUNS or (plural and noun not in ANAPHORIC_NOUNS):
        return None
    if noun.rstrip("s") in ANAPHORIC_NOUNS or (len(words) > 2 and words[1].lower() in ANAPHORIC_NOUNS):
        return f"the {words[1].lower()}"
    description = " ".join(words)
    return description[0].lower() + description[1:]
