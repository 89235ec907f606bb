"""Turns of speech as they are read, and what the conversation going on expects next.

A turn is a paragraph with quotes. Turns in consecutive paragraphs are one conversation (at most
:data:`CONVERSATION_GAP` paragraphs of narration between them); in a back-and-forth between two
people the speaker before last is expected to speak again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.attribution.characters import Character
from bot.attribution.quotes import Quote

CONVERSATION_GAP = 0
"""Paragraphs of narration that may pass between two turns of one conversation: none (on the
development half, 0 beats 1, 2 and 3: a paragraph of narration mostly moves the scene on)."""


@dataclass(slots=True)
class Turn:
    """One paragraph's quotes, each with its speaker, the rule that named it and how sure it is,
    and the characters its quotes address by name (never taken as its speaker by inference)."""

    paragraph: int
    quotes: list[Quote]
    speakers: list[Character | None] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    vocatives: list[Character] = field(default_factory=list)

    @property
    def speaker(self) -> Character | None:
        return next((s for s in self.speakers if s is not None), None)


@dataclass(slots=True)
class TurnHistory:
    """The turns read so far, in reading order, and every character heard speaking in them."""

    turns: list[Turn] = field(default_factory=list)
    speakers: set[Character] = field(default_factory=set)

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)
        self.speakers.update(speaker for speaker in turn.speakers if speaker)

    def recent(self, paragraph: int) -> tuple[Turn | None, Turn | None]:
        """The last two turns of the conversation going on at ``paragraph``, if any."""
        turns = self.turns
        last = turns[-1] if turns and paragraph - turns[-1].paragraph <= CONVERSATION_GAP + 1 else None
        before_last = turns[-2] if last and len(turns) > 1 else None
        if before_last and last and last.paragraph - before_last.paragraph > CONVERSATION_GAP + 1:
            before_last = None
        return last, before_last

    def alternating(self, paragraph: int) -> Character | None:
        """Who speaks at ``paragraph`` if the last two turns alternate (the speaker before last), else None."""
        last, before_last = self.recent(paragraph)
        if last and before_last and last.speaker and before_last.speaker and last.speaker is not before_last.speaker:
            return before_last.speaker
        return None

    def other_party(self, paragraph: int) -> Character | None:
        """``said the other``: the one of the two last speakers who did not speak last."""
        last, before_last = self.recent(paragraph)
        if last and before_last and last.speaker is not before_last.speaker:
            return before_last.speaker
        return None

    def is_person(self, character: Character) -> bool:
        """A character known to be a person: the text shows a gender, a description, or speech."""
        return character.person and (
            character.gender is not None or character.described or character in self.speakers
        )
