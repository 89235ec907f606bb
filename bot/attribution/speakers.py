"""Who speaks each quote: speech tags first, then the flow of the conversation.

For each paragraph with quotes, in reading order:

1. **Explicit tags** on either side of a quote (``“…,” Lydia stated``,
   ``said the Professor``, ``Holmes said:``), including a beat that
   interrupts a quote (``“Stiles,” Lydia hesitated, “Look …”``). The other
   quotes of the paragraph share the tagged speaker (one speaker per paragraph).
2. **Anaphoric tags**: ``he said`` / ``she said`` go to a character of that
   gender, preferring one named earlier in the paragraph, then the other party
   of the conversation, then the most recently mentioned; ``I said`` to the
   first-person narrator.
3. **Continued speeches**: a paragraph opening with a quote after a paragraph
   whose quote never closed is the same speech.
4. **Beats**: the subject of the narration leading into the quote
   (``Derek stared at her. “Was?”``), or acting right after it.
5. **Alternation**: in a back-and-forth (turns in consecutive paragraphs: a
   paragraph of narration ends the conversation), the speaker before last
   speaks again; else the person addressed by name in the last turn; else the
   person named nearest before the quote. Turns are then read back from the
   turns after them too (:mod:`bot.attribution.conversation`).

A description in a tag (``said the young man``) is the party of the
conversation expected to speak when its gender agrees (``said a voice``: whatever
its gender); else an unnamed speaker. A kinship description (``said her mother``,
``said Daisy's mamma``) is the relative the family's names show
(:mod:`bot.attribution.kinship`); a description the conversations around its tags
keep naming as one character is that character, in a second reading
(:mod:`bot.attribution.descriptions`). Untagged quotes sharing a tagged quote's
paragraph take its speaker under their own rule (``…, shared``): less sure.

A name addressed inside a quote (a vocative) is never taken as its speaker
from a beat or from alternation.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from bot.attribution.calibration import MEASURED_CALIBRATION, Calibration
from bot.attribution.characters import (
    NARRATOR,
    Character,
    CharacterList,
    build_characters,
)
from bot.attribution.conversation import Slot, confirmed_later, read_backwards
from bot.attribution.descriptions import Said, learn
from bot.attribution.kinship import kin_noun, relative
from bot.attribution.lexicon import ANAPHORIC_NOUNS, SPEECH_VERB_PATTERN
from bot.attribution.mentions import MentionTimeline
from bot.attribution.quotes import Quote, Span, find_quotes, paragraph_spans
from bot.attribution.tags import Tag, TagReader, Who, describe

AGREEING = frozenset({
    "named tag", "described tag", "described tag, learnt", "described tag, kin", "pronoun tag, sole candidate", "pronoun tag", "beat", "pronoun tag, recent",
    "continued speech", "addressee", "nearest name",
})
"""Rules whose answer is checked against the alternation of the conversation (", agreed" / ", disputed")."""
QUOTE_TYPE = {
    "named tag": "explicit", "described tag": "explicit",
    "narrator tag": "anaphoric", "narrator tag, unnamed": "anaphoric",
    "described tag, conversation": "anaphoric", "described tag, learnt": "anaphoric",
    "described tag, kin": "anaphoric",
}
BACKWARD_RULES = frozenset({"alternation", "nearest name"})
"""Rules whose turns are read again back from the turns after them (:mod:`bot.attribution.conversation`)."""
GUESSES = frozenset({"nearest name"})
"""Rules whose answer gives way to that backward reading."""
MIN_CONFIDENCE = 0.3
DESCRIBED_CEILING = 0.8
"""An unnamed speaker (``the woman``, an unnamed first-person ``the narrator``) may be a named
character readers know by name (in letters and journals, each entry's writer): however sure
the tag, it is never shown as a fact (below :data:`~bot.attribution.calibration.SHOWN_CONFIDENCE`)."""
CONVERSATION_GAP = 0
"""Paragraphs of narration that may pass between two turns of one conversation: none (on the
development half, 0 beats 1, 2 and 3: a paragraph of narration mostly moves the scene on)."""
RECENT_PARAGRAPHS = 8
TERM_WORDS = 4
TAG_SENTENCE_CHARS = 80
"""How long the narration between two quotes of a paragraph may be and still be only the first
one's tag (``, Lydia answered, clearly not comfortable enough to repeat them.``)."""
_INTRODUCES = re.compile(r"(?:[:,]\s*(?:--|—)?|--|—)\s*$")
_RUN_IN = re.compile(rf"\b(?!{SPEECH_VERB_PATTERN})[a-z]+\s+\Z")
_ENDS_AS_SPEECH = re.compile(r"[,!?;—–-]$")
_SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]*\s")
_POSSESSIVE = re.compile(r"(?:['’]s|\s+s)\s+(?:[a-z][\w-]*\s+)?(?P<noun>[a-z][\w-]*)")
"""A name in a tag that owns its speaker (``said Daisy’s mamma``, ``Margaret’s young man``)."""


