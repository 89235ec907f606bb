"""Who is X? Reading the sentences that name X for those that say what X is (see :mod:`bot.ask.describe`)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable

from bot.ask.answers import is_non_answer
from bot.ask.describe import Sentence, describe, name_pattern
from bot.ask.people import find_person, name_forms
from bot.characters.roster import Roster
from bot.library.views import WorkView
from bot.search.textnorm import FUNCTION_TERMS, term, words
from bot.storage.quote_index import QuoteIndexStore
from bot.text.model import Passage

NAMED_LIMIT = 400
"""Sentences naming X read per name form, in the work's order (a main character is named thousands of times;
they are described when first brought in)."""
FOLLOWED = 120
"""Named sentences whose next sentences are read for "He was a man of forty"."""
QUOTATION_MARKS = ('"', "“", "”")
_QUOTATION_MARK = re.compile("|".join(map(re.escape, QUOTATION_MARKS)))
FIRST_SEEN = 2
"""Sentences of X's first appearance given as the answer when no sentence says what X is in so many words: a book
brings a person in with what the reader needs to know of them ("she cried to an old servant who ...")."""

Scored = list[tuple[int, float]]


class WhoIsReader:
    """Reads the sentences naming X from the full-text index, the sentences themselves and those after them from the
    work's view in memory (:class:`~bot.library.work_passages.WorkPassages`)."""

    def __init__(self, index: QuoteIndexStore) -> None:
        self._index = index

    async def read(
        self, work: WorkView, typed: str, roster: Roster | None, allowed: Callable[[Passage], bool], limit: int
    ) -> tuple[Scored, Scored, str | None] | None:
        """The describing sentences (best first, one per paragraph) or, when none describes X, the first sentences
        naming X; the closest passages (none); X's name as a character. None if the work never names X."""
        person = find_person(typed, roster)
        forms = name_forms(typed, person, roster)
        named = [s for s in await self._naming(work, forms) if allowed(s)]
        if not named:
            return None
        following = _following(work, named[:FOLLOWED])
        sentences = {s.id: s for s in [*named, *(f for after in following.values() for f in after)] if s.id}
        read = _as_read(work, list(sentences.values()))
        descriptions = await asyncio.to_thread(
            describe,
            [read[s.id] for s in named if s.id in read],
            {key: [read[s.id] for s in after if allowed(s) and s.id in read] for key, after in following.items()},
            forms,
            person.gender if person is not None else None,
        )
        first_seen = [(s.id or 0, 0.0) for s in named if not is_non_answer(s.text)]
        described = [(d.key, d.score) for d in descriptions]
        answers = _one_per_paragraph(described + first_seen[:FIRST_SEEN], sentences, limit) if described else []
        return answers or first_seen[:FIRST_SEEN], [], person.name if person else None

    async def _naming(self, work: WorkView, forms: list[str]) -> list[Passage]:
        """Sentences naming X by one of `forms` as written, in the work's order."""
        keys: set[int] = set()
        for form in forms:
            terms = [term(word) for word in words(form) if term(word) not in FUNCTION_TERMS] or list(
                map(term, words(form))
            )
            if terms and all(work.vocabulary.knows(t) for t in terms):
                keys.update(unit.key for unit in await self._index.holding_all(work.record.id, terms, NAMED_LIMIT))
        pattern = name_pattern(forms)
        found = work.passages.sentences(sorted(keys))
        return sorted((s for s in found.values() if pattern.search(s.text)), key=lambda s: s.ordinal)


def _following(work: WorkView, named: list[Passage]) -> dict[int, list[Passage]]:
    """The next two sentences of each named sentence's paragraph, by the named sentence's id."""
    near = work.passages.sentences_at({o for s in named for o in (s.ordinal + 1, s.ordinal + 2)})
    return {
        s.id: [n for o in (s.ordinal + 1, s.ordinal + 2) if (n := near.get(o)) and n.paragraph == s.paragraph]
        for s in named
        if s.id is not None
    }


def _as_read(work: WorkView, sentences: list[Passage]) -> dict[int, Sentence]:
    """`sentences` as the rules read them (see :func:`as_read`), by id; a paragraph's quotation marks are found once
    for all its sentences."""
    paragraphs = work.passages.paragraphs_at({s.paragraph for s in sentences if s.paragraph is not None})
    marks = {ordinal: quotation_marks(paragraph.text) for ordinal, paragraph in paragraphs.items()}
    return {
        s.id: as_read(s, paragraphs.get(s.paragraph or -1), marks.get(s.paragraph or -1))
        for s in sentences
        if s.id is not None
    }


def _one_per_paragraph(scored: Scored, sentences: dict[int, Passage], limit: int) -> Scored:
    """The first `limit` of `scored` from different paragraphs, never a heading, a signature or a date line."""
    chosen: Scored = []
    paragraphs: set[int | None] = set()
    for key, score in scored:
        sentence = sentences[key]
        if sentence.paragraph not in paragraphs and not is_non_answer(sentence.text):
            chosen.append((key, score))
            paragraphs.add(sentence.paragraph)
        if len(chosen) == limit:
            break
    return chosen


def quotation_marks(text: str) -> list[int]:
    """Where `text` holds a quotation mark (see :data:`QUOTATION_MARKS`)."""
    return [found.start() for found in _QUOTATION_MARK.finditer(text)]


def as_read(sentence: Passage, paragraph: Passage | None, marks: list[int] | None = None) -> Sentence:
    """`sentence` for the rules, saying whether its quotation marks count from inside a speech (`spoken`).

    A paragraph whose quotation is left open (a letter or a tale told over several paragraphs, each opening with a
    quotation mark) is read as narration: its opening mark does not count (the sentence holding it counts from inside
    a speech, so that this mark closes it). `marks`: the paragraph's :func:`quotation_marks`, if already found."""
    key = sentence.id or 0
    if paragraph is None:
        return Sentence(key, sentence.text, sentence.paragraph, sentence.ordinal)
    start = sentence.start - paragraph.start
    if paragraph.text[start : start + len(sentence.text)] != sentence.text:
        start = max(paragraph.text.find(sentence.text), 0)
    marks = list(quotation_marks(paragraph.text) if marks is None else marks)  # a copy: one may be taken out
    holds_open_mark = False
    if len(marks) % 2 and paragraph.text.lstrip()[:1] in QUOTATION_MARKS:
        holds_open_mark = start <= marks.pop(0) < start + len(sentence.text)
    spoken = (sum(1 for i in marks if i < start) + holds_open_mark) % 2 == 1
    return Sentence(key, sentence.text, sentence.paragraph, sentence.ordinal, spoken)
