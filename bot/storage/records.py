"""What storage hands out and takes in: typed records, no SQL."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.search.vocabulary import VocabularyEntry
from bot.text.model import Layout, ParsedWork, PassageKind


@dataclass(frozen=True, slots=True)
class WorkRecord:
    """A work as stored in the library (without its passages)."""

    id: int
    slug: str
    title: str
    author: str | None
    layout: Layout
    content_hash: str
    added_at: str
    guild_id: int | None
    """The server that added the work; None for works every server shares."""
    parser_version: int
    source_bytes: int

    def visible_to(self, guild_id: int | None) -> bool:
        return self.guild_id is None or self.guild_id == guild_id


@dataclass(frozen=True, slots=True)
class WorkSummary:
    """A work with passage counts, for listings."""

    work: WorkRecord
    sections: int
    paragraphs: int
    sentences: int


class ImportOutcome(StrEnum):
    ADDED = "Added"
    REPLACED = "Replaced"
    UNCHANGED = "Unchanged"


@dataclass(frozen=True, slots=True)
class SavedWork:
    """What an import did: the work as stored, with its passage counts, and the outcome."""

    summary: WorkSummary
    outcome: ImportOutcome

    @property
    def record(self) -> WorkRecord:
        return self.summary.work


@dataclass(slots=True)
class PreparedWork:
    """A parsed work with everything storage keeps beside it, ready to save in one transaction."""

    parsed: ParsedWork
    """Its passages, sentences carrying their speakers."""
    fingerprints: list[str]
    """One per passage, in the same order: what re-imports match identities by."""
    sentence_terms: list[tuple[str, ...]]
    """The search terms of each sentence, in reading order."""
    vocabulary: list[VocabularyEntry]
    content_hash: str
    parser_version: int
    attribution: bytes | None = None
    """The characters and speaker attribution, encoded (:mod:`bot.attribution.stored`)."""

    def count(self, *kinds: PassageKind) -> int:
        return sum(1 for passage in self.parsed.passages if passage.kind in kinds)


@dataclass(frozen=True, slots=True)
class LibraryLimits:
    """How much one server may add: checked where the work is saved, so racing uploads cannot exceed it."""

    max_works: int
    max_bytes: int
