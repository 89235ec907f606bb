"""A server's public page as data: what it shows, built from stored records, with no Discord and no SQL.

Privacy lives here: a page holds display names and passages, never a user id;
members who asked to be hidden are "a reader". Passages beyond the server's
reading progress are marked so the page can fold them away (see :func:`beyond_progress`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.library.views import location_in
from bot.reactions.stats import Period
from bot.storage.passages import WorkOutline
from bot.storage.web_content import PlayerPoints, StoredPassage, WorkLine
from bot.text.excerpt import shorten
from bot.text.model import Passage

HIDDEN_NAME = "a reader"
"""How a member who asked not to be shown (``/web hide-me``) appears."""
PASSAGE_CHARS = 900
NAME_CHARS = 40
PERIODS: tuple[tuple[Period, str], ...] = ((Period.WEEK, "This week"), (Period.MONTH, "This month"), (Period.ALL, "All time"))
"""The periods the page ranks passages and players over, with their headings."""

ReadingProgress = Mapping[int, int]
"""Work id -> ordinal of the last paragraph the server has read (issue 21's reading progress)."""
NO_PROGRESS: ReadingProgress = {}


@dataclass(frozen=True, slots=True)
class EmojiCount:
    label: str
    votes: int


@dataclass(frozen=True, slots=True)
class PassageCard:
    """A passage as the page shows it: its words, its work, where it is, and the reactions it got."""

    text: str
    work_title: str
    where: str
    counts: tuple[EmojiCount, ...] = ()
    beyond_progress: bool = False

    @property
    def total(self) -> int:
        return sum(count.votes for count in self.counts)


@dataclass(frozen=True, slots=True)
class LovedPeriod:
    heading: str
    passages: tuple[PassageCard, ...]


@dataclass(frozen=True, slots=True)
class Leader:
    rank: int
    name: str
    points: int


@dataclass(frozen=True, slots=True)
class Leaderboard:
    heading: str
    leaders: tuple[Leader, ...]


@dataclass(frozen=True, slots=True)
class DailyPassage:
    day: date
    passage: PassageCard


@dataclass(frozen=True, slots=True)
class ServerPage:
    server_name: str
    works: tuple[WorkLine, ...]
    hall: tuple[PassageCard, ...]
    loved: tuple[LovedPeriod, ...]
    leaderboards: tuple[Leaderboard, ...]
    daily: DailyPassage | None
    map_work: str | None
    """The title of the work the reaction map shows; None when nothing has reactions yet."""
    updated: datetime


def beyond_progress(work_id: int, passage: Passage, progress: ReadingProgress) -> bool:
    """Whether ``passage`` lies past where the server has read in its work (never, without progress there).

    The hook for reading progress (issue 21): the page folds such passages behind a click.
    """
    read_to = progress.get(work_id)
    if read_to is None:
        return False
    paragraph = passage.paragraph if passage.paragraph is not None else passage.ordinal
    return paragraph > read_to


def emoji_text(key: str) -> str:
    """A stored emoji as plain text: a custom one as ``:name:`` (its image would be a request to Discord)."""
    name, _, emoji_id = key.partition(":")
    return f":{name}:" if emoji_id else key


def passage_card(
    stored: StoredPassage,
    outline: WorkOutline | None,
    counts: Counter[str] | None = None,
    progress: ReadingProgress = NO_PROGRESS,
) -> PassageCard:
    passage = stored.passage
    return PassageCard(
        text=shorten(passage.text, PASSAGE_CHARS),
        work_title=stored.work_title,
        where=where(outline, passage),
        counts=tuple(EmojiCount(emoji_text(key), votes) for key, votes in (counts or Counter()).most_common()),
        beyond_progress=beyond_progress(stored.work_id, passage, progress),
    )


def where(outline: WorkOutline | None, passage: Passage) -> str:
    """The passage's place in its work ("Chapter 3 · paragraph 2 of 40 · 12% through"), if it can be told."""
    if outline is None or passage.section not in outline.sections:
        return ""
    return str(location_in(outline, passage))


def cards(
    ranked: Iterable[tuple[int, Counter[str]]],
    passages: Mapping[int, StoredPassage],
    outlines: Mapping[int, WorkOutline],
    progress: ReadingProgress,
) -> tuple[PassageCard, ...]:
    """Cards for (passage id, counts) in order, skipping passages no longer in the server's library."""
    return tuple(
        passage_card(passages[passage_id], outlines.get(passages[passage_id].work_id), counts, progress)
        for passage_id, counts in ranked
        if passage_id in passages
    )


def leaders(rows: Sequence[PlayerPoints], hidden: frozenset[int]) -> tuple[Leader, ...]:
    """A leaderboard's rows with ranks (ties share one), hidden members as "a reader"."""
    result: list[Leader] = []
    for place, row in enumerate(rows, 1):
        rank = result[-1].rank if result and result[-1].points == row.points else place
        name = HIDDEN_NAME if row.player_id in hidden else shorten(" ".join(row.name.split()), NAME_CHARS)
        result.append(Leader(rank, name or HIDDEN_NAME, row.points))
    return tuple(result)