@dataclass(frozen=True, slots=True)
class Utterance:
    """One quote: its offsets in the original text (``start`` is the opening quotation mark), its
    speaker's name or description (None if unknown), how sure the attribution is, and why."""

    start: int
    end: int
    text: str
    speaker: str | None
    confidence: float
    quote_type: str
    """"explicit", "anaphoric" or "implicit": the kind of evidence that named the speaker."""
    rule: str


@dataclass(slots=True)
class _Turn:
    paragraph: int
    quotes: list[Quote]
    speakers: list[Character | None] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    vocatives: list[Character] = field(default_factory=list)

    @property
    def speaker(self) -> Character | None:
        return next((s for s in self.speakers if s is not None), None)


def attribute(
    text: str,
    characters: CharacterList | None = None,
    paragraphs: list[Span] | None = None,
    calibration: Calibration = MEASURED_CALIBRATION,
) -> list[Utterance]:
    """Every quoted utterance in ``text`` with its speaker (see the module's docstring for the rules);
    a word or two quoted inside a sentence is not an utterance.

    ``paragraphs`` are spans of ``text`` to read (default: split at blank lines); ``calibration``
    turns each answer's evidence into its confidence (the benchmark measures others).
    """
    paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
    characters = characters or build_characters(text, paragraphs)
    return _Attributor(text, characters, paragraphs, calibration).run()


