from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_PATH, Settings, SettingsError


def test_defaults_from_an_empty_environment() -> None:
    settings = Settings.from_env({})
    assert settings.discord_token is None
    assert settings.guild_id is None
    assert settings.database_path == DEFAULT_DATABASE_PATH
    assert settings.log_level is None  # the bot then logs at INFO, the CLI at WARNING
    assert settings.api_base is None and settings.gateway_url is None


def test_values_are_read_and_typed() -> None:
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": " abc ",
            "DISCORD_GUILD_ID": "123456789012345678",
            "DATABASE_PATH": "/tmp/folio.db",
            "LOG_LEVEL": "debug",
            "DISCORD_API_BASE": "http://127.0.0.1:1/api/v10",
            "DISCORD_GATEWAY_URL": "ws://127.0.0.1:1/gateway",
        }
    )
    assert settings.discord_token == "abc"
    assert settings.guild_id == 123456789012345678
    assert settings.database_path == Path("/tmp/folio.db")
    assert settings.log_level == "DEBUG"
    assert settings.api_base == "http://127.0.0.1:1/api/v10"


@pytest.mark.parametrize(("name", "value"), [("DISCORD_GUILD_ID", "my-server"), ("LOG_LEVEL", "LOUD")])
def test_unusable_values_are_explained(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})


def test_library_limits_are_read_and_checked() -> None:
    settings = Settings.from_env({"FOLIO_CACHE_MB": "8", "FOLIO_MAX_WORKS_PER_SERVER": "3"})
    assert (settings.cache_mb, settings.max_works_per_server, settings.max_mb_per_server) == (8, 3, 60)
    for bad in ("0", "-1", "lots"):
        with pytest.raises(SettingsError, match="FOLIO_MAX_MB_PER_SERVER"):
            Settings.from_env({"FOLIO_MAX_MB_PER_SERVER": bad})


def test_shards_and_command_publishing_are_read_and_checked() -> None:
    unsharded = Settings.from_env({})
    assert (unsharded.shard_count, unsharded.shard_ids, unsharded.sync_commands, unsharded.fair_use) == (
        None, None, False, True
    )
    assert unsharded.owns_guild(12345 << 22)
    settings = Settings.from_env({"SHARD_COUNT": "4", "SHARD_IDS": " 3, 1,3", "SYNC_COMMANDS": "1", "FOLIO_FAIR_USE": "0"})
    assert (settings.shard_count, settings.shard_ids, settings.sync_commands, settings.fair_use) == (4, (1, 3), True, False)
    assert [settings.owns_guild(shard << 22) for shard in range(4)] == [False, True, False, True]
    assert Settings.from_env({"SHARD_COUNT": "2"}).owns_guild(1 << 22), "no SHARD_IDS: every shard"
    for bad in ({"SHARD_COUNT": "0"}, {"SHARD_COUNT": "many"}, {"SHARD_IDS": "0"}, {"SHARD_COUNT": "2", "SHARD_IDS": "2"},
                {"SHARD_COUNT": "2", "SHARD_IDS": "0,x"}, {"SYNC_COMMANDS": "maybe"}):
        with pytest.raises(SettingsError, match="SHARD|SYNC"):
            Settings.from_env(bad)
