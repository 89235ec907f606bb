"""Turning pages of a work: the page at a paragraph, and the pages before and after one."""

from __future__ import annotations

from bot.library.service import Library
from bot.library.views import WorkView
from bot.read.pages import LOOKAHEAD, Page, fill_backward, fill_forward


async def page_at(library: Library, slug: str, ordinal: int, *, guild_id: int | None) -> tuple[WorkView, Page]:
    """The page starting at paragraph `ordinal` (from 0) of the work `slug`."""
    work, _ = await library.paragraph_at(slug, ordinal, guild_id=guild_id)  # refuses an ordinal past the end
    return work, fill_forward(await library.paragraph_run(work, ordinal, ordinal + LOOKAHEAD))


async def page_turned(library: Library, first_id: int, step: int, *, guild_id: int | None) -> tuple[WorkView, Page]:
    """The page after (`step` > 0) or before (`step` < 0) the page that starts at the paragraph `first_id`;
    the same page at either end of the work."""
    work, first = await library.paragraph_near(first_id, 0, guild_id=guild_id)
    current = fill_forward(await library.paragraph_run(work, first.ordinal, first.ordinal + LOOKAHEAD))
    if step > 0 and current.last.ordinal + 1 < work.paragraph_count:
        return await page_at(library, work.slug, current.last.ordinal + 1, guild_id=guild_id)
    if step < 0 and first.ordinal > 0:
        end = first.ordinal - 1
        return work, fill_backward(await library.paragraph_run(work, end - LOOKAHEAD, end))
    return work, current


def is_last_page(work: WorkView, page: Page) -> bool:
    return page.last.ordinal >= work.paragraph_count - 1
