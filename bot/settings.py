"""Runtime settings, read once from the environment (and an optional `.env`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dotenv import load_dotenv

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "data"
DEFAULT_DATABASE_PATH = DATA_DIR / "folio.sqlite3"
DEFAULT_CACHE_MB = 64
DEFAULT_MAX_WORKS_PER_SERVER = 20
DEFAULT_MAX_MB_PER_SERVER = 60
DEFAULT_TICK_SECONDS = 1.0
DEFAULT_IDENTIFY_SECONDS = 5.5
"""Discord allows `max_concurrency` IDENTIFYs per 5 seconds (shared by every process); half a second
more leaves room for one connection's identify to go out a little later than another's."""
MAX_SHARDS = 4096
DEFAULT_WEB_BASE_URL = "http://127.0.0.1:8080"
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class SettingsError(ValueError):
    """A setting is present but unusable; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot reads from its environment, typed."""

    discord_token: str | None
    guild_id: int | None
    database_path: Path
    database_url: str | None
    """DATABASE_URL: a PostgreSQL server to use instead of the SQLite file."""
    log_level: str | None
    """LOG_LEVEL if set; otherwise the bot logs at INFO and the CLI at WARNING."""
    api_base: str | None
    gateway_url: str | None
    cache_mb: int = DEFAULT_CACHE_MB
    """Memory budget, in MiB, for the works a process keeps loaded (FOLIO_CACHE_MB)."""
    max_works_per_server: int = DEFAULT_MAX_WORKS_PER_SERVER
    """Works one server may add (FOLIO_MAX_WORKS_PER_SERVER)."""
    max_mb_per_server: int = DEFAULT_MAX_MB_PER_SERVER
    """MiB of text one server's works may take (FOLIO_MAX_MB_PER_SERVER)."""
    clock_file: Path | None = None
    """Tests only (FOLIO_CLOCK_FILE): read the time from this file instead of the system clock."""
    tick_seconds: float = DEFAULT_TICK_SECONDS
    """How often background loops compare the clock with their deadlines (FOLIO_TICK_SECONDS)."""
    shard_count: int | None = None
    """SHARD_COUNT: Discord's total number of shards; None runs one unsharded process."""
    shard_ids: tuple[int, ...] | None = None
    """SHARD_IDS: the shards this process runs (comma-separated); None runs all of them."""
    sync_commands: bool = False
    """SYNC_COMMANDS=1: publish the slash commands to Discord at start (else `run_bot.py sync-commands`)."""
    fair_use: bool = True
    """FOLIO_FAIR_USE=0 turns members' cooldowns and the per-server limit on costly work off."""
    identify_seconds: float = DEFAULT_IDENTIFY_SECONDS
    """Seconds between IDENTIFYs of one concurrency bucket (FOLIO_IDENTIFY_SECONDS; tests shorten it)."""

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this process runs the shard a server's events arrive on: ``(guild_id >> 22) % SHARD_COUNT``."""
        if self.shard_count is None:
            return True
        return self.shard_ids is None or (guild_id >> 22) % self.shard_count in self.shard_ids
    web_base_url: str = DEFAULT_WEB_BASE_URL
    """Where the public pages are reached, the base of the links Folio gives out (FOLIO_WEB_BASE_URL)."""

    @property
    def database_target(self) -> Path | str:
        """The PostgreSQL URL if one is set, else the SQLite file."""
        return self.database_url or self.database_path

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, *, dotenv: bool = True) -> Settings:
        """Read settings; `.env` in the repo root fills in what the environment lacks."""
        if dotenv and environ is None:
            load_dotenv(REPO_ROOT / ".env", override=False)
        env = os.environ if environ is None else environ
        return cls(
            discord_token=_optional(env, "DISCORD_TOKEN"),
            guild_id=_optional_snowflake(env, "DISCORD_GUILD_ID"),
            database_path=Path(_optional(env, "DATABASE_PATH") or DEFAULT_DATABASE_PATH),
            database_url=_database_url(env),
            log_level=_log_level(env),
            api_base=_optional(env, "DISCORD_API_BASE"),
            gateway_url=_optional(env, "DISCORD_GATEWAY_URL"),
            cache_mb=_positive(env, "FOLIO_CACHE_MB", DEFAULT_CACHE_MB),
            max_works_per_server=_positive(env, "FOLIO_MAX_WORKS_PER_SERVER", DEFAULT_MAX_WORKS_PER_SERVER),
            max_mb_per_server=_positive(env, "FOLIO_MAX_MB_PER_SERVER", DEFAULT_MAX_MB_PER_SERVER),
            clock_file=_optional_path(env, "FOLIO_CLOCK_FILE"),
            tick_seconds=_positive_seconds(env, "FOLIO_TICK_SECONDS", DEFAULT_TICK_SECONDS),
            shard_count=_shard_count(env),
            shard_ids=_shard_ids(env),
            sync_commands=_flag(env, "SYNC_COMMANDS"),
            fair_use=_flag(env, "FOLIO_FAIR_USE", default=True),
            identify_seconds=_positive_seconds(env, "FOLIO_IDENTIFY_SECONDS", DEFAULT_IDENTIFY_SECONDS),
            web_base_url=_web_base_url(env),
        )


