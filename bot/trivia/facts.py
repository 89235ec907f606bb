"""What every question builder needs about a source, worked out once, and which lines are memorable."""

from __future__ import annotations

import bisect
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bot.trivia import common_names, dialect, roles, wording
from bot.trivia.book_words import BookWords
from bot.trivia.characters import SpeakerCounts
from bot.trivia.entries import with_entry_writers
from bot.trivia.events import narration
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, TriviaSource
from bot.trivia.people import SURNAME_TITLES, name_words, same_person
from bot.trivia.scenes import Scenes

PRESENCE_SHARE = 0.03
MIN_PRESENCE_WINDOW = 5_000
"""A wrong speaker is someone speaking in the line's section or within this share of the book
(this many characters at least) either side of it: judged samples found people offered who had not
entered the story yet, had left it or were dead."""


MAX_LINE_CHARS = 300
MIN_LINE_WORDS = 6
"""Shorter lines ("Yes, sir.") are too generic to recognise."""


@dataclass(frozen=True, slots=True)
class Facts:
    """What every builder needs about a source, worked out once (each in linear time)."""

    source: TriviaSource
    normalised: list[str]
    """Each line's normalised text."""
    unique: set[int]
    """Indexes of lines whose words are said only once in the work."""
    speakers: SpeakerCounts
    starts: list[str]
    """Every line's normalised text, sorted (to find lines starting the same way)."""
    sentence_ends: list[int]
    """Where each narration sentence ends, in reading order (to read what introduces a line)."""
    paragraphs: dict[int, str]
    """Each paragraph's text by ordinal (who it names is spoken to or about, not speaking)."""
    dialect_speakers: set[str]
    """Speakers whose spelling marks their lines (:mod:`bot.trivia.dialect`)."""
    owned: dict[str, frozenset[str]]
    """The roles and possessions each speaker speaks of as their own (:func:`bot.trivia.roles.owners`)."""
    called_child: dict[str, list[int]]
    """Where the narration calls a name word a child (:func:`bot.trivia.roles.child_mentions`)."""
    scenes: Scenes
    """Who speaks or is named where: wrong options come from the question's scene."""
    words: BookWords
    """How often the book uses each word: its stock words mark no line."""

    @classmethod
    def of(cls, source: TriviaSource) -> Facts:
        """The facts of ``source``, its letters' and journals' "said I" given to their writers
        (:func:`bot.trivia.entries.with_entry_writers`)."""
        texts: dict[int, list[str]] = {}
        for sentence in source.sentences:
            if sentence.paragraph is not None:
                texts.setdefault(sentence.paragraph, []).append(sentence.text)
        paragraphs = {ordinal: " ".join(parts) for ordinal, parts in texts.items()}
        source = with_entry_writers(source, paragraphs)
        normalised = [normalise(line.text) for line in source.lines]
        counts = Counter(normalised)
        unique = {index for index, text in enumerate(normalised) if counts[text] == 1}
        certain = [(line.speaker, line.text) for line in source.lines if line.certain and line.speaker]
        people = source.plot.cast.people
        not_persons = common_names.not_persons({speaker for speaker, _ in certain}, paragraphs.values(), people)
        speakers = SpeakerCounts(source.lines, people, not_persons=not_persons)
        return cls(
            source,
            normalised,
            unique,
            speakers,
            sorted(normalised),
            [s.end for s in source.sentences],
            paragraphs,
            dialect.dialect_speakers(certain),
            roles.owners(certain),
            roles.child_mentions((sentence.end, sentence.text) for sentence in source.sentences),
            Scenes(source.lines, [sentence for sentence, _ in narration(source.sentences)], people),
            BookWords(sentence.text for sentence in source.sentences),
        )

    def presence_window(self) -> int:
        length = self.sentence_ends[-1] if self.sentence_ends else 0
        return max(MIN_PRESENCE_WINDOW, round(length * PRESENCE_SHARE))

    def is_child_near(self, name: str, offset: int) -> bool:
        """Whether the narration calls ``name`` a child ("little Tom") within the presence window of
        ``offset``. A titled name ("Mr. Pell") is a grown-up whatever their family's children are called."""
        if set(normalise(name).split()) & SURNAME_TITLES:
            return False
        window = self.presence_window()
        return any(
            sum(abs(at - offset) <= window for at in self.called_child.get(word, ())) >= roles.MIN_CHILD_MENTIONS
            for word in name_words(name)
        )

    def introduced_otherwise(self, line: SpokenLine) -> bool:
        """Whether the sentence just before ``line`` introduces a speech ("Said Mr. Morris:—", "She went
        on:—") by someone the line's speaker cannot be: another named person, or a pronoun of the other
        gender. The attribution then erred (judged samples found such lines keyed to the next speaker)."""
        index = bisect.bisect_right(self.sentence_ends, line.offset) - 1
        if index < 0 or line.speaker is None:
            return False
        before = self.source.sentences[index].text.rstrip()
        if not before.rstrip("—–-").endswith(":") or line.offset - self.sentence_ends[index] > 3:
            return False
        words = {word.lower() for word in re.findall(r"[A-Za-z]+", before)}
        if {"m": {"she", "her"}, "f": {"he", "his"}}.get(self.speakers.gender(line.speaker) or "", set()) & words:
            return True
        people = self.source.plot.cast.people
        named = [
            person.name
            for person in people
            if any(re.search(rf"\b{re.escape(alias)}\b", before) for alias in person.aliases if alias[:1].isupper())
        ]
        return bool(named) and not any(same_person(name, line.speaker, people) for name in named)

    def lines(self, rng: random.Random) -> Iterator[tuple[int, SpokenLine]]:
        """The lines said only once, with their index, in an order drawn with ``rng``."""
        unique = sorted(self.unique)
        rng.shuffle(unique)
        return ((index, self.source.lines[index]) for index in unique)

    def starts_several_lines(self, prompt: str) -> bool:
        """Whether more than one line starts with ``prompt`` (normalised)."""
        start = normalise(prompt)
        first = bisect.bisect_left(self.starts, start)
        return first + 1 < len(self.starts) and self.starts[first + 1].startswith(start)


