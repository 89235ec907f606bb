"""Choosing passages to discuss and remembering the threads opened on them.

A passage is found with the quote engine, or picked at random among the work's
good passages (long enough to talk about, short enough to read in a message,
with people in it), preferring those this server has not discussed yet.
A passage discussed within :data:`LIVE_THREAD_SECONDS` has a live thread: a
second /discuss points to it instead of opening another.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.clock import Clock
from bot.discuss.prompts import MAX_PEOPLE, people_in
from bot.errors import FolioError, echo
from bot.library.service import Library
from bot.library.views import QuoteLookup, WorkView
from bot.progress.chapters import Horizon, section_filter
from bot.progress.tracker import last_read_paragraph
from bot.storage.database import Database
from bot.storage.discussions import Discussion, DiscussionStore
from bot.storage.reaction_stats import ReactionStats, VoteFilter
from bot.text.model import Passage

LIVE_THREAD_SECONDS = 7 * 24 * 3600
"""How long a discussion thread counts as live (Discord archives a thread after a week of quiet at most)."""
GOOD_PASSAGE_CHARS = (200, 1400)
"""A good passage to discuss is this long (fewest, most characters)."""
OPENING_SECONDS = 60
"""A discussion without a thread yet counts as live this long: its thread is being opened."""
LOVED_CANDIDATES = 20
"""Once readers have voted, the best-loved passages, up to this many, are tried first."""
PICK_TRIES = 40
"""Random paragraphs looked at for a good, undiscussed one."""
CLAIM_SECONDS = 60
"""How long a claim to post a passage for discussion holds if its poster never lets go (a crash)."""
CLAIM_WAIT_INTERVAL = 0.2
CLAIM_WAIT_CHECKS = 50
"""A /discuss that lost the claim looks for the winner's thread this often (seconds), this many times."""


class QuoteNotFound(FolioError):
    """A /discuss quote that is not in the work."""

    def __init__(self, lookup: QuoteLookup) -> None:
        super().__init__(f"I couldn't find {echo(lookup.query)} in {lookup.work.title}. Try a few distinctive words.")
        self.lookup = lookup


@dataclass(frozen=True, slots=True)
class Chosen:
    work: WorkView
    paragraph: Passage
    people: tuple[str, ...] = ()
    """The work's characters the passage names (its character list's names), most named first."""


