"""A server's activity written through Folio's own repositories: for the public page's tests and benchmark.

Passages shown in messages, readers' votes spread over the past weeks, hall-of-fame
entries, finished trivia games and a passage of the day, all for one server on the
bundled story, then the page published. Deterministic for a seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.library.service import Library
from bot.reactions.hall import EntryState
from bot.reactions.votes import ReactionEvent, VoteKey
from bot.storage.daily import DailyStore
from bot.storage.database import Database
from bot.storage.hall_of_fame import HallOfFame
from bot.storage.passage_messages import MessageKind, PassageMessages
from bot.storage.reactions import ReactionLedger, ReactionTarget
from bot.storage.trivia import GameRecord, TriviaStore
from bot.storage.web_pages import PublishedPage, WebPages
from bot.trivia.game import Answer, PlayerScore

EMOJIS = ("⭐", "❤", "😂", "🔥", "bookmark:1300000000000009001")
PLAYER_NAMES = (
    "Lydia", "Stiles", "Scott", "Allison", "Derek", "Malia", "Kira", "Liam", "Mason", "Corey", "Theo", "Hayden",
)
START = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


class SettableClock:
    """A clock the seeder moves, so votes and games land on different days."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def timestamp(self) -> float:
        return self.moment.timestamp()


@dataclass(frozen=True, slots=True)
class Activity:
    messages: int = 40
    readers: int = 30
    max_votes: int = 12
    """Most readers reacting to one message."""
    hall_entries: int = 8
    games: int = 6
    days: int = 60
    """Votes and games are spread over this many days before ``now``."""
    player_names: Sequence[str] = PLAYER_NAMES
    message_base: int = 1_300_000_000_000_500_000
    user_base: int = 1_300_000_000_000_600_000


async def seed_server(
    database: Database, guild_id: int, guild_name: str, *, now: datetime = START, activity: Activity = Activity(),
    seed: int = 7,
) -> PublishedPage:
    """Write a server's activity (see the module docstring) and publish its page; returns the page."""
    rng = random.Random(seed)
    clock = SettableClock(now)
    work = await Library(database).ensure_bundled_story()
    paragraphs = (await TriviaStore(database).passages(work.id)).paragraphs
    shown = PassageMessages(database, clock)
    ledger = ReactionLedger(database, clock)
    hall = HallOfFame(database, clock)
    channel = guild_id + 1
    order = 0
    for index in range(activity.messages):
        message_id = activity.message_base + guild_id % 1000 * 10_000 + index
        paragraph = rng.choice(paragraphs)
        assert paragraph.id is not None
        await shown.record(
            message_id=message_id, channel_id=channel, guild_id=guild_id, passage_id=paragraph.id,
            kind=MessageKind.QUOTE, requested_by=None,
        )
        target = ReactionTarget(message_id, guild_id, channel, paragraph.id, None)
        voters = rng.sample(range(activity.readers), rng.randint(1, activity.max_votes))
        clock.moment = now - timedelta(days=rng.uniform(0, activity.days))
        events = []
        for voter in voters:
            order += 1
            emoji = EMOJIS[0] if rng.random() < 0.5 else rng.choice(EMOJIS)
            events.append(ReactionEvent(VoteKey(message_id, activity.user_base + voter, emoji), True, order))
        await ledger.record_many(events, target)
        if index < activity.hall_entries:
            await hall.claim(message_id, guild_id, channel + 1)
            await hall.update(message_id, EntryState.POSTED, len(voters), message_id + 5_000_000)
    await _play_games(TriviaStore(database), guild_id, channel, work.slug, now, activity, rng)
    daily = DailyStore(database)
    today = now.date()
    await daily.claim(guild_id, today)
    pick = rng.choice(paragraphs)
    assert pick.id is not None
    await daily.mark_posted(guild_id, today, pick.id)
    return await WebPages(database, clock).publish(guild_id, guild_name)


async def _play_games(
    trivia: TriviaStore, guild_id: int, channel: int, slug: str, now: datetime, activity: Activity, rng: random.Random
) -> None:
    for game_number in range(activity.games):
        started = (now - timedelta(days=rng.uniform(0, activity.days))).timestamp()
        game_id = await trivia.start_game(guild_id, channel, slug, started)
        assert game_id is not None
        players = rng.sample(range(len(activity.player_names)), min(4, len(activity.player_names)))
        scores = {p: PlayerScore(activity.user_base + p, activity.player_names[p]) for p in players}
        for round_number in range(1, 6):
            for p in players:
                correct = rng.random() < 0.5
                points = 10 if correct else 0
                answer = Answer(round_number, scores[p].player_id, scores[p].name, correct, points, started + round_number)
                await trivia.record_answer(game_id, answer)
                scores[p].points += points
                scores[p].correct += int(correct)
                scores[p].answered += 1
        standings = sorted(scores.values(), key=lambda score: -score.points)
        record = GameRecord(game_id, guild_id, channel, slug, started)
        await trivia.finish_game(record, standings, reason=f"game {game_number} over", now=started + 60)


