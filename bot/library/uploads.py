"""What a moderator or operator hands Folio: files checked, decoded and named before they are parsed."""

from __future__ import annotations

import codecs
import itertools
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from bot.errors import InvalidWork, echo

BUNDLED_SLUG = "hello-from-the-other-side"
"""The bundled story's slug, reserved for it."""
MAX_WORK_BYTES = 20 * 1024 * 1024
MAX_TITLE_CHARS = 200
MAX_AUTHOR_CHARS = 100
MAX_SLUG_CHARS = 40
SAMPLE_BYTES = 256 * 1024
"""How much of a file is inspected to tell its encoding and whether it is prose."""
UTF16_NUL_SHARE = 0.3
"""UTF-16 without a byte-order mark: NULs in at least this share of one byte of each pair, none in the other."""
MIN_WORDLIKE_SHARE = 0.6
"""Prose is mostly letters and spaces (about 95% in a novel; under 50% in random bytes)."""
MAX_BROKEN_SHARE = 0.01
"""Undecodable bytes and control characters a text may hold (random bytes: over 10%)."""
SLUG_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")


def slugify(name: str) -> str:
    """A slug from a title or file name: `Les Misérables (1862)` -> `les-miserables-1862`.

    Falls back to `work` for names with no Latin letters or digits.
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:MAX_SLUG_CHARS].strip("-") or "work"


def numbered(base: str) -> Iterator[str]:
    """`base`, then `base-2`, `base-3`, … (each still a valid slug)."""
    yield base
    for number in itertools.count(2):
        suffix = f"-{number}"
        yield base[: MAX_SLUG_CHARS - len(suffix)].rstrip("-") + suffix


def check_slug(slug: str) -> None:
    if slug == BUNDLED_SLUG:
        raise InvalidWork(f"{echo(slug)} is the bundled story's slug; pick another.")
    if not SLUG_PATTERN.fullmatch(slug):
        raise InvalidWork(
            f"{echo(slug)} can't be a slug: use 1-40 lowercase letters, digits and dashes, like “dracula”."
        )


def check_work_size(name: str, size: int) -> None:
    """Refuse a file too big to be a work, before reading it."""
    if size > MAX_WORK_BYTES:
        raise InvalidWork(f"{echo(name)} is {size:,} bytes; works can be at most {MAX_WORK_BYTES:,}.")


def read_text(path: Path) -> str:
    try:
        check_work_size(path.name, path.stat().st_size)
        data = path.read_bytes()
    except OSError as error:
        raise InvalidWork(f"Can't read {path}: {error.strerror or error}.") from error
    return decode_text(data, path.name)


def decode_text(data: bytes, name: str) -> str:
    """The text of an uploaded or read file.

    Reads UTF-16 (with a byte-order mark, or without one when its NUL bytes
    give it away), UTF-8 (BOM or not), else Windows-1252; refuses what does
    not decode to prose (binary data, or an encoding Folio does not read).
    """
    check_work_size(name, len(data))
    text = _decode(data, name)
    _check_prose(text, name)
    return text


def _decode(data: bytes, name: str) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data:
        raise InvalidWork(f"{echo(name)} is not a text file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when NULs fill one byte of most pairs (text in UTF-16), else None."""
    sample = data[: SAMPLE_BYTES - SAMPLE_BYTES % 2]
    pairs = len(sample) // 2
    nuls_first, nuls_second = sample[0::2].count(0), sample[1::2].count(0)
    if pairs and nuls_second > UTF16_NUL_SHARE * pairs and nuls_first == 0:
        return "utf-16-le"
    if pairs and nuls_first > UTF16_NUL_SHARE * pairs and nuls_second == 0:
        return "utf-16-be"
    return None


def _check_prose(text: str, name: str) -> None:
    """Refuse a decoded text that is mostly not letters and spaces, or full of undecodable bytes."""
    sample = text[:SAMPLE_BYTES]
    if not sample.strip():
        return  # an empty text is refused later, as having no sentences
    wordlike = sum(1 for ch in sample if ch.isalpha() or ch.isspace())
    broken = sum(1 for ch in sample if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f"))
    if wordlike < MIN_WORDLIKE_SHARE * len(sample) or broken > MAX_BROKEN_SHARE * len(sample):
        raise InvalidWork(
            f"{echo(name)} doesn't read as text: most of it is not letters and spaces. Upload a plain-text file"
            " in UTF-8, UTF-16 or Windows-1252."
        )