class _Attributor:
    def __init__(self, text: str, characters: CharacterList, paragraphs: list[Span], calibration: Calibration) -> None:
        self._text = text
        self._calibration = calibration
        self._characters = characters
        self._paragraphs = paragraphs
        self._reader = TagReader(characters.name_words | {second for _, second in characters.name_pairs})
        self._quotes = find_quotes(text, paragraphs)
        self._quote_starts = [quote.start for quote in self._quotes]
        self._mentions = MentionTimeline(text, characters, paragraphs, self._quotes, self._reader)
        self._turns: list[_Turn] = []
        self._speakers: set[Character] = set()
        self._learnt: dict[Character, Character] = {}

    def run(self) -> list[Utterance]:
        self._read_forwards_and_back()
        self._learnt = learn(
            [Said(t.paragraph, t.speaker, _described_rule(t), tuple(t.vocatives)) for t in self._turns],
            CONVERSATION_GAP,
            self._may_be,
        )
        if self._learnt:  # read again, each learnt description now its character
            self._turns, self._speakers = [], set()
            self._mentions = MentionTimeline(self._text, self._characters, self._paragraphs, self._quotes, self._reader)
            self._read_forwards_and_back()
        self._fit_to_work()
        return [utterance for turn in self._turns for utterance in self._utterances(turn)]

    def _read_forwards_and_back(self) -> None:
        by_paragraph: dict[int, list[Quote]] = {}
        for quote in self._quotes:
            if not self._is_term(quote):
                by_paragraph.setdefault(quote.paragraph, []).append(quote)
        for paragraph, quotes in by_paragraph.items():
            turn = _Turn(paragraph, quotes)
            turn.vocatives = self._vocatives(quotes)
            self._attribute_turn(turn)
            self._turns.append(turn)
            self._speakers.update(speaker for speaker in turn.speakers if speaker)
            if turn.speaker is not None and turn.speaker.gender is not None:
                self._mentions.remember(quotes[0].start, turn.speaker, subject=False)
        self._read_turns_backwards()

    def _calibrated(self, rule: str) -> float:
        return self._calibration.confidence(rule)

    def _fit_to_work(self) -> None:
        """Every confidence moved by how often this work's tags and turn-taking agree
        (:meth:`~bot.attribution.calibration.Calibration.for_work`)."""
        rules = [rule for turn in self._turns for rule in turn.rules]
        agreed, disputed = sum(", agreed" in r for r in rules), sum(", disputed" in r for r in rules)
        for turn in self._turns:
            turn.confidences = [self._calibration.for_work(c, agreed, disputed) for c in turn.confidences]

    def _read_turns_backwards(self) -> None:
        """Alternating turns read back from the tag after them where it is nearer (see
        :mod:`bot.attribution.conversation`)."""
        turns = self._turns
        slots = [
            Slot(turn.paragraph, turn.speaker, base_rule(turn.rules[0]) in BACKWARD_RULES, base_rule(turn.rules[0]) in GUESSES)
            for turn in turns
        ]
        for revision in read_backwards(slots, CONVERSATION_GAP, lambda i, s: s in turns[i].vocatives):
            turn = turns[revision.index]
            if revision.speaker is turn.speaker and not revision.both_ways:
                continue
            rule = "alternation, both ways" if revision.both_ways else "alternation, backward"
            count = len(turn.quotes)
            turn.speakers, turn.rules, turn.confidences = [revision.speaker] * count, [rule] * count, [self._calibrated(rule)] * count
        slots = [Slot(turn.paragraph, turn.speaker, False) for turn in turns]
        for turn, confirmed in zip(turns, confirmed_later(slots, CONVERSATION_GAP), strict=True):
            if not confirmed:
                continue
            for index, rule in enumerate(turn.rules):
                if rule.startswith("alternation") or turn.speakers[index] is not turn.speaker:
                    continue
                turn.rules[index] = f"{rule}, confirmed"
                turn.confidences[index] = self._calibrated(turn.rules[index])

    def _is_term(self, quote: Quote) -> bool:
        """A word or two quoted inside a sentence (``which they call “impletata.”``, ``an unusual amount
        of “tripping” both``) rather than speech: short, run into the narration without a comma or colon."""
        inner = self._text[quote.start + 1 : quote.end - (1 if quote.closed else 0)].strip()
        paragraph_start = self._paragraphs[quote.paragraph][0]
        run_in = _RUN_IN.search(self._text, max(paragraph_start, quote.start - 20), quote.start)
        return bool(run_in) and len(inner.split()) <= TERM_WORDS and not _ENDS_AS_SPEECH.search(inner)

    # -- the rules -----------------------------------------------------------------

    def _attribute_turn(self, turn: _Turn) -> None:
        expected = self._alternating(turn)
        self._attribute_by_rules(turn)
        if expected is None:
            return
        for index, (speaker, rule) in enumerate(zip(turn.speakers, turn.rules, strict=True)):
            if rule in AGREEING and speaker is not None:
                turn.rules[index] = f"{rule}, {'agreed' if speaker is expected else 'disputed'}"
                turn.confidences[index] = self._calibrated(turn.rules[index])

    def _alternating(self, turn: _Turn) -> Character | None:
        """Who speaks now if the last two turns alternate (the speaker before last), else None."""
        last, before_last = self._recent_turns(turn.paragraph)
        if last and before_last and last.speaker and before_last.speaker and last.speaker is not before_last.speaker:
            return before_last.speaker
        return None

    def _attribute_by_rules(self, turn: _Turn) -> None:
        explicit = [self._explicit(turn, index) for index in range(len(turn.quotes))]
        if any(found for found in explicit):
            self._share_within_paragraph(turn, explicit)
            return
        found = self._continued(turn) or self._beat(turn) or self._conversation(turn)
        speaker, rule = found if found else (None, "unknown")
        turn.speakers = [speaker] * len(turn.quotes)
        turn.rules = [rule] * len(turn.quotes)
        if rule == "continued speech":
            confidence = min(self._calibrated(rule), *self._turns[-1].confidences)
        else:
            confidence = self._calibrated(rule) if speaker else 0.0
        turn.confidences = [max(confidence, MIN_CONFIDENCE) if speaker else 0.0] * len(turn.quotes)

    def _explicit(self, turn: _Turn, index: int) -> tuple[Character, str] | None:
        quote = turn.quotes[index]
        paragraph_start, paragraph_end = self._paragraphs[turn.paragraph]
        before_start = turn.quotes[index - 1].end if index else paragraph_start
        after_end = turn.quotes[index + 1].start if index + 1 < len(turn.quotes) else paragraph_end
        quote_text = self._text[quote.start : quote.end]
        after = self._reader.after(quote_text, self._text[quote.end : after_end], quote.end)
        tag = after if after and after.speech else None
        if tag is None:
            before = self._reader.before(self._text[before_start : quote.start], before_start)
            tag = before if before and before.speech else None
        if tag is None and quote.start == paragraph_start:
            tag = self._introducing_tag(turn.paragraph)
        return self._resolve(tag, turn) if tag else None

    def _introducing_tag(self, paragraph: int) -> Tag | None:
        """A speech tag ending the paragraph before, to introduce the quote that opens this one
        (``… and he added:--`` / ``“Welcome to my house …”``)."""
        if paragraph == 0:
            return None
        start, end = self._paragraphs[paragraph - 1]
        index = bisect.bisect_left(self._quote_starts, end) - 1
        if index >= 0 and self._quotes[index].end > start:
            start = self._quotes[index].end
        narration = self._text[start:end]
        if not _INTRODUCES.search(narration):
            return None
        tag = self._reader.before(narration, start)
        return tag if tag and tag.speech else None

    def _share_within_paragraph(self, turn: _Turn, explicit: list[tuple[Character, str] | None]) -> None:
        """Untagged quotes take the nearest tagged quote's speaker before them, else after them (the
        rule ``…, shared``: on the development half a third of them are someone else's); a quote going
        on after its tag's clause (``“Stiles,” Lydia hesitated, “Look …”``) is the same speech."""
        first = next(found for found in explicit if found)
        current = first
        for index, found in enumerate(explicit):
            current = found or current
            rule = current[1] if found or self._goes_on(turn, index) else f"{current[1]}, shared"
            turn.speakers.append(current[0])
            turn.rules.append(rule)
            turn.confidences.append(self._calibrated(rule))

    def _goes_on(self, turn: _Turn, index: int) -> bool:
        """Whether quote ``index`` goes on after the tag of the quote before it (``“…,” said Lydia, “…”``,
        ``“…,” Lydia answered. “…”``): only that tag's sentence stands between them."""
        if index == 0:
            return False
        between = self._text[turn.quotes[index - 1].end : turn.quotes[index].start].strip()
        return len(between) <= TAG_SENTENCE_CHARS and not _SENTENCE_BREAK.search(between)

    def _continued(self, turn: _Turn) -> tuple[Character, str] | None:
        previous = self._turns[-1] if self._turns else None
        opens_paragraph = turn.quotes[0].start == self._paragraphs[turn.paragraph][0]
        follows_open_quote = previous and previous.paragraph == turn.paragraph - 1 and not previous.quotes[-1].closed
        if follows_open_quote and opens_paragraph and previous.speaker:
            return previous.speaker, "continued speech"
        return None

    def _beat(self, turn: _Turn) -> tuple[Character, str] | None:
        first, last = turn.quotes[0], turn.quotes[-1]
        paragraph_start, paragraph_end = self._paragraphs[turn.paragraph]
        tags = [
            self._reader.before(self._text[paragraph_start : first.start], paragraph_start),
            self._reader.after(self._text[last.start : last.end], self._text[last.end : paragraph_end], last.end),
        ]
        for tag in tags:
            found = self._resolve(tag, turn) if tag else None
            if found and found[0] not in turn.vocatives:
                return found[0], "beat"
        return None

    def _conversation(self, turn: _Turn) -> tuple[Character, str] | None:
        """Alternation: the speaker before last speaks again; else whoever was addressed last."""
        last, before_last = self._recent_turns(turn.paragraph)
        addressed = next((c for c in last.vocatives if c is not last.speaker), None) if last else None
        other = before_last.speaker if before_last and last and before_last.speaker is not last.speaker else None
        if addressed and addressed not in turn.vocatives and addressed is not other:
            return addressed, "addressee"
        if other and other not in turn.vocatives:
            return other, "alternation"
        last_speaker = last.speaker if last else None

        def candidate(character: Character) -> bool:
            return character is not last_speaker and character not in turn.vocatives and self._is_person(character)

        nearest = self._mentions.latest(turn.quotes[0].start, candidate)
        return (nearest, "nearest name") if nearest else None

    # -- resolving who a tag names ------------------------------------------------------

    def _resolve(self, tag: Tag, turn: _Turn) -> tuple[Character, str] | None:
        characters = self._characters
        if tag.kind is Who.NARRATOR:
            if characters.narrator is None:
                return None
            named = characters.narrator.name != NARRATOR
            return characters.narrator, "narrator tag" if named else "narrator tag, unnamed"
        if tag.kind is Who.PRONOUN:
            return self._resolve_pronoun(tag, turn)
        if tag.kind is Who.DESCRIPTION:
            description = describe(tag.who)
            if description is None:
                return None
            if description.split()[-1] in ANAPHORIC_NOUNS:
                other = self._other_party(turn)
                return (other, "pronoun tag, conversation") if other else None
            kin = self._kin(description, tag, turn)
            if kin:
                return kin, "described tag, kin"
            character = characters.find(description) or characters.add_unlisted(description, tag.offset, described=True)
            if character in self._learnt:
                self._mentions.remember(tag.offset, self._learnt[character])
                return self._learnt[character], "described tag, learnt"
            party = self._described_party(character, turn)
            if party:
                return party, "described tag, conversation"
            self._mentions.remember(tag.offset, character)
            return character, "described tag"
        possessive = _POSSESSIVE.match(self._text, tag.offset + len(tag.who))
        if possessive:  # “…,” said Daisy’s mamma: a relative of Daisy, not Daisy
            owner = characters.find_name(tag.who)
            kin = relative(possessive["noun"], owner, characters) if owner and kin_noun(f"her {possessive['noun']}") else None
            return (kin, "described tag, kin") if kin else None
        character = characters.find_name(tag.who) or characters.add_unlisted(tag.who, tag.offset, described=False)
        return character, "named tag"

    def _resolve_pronoun(self, tag: Tag, turn: _Turn) -> tuple[Character, str] | None:
        """``he said`` / ``she said``: the one character of that gender mentioned lately; else the subject
        of that gender in the quote's paragraph; else the other party of the conversation if of that
        gender; else the subject in the paragraph before, then the most recent mention."""
        gender = "m" if tag.who.lower() == "he" else "f"
        window = self._paragraphs[max(0, turn.paragraph - RECENT_PARAGRAPHS)][0]
        candidates = self._mentions.of_gender(window, tag.offset, gender)
        if len(candidates) == 1:
            return candidates.pop(), "pronoun tag, sole candidate"
        paragraph_start = self._paragraphs[turn.paragraph][0]
        lead_in = self._paragraphs[turn.paragraph - 1][0] if turn.paragraph else 0

        def fits(character: Character) -> bool:
            return character.gender == gender

        local = self._mentions.latest(tag.offset, fits, since=paragraph_start, subject=True, only_subjects=True)
        if local:
            return local, "pronoun tag"
        last, before_last = self._recent_turns(turn.paragraph)
        other = before_last.speaker if before_last else None
        if last and other and other.gender == gender and other is not last.speaker:
            return other, "pronoun tag, conversation"
        local = self._mentions.latest(tag.offset, fits, since=lead_in, subject=True, only_subjects=True)
        local = local or self._mentions.latest(tag.offset, fits, since=paragraph_start)
        if local:
            return local, "pronoun tag"
        if last is None or last.paragraph < turn.paragraph - 1:
            narrated = self._mentions.latest(tag.offset, fits, since=lead_in, subject=True)
            if narrated:
                return narrated, "pronoun tag"
        if last and other and last.speaker and other.gender not in (gender, None) and last.speaker.gender == gender:
            return last.speaker, "pronoun tag, conversation, again"  # “…,” she said. / “…,” he said: the one man
        exclude = last.speaker if last and last.paragraph == turn.paragraph - 1 else None
        recent = self._mentions.latest(tag.offset, lambda c: c.gender == gender and c is not exclude, since=window)
        recent = recent or self._mentions.latest(tag.offset, lambda c: c.gender == gender, since=window)
        recent = recent or self._mentions.latest(tag.offset, self._of_unknown_gender, since=lead_in, subject=True)
        return (recent, "pronoun tag, recent") if recent else None

    def _kin(self, description: str, tag: Tag, turn: _Turn) -> Character | None:
        """``said her mother``: the mother of the last speaker, or else of the last person mentioned,
        of the possessive's gender (see :mod:`bot.attribution.kinship`)."""
        kin = kin_noun(description)
        if kin is None:
            return None
        gender, noun = kin
        if gender is None:
            possessors = [self._characters.narrator]
        else:
            last, _ = self._recent_turns(turn.paragraph)
            window = self._paragraphs[max(0, turn.paragraph - RECENT_PARAGRAPHS)][0]
            mentioned = self._mentions.latest(tag.offset, lambda c: c.gender == gender and not c.described, since=window)
            possessors = [last.speaker if last and last.speaker and last.speaker.gender == gender else None, mentioned]
        for possessor in possessors:
            found = relative(noun, possessor, self._characters) if possessor else None
            if found:
                return found
        return None

    def _described_party(self, described: Character, turn: _Turn) -> Character | None:
        """``said the young man`` in a two-person conversation: the named party expected to speak
        (the speaker before last), when the description agrees with its gender or names no person
        (``said a voice``)."""
        expected = self._alternating(turn)
        if expected is None or expected is described or not described.described or expected.described:
            return None
        agrees = expected.gender == described.gender or (described.gender is None and not described.person)
        if not agrees or expected in turn.vocatives:
            return None
        return expected

    def _other_party(self, turn: _Turn) -> Character | None:
        """``said the other``: the one of the two last speakers who did not speak last."""
        last, before_last = self._recent_turns(turn.paragraph)
        if last and before_last and last.speaker is not before_last.speaker:
            return before_last.speaker
        return None

    # -- context ---------------------------------------------------------------------------

    def _recent_turns(self, paragraph: int) -> tuple[_Turn | None, _Turn | None]:
        """The last two turns of the conversation going on at ``paragraph``, if any."""
        turns = self._turns
        last = turns[-1] if turns and paragraph - turns[-1].paragraph <= CONVERSATION_GAP + 1 else None
        before_last = turns[-2] if last and len(turns) > 1 else None
        if before_last and last and last.paragraph - before_last.paragraph > CONVERSATION_GAP + 1:
            before_last = None
        return last, before_last

    def _may_be(self, description: Character, named: Character) -> bool:
        """Whether a described speaker may be ``named``: a named person of an agreeing gender."""
        if named.described or not self._is_person(named) or named.name == NARRATOR:
            return False
        return description.gender is None or named.gender is None or description.gender == named.gender

    def _is_person(self, character: Character) -> bool:
        """A character known to be a person: the text shows a gender, a description, or speech."""
        return character.person and (
            character.gender is not None or character.described or character in self._speakers
        )

    def _of_unknown_gender(self, character: Character) -> bool:
        """A named character whose gender the text never showed: "he" or "she" if nobody else fits."""
        return character.gender is None and not character.described and character is not self._characters.narrator

    def _vocatives(self, quotes: list[Quote]) -> list[Character]:
        found = []
        for quote in quotes:
            quote_text = self._text[quote.start : quote.end]
            for name in self._reader.vocatives(quote_text):
                character = self._characters.find_name(name)
                if character is None and _addresses_at_either_end(quote_text, name):
                    character = self._characters.add_unlisted(name, quote.start, described=False)
                if character and character not in found:
                    found.append(character)
        return found

    def _utterances(self, turn: _Turn) -> list[Utterance]:
        utterances = []
        for quote, speaker, rule, confidence in zip(
            turn.quotes, turn.speakers, turn.rules, turn.confidences, strict=True
        ):
            quote_type = QUOTE_TYPE.get(base_rule(rule), "anaphoric" if rule.startswith("pronoun") else "implicit")
            if speaker is not None and (speaker.described or speaker.name == NARRATOR):
                confidence = min(confidence, DESCRIBED_CEILING)
            utterances.append(
                Utterance(quote.start, quote.end, self._text[quote.start : quote.end],
                          speaker.name if speaker else None, round(confidence, 2), quote_type, rule)
            )
        return utterances



def _described_rule(turn: _Turn) -> bool:
    """Whether ``turn``'s speaker is an unnamed description read from its tag."""
    speaker = turn.speaker
    return bool(speaker and speaker.described and base_rule(turn.rules[0]) == "described tag")


def _addresses_at_either_end(quote: str, name: str) -> bool:
    """``“Watson, …”`` or ``“…, Watson.”``: a name only counted as addressed where it opens or
    closes the quote."""
    inner = quote.strip("“”\"‘’").strip()
    return inner.startswith(name) or inner.rstrip(",.!?;—").endswith(name)


def base_rule(rule: str) -> str:
    """A rule without its agreement with the conversation around it (``named tag, agreed, confirmed``:
    ``named tag``)."""
    return rule.removesuffix(", confirmed").removesuffix(", agreed").removesuffix(", disputed")
