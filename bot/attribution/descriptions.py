"""Descriptions that name one character: ``said her aunt``, ``the young man replied``.

A novel keeps calling one person by the same description: in a book where "her aunt" is always the
heroine's aunt, each ``said her aunt`` is that character, not an unnamed stranger. Where such a tag
stands in a back-and-forth, the turns around it say who speaks: the speaker before last (the
conversation alternates), the speaker two turns later (read back from the turns after it), or the
person the last turn addressed by name. Each such expectation is a vote for a named character of the
description's gender (or for the description itself, when the turns around it expect it to speak
again); a description whose votes clearly go to one character is that character
throughout the work (read again in a second pass). A description heard once, or whose votes split,
stays unnamed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Speaker = TypeVar("Speaker", bound=Hashable)

MIN_VOTES = 2
"""Votes a description needs before it names a character."""
MIN_SHARE = 0.5
"""The share of a description's votes its winner needs."""


@dataclass(frozen=True, slots=True)
class Said(Generic[Speaker]):
    """One turn for the vote: its paragraph, its speaker, whether that speaker is only a description
    read from the turn's tag, and whom the turn addresses by name."""

    paragraph: int
    speaker: Speaker | None
    described: bool
    addressed: tuple[Speaker, ...] = ()


def learn(turns: Sequence[Said[Speaker]], gap: int, fits: Callable[[Speaker, Speaker], bool]) -> dict[Speaker, Speaker]:
    """Each described speaker of ``turns`` that the conversations around its tags name clearly, and the
    character it names. ``fits(description, candidate)``: the candidate may be that description (a
    named person of an agreeing gender). Turns more than ``gap`` paragraphs of narration apart are
    different conversations."""
    votes: dict[Speaker, Counter[Speaker]] = {}
    for index, turn in enumerate(turns):
        if not turn.described or turn.speaker is None:
            continue
        for candidate in _expected(turns, index, gap):
            if candidate == turn.speaker or fits(turn.speaker, candidate):
                votes.setdefault(turn.speaker, Counter())[candidate] += 1
    learnt = {}
    for description, counted in votes.items():
        winner, count = counted.most_common(1)[0]
        if winner != description and count >= MIN_VOTES and count >= MIN_SHARE * counted.total():
            learnt[description] = winner
    return learnt


def _expected(turns: Sequence[Said[Speaker]], index: int, gap: int) -> set[Speaker]:
    """Who the turns around ``turns[index]`` expect to speak it (each counted once)."""
    def near(a: int, b: int) -> bool:
        return 0 <= a and b < len(turns) and turns[b].paragraph - turns[a].paragraph <= gap + 1

    expected = set()
    if index >= 2 and near(index - 2, index - 1) and near(index - 1, index):
        expected.add(_other(turns[index - 2].speaker, turns[index - 1].speaker))
    if near(index, index + 1) and near(index + 1, index + 2):
        expected.add(_other(turns[index + 2].speaker, turns[index + 1].speaker))
    if index >= 1 and near(index - 1, index):
        last = turns[index - 1]
        expected.update(c for c in last.addressed if c != last.speaker)
    expected.discard(None)
    return expected  # type: ignore[return-value]


def _other(speaker: Speaker | None, between: Speaker | None) -> Speaker | None:
    """``speaker`` when the turn between it and the one voted on is someone else's."""
    return speaker if speaker is not None and between is not None and speaker != between else None
