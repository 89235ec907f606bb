"""Domain errors. Each carries a message that is safe and friendly to show a user."""

from __future__ import annotations


class FolioError(Exception):
    """Base class: `str(error)` is written for the person who caused it."""


class InvalidQuery(FolioError):
    """A quote query that cannot be searched (empty, too long, a character flood...)."""


class UnknownWork(FolioError):
    """No work in the library has the requested slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(f"There is no work called `{slug}` in the library. Try `/works` to see what is there.")
        self.slug = slug


class InvalidWork(FolioError):
    """A text that cannot be imported (unreadable, empty, not text, bad slug...)."""


class PassageNotFound(FolioError):
    """A passage id that does not exist (any more) in its work."""
