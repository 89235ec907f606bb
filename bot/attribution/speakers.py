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
5. **Alternation**: in a back-and-forth, the speaker before last speaks
   again; else the person addressed by name in the last turn.

A name addressed inside a quote (a vocative) is never taken as its speaker
from a beat or from alternation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.attribution.characters import Character, CharacterList, build_characters
from bot.attribution.names import Mention, find_mentions, is_subject
from bot.attribution.quotes import (
    Quote,
    Span,
    find_quotes,
    narration_spans,
    paragraph_spans,
)
from bot.attribution.tags import Tag, TagReader, Who

CONFIDENCE = {
    "named tag": 0.97,
    "narrator tag": 0.97,
    "described tag": 0.85,
    "pronoun tag, sole candidate": 0.75,
    "pronoun tag": 0.8,
    "beat": 0.75,
    "alternation": 0.75,
    "addressee": 0.65,
    "continued speech": 0.6,
    "pronoun tag, conversation": 0.5,
    "pronoun tag, recent": 0.5,
    "nearest name": 0.4,
}
"""How far each rule is trusted: about the share it gets right on the development novels
(``run_bot.py bench speakers``); a continued speech keeps its first paragraph's if lower, and a long
alternation loses :data:`ALTERNATION_DECAY` a turn."""
QUOTE_TYPE = {"named tag": "explicit", "described tag": "explicit", "narrator tag": "anaphoric"}
ALTERNATION_DECAY = 0.04
MIN_CONFIDENCE = 0.3
CONVERSATION_GAP = 2
"""Paragraphs of narration that may pass between two turns of one conversation."""
RECENT_PARAGRAPHS = 8
_FIRST_PERSON = re.compile(r"\bI\b")


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
    text: str, characters: CharacterList | None = None, paragraphs: list[Span] | None = None
) -> list[Utterance]:
    """Every quote in ``text`` with its speaker (see the module's docstring for the rules).

    ``paragraphs`` are spans of ``text`` to read (default: split at blank lines).
    """
    paragraphs = paragraph_spans(text) if paragraphs is None else paragraphs
    characters = characters or build_characters(text, paragraphs)
    return _Attributor(text, characters, paragraphs).run()


