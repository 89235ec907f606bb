"""Passage identity across re-imports: a passage keeps its id wherever its text survives.

Each passage has a *fingerprint* (a hash of its kind, title and text). When a
work is imported again, the old and new passages of each kind are aligned by
fingerprint, in reading order (the longest common runs first, as `diff` does):
a new passage aligned with an old one inherits its id; the rest get new ids,
and old ids with no partner are gone for good. Inserting a paragraph at the
top therefore changes no id, and a button that pointed at "the paragraph after
this one" still finds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from difflib import SequenceMatcher

from bot.text.model import Passage, PassageKind

FINGERPRINT_BYTES = 12


def fingerprint(passage: Passage) -> str:
    """A short hash of what a reader would recognise the passage by."""
    key = f"{passage.kind}\x1f{passage.title or ''}\x1f{' '.join(passage.text.split())}"
    return hashlib.blake2b(key.encode("utf-8"), digest_size=FINGERPRINT_BYTES).hexdigest()


def carry_ids(
    old: Sequence[tuple[int, PassageKind, str]], new: Sequence[Passage], new_fingerprints: Sequence[str]
) -> list[int | None]:
    """For each new passage, the id of the old passage it continues, or None.

    ``old`` holds (id, kind, fingerprint) of the stored passages in reading order within each kind.
    """
    carried: list[int | None] = [None] * len(new)
    for kind in PassageKind:
        old_of_kind = [(passage_id, mark) for passage_id, old_kind, mark in old if old_kind == kind]
        new_positions = [position for position, passage in enumerate(new) if passage.kind == kind]
        if not old_of_kind or not new_positions:
            continue
        matcher = SequenceMatcher(
            None, [mark for _, mark in old_of_kind], [new_fingerprints[p] for p in new_positions], autojunk=False
        )
        for old_start, new_start, size in matcher.get_matching_blocks():
            for offset in range(size):
                carried[new_positions[new_start + offset]] = old_of_kind[old_start + offset][0]
    return carried
