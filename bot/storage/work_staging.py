"""Saving a new work on SQLite in bounded chunks, invisible to readers until one small publishing step.

SQLite has one writer at a time: a 20 MB work saved in one transaction kept every other writer (a
trivia answer, a vote) waiting for seconds. Here a new work is first written as a *staged* row, owned
by no server (:data:`STAGED_OWNER`) under a slug no one can type, then its passages, quote index,
vocabulary, sections and attribution go in transactions of about 150 ms each (:class:`Pace`), with a
pause after each (longer than SQLite's busy handler sleeps between two tries), so another writer
waits for one chunk at most. Readers find works by slug or by server, so none sees a staged work.
:func:`publish` then checks again that the slug is free and the server may add the work, and gives
the row its slug and owner, inside the caller's transaction: the work appears whole or not at all.

A staged work whose import failed is deleted chunk by chunk at once; one whose process died (a
killed import worker) is deleted by the next import, or at the bot's start (:func:`sweep`): its slug
names the process that wrote it. A sweep may take a writer in another pid namespace (a container) for
gone; then deleting never touches a work published meanwhile, the writer stops once its row is gone,
publishing refuses a staged work that is no longer whole, and the import is saved in one transaction.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from bot.storage.database import Database, Session
from bot.storage.quote_index import delete_index, delete_index_rows, write_index
from bot.storage.records import LibraryLimits, PreparedWork
from bot.storage.work_rows import (
    INSERT_PASSAGE,
    INSERT_VOCABULARY,
    WORK_VALUE_COLUMNS,
    admit,
    passage_rows,
    reserve_ids,
    sentence_ids,
    slug_taken,
    vocabulary_rows,
    work_values,
    write_outline_and_attribution,
)

log = logging.getLogger(__name__)

PIECE_ROWS = 500
"""Rows written by one statement of a staged import; a transaction holds pieces until its time is up."""


@dataclass(frozen=True, slots=True)
class Pace:
    """How a staged import shares SQLite's one writer."""

    budget_seconds: float = 0.15
    """A transaction stops taking pieces once it has written this long."""
    pause_seconds: float = 0.12
    """The pause between two transactions: SQLite's busy handler tries again at most 100 ms apart, so
    a writer waiting for the lock (another process's) gets it within one pause."""


SHARING = Pace()
STAGED_OWNER = -1
"""The ``guild_id`` of a work being staged: no server has it, so no server's listing shows it."""
STAGED_PREFIX = "~staged-"
"""Staged slugs: ``~staged-<pid>-<token>`` (a real slug never holds ``~``)."""


async def stage(
    database: Database,
    prepared: PreparedWork,
    slug: str,
    guild_id: int | None,
    *,
    limits: LibraryLimits | None,
    one_copy: bool,
    pace: Pace = SHARING,
) -> int | None:
    """Write `prepared` as a staged work, chunk by chunk; its id, or None if `slug` is taken or the
    staged work was deleted under it (nothing of it left then). Raises as :func:`admit` does, before
    writing anything."""
    await sweep(database, pace)
    async with database.transaction() as db:
        await db.lock_library()
        if await slug_taken(db, slug, guild_id):
            return None
        await admit(db, prepared, slug, guild_id, limits=limits, one_copy=one_copy)
        work_id, row_slug = await _insert_staged_row(db, prepared)
        ids = await reserve_ids(db, len(prepared.parsed.passages))
    try:
        await _write_pieces(database, _pieces(work_id, prepared, ids), pace, staged_row=(work_id, row_slug))
    except _StagedRowGone:
        log.warning("Work %d was deleted while it was being staged (a sweep took its writer for gone)", work_id)
        return None  # its id may be another work's by now: nothing to discard
    except Exception:
        await discard(database, work_id, pace)
        raise
    return work_id


async def publish(
    db: Session,
    work_id: int,
    prepared: PreparedWork,
    slug: str,
    guild_id: int | None,
    *,
    limits: LibraryLimits | None,
    one_copy: bool,
) -> bool:
    """Give the staged work its slug and owner (inside the caller's transaction); False, publishing
    nothing, if the slug was taken meanwhile or the staged work is no longer whole (a sweep that took its
    writer for gone, as one in another pid namespace may, began deleting it). Raises as :func:`admit` does."""
    await db.lock_library()
    if await slug_taken(db, slug, guild_id):
        return False
    if not await _still_staged(db, work_id):
        return False
    written = await db.fetch_one("SELECT COUNT(*) FROM passages WHERE work_id = ?", (work_id,))
    if written is None or int(written[0]) != len(prepared.parsed.passages):
        return False
    await admit(db, prepared, slug, guild_id, limits=limits, one_copy=one_copy)
    await db.execute("UPDATE works SET slug = ?, guild_id = ? WHERE id = ?", (slug, guild_id, work_id))
    return True


