"""Server configurations stored and cached: switches, the moderator role, and the audit of every change."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config.service import ServerConfigs
from bot.errors import UnknownWork
from bot.library.service import Library
from bot.storage.database import Database
from bot.storage.server_config import ServerConfigStore

GUILD, OTHER_GUILD, CHANNEL, MOD, ROLE = 100, 200, 10, 500, 900
START = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


class SteppingClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.moment = START

    def now(self) -> datetime:
        return self.moment

    def timestamp(self) -> float:
        return self.moment.timestamp()


@pytest.fixture
async def database(database_target: Path | str):
    db = await Database.open(database_target)
    yield db
    await db.close()


async def test_a_server_that_set_nothing_has_an_empty_config(database: Database) -> None:
    config = await ServerConfigStore(database).load(GUILD)
    assert (config.moderator_role_id, dict(config.server_switches), dict(config.channel_switches)) == (None, {}, {})


async def test_switches_are_stored_per_server_and_channel_and_audited(database: Database) -> None:
    store = ServerConfigStore(database)
    first = await store.switch_capability(GUILD, "trivia", False, channel_id=None, user_id=MOD, at=START)
    await store.switch_capability(GUILD, "quote", False, channel_id=CHANNEL, user_id=MOD, at=START)
    second = await store.switch_capability(GUILD, "trivia", True, channel_id=None, user_id=MOD, at=START)
    config = await store.load(GUILD)
    assert dict(config.server_switches) == {"trivia": True}
    assert {channel: dict(switches) for channel, switches in config.channel_switches.items()} == {
        CHANNEL: {"quote": False}
    }
    assert (first.old_value, first.new_value) == ("default", "off")
    assert (second.old_value, second.new_value) == ("off", "on")
    assert dict((await store.load(OTHER_GUILD)).server_switches) == {}


async def test_back_to_default_removes_the_switch(database: Database) -> None:
    store = ServerConfigStore(database)
    await store.switch_capability(GUILD, "quote", False, channel_id=CHANNEL, user_id=MOD, at=START)
    entry = await store.switch_capability(GUILD, "quote", None, channel_id=CHANNEL, user_id=MOD, at=START)
    assert (entry.old_value, entry.new_value, entry.channel_id) == ("off", "default", CHANNEL)
    assert dict((await store.load(GUILD)).channel_switches) == {}


async def test_the_moderator_role_is_set_and_cleared(database: Database) -> None:
    store = ServerConfigStore(database)
    set_entry = await store.set_moderator_role(GUILD, ROLE, user_id=MOD, at=START)
    assert (await store.load(GUILD)).moderator_role_id == ROLE
    cleared = await store.set_moderator_role(GUILD, None, user_id=MOD, at=START)
    assert (await store.load(GUILD)).moderator_role_id is None
    assert (set_entry.old_value, set_entry.new_value) == (None, str(ROLE))
    assert (cleared.old_value, cleared.new_value) == (str(ROLE), None)


async def test_the_audit_log_lists_a_servers_changes_newest_first(database: Database) -> None:
    store = ServerConfigStore(database)
    for minute, capability in enumerate(["quote", "ask", "trivia"]):
        at = START + timedelta(minutes=minute)
        await store.switch_capability(GUILD, capability, False, channel_id=None, user_id=MOD, at=at)
    await store.switch_capability(OTHER_GUILD, "quote", False, channel_id=None, user_id=MOD, at=START)
    recent = await store.recent_changes(GUILD, limit=2)
    assert [entry.setting for entry in recent] == ["trivia", "ask"]
    assert recent[0].changed_at == START + timedelta(minutes=2) and recent[0].user_id == MOD
    assert recent[0].guild_id == GUILD
    assert [entry.setting for entry in await store.recent_changes(GUILD, limit=2, skip=2)] == ["quote"]


async def test_the_cache_answers_without_the_database_until_a_change(database: Database) -> None:
    clock = SteppingClock()
    configs = ServerConfigs(database, clock)
    assert (await configs.get(GUILD)).enabled("quote")
    await ServerConfigStore(database).switch_capability(GUILD, "quote", False, channel_id=None, user_id=MOD, at=START)
    assert (await configs.get(GUILD)).enabled("quote"), "another writer's change waits for the cache to age"
    clock.moment += timedelta(seconds=61)
    assert not (await configs.get(GUILD)).enabled("quote")
    entry = await configs.switch_capability(GUILD, "quote", True, channel_id=None, user_id=MOD)
    assert (await configs.get(GUILD)).enabled("quote"), "a change through the service is seen at once"
    assert entry.changed_at == clock.moment


async def test_default_work_changes_are_audited(database: Database) -> None:
    library = Library(database)
    bundled = await library.ensure_bundled_story()
    configs = ServerConfigs(database, SteppingClock())
    work, entry = await configs.set_default_work(library, GUILD, bundled.slug, user_id=MOD)
    assert work == bundled and (await library.default_work(GUILD)).id == bundled.id
    assert await configs.recent_changes(GUILD, limit=5) == [entry]
    assert (entry.setting, entry.old_value, entry.new_value, entry.user_id) == (
        "default_work",
        bundled.slug,
        bundled.slug,
        MOD,
    )
    with pytest.raises(UnknownWork):
        await configs.set_default_work(library, GUILD, "no-such-work", user_id=MOD)
    assert len(await configs.recent_changes(GUILD, limit=5)) == 1, "a refused change is not recorded"
