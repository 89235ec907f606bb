"""Domain errors. Each carries a message that is safe and friendly to show a user.

`str(error)` is plain text: no markdown and no command syntax, because the
same error reaches readers in Discord and operators on the command line. Each
interface phrases it for its medium (the cogs escape it and may add a hint
naming a slash command, the CLI names its own commands); see
`bot/folio_bot.py` (for the cogs) and `bot/cli.py`.
"""

from __future__ import annotations

MAX_ECHO_CHARS = 60
"""Longest piece of user input an error message repeats."""


def echo(text: str) -> str:
    """User input as an error message repeats it: on one line, cut to :data:`MAX_ECHO_CHARS`, in quotes."""
    flat = " ".join(text.split())
    if len(flat) > MAX_ECHO_CHARS:
        flat = flat[: MAX_ECHO_CHARS - 1].rstrip() + "…"
    return f"“{flat}”"


class FolioError(Exception):
    """Base class: `str(error)` is written for the person who caused it."""


class InvalidQuery(FolioError):
    """A quote query that cannot be searched (too long, a character flood...)."""


class EmptyQuery(InvalidQuery):
    """A quote query with nothing in it."""

    def __init__(self) -> None:
        super().__init__("Give me a line to look for.")


class EmptyQuestion(InvalidQuery):
    """A question with nothing in it."""

    def __init__(self) -> None:
        super().__init__("Ask me something about the story.")


class UnknownWork(FolioError):
    """No work in the library has the requested slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(f"There is no work called {echo(slug)} in the library.")
        self.slug = slug


class InvalidWork(FolioError):
    """A text that cannot be imported (unreadable, empty, not text, bad slug...)."""


class PassageNotFound(FolioError):
    """A passage id that does not exist (any more) in its work."""


class DatabaseUnavailable(FolioError):
    """The database cannot be opened or written; the message names the path and the problem."""


class LibraryLimit(InvalidWork):
    """A server has as many works, or as many bytes of them, as it may."""


class AlreadyInLibrary(InvalidWork):
    """The same text is already in the library a server sees, under another slug."""

    def __init__(self, slug: str) -> None:
        super().__init__(
            f"Already in the library as `{slug}`. To replace that work with this file, give `slug:` {slug}."
        )
        self.slug = slug

    def __reduce__(self) -> tuple[type[AlreadyInLibrary], tuple[str]]:
        return AlreadyInLibrary, (self.slug,)  # sent back from an import worker whole