async def discard(database: Database, work_id: int, pace: Pace = SHARING) -> None:
    """Delete a staged work, as it was written: in turns, a piece of passages (and their index rows) at a time."""
    row = await database.fetch_one("SELECT COUNT(*) FROM passages WHERE work_id = ?", (work_id,))
    pieces = -(-int(row[0] if row else 0) // PIECE_ROWS)
    deletions: list[Piece] = [(_delete_passages, (work_id,))] * pieces
    await _write_pieces(database, [*deletions, (_delete_staged_row, (work_id,))], pace)


async def _still_staged(db: Session, work_id: int) -> bool:
    """Whether the work is there and still staged (deleting never touches a published work)."""
    row = await db.fetch_one("SELECT 1 FROM works WHERE id = ? AND guild_id = ?", (work_id, STAGED_OWNER))
    return row is not None


async def _delete_passages(db: Session, work_id: int) -> None:
    if not await _still_staged(db, work_id):
        return  # published meanwhile (its writer was alive after all), or already deleted
    ids = [row[0] for row in await db.fetch_all(
        "SELECT id FROM passages WHERE work_id = ? LIMIT ?", (work_id, PIECE_ROWS)
    )]
    if not ids:
        return  # another discard of the work (a sweep running beside it) took them
    await delete_index_rows(db, ids)
    await db.execute(f"DELETE FROM passages WHERE id IN ({', '.join('?' * len(ids))})", ids)


async def _delete_staged_row(db: Session, work_id: int) -> None:
    """The rest of a staged work (its sections and attribution go with the row)."""
    if not await _still_staged(db, work_id):
        return
    await delete_index(db, work_id)  # index rows of passages a writer still running added after the discard began
    await db.execute("DELETE FROM vocabulary WHERE work_id = ?", (work_id,))
    await db.execute("DELETE FROM works WHERE id = ? AND guild_id = ?", (work_id, STAGED_OWNER))


async def sweep(database: Database, pace: Pace = SHARING) -> int:
    """Delete the staged works of processes that are gone; returns how many."""
    rows = await database.fetch_all("SELECT id, slug FROM works WHERE guild_id = ?", (STAGED_OWNER,))
    abandoned = [row[0] for row in rows if not _writer_alive(row[1])]
    for work_id in abandoned:
        log.info("Deleting work %d, left half-imported by a process that stopped", work_id)
        await discard(database, work_id, pace)
    return len(abandoned)


def staged_slug() -> str:
    return f"{STAGED_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"


def _writer_alive(slug: str) -> bool:
    pid_text = slug.removeprefix(STAGED_PREFIX).partition("-")[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


async def _insert_staged_row(db: Session, prepared: PreparedWork) -> tuple[int, str]:
    """The staged row's id and slug."""
    values, slug = work_values(prepared), staged_slug()
    inserted = await db.fetch_one(
        f"INSERT INTO works (slug, guild_id, {', '.join(WORK_VALUE_COLUMNS)})"
        f" VALUES (?, ?, {', '.join('?' * len(values))}) RETURNING id",
        (slug, STAGED_OWNER, *values),
    )
    assert inserted is not None
    return int(inserted[0]), slug


class _StagedRowGone(Exception):
    """The staged work being written was deleted meanwhile."""


Piece = tuple[Callable[..., Awaitable[None]], tuple[object, ...]]
"""A statement's worth of writing: a function called with the session and these arguments."""


def _pieces(work_id: int, prepared: PreparedWork, ids: Sequence[int]) -> Iterator[Piece]:
    """The staged work's rows, at most PIECE_ROWS to a piece."""
    for batch in _batched(passage_rows(work_id, prepared, ids)):
        yield _execute_many, (INSERT_PASSAGE, batch)
    sentences = sentence_ids(prepared, ids)
    for start in range(0, len(sentences), PIECE_ROWS):
        end = start + PIECE_ROWS
        yield write_index, (work_id, sentences[start:end], prepared.sentence_terms[start:end])
    for batch in _batched(vocabulary_rows(work_id, prepared)):
        yield _execute_many, (INSERT_VOCABULARY, batch)
    yield write_outline_and_attribution, (work_id, prepared)


async def _write_pieces(
    database: Database, pieces: Iterable[Piece], pace: Pace, *, staged_row: tuple[int, str] | None = None
) -> None:
    """Write the pieces in transactions of about ``pace.budget_seconds``, pausing between two; if given
    the staged row (id, slug) they belong to, each transaction first checks it is still there."""
    remaining = iter(pieces)
    piece = next(remaining, None)
    while piece is not None:
        started = time.perf_counter()
        async with database.transaction() as db:
            if staged_row is not None and await db.fetch_one(
                "SELECT 1 FROM works WHERE id = ? AND slug = ?", staged_row
            ) is None:
                raise _StagedRowGone(staged_row[0])
            while piece is not None:
                write, arguments = piece
                await write(db, *arguments)
                piece = next(remaining, None)
                if time.perf_counter() - started >= pace.budget_seconds:
                    break
        if piece is not None:
            await _pause(pace)


async def _pause(pace: Pace) -> None:
    if pace.pause_seconds > 0:
        await asyncio.sleep(pace.pause_seconds)


async def _execute_many(db: Session, statement: str, rows: list[tuple[object, ...]]) -> None:
    await db.executemany(statement, rows)


def _batched(rows: Iterable[tuple[object, ...]]) -> Iterator[list[tuple[object, ...]]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, PIECE_ROWS)):
        yield batch
