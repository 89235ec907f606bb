"""/config show's view of the features' own settings: the hall of fame, the passage of the day,
trivia and reactions, each set by its own commands and shown here beside the console's."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot.clock import Clock
from bot.reactions.hall import BelowAction, HallConfig
from bot.storage.daily import DailySchedule, DailyStore
from bot.storage.database import Database
from bot.storage.hall_of_fame import HallOfFame
from bot.storage.reactions import ReactionLedger
from bot.storage.trivia import TriviaStore
from bot.text.excerpt import shorten
from bot.trivia.settings import TriviaSettings
from cogs.core.discord_limits import FIELD_VALUE


@dataclass(frozen=True, slots=True)
class FeatureSettings:
    """A server's settings of the features that keep their own."""

    hall: HallConfig | None
    daily: DailySchedule | None
    trivia: TriviaSettings
    count_own_requests: bool


async def feature_settings(database: Database, clock: Clock, guild_id: int) -> FeatureSettings:
    """Read each feature's settings for `guild_id` from its own store."""
    return FeatureSettings(
        hall=await HallOfFame(database, clock).config(guild_id),
        daily=await DailyStore(database).schedule(guild_id),
        trivia=await TriviaStore(database).settings(guild_id),
        count_own_requests=await ReactionLedger(database, clock).count_own_requests(guild_id),
    )


def add_feature_fields(embed: discord.Embed, features: FeatureSettings) -> None:
    """One field per feature, each saying which command changes it."""
    for name, value in (
        ("Hall of fame", _hall(features.hall)),
        ("Passage of the day", _daily(features.daily)),
        ("Trivia", _trivia(features.trivia)),
        ("Reactions", _reactions(features.count_own_requests)),
    ):
        embed.add_field(name=name, value=shorten(value, FIELD_VALUE), inline=False)


def _hall(hall: HallConfig | None) -> str:
    if hall is None:
        return "off · `/halloffame setup`"
    below = "never taken down"
    if hall.remove_below is not None:
        action = "deleted" if hall.below_action is BelowAction.DELETE else "marked"
        below = f"{action} below {hall.remove_below}"
    return (
        f"<#{hall.channel_id}> once {hall.threshold} readers react with {' '.join(hall.emojis)}; posts {below}"
        " · `/halloffame setup`, `/halloffame off`"
    )


def _daily(daily: DailySchedule | None) -> str:
    if daily is None:
        return "off · `/daily setup`"
    return f"<#{daily.channel_id}> every day at {daily.hour:02d}:00 {daily.timezone} · `/daily setup`, `/daily off`"


def _trivia(trivia: TriviaSettings) -> str:
    kinds = "kinds: " + (", ".join(sorted(trivia.kinds)) or "none")
    channels = ", ".join(f"<#{channel}>" for channel in sorted(trivia.channels)) or "every channel"
    unanswered = f"{trivia.max_unanswered} unanswered in a row" if trivia.max_unanswered else "off"
    return (
        f"{trivia.timeout_seconds} s a question, {trivia.rounds} questions, {trivia.points} points a right answer; "
        f"score to win: {trivia.score_to_win or 'off'}; stop after: {unanswered}; {kinds}; in {channels}"
        " · `/trivia settings`"
    )


def _reactions(count_own_requests: bool) -> str:
    counted = "count" if count_own_requests else "do not count"
    return f"Reactions to a passage a reader asked for {counted} · `/reactions settings`"
