"""Dialogue: double-quoted speech in a paragraph, and a cautious guess at who speaks it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from bot.text.blocks import Span
from bot.text.outline import Section
from bot.text.sentences import sentence_spans

_QUOTE_MARK = re.compile(r"[“”\"]")


def quote_spans(paragraph: str) -> list[Span]:
    """Spans of double-quoted speech, quotes included.

    A quote still open at the end of the paragraph runs to its end (the
    convention for speech continuing into the next paragraph).
    """
    spans: list[Span] = []
    opened_at: int | None = None
    for match in _QUOTE_MARK.finditer(paragraph):
        mark, position = match.group(), match.start()
        if opened_at is None:
            if mark != "”":
                opened_at = position
        elif mark != "“":
            spans.append((opened_at, position + 1))
            opened_at = None
    if opened_at is not None and opened_at < len(paragraph) - 1:
        spans.append((opened_at, len(paragraph)))
    return spans


_PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}
_PERSON_NOUN_GENDER: dict[str, str | None] = {
    "woman": "f",
    "lady": "f",
    "girl": "f",
    "mother": "f",
    "wife": "f",
    "maid": "f",
    "landlady": "f",
    "nurse": "f",
    "man": "m",
    "gentleman": "m",
    "boy": "m",
    "father": "m",
    "husband": "m",
    "landlord": "m",
    "coachman": "m",
    "count": "m",
    "stranger": None,
    "driver": None,
    "being": None,
    "creature": None,
    "monster": None,
    "doctor": None,
    "professor": None,
    "captain": None,
    "child": None,
    "servant": None,
    "sheriff": None,
    "officer": None,
    "attendant": None,
    "keeper": None,
}
_SPEECH_VERBS = frozenset(
    "say said says ask asked asks speak spoke answered replied cried exclaimed whispered "
    "muttered murmured mumbled shouted yelled screamed called continued added began went "
    "interrupted cut returned resumed observed remarked stated explained questioned "
    "repeated echoed offered corrected argued retorted uttered commented demanded inquired "
    "enquired urged pleaded begged insisted agreed suggested declared announced admitted "
    "warned promised snapped growled hissed breathed sighed laughed sobbed groaned gasped "
    "stammered responded "
    # present tense, for stories told in it ("To which Stiles responds with, …")
    "responds replies answers whispers murmurs mutters cries calls shouts adds continues "
    "begins interrupts repeats echoes offers argues insists explains".split()
)
_UNRESOLVABLE_PRONOUNS = frozenset({"i", "we", "they"})
_WHO = (
    r"(?P<who>(?:he|she|He|She|I|we|We|they|They)\b"
    r"|[Tt]he\s+(?:old\s+|young\s+)?[A-Za-z]+\b"
    r"|(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b)"
)
# "Derek started", "the woman kindly explained", "The woman, unfortunately, frowned"
_SUBJECT = re.compile(rf"[\s,]*{_WHO}(?:\s*,)?(?P<words>(?:\s+[a-z]+){{0,2}})")
_NOT_A_PREDICATE = frozenset({"and", "or", "nor", "of"})
# "said Lydia", "interrupted the being"
_VERB_FIRST = re.compile(rf"[\s,]*(?P<verb>[a-z]+)\s+{_WHO}")
# a quote cut off mid-sentence: “I’m looking for the Stilinskis,” / “Old Sheriff …”
_QUOTE_CONTINUES = re.compile(r"[,;:—–…-][”\"]?$")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;]\s)[A-Z][a-z]+\b")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
_CLAUSE_AFTER_CAPITAL = re.compile(r"\b([A-Z][a-z]+)\s+[a-z][^.!?;:“”\"]*")
_THIRD_PERSON_PRONOUN = re.compile(r"\b(?:he|him|his|himself|she|her|hers|herself)\b")


class SpeakerGuesser:
    """Reads the narration around quotes to name their speakers.

    In order of trust: a speech tag right after the quote (``“…,” Lydia
    stated``, ``said the Professor``), the subject of the narration just
    before it (``Derek stared at her. “Was?”``), the previous speaker in the
    same paragraph. "he"/"she" are resolved cautiously (see :meth:`_resolve`);
    anything unsure gives ``None``.

    Two things are learnt from the work first: which capitalised words are
    names (see :func:`_learn_names`), and each name's likely gender (the
    pronouns in clauses the name starts).
    """

    def __init__(self, names: frozenset[str], genders: dict[str, str]) -> None:
        self._names = names
        self._genders = genders

    @classmethod
    def learn(cls, text: str, sections: list[Section]) -> SpeakerGuesser:
        spans = (span for section in sections for span in section.paragraphs)
        story = "\n\n".join(text[start:end] for start, end in spans)
        names = _learn_names(story)
        votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        for clause in _CLAUSE_AFTER_CAPITAL.finditer(story):
            pronoun = _THIRD_PERSON_PRONOUN.search(clause.group())
            if pronoun and clause.group(1) in names:
                votes[clause.group(1)][_PRONOUN_GENDER[pronoun.group()]] += 1
        genders = {name: _clear_majority(tally) for name, tally in votes.items()}
        return cls(names, {name: gender for name, gender in genders.items() if gender})

    def speakers(self, paragraph: str, quotes: list[Span]) -> list[str | None]:
        """The speaker of each quote in ``paragraph`` (same order), or ``None``."""
        if not quotes:
            return []
        found: list[str | None] = []
        subjects: list[str | None] = []  # each clause's subject so far; None = not a person
        narration_start = 0
        narration_ends = [start for start, _ in quotes[1:]] + [len(paragraph)]
        for (start, end), narration_end in zip(quotes, narration_ends, strict=True):
            quote = paragraph[start:end]
            before = paragraph[narration_start:start]
            after = paragraph[end:narration_end]
            subjects.extend(self._clause_subjects(before))
            who = self._tag_after(quote, after) or self._speaker_before(before)
            if who is None:
                speaker = found[-1] if found else None
            else:
                speaker = self._resolve(who, subjects)
            found.append(speaker)
            if speaker:
                subjects.append(speaker)
            narration_start = end
        return found

    def _tag_after(self, quote: str, narration: str) -> str | None:
        """A speech tag right after the quote: ``said Lydia``, ``Derek started``.

        A name followed by a non-speech verb only counts when the quote breaks
        off mid-sentence: after ``“Arthur! …” Arthur bent over her`` the
        speaker is someone else.
        """
        inverted = _VERB_FIRST.match(narration)
        if inverted and inverted["verb"] in _SPEECH_VERBS:
            return self._speaker_of(quote, inverted["who"])
        subject = _SUBJECT.match(narration)
        if subject is None or not _is_clause_subject(subject):
            return None
        if _speaks(subject) or _QUOTE_CONTINUES.search(quote):
            return self._speaker_of(quote, subject["who"])
        return None

    def _speaker_of(self, quote: str, who: str) -> str | None:
        """``who`` as a speaker — unless it is a name said in the quote itself."""
        person = self._person(who)
        if person and person[0].isupper():
            name_pattern = rf"\b{re.escape(person.split()[-1])}\b"
            return None if re.search(name_pattern, quote) else person
        return person

    def _speaker_before(self, narration: str) -> str | None:
        """Who speaks, judging by the last sentence of the narration before a
        quote: its last ``<who> <speech verb>`` (``… as I cried out:``), else
        its subject (``Derek stared at her in owl-eyed shock.``)."""
        last_sentence = _clause_starts(narration)[-1]
        saying = [
            match
            for match in _SUBJECT.finditer(narration, last_sentence)
            if _is_clause_subject(match) and _speaks(match)
        ]
        if saying:
            return self._person(saying[-1]["who"])
        return self._clause_subject(narration, last_sentence)

    def _clause_subjects(self, narration: str) -> Iterator[str | None]:
        for start in _clause_starts(narration):
            yield self._clause_subject(narration, start)

    def _clause_subject(self, narration: str, start: int) -> str | None:
        subject = _SUBJECT.match(narration, start)
        return self._person(subject["who"]) if subject and _is_clause_subject(subject) else None

    def _person(self, who: str) -> str | None:
        """Normalise a subject: a pronoun (lower case), a known name, or
        "the <person noun>"; anything else (``The door``) is ``None``."""
        words = who.split()
        if len(words) == 1 and words[0].lower() in ("he", "she", *_UNRESOLVABLE_PRONOUNS):
            return words[0].lower()
        if words[0].lower() == "the":
            noun = words[-1]
            is_person = noun.lower() in _PERSON_NOUN_GENDER or noun in self._names
            return " ".join(["the", *words[1:]]) if is_person else None
        if words[0] in ("Mr.", "Mrs.", "Ms.", "Dr."):
            return " ".join(words) if all(word in self._names for word in words[1:]) else None
        if words[0] not in self._names:
            return None
        return " ".join(words) if all(word in self._names for word in words) else words[0]

    def _resolve(self, who: str, subjects: list[str | None]) -> str | None:
        """Names pass through; ``he``/``she`` follow the chain of clause
        subjects back (past repeats of the same pronoun) to the nearest other
        subject, which must be a name of that gender; else ``None``."""
        if who in _UNRESOLVABLE_PRONOUNS:
            return None
        if who not in ("he", "she"):
            return who
        wanted_gender = _PRONOUN_GENDER[who]
        for subject in reversed(subjects):
            if subject != who:
                return subject if subject and self._gender(subject) == wanted_gender else None
        return None

    def _gender(self, person: str) -> str | None:
        last_word = person.split()[-1]
        return self._genders.get(last_word) or _PERSON_NOUN_GENDER.get(last_word.lower())


def _learn_names(story: str) -> frozenset[str]:
    """Capitalised words that are names: seen capitalised mid-sentence more
    often than in lower case, or seen capitalised twice and never in lower case."""
    lower_case = Counter(_LOWER_WORD.findall(story))
    mid_sentence = Counter(_MID_SENTENCE_CAPITAL.findall(story))
    anywhere = Counter(_CAPITALISED_WORD.findall(story))

    def is_name(word: str, count: int) -> bool:
        in_lower_case = lower_case[word.lower()]
        return mid_sentence[word] > in_lower_case or (count >= 2 and not in_lower_case)

    return frozenset(word for word, count in anywhere.items() if is_name(word, count))


def _is_clause_subject(match: re.Match[str]) -> bool:
    """The matched words start a clause (``Derek stared``, ``The woman,
    unfortunately, frowned``), rather than a possessive or a list
    (``Derek’s hands``, ``Derek and Stiles``, ``Elizabeth, and said``)."""
    words = match["words"].split()
    return bool(words) and words[0] not in _NOT_A_PREDICATE


def _speaks(subject: re.Match[str]) -> bool:
    """One of the (up to two) words after the subject is a speech verb."""
    return any(word in _SPEECH_VERBS for word in subject["words"].split())


def _clause_starts(narration: str) -> list[int]:
    """Where the narration's sentences start."""
    return [start for start, _ in sentence_spans(narration, protect_italics=False)]


def _clear_majority(tally: Counter[str]) -> str | None:
    """The gender with at least two votes and twice the other's, if any."""
    ranked = tally.most_common()
    leader, votes = ranked[0]
    runner_up_votes = ranked[1][1] if len(ranked) > 1 else 0
    return leader if votes >= 2 and votes >= 2 * runner_up_votes else None
