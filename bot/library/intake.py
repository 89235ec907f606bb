"""Bringing works into the library: the bundled story, the CLI's files, servers' uploads, upgrades.

Imports go through an :class:`~bot.library.importer.Importer`; a text whose content hash (and title)
is unchanged is never parsed again. Every import that changes the library calls ``on_change``, so the
library drops what it has cached.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from bot.errors import InvalidWork, echo
from bot.library.importer import ImportCrashed, Importer, ImportJob
from bot.library.preparation import PARSER_VERSION
from bot.library.uploads import (
    BUNDLED_SLUG,
    check_slug,
    decode_text,
    numbered,
    read_text,
    slugify,
)
from bot.storage.records import ImportOutcome, LibraryLimits, SavedWork, WorkRecord
from bot.storage.works import WorkRepository
from bot.text.ingest import UNTITLED, content_hash


@dataclass(eq=False)
class WorkIntake:
    """Adds, replaces and upgrades works through an importer, within a server's limits."""

    works: WorkRepository
    importer: Importer
    limits: LibraryLimits
    """What one server may add."""
    bundled_story: Path
    on_change: Callable[[], None]
    """Called after every import that changed the library."""
    _bundled: WorkRecord | None = field(default=None, init=False)

    async def close(self) -> None:
        await self.importer.close()

    # -- the bundled story and upgrades ------------------------------------------------

    async def ensure_bundled_story(self) -> WorkRecord:
        """Import the bundled story unless the stored copy has the same content and parser.

        Checked once per library: the file only changes with a new release.
        """
        if self._bundled is None:
            text = read_text(self.bundled_story)
            stored = await self.works.find(BUNDLED_SLUG, None)
            if stored is None or (stored.content_hash, stored.parser_version) != (content_hash(text), PARSER_VERSION):
                saved = await self._run(ImportJob(text, BUNDLED_SLUG, None, None, replace=True, one_copy=False))
                assert saved is not None, "the bundled story is shared, so it can always be replaced"
                stored = saved.record
            self._bundled = stored
        return self._bundled

    async def upgrade_works(self) -> int:
        """Prepare again every work stored by an older parser (keeping passage ids); returns how many.

        First deletes what imports cut short by a killed process left (see :mod:`bot.storage.work_staging`)."""
        await self.works.sweep_staged()
        await self.ensure_bundled_story()
        stale = [record for record in await self.works.all() if record.parser_version < PARSER_VERSION]
        for record in stale:
            await self.upgrade(record)
        return len(stale)

    async def upgrade(self, record: WorkRecord) -> None:
        """Prepare ``record``'s stored text again with this parser (keeping its passage ids)."""
        text = await self.works.source_text(record.id)
        if text is not None:
            title = None if record.title == UNTITLED else record.title  # an older parser found none: look again
            job = ImportJob(text, record.slug, title, record.guild_id, replace=True, one_copy=False)
            await self.importer.run(job)
            self.on_change()

    # -- adding ------------------------------------------------------------------------

    async def add_work(self, path: Path, *, slug: str | None = None, title: str | None = None) -> SavedWork:
        """Import the text at `path` as a shared work (the CLI's way in).

        The slug defaults to one made from the file name; re-adding a slug replaces its work.
        """
        return await self.add_text(
            read_text(path), slug=slug or slugify(path.stem), title=title, guild_id=None, file_name=path.name
        )

    async def add_upload(
        self, data: bytes, filename: str, *, slug: str | None, title: str | None, guild_id: int
    ) -> SavedWork:
        """Import a file a server's moderator uploaded, within the server's limits.

        A slug given explicitly replaces the server's own work of that slug; a
        slug made up from the title or file name never replaces anything: it
        gets a number (`dracula-2`) if this server, or a shared work, has it
        (slugs are per server: other servers' works never count). A text the
        server's library already holds under another slug is refused
        (AlreadyInLibrary).
        """
        text = decode_text(data, filename)
        if slug is not None:
            return await self.add_text(text, slug=slug, title=title, guild_id=guild_id, file_name=filename)
        for candidate in numbered(slugify(title or PurePath(filename).stem)):
            job = ImportJob(text, candidate, title, guild_id, replace=False, limits=self.limits, file_name=filename)
            saved = await self._run(job)
            if saved is not None:
                return saved
        raise AssertionError("numbered() never runs out")

    async def add_text(
        self,
        text: str,
        *,
        slug: str,
        title: str | None = None,
        guild_id: int | None = None,
        file_name: str | None = None,
    ) -> SavedWork:
        """Import `text` as `slug`, owned by `guild_id` (None: shared by every server).

        Replaces the owner's own work of that slug; an unchanged text with the
        same title is left as it is, without parsing it again.
        """
        check_slug(slug)
        existing = await self.works.find(slug, guild_id)
        if existing is not None and _unchanged(existing, text, title):
            summary = await self.works.summary(existing.id)
            if summary is not None:
                return SavedWork(summary, ImportOutcome.UNCHANGED)
        limits = self.limits if guild_id is not None else None
        saved = await self._run(ImportJob(text, slug, title, guild_id, replace=True, limits=limits, file_name=file_name))
        if saved is None:
            raise InvalidWork(f"The slug {echo(slug)} is taken; pick another.")
        return saved

    async def _run(self, job: ImportJob) -> SavedWork | None:
        try:
            saved = await self.importer.run(job)
        except ImportCrashed:
            await self.works.sweep_staged()  # what the stopped worker had written
            raise
        self.on_change()
        return saved


def _unchanged(existing: WorkRecord, text: str, title: str | None) -> bool:
    same_text = existing.content_hash == content_hash(text) and existing.parser_version == PARSER_VERSION
    return same_text and title in (None, existing.title)
