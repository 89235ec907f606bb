"""Gathering a server's page from storage: the queries in order, the result as :class:`ServerPage` data.

No Discord and no SQL here: the repositories read, :mod:`bot.web.page` shapes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

from bot.clock import Clock
from bot.progress.tracker import paragraph_read_to
from bot.reactions.reaction_map import MapData, map_data
from bot.reactions.stats import PassageTally, period_start, rank_passages
from bot.storage.database import Database
from bot.storage.passages import PassageRepository, WorkOutline
from bot.storage.progress import ProgressStore, Scope
from bot.storage.reaction_stats import ReactionStats, VoteFilter
from bot.storage.trivia import TriviaStore
from bot.storage.web_content import PassageVotes, PlayerPoints, StoredPassage, WebContent
from bot.storage.web_pages import PublishedPage, WebPages
from bot.trivia.stats import LeaderboardSort
from bot.web.page import (
    PERIODS,
    DailyPassage,
    Leaderboard,
    LovedPeriod,
    ReadingProgress,
    ServerPage,
    cards,
    leaders,
    passage_card,
)

HALL_LIMIT = 10
LOVED_LIMIT = 5
LEADERS_LIMIT = 10
MAP_HIGHLIGHTS = 3


class PageSource:
    """Reads what a published server's page and map show."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.clock = clock
        self.pages = WebPages(database, clock)
        self._content = WebContent(database)
        self._stats = ReactionStats(database)
        self._passages = PassageRepository(database)
        self._trivia = TriviaStore(database)
        self._progress = ProgressStore(database)

    async def page(self, published: PublishedPage, progress: ReadingProgress | None = None) -> ServerPage:
        """The server's page; passages past its reading progress (read from the database unless given) are
        marked to be folded away."""
        guild_id, now = published.guild_id, self.clock.now()
        if progress is None:
            progress = await self.server_progress(guild_id)
        hall = await self._content.hall_entries(guild_id, HALL_LIMIT)
        hall_counts = _counts_by_message(await self._content.message_votes(guild_id, [m for m, _ in hall]))
        hall.sort(key=lambda entry: -sum(hall_counts.get(entry[0], Counter()).values()))  # as the page counts
        starts = [period_start(period, now) for period, _ in PERIODS]
        votes = await self._content.passage_votes(guild_id, [start for start in starts if start is not None])
        loved = [(heading, rank_passages(_in_period(votes, start, starts), LOVED_LIMIT)) for (_, heading), start in
                 zip(PERIODS, starts)]
        daily = await self._content.passage_of_the_day(guild_id)
        wanted = {p for _, p in hall} | {t.passage_id for _, ts in loved for t in ts} | ({daily[1]} if daily else set())
        passages = await self._content.passages(guild_id, sorted(wanted))
        outlines = await self._outlines(passages.values())
        works = await self._content.works(guild_id)
        map_work = _most_loved_work(votes)
        return ServerPage(
            server_name=published.guild_name,
            works=tuple(works),
            hall=cards(((p, hall_counts.get(m, Counter())) for m, p in hall), passages, outlines, progress),
            loved=tuple(LovedPeriod(heading, cards(_ranked(ts), passages, outlines, progress)) for heading, ts in loved),
            leaderboards=await self._leaderboards(guild_id),
            daily=_daily(daily, passages, outlines, progress),
            map_work=next((work.title for work in works if work.id == map_work), None),
            updated=now,
        )

    async def map(self, guild_id: int) -> MapData | None:
        """The reaction map of the server's most-loved work; None before any reaction."""
        votes = await self._content.passage_votes(guild_id, [])
        work_id = _most_loved_work(votes)
        if work_id is None:
            return None
        theirs = [(v.passage_id, v.emoji, v.all_time) for v in votes if v.work_id == work_id]
        top = rank_passages(theirs, MAP_HIGHLIGHTS)
        passages = await self._content.passages(guild_id, [tally.passage_id for tally in top])
        loved = [(passages[t.passage_id].passage, t.total) for t in top if t.passage_id in passages]
        title = passages[top[0].passage_id].work_title
        outline = await self._passages.outline(work_id)
        section_votes = await self._stats.section_votes(VoteFilter(guild_id, work_id=work_id))
        return map_data(title, outline, section_votes, loved)

    async def server_progress(self, guild_id: int) -> ReadingProgress:
        """How far the server as a whole has read each work (``/progress set`` without a channel)."""
        stored = [p for p in await self._progress.in_server(guild_id) if p.key.scope is Scope.SERVER]
        ids = await self._content.work_ids(guild_id, [p.key.work_slug for p in stored])
        read_to = {}
        for progress in stored:
            work_id = ids.get(progress.key.work_slug)
            if work_id is not None:
                paragraph = paragraph_read_to(await self._passages.outline(work_id), progress)
                if paragraph is not None:
                    read_to[work_id] = paragraph
        return read_to

    async def _outlines(self, passages: Iterable[StoredPassage]) -> dict[int, WorkOutline]:
        return {work_id: await self._passages.outline(work_id) for work_id in {p.work_id for p in passages}}

    async def _leaderboards(self, guild_id: int) -> tuple[Leaderboard, ...]:
        hidden = await self.pages.hidden_members(guild_id)
        now = self.clock.now()
        boards = []
        for period, heading in PERIODS:
            since = period_start(period, now)
            if since is None:
                rows = await self._all_time_points(guild_id)
            else:
                rows = await self._content.trivia_points(guild_id, since, LEADERS_LIMIT)
            boards.append(Leaderboard(heading, leaders(rows, hidden)))
        return tuple(boards)

    async def _all_time_points(self, guild_id: int) -> list[PlayerPoints]:
        """The server's trivia leaderboard itself (what /trivia leaderboard shows), by points."""
        players = await self._trivia.leaderboard(guild_id, LeaderboardSort.POINTS, LEADERS_LIMIT)
        return [PlayerPoints(p.player_id, p.name, p.points) for p in players if p.points > 0]


def _in_period(
    votes: list[PassageVotes], start: datetime | None, starts: list[datetime | None]
) -> list[tuple[int, str, int]]:
    """(passage, emoji, votes) since ``start`` (all time: None), from the one-pass counts."""
    if start is None:
        return [(v.passage_id, v.emoji, v.all_time) for v in votes]
    column = [s for s in starts if s is not None].index(start)
    return [(v.passage_id, v.emoji, v.since[column]) for v in votes if v.since[column]]


def _most_loved_work(votes: list[PassageVotes]) -> int | None:
    """The work with the most votes (ties: the oldest work)."""
    totals: Counter[int] = Counter()
    for vote in votes:
        totals[vote.work_id] += vote.all_time
    return min(totals, key=lambda work_id: (-totals[work_id], work_id), default=None)


def _ranked(tallies: list[PassageTally]) -> list[tuple[int, Counter[str]]]:
    return [(tally.passage_id, tally.counts) for tally in tallies]


def _counts_by_message(rows: Iterable[tuple[int, str, int]]) -> dict[int, Counter[str]]:
    counts: dict[int, Counter[str]] = {}
    for message_id, emoji, votes in rows:
        counts.setdefault(message_id, Counter())[emoji] += votes
    return counts


def _daily(
    daily: tuple[date, int] | None,
    passages: dict[int, StoredPassage],
    outlines: dict[int, WorkOutline],
    progress: ReadingProgress,
) -> DailyPassage | None:
    if daily is None or daily[1] not in passages:
        return None
    stored = passages[daily[1]]
    return DailyPassage(daily[0], passage_card(stored, outlines.get(stored.work_id), progress=progress))
