"""Questions generated from a work's text, each with an answer the text makes certain.

Deterministic: the same source, kinds, count and seed give the same questions.
Each kind draws from its own random stream (seeded by the seed and the kind),
so asking for more kinds never changes another kind's questions.
"""

from __future__ import annotations

import bisect
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from bot.text.model import Passage
from bot.trivia.characters import SpeakerCounts, are_aliases, name_words
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, TriviaSource
from bot.trivia.question import FALSE, GENERATED_KINDS, TRUE, Question, QuestionKind

WRONG_OPTIONS = 3
PLAUSIBLE_POOL = 6
"""Wrong options are drawn from this many of the most plausible candidates."""
MAX_LINE_CHARS = 300
MAX_OPTION_CHARS = 150
MIN_PARAGRAPHS_APART = 5
"""Events compared in which-came-first are at least this many paragraphs apart."""
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]{5,}(?![\w’'-])")
_QUOTE_MARK = re.compile(r"[“”\"]")
_SENTENCE_END = re.compile(r"[.!?…]\s")
_TRAILING_PUNCTUATION = " .,;:!?…—–-"
COMMON_WORDS = frozenset(
    "about after again their there these those where which while would could should being other "
    "because before every never under still until always really something nothing anything everything "
    "someone everyone going doing said asked".split()
)
"""Words too common to be worth blanking out."""

NEAREST_LINES = 30
"""Wrong options taken from nearby lines look among this many lines either side."""
CONVERSATION_LINES = 6
"""In who-was-there, the other speaker spoke within this many lines of the quoted one, in its section."""


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
    voices: dict[int, set[str]]
    """Everyone given a line in each section, however unsure the attribution."""

    @classmethod
    def of(cls, source: TriviaSource) -> Facts:
        normalised = [normalise(line.text) for line in source.lines]
        counts = Counter(normalised)
        unique = {index for index, text in enumerate(normalised) if counts[text] == 1}
        voices: dict[int, set[str]] = {}
        for line in source.lines:
            if line.speaker:
                voices.setdefault(line.section, set()).add(line.speaker)
        return cls(source, normalised, unique, SpeakerCounts(source.lines), sorted(normalised), voices)

    def lines(self, rng: random.Random) -> Iterator[tuple[int, SpokenLine]]:
        """The lines said only once, with their index, in an order drawn with ``rng``."""
        unique = sorted(self.unique)
        rng.shuffle(unique)
        return ((index, self.source.lines[index]) for index in unique)

    def nearest(self, index: int) -> list[SpokenLine]:
        """Lines near line ``index``, the same section's first, then nearest in the text."""
        lines = self.source.lines
        line = lines[index]
        window = lines[max(0, index - NEAREST_LINES) : index] + lines[index + 1 : index + 1 + NEAREST_LINES]
        return sorted(window, key=lambda other: (other.section != line.section, abs(other.offset - line.offset)))

    def starts_several_lines(self, prompt: str) -> bool:
        """Whether more than one line starts with ``prompt`` (normalised)."""
        start = normalise(prompt)
        first = bisect.bisect_left(self.starts, start)
        return first + 1 < len(self.starts) and self.starts[first + 1].startswith(start)


Builder = Callable[[Facts, random.Random], Iterator[Question]]


def generate(
    source: TriviaSource,
    *,
    count: int,
    seed: int,
    kinds: Sequence[QuestionKind] = GENERATED_KINDS,
    curated: Sequence[Question] = (),
) -> list[Question]:
    """Up to ``count`` questions, the kinds taking turns; never two about the same line or sentence.

    ``curated`` questions (kind ``plot``) take their turn where ``plot`` is in ``kinds``.
    """
    facts = Facts.of(source)
    streams = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        if kind is QuestionKind.PLOT:
            streams.append(iter(rng.sample(list(curated), len(curated))))
        else:
            streams.append(BUILDERS[kind](facts, rng))  # lazy: only the questions needed are made
    chosen: list[Question] = []
    used: set[tuple[int | None, str]] = set()
    while streams and len(chosen) < count:
        for stream in list(streams):
            question = next((q for q in stream if _subject(q) not in used), None)
            if question is None:
                streams.remove(stream)
                continue
            used.add(_subject(question))
            chosen.append(question)
            if len(chosen) == count:
                break
    return chosen


def _subject(question: Question) -> tuple[int | None, str]:
    return (question.offset, question.answer) if question.offset is not None else (question.passage_id, question.answer)


# -- who said it, true or false ------------------------------------------------------------------


def _askable_lines(facts: Facts, rng: random.Random) -> Iterator[tuple[SpokenLine, list[str]]]:
    """Certain lines worth asking about, each with plausible wrong speakers."""
    for index, line in facts.lines(rng):
        if not (_askable(line) and facts.speakers.recurring(line.speaker)):
            continue
        if name_words(line.speaker) & set(facts.normalised[index].split()):
            continue  # the speaker's own name in the line gives it away (or makes it a vocative)
        rivals = facts.speakers.plausible_rivals(line.speaker, line.section, PLAUSIBLE_POOL)
        if rivals:
            yield line, rivals


def who_said_it(facts: Facts, rng: random.Random) -> Iterator[Question]:
    speakers = facts.speakers.speakers()
    for line, rivals in _askable_lines(facts, rng):
        assert line.speaker is not None
        wrong = rng.sample(rivals, min(WRONG_OPTIONS, len(rivals)))
        yield Question(
            QuestionKind.WHO_SAID_IT,
            f"Who said this? “{line.text}”",
            line.speaker,
            options=_shuffled([line.speaker, *wrong], rng),
            rivals=tuple(name for name in speakers if name != line.speaker),
            passage_id=line.passage_id,
            offset=line.offset,
        )


def true_or_false(facts: Facts, rng: random.Random) -> Iterator[Question]:
    for line, rivals in _askable_lines(facts, rng):
        assert line.speaker is not None
        truthful = rng.random() < 0.5
        claimed = line.speaker if truthful else rng.choice(rivals[:WRONG_OPTIONS])
        yield Question(
            QuestionKind.TRUE_OR_FALSE,
            f"True or false: {claimed} said “{line.text}”",
            TRUE if truthful else FALSE,
            options=(TRUE, FALSE),
            passage_id=line.passage_id,
            offset=line.offset,
            explanation=f"{line.speaker} said it.",
        )


# -- the words of a line --------------------------------------------------------------------------


def finish_the_quote(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """The start of a line; the answer is its last three or four words."""
    for index, line in facts.lines(rng):
        words = line.text.split()
        if not 8 <= len(words) <= 40 or len(line.text) > MAX_LINE_CHARS:
            continue
        cut = 3 if len(words) < 12 else 4
        prompt, answer = " ".join(words[:-cut]), _ending(words, cut)
        if not answer or _SENTENCE_END.search(answer) or facts.starts_several_lines(prompt):
            continue
        endings = (_ending(other.text.split(), cut) for other in facts.nearest(index))
        wrong = _distinct_options(answer, (ending for ending in endings if ending), rng)
        if wrong:
            speaker = f" {line.speaker} said" if line.certain else ""
            text = f"Finish the line{speaker}: “{prompt} …”"
            yield _about(line, QuestionKind.FINISH_THE_QUOTE, text, answer, wrong, rng, explanation=f"“{line.text}”")


def missing_word(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """A line with one word blanked out (a lower-case word of five letters or more, said once in it);
    the wrong options are words of the work of about the same length."""
    lines = facts.source.lines
    by_length: dict[int, list[str]] = {}
    for word in sorted({word for line in lines for word in _LOWER_WORD.findall(line.text)} - COMMON_WORDS):
        by_length.setdefault(len(word), []).append(word)
    for _, line in facts.lines(rng):
        if len(line.text.split()) < 6 or len(line.text) > MAX_LINE_CHARS:
            continue
        found = _LOWER_WORD.findall(line.text)
        blanks = [word for word in found if found.count(word) == 1 and word not in COMMON_WORDS]
        if not blanks:
            continue
        answer = rng.choice(blanks)
        similar = by_length.get(len(answer), []) + by_length.get(len(answer) + 1, [])
        wrong = _distinct_options(answer, iter(rng.sample(similar, min(len(similar), PLAUSIBLE_POOL + 1))), rng)
        if wrong:
            blanked = re.sub(rf"(?<![\w’'-]){answer}(?![\w’'-])", "_____", line.text, count=1)
            text = f"Fill in the missing word: “{blanked}”"
            yield _about(line, QuestionKind.MISSING_WORD, text, answer, wrong, rng, explanation=f"“{line.text}”")


# -- order of events -------------------------------------------------------------------------------


def what_came_next(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """A line, and which line was said right after it in the same scene."""
    lines = facts.source.lines
    for index, before in facts.lines(rng):
        after = lines[index + 1] if index + 1 < len(lines) else None
        if after is None or after.section != before.section or index + 1 not in facts.unique:
            continue
        if len(before.text.split()) < 3 or len(before.text) > MAX_LINE_CHARS or len(after.text) > MAX_OPTION_CHARS:
            continue
        others = (
            other.text
            for other in facts.nearest(index)
            if other.section == before.section and other is not after and len(other.text) <= MAX_OPTION_CHARS
        )
        wrong = _distinct_options(after.text, others, rng)
        if wrong:
            text = f"What was said right after “{before.text}”?"
            yield _about(after, QuestionKind.WHAT_CAME_NEXT, text, after.text, wrong, rng)


def which_came_first(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Two moments of narration at least :data:`MIN_PARAGRAPHS_APART` paragraphs apart."""
    source = facts.source
    counts = Counter(normalise(sentence.text) for sentence in source.sentences)
    events = [
        sentence
        for sentence in source.sentences
        if not _QUOTE_MARK.search(sentence.text)
        and 6 <= len(sentence.text.split())
        and len(sentence.text) <= MAX_OPTION_CHARS
        and counts[normalise(sentence.text)] == 1
    ]
    paragraphs = [_paragraph(sentence) for sentence in events]
    for earlier in rng.sample(events, len(events)):
        first_later = bisect.bisect_left(paragraphs, _paragraph(earlier) + MIN_PARAGRAPHS_APART)
        if first_later < len(events):
            later = events[rng.randrange(first_later, len(events))]
            yield Question(
                QuestionKind.WHICH_CAME_FIRST,
                "Which of these came first in the story?",
                earlier.text,
                options=_shuffled([earlier.text, later.text], rng),
                passage_id=source.paragraph_ids.get(_paragraph(earlier)),
                explanation=f"It comes {_paragraph(later) - _paragraph(earlier)} paragraphs earlier.",
            )


# -- who was there ------------------------------------------------------------------------------------


def who_was_there(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Who else spoke in the conversation a line is from: a certain speaker a few lines away in the
    same section. The wrong options are speakers given no line anywhere in that section (however
    unsure), so none of them can have spoken there."""
    lines = facts.source.lines
    for index, line in facts.lines(rng):
        if not _askable(line):
            continue
        nearby = lines[max(0, index - CONVERSATION_LINES) : index + CONVERSATION_LINES + 1]
        partners = sorted(
            {
                other.speaker
                for other in nearby
                if other.certain and other.speaker and other.section == line.section
                if facts.speakers.recurring(other.speaker) and not are_aliases(other.speaker, line.speaker)
            }
        )
        voices = facts.voices.get(line.section, set())
        absent = (name for name in facts.speakers.speakers() if not any(are_aliases(name, v) for v in voices))
        if not partners:
            continue
        answer = rng.choice(partners)
        wrong = _distinct_options(answer, absent, rng)
        if len(wrong) == WRONG_OPTIONS:
            question = f"Who else spoke in the conversation where {line.speaker} said “{line.text}”?"
            yield _about(line, QuestionKind.WHO_WAS_THERE, question, answer, wrong, rng)


BUILDERS: dict[QuestionKind, Builder] = {
    QuestionKind.WHO_SAID_IT: who_said_it,
    QuestionKind.FINISH_THE_QUOTE: finish_the_quote,
    QuestionKind.MISSING_WORD: missing_word,
    QuestionKind.WHAT_CAME_NEXT: what_came_next,
    QuestionKind.WHICH_CAME_FIRST: which_came_first,
    QuestionKind.TRUE_OR_FALSE: true_or_false,
    QuestionKind.WHO_WAS_THERE: who_was_there,
}


# -- helpers ------------------------------------------------------------------------------------------


def _askable(line: SpokenLine) -> bool:
    """A line with a certain speaker, long enough to be recognised and short enough to show."""
    return line.certain and line.speaker is not None and 4 <= len(line.text.split()) and len(line.text) <= MAX_LINE_CHARS


def _ending(words: list[str], cut: int) -> str:
    return " ".join(words[-cut:]).strip(_TRAILING_PUNCTUATION + "“”\"") if len(words) > cut + 2 else ""


def _distinct_options(answer: str, candidates: Iterator[str], rng: random.Random) -> list[str]:
    """Up to :data:`WRONG_OPTIONS` wrong options drawn from the first :data:`PLAUSIBLE_POOL`
    candidates that differ from the answer and from each other once normalised."""
    seen = {normalise(answer)}
    pool: list[str] = []
    for candidate in candidates:
        key = normalise(candidate)
        if key and key not in seen:
            seen.add(key)
            pool.append(candidate)
            if len(pool) == PLAUSIBLE_POOL:
                break
    return rng.sample(pool, min(WRONG_OPTIONS, len(pool)))


def _about(
    line: SpokenLine,
    kind: QuestionKind,
    text: str,
    answer: str,
    wrong: list[str],
    rng: random.Random,
    explanation: str | None = None,
) -> Question:
    """A multiple-choice question whose answer is in ``line`` (which it points at)."""
    options = _shuffled([answer, *wrong], rng)
    return Question(kind, text, answer, options, passage_id=line.passage_id, offset=line.offset, explanation=explanation)


def _shuffled(options: list[str], rng: random.Random) -> tuple[str, ...]:
    rng.shuffle(options)
    return tuple(options)


def _paragraph(sentence: Passage) -> int:
    assert sentence.paragraph is not None
    return sentence.paragraph
