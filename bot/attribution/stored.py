"""A work's characters and attribution as bytes to store beside it, and back (pure, no SQL).

Worked out once, in the import worker (:func:`bot.library.preparation.prepare_work`), and read by
the bot instead of attributing again: zlib-compressed JSON of the characters (names, aliases,
gender, counts, where each is named), the narrator, and every quote with its speaker, confidence,
quote type and rule.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from bot.attribution.characters import Character, CharacterList
from bot.attribution.speakers import Utterance
from bot.text.ingest import WorkSpeakers

FORMAT = 1
"""Bump when the stored shape changes: older data is then worked out again."""


def encode(speakers: WorkSpeakers) -> bytes:
    """``speakers`` as compact bytes (a novel's: a few hundred kilobytes)."""
    characters = speakers.characters
    listed = characters.characters
    narrator = next((i for i, c in enumerate(listed) if c is characters.narrator), None)
    document = {
        "format": FORMAT,
        "characters": [
            [c.name, c.aliases, c.gender, c.mentions, c.first_offset, c.described, c.person] for c in listed
        ],
        "narrator": narrator,
        "name_words": sorted(characters.name_words),
        "mention_starts": [list(starts) for starts in speakers.mention_starts],
        "utterances": [
            [u.start, u.end, u.text, u.speaker, u.confidence, u.quote_type, u.rule] for u in speakers.utterances
        ],
    }
    return zlib.compress(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def decode(data: bytes) -> WorkSpeakers | None:
    """What :func:`encode` stored; None if it was stored in another :data:`FORMAT`."""
    document: dict[str, Any] = json.loads(zlib.decompress(data))
    if document.get("format") != FORMAT:
        return None
    listed = [
        Character(name, list(aliases), gender, mentions, first, described=described, person=person)
        for name, aliases, gender, mentions, first, described, person in document["characters"]
    ]
    narrator = listed[document["narrator"]] if document["narrator"] is not None else None
    characters = CharacterList(listed, frozenset(document["name_words"]), narrator)
    utterances = [Utterance(*row) for row in document["utterances"]]
    starts = tuple(tuple(row) for row in document["mention_starts"])
    return WorkSpeakers(characters, utterances, starts)
