"""Preparing a text for the library: parse it, and work out everything stored beside it (the search
index, and the characters and who speaks each quote).

CPU-bound and pure (no I/O): the bot runs it in a worker process, so a 20 MB
upload never competes with readers for the event loop or the GIL.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from bot.attribution.stored import encode
from bot.errors import InvalidWork
from bot.library.uploads import MAX_AUTHOR_CHARS, MAX_TITLE_CHARS
from bot.search.vocabulary import vocabulary_entries
from bot.storage.records import PreparedWork
from bot.text.excerpt import shorten
from bot.text.identity import fingerprint
from bot.text.ingest import content_hash, parse_work_and_speakers
from bot.text.model import ParsedWork, Passage, PassageKind

PARSER_VERSION = 13
"""Bump whenever parsing or search normalisation changes what a text gives: stored works
are then prepared again once (see :meth:`bot.library.intake.WorkIntake.upgrade_works`),
keeping their passages' ids wherever the text is unchanged."""


def prepare_work(text: str, title: str | None = None, file_name: str | None = None) -> PreparedWork:
    """Parse `text` (titled `title`, else as the text or its `file_name` says) and index it;
    raises InvalidWork if it has no sentences."""
    parsed, speakers = parse_work_and_speakers(text, title=title, file_name=file_name)
    parsed.title = shorten(parsed.title, MAX_TITLE_CHARS)
    parsed.author = parsed.author and shorten(parsed.author, MAX_AUTHOR_CHARS)
    if not parsed.sentences:
        raise InvalidWork("That text has no sentences to index.")
    parsed.passages = _with_sentence_speakers(parsed)
    sentence_terms, vocabulary = vocabulary_entries(sentence.text for sentence in parsed.sentences)
    return PreparedWork(
        parsed=parsed,
        fingerprints=[fingerprint(passage) for passage in parsed.passages],
        sentence_terms=sentence_terms,
        vocabulary=vocabulary,
        content_hash=content_hash(text),
        parser_version=PARSER_VERSION,
        attribution=encode(speakers),
    )


def _with_sentence_speakers(parsed: ParsedWork) -> list[Passage]:
    """The passages, each sentence carrying the speaker of the first attributed dialogue inside it."""
    sentences = parsed.sentences
    starts = [sentence.start for sentence in sentences]
    speakers: dict[int, str] = {}
    for dialogue in parsed.dialogues:
        if dialogue.speaker is None:
            continue
        position = bisect.bisect_right(starts, dialogue.start) - 1
        while 0 <= position < len(sentences) and sentences[position].start < dialogue.end:
            speakers.setdefault(sentences[position].ordinal, dialogue.speaker)
            position += 1
    return [
        replace(passage, speaker=speakers.get(passage.ordinal))
        if passage.kind is PassageKind.SENTENCE and passage.ordinal in speakers
        else passage
        for passage in parsed.passages
    ]