class DiscussionService:
    def __init__(self, library: Library, database: Database, clock: Clock, rng: random.Random | None = None) -> None:
        self._library = library
        self._store = DiscussionStore(database)
        self._votes = ReactionStats(database)
        self._clock = clock
        self._rng = rng or random.Random()

    async def find(
        self, quote: str, *, slug: str | None, guild_id: int | None, horizon: Horizon | None = None
    ) -> Chosen:
        """The paragraph around the line `quote` (among the chapters read, if `horizon`); raises
        :class:`QuoteNotFound` if it is not there."""
        lookup = await self._library.lookup(
            quote, slug=slug, guild_id=guild_id, limit=1, sections=section_filter(horizon)
        )
        if not lookup.hits:
            raise QuoteNotFound(lookup)
        return await self._chosen(lookup.work, lookup.hits[0].paragraph)

    async def pick(self, *, slug: str | None, guild_id: int, horizon: Horizon | None = None) -> Chosen:
        """A passage to discuss (among the chapters read, if `horizon`): the best-loved one this server
        has not discussed, once readers have voted on the work; else a good one at random, not
        discussed before if one is among the tries."""
        work = await self._library.load(slug, guild_id=guild_id)
        discussed = await self._store.discussed(guild_id)
        loved = await self._best_loved(work, guild_id, discussed, horizon)
        if loved is not None:
            return await self._chosen(work, loved)
        last = last_read_paragraph(work, horizon)
        fallback: Passage | None = None
        for _ in range(PICK_TRIES):
            ordinal = self._rng.randrange(max(work.paragraph_count if last is None else last + 1, 1))
            _, paragraph = await self._library.paragraph_at(work.slug, ordinal, guild_id=guild_id)
            if not is_good(paragraph):
                continue
            if paragraph.id not in discussed:
                return await self._chosen(work, paragraph)
            fallback = fallback or paragraph
        if fallback is None:
            _, fallback = await self._library.paragraph_at(work.slug, 0, guild_id=guild_id)
        return await self._chosen(work, fallback)

    async def _chosen(self, work: WorkView, paragraph: Passage) -> Chosen:
        """``paragraph`` of ``work`` with the characters it names: prompts name characters, never a
        month, a house or an interjection."""
        speakers = await self._library.speakers_of(work)
        people = speakers.named_between(paragraph.start, paragraph.end)
        return Chosen(work, paragraph, tuple(character.name for character in people[:MAX_PEOPLE]))

    async def pick_in(self, work: WorkView, sections: range, *, guild_id: int) -> Chosen:
        """A good passage of the sections `sections` (a chapter just read) at random, else their first."""
        spans = [s for s in work.outline.sections.values() if s.index in sections]
        ordinals = [o for s in spans for o in range(s.first_paragraph, s.first_paragraph + s.paragraphs)]
        if not ordinals:
            raise FolioError("That chapter has no passages to discuss.")
        for ordinal in self._rng.sample(ordinals, min(PICK_TRIES, len(ordinals))):
            _, paragraph = await self._library.paragraph_at(work.slug, ordinal, guild_id=guild_id)
            if is_good(paragraph):
                return await self._chosen(work, paragraph)
        _, first = await self._library.paragraph_at(work.slug, min(ordinals), guild_id=guild_id)
        return await self._chosen(work, first)

    async def _best_loved(
        self, work: WorkView, guild_id: int, discussed: set[int], horizon: Horizon | None
    ) -> Passage | None:
        """The passage of ``work`` (read so far, if `horizon`) with the most votes in this server that was
        never discussed here."""
        votes: Counter[int] = Counter()
        for passage_id, _, count in await self._votes.passage_votes(VoteFilter(guild_id, work_id=work.record.id)):
            votes[passage_id] += count
        for passage_id, _ in votes.most_common(LOVED_CANDIDATES):
            if passage_id not in discussed:
                _, paragraph = await self._library.paragraph_near(passage_id, 0, guild_id=guild_id)
                if horizon is None or horizon.is_read(paragraph.section):
                    return paragraph
        return None

    async def live_thread(self, guild_id: int, passage_id: int) -> int | None:
        """The id of the passage's live discussion thread in this server, if there is one.

        A discussion whose thread is still being opened counts too: a thread opened
        on a message takes the message's id.
        """
        now = self._clock.timestamp()
        latest = await self._store.latest(guild_id, passage_id, now - LIVE_THREAD_SECONDS)
        if latest is None:
            return None
        if latest.thread_id is not None:
            return latest.thread_id
        return latest.message_id if now - latest.created_at <= OPENING_SECONDS else None

    @asynccontextmanager
    async def claimed(self, guild_id: int, passage_id: int, claimant: int) -> AsyncIterator[bool]:
        """Hold the passage's claim while posting it (True), or learn that another post holds it (False).

        A claim outlives a crashed poster, or one cancelled by a shutdown, by :data:`CLAIM_SECONDS` at most.
        """
        now = self._clock.timestamp()
        won = await self._store.claim(guild_id, passage_id, claimant, now=now, stale_before=now - CLAIM_SECONDS)
        cancelled = False
        try:
            yield won
        except asyncio.CancelledError:
            cancelled = True  # shutting down: no more database work; the claim lapses
            raise
        finally:
            if won and not cancelled:
                await self._store.release(guild_id, passage_id, claimant)

    async def wait_for_live_thread(self, guild_id: int, passage_id: int) -> int | None:
        """The live thread another /discuss of the passage is opening, once it is there (``None`` if it never is)."""
        for _ in range(CLAIM_WAIT_CHECKS):
            live = await self.live_thread(guild_id, passage_id)
            if live is not None:
                return live
            await asyncio.sleep(CLAIM_WAIT_INTERVAL)
        return None

    async def record(self, *, guild_id: int, channel_id: int, passage_id: int, message_id: int, origin: str) -> int:
        """Remember a passage posted for discussion (before its thread is opened); returns its id."""
        timestamp = self._clock.timestamp()
        return await self._store.record(
            Discussion(guild_id, channel_id, passage_id, message_id, None, origin, timestamp)
        )

    async def thread_opened(self, discussion_id: int, thread_id: int) -> None:
        await self._store.set_thread(discussion_id, thread_id)


def is_good(paragraph: Passage) -> bool:
    """Long enough to talk about, short enough to read in one message, with someone in it."""
    low, high = GOOD_PASSAGE_CHARS
    return low <= len(paragraph.text) <= high and bool(people_in(paragraph.text))
