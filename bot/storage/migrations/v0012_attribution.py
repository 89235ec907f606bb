"""Version 12: each work's characters and speaker attribution, worked out once at import."""

from bot.storage.migrations.base import Migration

_TABLE = """
CREATE TABLE work_attribution (
    work_id {key} PRIMARY KEY REFERENCES works(id) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    data {blob} NOT NULL
)
"""

MIGRATION = Migration(
    12,
    "work attribution: the characters and who speaks each quote, stored beside each work",
    (_TABLE.format(key="INTEGER", blob="BLOB"),),
    (_TABLE.format(key="BIGINT", blob="BYTEA"),),
)
