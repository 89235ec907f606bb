"""Importing a text: prepare it (parse and index) and save it, here or in a worker process.

The bot imports in a fresh worker process with a database connection of its
own (:class:`ProcessImporter`): parsing a 20 MB upload then costs the bot
neither memory nor event-loop time, and readers keep their own connections.
The CLI and the tests import in-process (:class:`InlineImporter`).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Protocol

from bot.errors import FolioError
from bot.library.preparation import prepare_work
from bot.storage.database import Database, DatabaseTarget
from bot.storage.records import LibraryLimits, SavedWork
from bot.storage.works import WorkRepository


@dataclass(frozen=True, slots=True)
class ImportJob:
    text: str
    slug: str
    title: str | None
    guild_id: int | None
    replace: bool
    limits: LibraryLimits | None = None
    file_name: str | None = None
    """The uploaded file's name: the title when the text names none."""
    one_copy: bool = True
    """Refuse the text if the library the owner sees already holds it under another slug."""


class Importer(Protocol):
    async def run(self, job: ImportJob) -> SavedWork | None:
        """Import the job's text; None if its slug belongs to a work it may not replace."""
        ...

    async def close(self) -> None: ...


class ImportCrashed(Exception):
    """An import worker failed unexpectedly; the message holds its traceback."""


class InlineImporter:
    """Prepares in a thread of this process and saves through this process's database."""

    def __init__(self, works: WorkRepository) -> None:
        self._works = works

    async def run(self, job: ImportJob) -> SavedWork | None:
        prepared = await asyncio.to_thread(prepare_work, job.text, job.title, job.file_name)
        return await self._works.save(
            job.slug, prepared, guild_id=job.guild_id, replace=job.replace, limits=job.limits, one_copy=job.one_copy
        )

    async def close(self) -> None:
        """Nothing to release."""


class ProcessImporter:
    """Runs each import in a fresh worker process, one at a time (so memory stays bounded)."""

    def __init__(self, database: DatabaseTarget) -> None:
        self._database = database
        self._context = multiprocessing.get_context("spawn")
        self._one_at_a_time = asyncio.Lock()
        self._workers: set[BaseProcess] = set()

    async def run(self, job: ImportJob) -> SavedWork | None:
        async with self._one_at_a_time:
            receiver, sender = self._context.Pipe(duplex=False)
            worker = self._context.Process(
                target=_import_in_worker, args=(self._database, job, sender), daemon=True
            )
            await asyncio.to_thread(worker.start)  # spawning a Python takes about a second: not on the loop
            sender.close()
            self._workers.add(worker)
            try:
                outcome = await asyncio.to_thread(_receive, receiver, worker)
            finally:
                self._workers.discard(worker)
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome

    async def close(self) -> None:
        """Stop any import still running; its transaction is rolled back whole."""
        for worker in list(self._workers):
            worker.terminate()


def _receive(receiver: Connection, worker: BaseProcess) -> SavedWork | None | BaseException:
    try:
        return receiver.recv()
    except EOFError:
        return ImportCrashed(f"the import worker stopped (exit code {worker.exitcode})")
    finally:
        receiver.close()
        worker.join()


def _import_in_worker(database: DatabaseTarget, job: ImportJob, sender: Connection) -> None:
    """The worker process's body: import, and send back what happened (or the error)."""
    try:
        outcome: SavedWork | None | BaseException = asyncio.run(_import(database, job))
    except FolioError as error:
        outcome = error
    except BaseException:
        outcome = ImportCrashed(traceback.format_exc())
    sender.send(outcome)
    sender.close()


async def _import(target: DatabaseTarget, job: ImportJob) -> SavedWork | None:
    prepared = prepare_work(job.text, job.title, job.file_name)
    async with Database.opened(target, readers=0) as database:
        return await WorkRepository(database).save(
            job.slug, prepared, guild_id=job.guild_id, replace=job.replace, limits=job.limits, one_copy=job.one_copy
        )
