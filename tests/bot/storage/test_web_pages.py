"""Publishing pages, hidden members, and what a page reads: one server's rows only, on SQLite or PostgreSQL."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest

from benchmarks.web_seed import START, Activity, SettableClock, seed_server
from bot.progress.chapters import chapters_of
from bot.read.sections import ordered
from bot.storage.database import Database
from bot.storage.progress import ProgressKey, ProgressStore, Scope, StoredProgress
from bot.storage.web_pages import WebPages
from bot.web.gather import PageSource
from bot.web.page import HIDDEN_NAME

GUILD, OTHER = 1_300_000_000_000_000_100, 1_300_000_000_000_000_999
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,}")


@pytest.fixture
async def database(database_target: Path | str):
    db = await Database.open(database_target)
    yield db
    await db.close()


async def test_a_page_gets_a_new_unguessable_token_each_time_it_is_published(database: Database) -> None:
    pages = WebPages(database, SettableClock(START))
    first = await pages.publish(GUILD, "Book club")
    second = await pages.publish(GUILD, "Book club")
    assert TOKEN.fullmatch(first.token) and TOKEN.fullmatch(second.token) and first.token != second.token
    assert await pages.of_token(first.token) is None
    assert (await pages.of_token(second.token)).guild_id == GUILD
    assert (await pages.of_guild(GUILD)).token == second.token


async def test_taking_a_page_down_forgets_its_token(database: Database) -> None:
    pages = WebPages(database, SettableClock(START))
    page = await pages.publish(GUILD, "Book club")
    assert await pages.unpublish(GUILD) is True
    assert await pages.of_token(page.token) is None and await pages.of_guild(GUILD) is None
    assert await pages.unpublish(GUILD) is False


async def test_hiding_and_showing_a_member_is_per_server(database: Database) -> None:
    pages = WebPages(database, SettableClock(START))
    assert await pages.hide_member(GUILD, 5) is True
    assert await pages.hide_member(GUILD, 5) is False
    assert await pages.hidden_members(GUILD) == {5} and await pages.hidden_members(OTHER) == frozenset()
    assert await pages.show_member(GUILD, 5) is True and await pages.hidden_members(GUILD) == frozenset()


async def test_a_page_holds_its_own_servers_activity_and_nothing_of_another(database: Database) -> None:
    ours = await seed_server(database, GUILD, "Ours", activity=Activity(player_names=("Lydia", "Stiles")))
    theirs = Activity(player_names=("Zed from elsewhere",), message_base=1_300_000_000_000_900_000, hall_entries=3)
    await seed_server(database, OTHER, "Theirs", activity=theirs, seed=99)
    page = await PageSource(database, SettableClock(START)).page(ours)
    assert page.server_name == "Ours" and [work.title for work in page.works] == ["Hello From the Other Side"]
    assert len(page.hall) == 8 and all(card.total > 0 and card.where for card in page.hall)
    assert [card.total for card in page.hall] == sorted((card.total for card in page.hall), reverse=True)
    all_time = page.loved[-1].passages
    assert [card.total for card in all_time] == sorted((card.total for card in all_time), reverse=True)
    names = {leader.name for board in page.leaderboards for leader in board.leaders}
    assert names == {"Lydia", "Stiles"}
    assert page.daily is not None and page.daily.day == START.date()
    assert page.map_work == "Hello From the Other Side"


async def test_periods_count_only_their_own_time(database: Database) -> None:
    published = await seed_server(database, GUILD, "Ours", activity=Activity(days=60))
    clock = SettableClock(START)
    page = await PageSource(database, clock).page(published)
    week, month, ever = (sum(card.total for card in period.passages) for period in page.loved)
    assert week <= month <= ever and ever > 0
    clock.moment = START + timedelta(days=400)  # long after: nothing is recent any more
    later = await PageSource(database, clock).page(published)
    assert [period.passages for period in later.loved[:2]] == [(), ()]
    assert [board.leaders for board in later.leaderboards[:2]] == [(), ()]
    assert later.leaderboards[-1].leaders == page.leaderboards[-1].leaders


async def test_a_hidden_member_is_a_reader_on_every_board(database: Database) -> None:
    activity = Activity(player_names=("Lydia",), games=2)
    published = await seed_server(database, GUILD, "Ours", activity=activity)
    await WebPages(database, SettableClock(START)).hide_member(GUILD, activity.user_base)
    page = await PageSource(database, SettableClock(START)).page(published)
    names = {leader.name for board in page.leaderboards for leader in board.leaders}
    assert names == {HIDDEN_NAME}


async def test_the_map_is_of_the_servers_most_loved_work(database: Database) -> None:
    published = await seed_server(database, GUILD, "Ours")
    source = PageSource(database, SettableClock(START))
    data = await source.map(GUILD)
    assert data is not None and data.title == "Hello From the Other Side"
    assert sum(sum(counts.values()) for counts in data.section_votes.values()) > 0
    assert await source.map(OTHER) is None and published.guild_id == GUILD


async def test_passages_past_the_servers_reading_progress_are_marked_to_fold(database: Database) -> None:
    ours = await seed_server(database, GUILD, "Ours", activity=Activity(player_names=("Lydia",)))
    source = PageSource(database, SettableClock(START))
    assert not any(card.beyond_progress for card in (await source.page(ours)).hall)  # no progress: all shown
    slug = "hello-from-the-other-side"
    [work_id] = (await source._content.work_ids(GUILD, [slug])).values()
    outline = await source._passages.outline(work_id)
    first = chapters_of(ordered(outline)).at(1)
    await ProgressStore(database).save(StoredProgress(ProgressKey(GUILD, Scope.SERVER, 0, slug), 1, first.label, 7, 0.0))
    read_to = (await source.server_progress(GUILD))[work_id]
    await ProgressStore(database).save(
        StoredProgress(ProgressKey(GUILD, Scope.CHANNEL, 5, slug), 4, first.label, 7, 0.0)
    )  # a channel's progress is not the server's
    assert (await source.server_progress(GUILD))[work_id] == read_to
    page = await source.page(ours)
    cards = [*page.hall, *(card for period in page.loved for card in period.passages)]
    assert any(card.beyond_progress for card in cards) and not all(card.beyond_progress for card in cards)