_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z]{2}\.)(?<!\b[A-Z]\.)\s+(?=[A-Z“‘\"'])")
"""Where one sentence ends and the next begins; not after a title or an initial ("Mr. Ashby")."""


def opening(line: SpokenLine, limit: int = MAX_LINE_CHARS) -> SpokenLine:
    """``line`` cut to its leading whole sentences within ``limit`` characters (a long speech is
    recognised by its start); unchanged when it fits, or when its first sentence does not."""
    if len(line.text) <= limit:
        return line
    kept = ""
    for found in _SENTENCE_END.finditer(line.text):
        if found.start() > limit:
            break
        kept = line.text[: found.start()]
    return replace(line, text=kept) if kept else line


LONG_LINE_WORDS = 10
UNCOMMON_ZIPF = 4.0
MIN_UNCOMMON_WORDS = 2
"""A line of :data:`LONG_LINE_WORDS` words or more is memorable without a rare word when it holds this
many different uncommon ones ("I must be shutting up like a telescope": *shutting* and *telescope*)."""


def memorable(line: SpokenLine) -> bool:
    """A line a reader could recognise: a whole sentence or more, of at least :data:`MIN_LINE_WORDS`
    words, short enough to show, holding a rare word, or a longer line holding several uncommon ones
    (judged samples found lines of common words forgettable)."""
    text = line.text
    return (
        MIN_LINE_WORDS <= len(text.split())
        and len(text) <= MAX_LINE_CHARS
        and text[:1].isupper()
        and (any(wording.is_rare(word) for word in wording.words(text)) or _uncommon_words(text))
    )


def _uncommon_words(text: str) -> bool:
    if len(text.split()) < LONG_LINE_WORDS:
        return False
    found = {word.lower() for word in wording.words(text) if word.islower() and len(word) >= 4}
    return sum(wording.zipf(word) < UNCOMMON_ZIPF for word in found) >= MIN_UNCOMMON_WORDS