class _Attributor:
    def __init__(self, text: str, characters: CharacterList, paragraphs: list[Span]) -> None:
        self._text = text
        self._characters = characters
        self._paragraphs = paragraphs
        self._reader = TagReader(characters.name_words)
        self._quotes = find_quotes(text, paragraphs)
        self._mentions: list[tuple[int, Character, bool]] = self._narration_mentions()
        self._turns: list[_Turn] = []
        self._chain = 0

    def run(self) -> list[Utterance]:
        by_paragraph: dict[int, list[Quote]] = {}
        for quote in self._quotes:
            by_paragraph.setdefault(quote.paragraph, []).append(quote)
        for paragraph, quotes in by_paragraph.items():
            turn = _Turn(paragraph, quotes)
            turn.vocatives = self._vocatives(quotes)
            self._attribute_turn(turn)
            self._turns.append(turn)
        return [utterance for turn in self._turns for utterance in self._utterances(turn)]

    # -- the rules -----------------------------------------------------------------

    def _attribute_turn(self, turn: _Turn) -> None:
        explicit = [self._explicit(turn, index) for index in range(len(turn.quotes))]
        if any(found for found in explicit):
            self._chain = 0
            self._share_within_paragraph(turn, explicit)
            return
        found = self._continued(turn) or self._beat(turn) or self._conversation(turn)
        speaker, rule = found if found else (None, "unknown")
        turn.speakers = [speaker] * len(turn.quotes)
        turn.rules = [rule] * len(turn.quotes)
        if rule == "continued speech":
            confidence = min(CONFIDENCE[rule], *self._turns[-1].confidences)
        elif rule == "alternation":
            confidence = CONFIDENCE[rule] - ALTERNATION_DECAY * (self._chain - 1)
        else:
            confidence = CONFIDENCE.get(rule, 0.0)
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
        return self._resolve(tag, turn) if tag else None

    def _share_within_paragraph(self, turn: _Turn, explicit: list[tuple[Character, str] | None]) -> None:
        """Untagged quotes take the nearest tagged quote's speaker before them, else after them."""
        first = next(found for found in explicit if found)
        current = first
        for found in explicit:
            current = found or current
            turn.speakers.append(current[0])
            turn.rules.append(current[1])
            turn.confidences.append(CONFIDENCE[current[1]])

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
                self._chain = 0
                return found[0], "beat"
        return None

    def _conversation(self, turn: _Turn) -> tuple[Character, str] | None:
        """Alternation: the speaker before last speaks again; else whoever was addressed last."""
        last, before_last = self._recent_turns(turn.paragraph)
        self._chain += 1
        addressed = next((c for c in last.vocatives if c is not last.speaker), None) if last else None
        other = before_last.speaker if before_last and last and before_last.speaker is not last.speaker else None
        if addressed and addressed not in turn.vocatives and addressed is not other:
            return addressed, "addressee"
        if other and other not in turn.vocatives:
            return other, "alternation"
        exclude = {last.speaker} if last else set()
        nearest = self._latest_mention(self._quote_offset(turn), lambda c: c not in exclude and
                                       c not in turn.vocatives)
        return (nearest, "nearest name") if nearest else None

    # -- resolving who a tag names ------------------------------------------------------

    def _resolve(self, tag: Tag, turn: _Turn) -> tuple[Character, str] | None:
        characters = self._characters
        if tag.kind is Who.NARRATOR:
            return (characters.narrator, "narrator tag") if characters.narrator else None
        if tag.kind is Who.PRONOUN:
            return self._resolve_pronoun(tag, turn)
        if tag.kind is Who.DESCRIPTION:
            description = tag.who[0].lower() + tag.who[1:]
            character = characters.find(description) or characters.add_unlisted(description, tag.offset, described=True)
            character.mentions += 1
            self._remember(tag.offset, character)
            return character, "described tag"
        character = characters.find_name(tag.who) or characters.add_unlisted(tag.who, tag.offset, described=False)
        return character, "named tag"

    def _resolve_pronoun(self, tag: Tag, turn: _Turn) -> tuple[Character, str] | None:
        gender = "m" if tag.who.lower() == "he" else "f"
        window = self._paragraphs[max(0, turn.paragraph - RECENT_PARAGRAPHS)][0]
        candidates = self._mentioned_since(window, tag.offset, gender)
        if len(candidates) == 1:
            return candidates.pop(), "pronoun tag, sole candidate"
        paragraph_start = self._paragraphs[turn.paragraph][0]
        lead_in = self._paragraphs[turn.paragraph - 1][0] if turn.paragraph else 0

        def fits(character: Character) -> bool:
            return character.gender == gender

        local = self._latest_mention(tag.offset, fits, since=paragraph_start, subject=True, only_subjects=True)
        local = local or self._latest_mention(tag.offset, fits, since=lead_in, subject=True, only_subjects=True)
        local = local or self._latest_mention(tag.offset, fits, since=paragraph_start)
        if local:
            return local, "pronoun tag"
        last, before_last = self._recent_turns(turn.paragraph)
        if last is None or last.paragraph < turn.paragraph - 1:
            narrated = self._latest_mention(tag.offset, lambda c: c.gender == gender, since=lead_in, subject=True)
            if narrated:
                return narrated, "pronoun tag"
        other = before_last.speaker if before_last else None
        if last and other and other.gender == gender and other is not last.speaker:
            return other, "pronoun tag, conversation"
        exclude = last.speaker if last and last.paragraph == turn.paragraph - 1 else None
        recent = self._latest_mention(tag.offset, lambda c: c.gender == gender and c is not exclude, since=window)
        recent = recent or self._latest_mention(tag.offset, lambda c: c.gender == gender, since=window)
        recent = recent or self._latest_mention(tag.offset, self._of_unknown_gender, since=lead_in, subject=True)
        return (recent, "pronoun tag, recent") if recent else None

    # -- context ---------------------------------------------------------------------------

    def _recent_turns(self, paragraph: int) -> tuple[_Turn | None, _Turn | None]:
        """The last two turns of the conversation going on at ``paragraph``, if any."""
        turns = self._turns
        last = turns[-1] if turns and paragraph - turns[-1].paragraph <= CONVERSATION_GAP + 1 else None
        before_last = turns[-2] if last and len(turns) > 1 else None
        if before_last and last and last.paragraph - before_last.paragraph > CONVERSATION_GAP + 1:
            before_last = None
        return last, before_last

    def _latest_mention(
        self,
        offset: int,
        wanted: Callable[[Character], bool],
        since: int = 0,
        subject: bool = False,
        only_subjects: bool = False,
    ) -> Character | None:
        """The character mentioned last before ``offset`` (and after ``since``) that is ``wanted``;
        with ``subject``, the last one that was the subject of its clause if any (``only_subjects``:
        or none)."""
        position = bisect.bisect_left(self._mentions, offset, key=lambda item: item[0])
        fallback = None
        for index in range(position - 1, -1, -1):
            mention_offset, character, is_subject_ = self._mentions[index]
            if mention_offset < since:
                break
            if wanted(character):
                if is_subject_ or not subject:
                    return character
                fallback = fallback or character
        return None if only_subjects else fallback

    def _of_unknown_gender(self, character: Character) -> bool:
        """A named character whose gender the text never showed: "he" or "she" if nobody else fits."""
        return character.gender is None and not character.described and character is not self._characters.narrator

    def _mentioned_since(self, since: int, offset: int, gender: str) -> set[Character]:
        """The characters of ``gender`` mentioned between ``since`` and ``offset``."""
        low = bisect.bisect_left(self._mentions, since, key=lambda item: item[0])
        high = bisect.bisect_left(self._mentions, offset, key=lambda item: item[0])
        return {character for _, character, _ in self._mentions[low:high] if character.gender == gender}

    def _remember(self, offset: int, character: Character) -> None:
        bisect.insort(self._mentions, (offset, character, True), key=lambda item: item[0])

    def _narration_mentions(self) -> list[tuple[int, Character, bool]]:
        quotes = [(quote.start, quote.end) for quote in self._quotes]
        starts = [start for start, _ in quotes]
        found = []
        for mention in self._characters.mentions or self._find_mentions():
            index = bisect.bisect_right(starts, mention.start) - 1
            if index >= 0 and mention.start < quotes[index][1]:
                continue
            character = self._characters.find(mention.form) or self._characters.find_name(mention.form)
            if character is not None:
                found.append((mention.start, character, is_subject(self._text, mention)))
        narrator = self._characters.narrator
        if narrator is not None:  # in a first-person story, "I" in the narration is the narrator
            for start, end in narration_spans(self._paragraphs, self._quotes):
                found.extend((match.start(), narrator, True) for match in _FIRST_PERSON.finditer(self._text, start, end))
            found.sort(key=lambda item: item[0])
        return found

    def _find_mentions(self) -> list[Mention]:
        names = self._characters
        return [
            mention
            for start, end in self._paragraphs
            for mention in find_mentions(self._text, names.name_words, start, end, names.name_pairs)
        ]

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

    def _quote_offset(self, turn: _Turn) -> int:
        return turn.quotes[0].start

    def _utterances(self, turn: _Turn) -> list[Utterance]:
        utterances = []
        for quote, speaker, rule, confidence in zip(
            turn.quotes, turn.speakers, turn.rules, turn.confidences, strict=True
        ):
            quote_type = QUOTE_TYPE.get(rule, "anaphoric" if rule.startswith("pronoun") else "implicit")
            utterances.append(
                Utterance(quote.start, quote.end, self._text[quote.start : quote.end],
                          speaker.name if speaker else None, round(confidence, 2), quote_type, rule)
            )
        return utterances



def _addresses_at_either_end(quote: str, name: str) -> bool:
    """``“Watson, …”`` or ``“…, Watson.”``: a name only counted as addressed where it opens or closes the quote."""
    inner = quote.strip("“”\"").strip()
    return inner.startswith(name) or inner.rstrip(",.!?;—").endswith(name)
