"""The console's embeds stay within Discord's limits however much a server configured."""

from datetime import UTC, datetime

from bot.config.audit import AuditEntry
from bot.config.capabilities import CAPABILITIES, ServerConfig
from bot.storage.records import WorkRecord
from bot.text.model import Layout
from cogs.core.discord_limits import EMBED_DESCRIPTION, EMBED_TOTAL, FIELD_VALUE
from cogs.settings.ui import LibraryUsage, config_embed, log_embed

WORK = WorkRecord(1, "w" * 40, "T" * 200, None, Layout.PLAIN, "hash", "2026-11-30", None, 1, 10)
USAGE = LibraryUsage(works=20, bytes=60 * 1024 * 1024, max_works=20, max_bytes=60 * 1024 * 1024)


def test_hundreds_of_channel_overrides_fit_one_embed() -> None:
    overrides = {10**18 + channel: {name: channel % 2 == 0 for name in CAPABILITIES} for channel in range(300)}
    config = ServerConfig(1, 10**18, {name: False for name in CAPABILITIES}, overrides)
    embed = config_embed("N" * 100, config, WORK, USAGE)
    assert len(embed) <= EMBED_TOTAL
    assert all(len(field.value or "") <= FIELD_VALUE for field in embed.fields)
    overrides_field = next(field.value for field in embed.fields if field.name == "Channel overrides")
    assert overrides_field and overrides_field.endswith("more")


def test_a_page_of_the_longest_log_lines_fits() -> None:
    at = datetime(2026, 11, 30, tzinfo=UTC)
    entry = AuditEntry(10**18, 10**18, "default_work", "w" * 40, "x" * 40, at)
    embed = log_embed([entry] * 20, page=3, more=True)
    assert len(embed.description or "") <= EMBED_DESCRIPTION and "…and" not in (embed.description or "")
    assert embed.footer.text == "Page 3 · older changes: /config log page: 4"
