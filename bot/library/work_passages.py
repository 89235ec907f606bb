"""A work's sentences and paragraphs as stored passages, kept in memory with the work in use.

A lookup's hits are sentences with their paragraphs (:class:`~bot.library.views.QuoteHit`); reading
them here rather than from the database saves a lookup its last round trip, which on a loaded machine
cost as much as rescoring (a wake-up of the database's process, or of aiosqlite's thread, and of ours).
Passages never change under a stored work: a changed work is a new content hash, hence a new view.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence

from bot.text.model import Passage, PassageKind

PASSAGE_OVERHEAD_BYTES = 250
"""A passage's own objects (the dataclass, its fields and its place in the dicts), for the cache's budget."""

SECOND_KEY_BYTES = 100
"""A sentence's place in the by-ordinal dict too."""

KINDS = (PassageKind.SENTENCE, PassageKind.PARAGRAPH)
"""The kinds of passage a work's view holds."""


class WorkPassages:
    """The sentences of one work by id and by ordinal, and its paragraphs by ordinal."""

    def __init__(self, passages: Iterable[Passage]) -> None:
        self._sentences: dict[int, Passage] = {}
        self._sentences_at: dict[int, Passage] = {}
        self._paragraphs: dict[int, Passage] = {}
        for passage in passages:
            if passage.kind is PassageKind.SENTENCE and passage.id is not None:
                self._sentences[passage.id] = passage
                self._sentences_at[passage.ordinal] = passage
            elif passage.kind is PassageKind.PARAGRAPH:
                self._paragraphs[passage.ordinal] = passage

    def sentence_text(self, key: int, otherwise: str) -> str:
        """The text of sentence `key` (`otherwise` if the work has none such): units share it."""
        sentence = self._sentences.get(key)
        return otherwise if sentence is None else sentence.text

    def sentences(self, sentence_ids: Iterable[int]) -> dict[int, Passage]:
        """Sentences by id (those the work has), as :meth:`bot.storage.passages.PassageRepository.many` reads them."""
        held = self._sentences
        return {key: held[key] for key in sentence_ids if key in held}

    def sentences_at(self, ordinals: Iterable[int]) -> dict[int, Passage]:
        """Sentences by ordinal (those the work has), as :meth:`~bot.storage.passages.PassageRepository.of_kind_at`
        reads them."""
        held = self._sentences_at
        return {ordinal: held[ordinal] for ordinal in ordinals if ordinal in held}

    def paragraphs_at(self, ordinals: Iterable[int]) -> dict[int, Passage]:
        """Paragraphs by ordinal (those the work has)."""
        held = self._paragraphs
        return {ordinal: held[ordinal] for ordinal in ordinals if ordinal in held}

    def sentences_in(self, section: int) -> list[Passage]:
        """The sentences of section number `section`, in order (a scan of the work's sentences: a millisecond or
        two for a novel)."""
        return sorted((s for s in self._sentences.values() if s.section == section), key=lambda s: s.ordinal)

    def with_paragraphs(self, sentence_ids: Sequence[int]) -> tuple[dict[int, Passage], dict[int, Passage]]:
        """Sentences by id and the paragraphs holding them by ordinal (those that exist), as
        :meth:`bot.storage.passages.PassageRepository.with_paragraphs` reads them."""
        sentences = {key: self._sentences[key] for key in sentence_ids if key in self._sentences}
        paragraphs = {}
        for sentence in sentences.values():
            if sentence.paragraph is not None and sentence.paragraph in self._paragraphs:
                paragraphs[sentence.paragraph] = self._paragraphs[sentence.paragraph]
        return sentences, paragraphs

    def estimated_bytes(self) -> int:
        """Roughly what the passages take in memory; a sentence's text is shared with its unit."""
        paragraph_text = sum(sys.getsizeof(paragraph.text) for paragraph in self._paragraphs.values())
        passages = PASSAGE_OVERHEAD_BYTES * (len(self._sentences) + len(self._paragraphs))
        return paragraph_text + passages + SECOND_KEY_BYTES * len(self._sentences_at)