def _optional(env: os._Environ[str] | dict[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


def _optional_snowflake(env: os._Environ[str] | dict[str, str], name: str) -> int | None:
    value = _optional(env, name)
    if value is None:
        return None
    if not value.isdigit():
        raise SettingsError(f"{name} must be a numeric Discord server id, got {value!r}.")
    return int(value)


def _database_url(env: os._Environ[str] | dict[str, str]) -> str | None:
    url = _optional(env, "DATABASE_URL")
    if url is not None and not url.startswith(("postgresql://", "postgres://")):
        raise SettingsError("DATABASE_URL must be a PostgreSQL URL like postgresql://user@host:5432/folio.")
    return url


def _positive(env: os._Environ[str] | dict[str, str], name: str, default: int) -> int:
    value = _optional(env, name)
    if value is None:
        return default
    if not value.isdigit() or int(value) < 1:
        raise SettingsError(f"{name} must be a whole number of at least 1, got {value!r}.")
    return int(value)


def _optional_path(env: os._Environ[str] | dict[str, str], name: str) -> Path | None:
    value = _optional(env, name)
    return None if value is None else Path(value)


def _positive_seconds(env: os._Environ[str] | dict[str, str], name: str, default: float) -> float:
    value = _optional(env, name)
    if value is None:
        return default
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds <= 3600:
        raise SettingsError(f"{name} must be a number of seconds above 0 and at most 3600, got {value!r}.")
    return seconds


def _web_base_url(env: os._Environ[str] | dict[str, str]) -> str:
    url = _optional(env, "FOLIO_WEB_BASE_URL") or DEFAULT_WEB_BASE_URL
    if not url.startswith(("http://", "https://")) or any(c.isspace() for c in url):
        raise SettingsError(f"FOLIO_WEB_BASE_URL must be an http:// or https:// address, got {url!r}.")
    return url.rstrip("/")


def _log_level(env: os._Environ[str] | dict[str, str]) -> str | None:
    level = (_optional(env, "LOG_LEVEL") or "").upper()
    if level and level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}.")
    return level or None


def _shard_count(env: os._Environ[str] | dict[str, str]) -> int | None:
    value = _optional(env, "SHARD_COUNT")
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= MAX_SHARDS:
        raise SettingsError(f"SHARD_COUNT must be a whole number from 1 to {MAX_SHARDS}, got {value!r}.")
    return int(value)


def _shard_ids(env: os._Environ[str] | dict[str, str]) -> tuple[int, ...] | None:
    value = _optional(env, "SHARD_IDS")
    if value is None:
        return None
    count = _shard_count(env)
    if count is None:
        raise SettingsError("SHARD_IDS needs SHARD_COUNT, the total number of shards.")
    parts = [part.strip() for part in value.split(",")]
    if not all(part.isdigit() and int(part) < count for part in parts):
        raise SettingsError(f"SHARD_IDS must be comma-separated shard ids below SHARD_COUNT ({count}), got {value!r}.")
    return tuple(sorted({int(part) for part in parts}))


def _flag(env: os._Environ[str] | dict[str, str], name: str, *, default: bool = False) -> bool:
    value = (_optional(env, name) or ("1" if default else "0")).lower()
    if value not in ("0", "1", "true", "false", "yes", "no"):
        raise SettingsError(f"{name} must be 1 or 0, got {value!r}.")
    return value in ("1", "true", "yes")
