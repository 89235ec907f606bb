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
from bot.trivia import dialect, scoring, wording
from bot.trivia.characters import SpeakerCounts, name_words
from bot.trivia.events import Event, who_did_it
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, TriviaSource
from bot.trivia.people import same_person
from bot.trivia.question import FALSE, GENERATED_KINDS, TRUE, Question, QuestionKind

WRONG_OPTIONS = 3
MIN_WRONG_OPTIONS = 2
"""Who-said-it is asked only with this many wrong speakers present in that part of the story (one in a
story of three speakers): fewer options rather than someone absent from it."""
PRESENCE_SHARE = 0.03
MIN_PRESENCE_WINDOW = 5_000
"""A wrong speaker is someone speaking in the line's section or within this share of the book
(this many characters at least) either side of it: judged samples found people offered who had not
entered the story yet, had left it or were dead."""
PLAUSIBLE_POOL = 6
"""Wrong options are drawn from this many of the most plausible candidates."""
MAX_LINE_CHARS = 300
MIN_LINE_WORDS = 6
"""Shorter lines ("Yes, sir.") are too generic to recognise."""
MIN_ASKED_WORDS = 14
"""Lines asked about in who-said-it and true-or-false are longer still: judged samples found shorter
ones small talk ("My dear, you're handsomer than ever!")."""
MIN_STRICT_LINES = 20
"""Below this many such lines (a short story), shorter lines are asked too."""
_FAMILY_ADDRESS = re.compile(
    r"\b(?:mamma|mama|papa|darling|dearest|husband|wife|bridegroom"
    r"|(?:your|my dear|I am (?:his|her)) (?:mother|father|child|son|daughter|sister|brother|aunt|uncle))\b",
    re.IGNORECASE,
)
"""Words that tell who speaks to whom ("…, mamma"), so sense rules a wrong speaker out."""
MIN_SECTIONS_APART = 2
MIN_PARAGRAPHS_APART = 30
MAX_EVENT_WORDS = 22
"""Plot points compared in which-came-first are this many sections apart (paragraphs, in a work of
few sections): near neighbours are a coin toss, not a memory."""
MAX_ANSWER_SHARE = 0.25
"""No one person is the answer to more than this share of a game's questions, so always guessing
the narrator or the main talker does not pay."""
MIN_CHARS_APART = 1_500
"""Two questions of one game come from places at least this far apart in the text, so one
question's options do not give away another's answer."""
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]{4,}(?![\w’'-])")
_SENTENCE_END = re.compile(r"[.!?…]\s")
_TRAILING_PUNCTUATION = " .,;:!?…—–-"


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

    @classmethod
    def of(cls, source: TriviaSource) -> Facts:
        normalised = [normalise(line.text) for line in source.lines]
        counts = Counter(normalised)
        unique = {index for index, text in enumerate(normalised) if counts[text] == 1}
        speakers = SpeakerCounts(source.lines, source.plot.cast.people)
        paragraphs: dict[int, list[str]] = {}
        for sentence in source.sentences:
            if sentence.paragraph is not None:
                paragraphs.setdefault(sentence.paragraph, []).append(sentence.text)
        certain = ((line.speaker, line.text) for line in source.lines if line.certain and line.speaker)
        return cls(
            source,
            normalised,
            unique,
            speakers,
            sorted(normalised),
            [s.end for s in source.sentences],
            {ordinal: " ".join(texts) for ordinal, texts in paragraphs.items()},
            dialect.dialect_speakers(certain),
        )

    def presence_window(self) -> int:
        length = self.sentence_ends[-1] if self.sentence_ends else 0
        return max(MIN_PRESENCE_WINDOW, round(length * PRESENCE_SHARE))

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


Builder = Callable[[Facts, random.Random], Iterator[Question]]


def generate(
    source: TriviaSource,
    *,
    count: int,
    seed: int,
    kinds: Sequence[QuestionKind] = GENERATED_KINDS,
    curated: Sequence[Question] = (),
    admit: Callable[[Question], bool] | None = None,
    asked: Sequence[Question] = (),
) -> list[Question]:
    """Up to ``count`` questions, the kinds taking turns; never two about the same line or sentence,
    nor from nearby places (:data:`MIN_CHARS_APART`), nor one person the answer too often
    (:data:`MAX_ANSWER_SHARE`).

    ``curated`` questions (kind ``plot``) take their turn where ``plot`` is in ``kinds``. Only
    questions ``admit`` accepts are chosen (see :class:`bot.trivia.quality.Admission`); ``asked``
    are questions already chosen for the game, which these join.
    """
    facts = Facts.of(source)
    streams = []
    for kind in kinds:
        rng = random.Random(f"{seed}:{kind}")
        if kind is QuestionKind.PLOT:
            streams.append(iter(rng.sample(list(curated), len(curated))))
        else:
            streams.append(BUILDERS[kind](facts, rng))  # lazy: only the questions needed are made
    chosen = _Chosen(count, length=source.sentences[-1].end if source.sentences else 0, people=len(facts.speakers.speakers()))
    for question in asked:
        chosen.add(question)
    count += len(asked)
    while streams and len(chosen.questions) < count:
        for stream in list(streams):
            question = next((q for q in stream if chosen.admits(q) and (admit is None or admit(q))), None)
            if question is None:
                streams.remove(stream)
                continue
            chosen.add(question)
            if len(chosen.questions) == count:
                break
    return chosen.questions[len(asked) :]


class _Chosen:
    """A game's questions so far, and what they rule out for the next."""

    def __init__(self, count: int, *, length: int, people: int) -> None:
        self.questions: list[Question] = []
        self._subjects: set[tuple[int | None, str]] = set()
        self._offsets: list[int] = []
        self._answers: Counter[str] = Counter()
        share = max(MAX_ANSWER_SHARE, 1 / max(1, people) + 0.1)  # a story of three speakers: about a third each
        self._max_per_answer = max(1, round(count * share))
        self._apart = min(MIN_CHARS_APART, length // (3 * max(1, count)))  # a short story must still fill a game

    def admits(self, question: Question) -> bool:
        if _subject(question) in self._subjects:
            return False
        if question.offset is not None and any(abs(question.offset - o) < self._apart for o in self._offsets):
            return False
        return not (_about_a_person(question) and self._answers[question.answer] >= self._max_per_answer)

    def add(self, question: Question) -> None:
        self.questions.append(question)
        self._subjects.add(_subject(question))
        if question.offset is not None:
            self._offsets.append(question.offset)
        if _about_a_person(question):
            self._answers[question.answer] += 1


def _about_a_person(question: Question) -> bool:
    return question.kind in (QuestionKind.WHO_SAID_IT, QuestionKind.EVENT)


def _subject(question: Question) -> tuple[int | None, str]:
    return (question.offset, question.answer) if question.offset is not None else (question.passage_id, question.answer)


# -- who said it, true or false ------------------------------------------------------------------


def _askable_lines(facts: Facts, rng: random.Random) -> Iterator[tuple[SpokenLine, list[str]]]:
    """Certain, memorable lines worth asking about (the best of them: :func:`bot.trivia.scoring.best`),
    each with plausible wrong speakers (see :func:`_rivals`), the first of them to be offered."""
    strict: list[SpokenLine] = []
    lenient: list[SpokenLine] = []
    for index, line in facts.lines(rng):
        if not (line.certain and line.speaker and _memorable(line) and facts.speakers.recurring(line.speaker)):
            continue
        if facts.speakers.rank(line.speaker) >= scoring.MAIN_SPEAKERS:
            continue  # a reader remembers what the main characters say
        if name_words(line.speaker) & set(facts.normalised[index].split()):
            continue  # the speaker's own name in the line gives it away (or makes it a vocative)
        if _FAMILY_ADDRESS.search(line.text):
            continue  # sense alone would rule a wrong speaker out
        if facts.introduced_otherwise(line) or facts.speakers.addresses_unknown(line.text):
            continue
        (strict if len(line.text.split()) >= MIN_ASKED_WORDS else lenient).append(line)
    candidates = strict if len(strict) >= MIN_STRICT_LINES else strict + lenient  # a short story's lines are short
    for line in scoring.best(candidates, lambda line: scoring.line_score(line.text, facts.speakers.rank(line.speaker or ""))):
        rivals = _rivals(facts, line)
        if rivals:
            yield line, rivals


def _rivals(facts: Facts, line: SpokenLine) -> list[str]:
    """Wrong speakers for ``line``: people present in that part of the story (:data:`PRESENCE_SHARE`),
    never one its paragraph names (spoken to or about). A line in dialect needs another dialect speaker
    among them, offered first (its spelling would give it away otherwise); none: no rivals."""
    assert line.speaker is not None
    context = f"{line.text} {facts.paragraphs.get(line.paragraph, '')}"
    near = (line.offset, facts.presence_window())
    rivals = facts.speakers.plausible_rivals(line.speaker, line.section, PLAUSIBLE_POOL, line=context, near=near)
    if not dialect.is_dialect(line.text):
        return rivals
    alike = [name for name in rivals if name in facts.dialect_speakers]
    return [alike[0], *(name for name in rivals if name != alike[0])] if alike else []


def who_said_it(facts: Facts, rng: random.Random) -> Iterator[Question]:
    speakers = facts.speakers.speakers()
    fewest = max(1, min(MIN_WRONG_OPTIONS, len(speakers) - 2))  # a story of three speakers: two options
    for line, rivals in _askable_lines(facts, rng):
        assert line.speaker is not None
        if len(rivals) < fewest:
            continue
        wrong = rng.sample(rivals, min(WRONG_OPTIONS, len(rivals)))
        if dialect.is_dialect(line.text) and rivals[0] not in wrong:
            wrong[0] = rivals[0]  # the other dialect speaker
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
        if truthful:
            claimed = line.speaker
        else:
            claimed = rivals[0] if dialect.is_dialect(line.text) else rng.choice(rivals[:WRONG_OPTIONS])
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
    """The start of a memorable line; the answer is its last three or four words. The wrong endings
    are ends of other lines of the same grammatical shape (their first and last words of the same
    part of speech and inflection as the answer's), so that each continues the sentence as well."""
    endings = _endings_by_shape(facts)
    for index, line in facts.lines(rng):
        words = line.text.split()
        if not 8 <= len(words) <= 40 or not _memorable(line) or line.text.count(" … "):
            continue
        cut = 3 if len(words) < 12 else 4
        prompt, answer = " ".join(words[:-cut]), _ending(words, cut)
        shape = _shape(answer)
        if not answer or shape is None or _SENTENCE_END.search(answer) or facts.starts_several_lines(prompt):
            continue
        if not any(wording.can_blank(word.lower()) for word in wording.words(answer)):
            continue  # an ending of common words is guessed, not remembered
        size = len(answer.split())
        same_shape = [ending for position, ending in endings.get(shape, []) if position != index]
        same_shape.sort(key=lambda ending: (abs(len(ending.split()) - size), rng.random()))  # alike in length first
        wrong = _distinct_options(answer, iter(same_shape), rng)
        if len(wrong) == WRONG_OPTIONS:
            speaker = f" {line.speaker} said" if line.certain else ""
            text = f"Finish the line{speaker}: “{prompt} …”"
            yield _about(line, QuestionKind.FINISH_THE_QUOTE, text, answer, wrong, rng, explanation=f"“{line.text}”")


def missing_word(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """A memorable line with one content word blanked out: a word a reader could remember (see
    :func:`bot.trivia.wording.can_blank`), said once in the line. The wrong options are words of the
    same work with the same part of speech and inflection, about as common, so each fits the blank."""
    by_class = _words_by_class(facts)
    for _, line in facts.lines(rng):
        if len(line.text.split()) < 6 or not _memorable(line):
            continue
        found = _LOWER_WORD.findall(line.text)
        blanks = [word for word in found if found.count(word) == 1 and wording.can_blank(word)]
        if not blanks:
            continue
        answer = rng.choice(blanks)
        rarity = wording.zipf(answer)
        article = _article_before(line.text, answer)
        similar = [
            w
            for w in by_class[wording.word_class(answer)]
            if abs(wording.zipf(w) - rarity) <= 1.0 and (article is None or wording.article_for(w) == article)
        ]
        wrong = _distinct_options(answer, iter(rng.sample(similar, min(len(similar), PLAUSIBLE_POOL + 1))), rng)
        if len(wrong) == WRONG_OPTIONS:
            blanked = re.sub(rf"(?<![\w’'-]){answer}(?![\w’'-])", "_____", line.text, count=1)
            text = f"Fill in the missing word: “{blanked}”"
            yield _about(line, QuestionKind.MISSING_WORD, text, answer, wrong, rng, explanation=f"“{line.text}”")


# -- plot points -------------------------------------------------------------------------------------


def event(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Who did it: a plot point of the narration with the character who acted as the answer; the
    wrong options are people of the same gender met by then and present in that part of the book."""
    plot = facts.source.plot
    for chosen in rng.sample(plot.events, len(plot.events)):
        if not _plot_point(chosen):
            continue
        rivals = plot.cast.rivals(
            chosen.person, chosen.sentence.section, chosen.sentence.start, named=chosen.predicate
        )[:PLAUSIBLE_POOL]
        if len(rivals) < WRONG_OPTIONS:
            continue
        wrong = [person.name for person in rng.sample(rivals, WRONG_OPTIONS)]
        yield Question(
            QuestionKind.EVENT,
            who_did_it(chosen),
            chosen.person.name,
            options=_shuffled([chosen.person.name, *wrong], rng),
            accepted=tuple(alias for alias in chosen.person.aliases if alias != chosen.person.name),
            rivals=tuple(person.name for person in plot.cast.people if person is not chosen.person),
            passage_id=facts.source.paragraph_ids.get(_paragraph(chosen.sentence)),
            offset=chosen.sentence.start,
            explanation=f"“{chosen.statement}”",
        )


def which_came_first(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Two plot points between people, short enough to take in, at least a quarter of the book's
    sections apart (:data:`MIN_SECTIONS_APART` at least; in a work of few sections,
    :data:`MIN_PARAGRAPHS_APART` paragraphs): which came first."""
    events = [
        e for e in facts.source.plot.events if e.with_others and _plot_point(e) and len(e.statement.split()) <= MAX_EVENT_WORDS
    ]
    sections = len({sentence.section for sentence in facts.source.sentences})
    if sections >= 2 * MIN_SECTIONS_APART:
        place, apart = (lambda item: item.sentence.section), max(MIN_SECTIONS_APART, sections // 4)
    else:
        place, apart = (lambda item: _paragraph(item.sentence)), MIN_PARAGRAPHS_APART
    positions = [place(item) for item in events]
    for earlier in rng.sample(events, len(events)):
        first_later = bisect.bisect_left(positions, place(earlier) + apart)
        if first_later < len(events):
            later = events[rng.randrange(first_later, len(events))]
            yield Question(
                QuestionKind.WHICH_CAME_FIRST,
                "Which of these happened first in the story?",
                earlier.statement,
                options=_shuffled([earlier.statement, later.statement], rng),
                passage_id=facts.source.paragraph_ids.get(_paragraph(earlier.sentence)),
                offset=earlier.sentence.start,
                explanation=f"It comes {_paragraph(later.sentence) - _paragraph(earlier.sentence)} paragraphs earlier.",
            )


BUILDERS: dict[QuestionKind, Builder] = {
    QuestionKind.EVENT: event,
    QuestionKind.WHICH_CAME_FIRST: which_came_first,
    QuestionKind.WHO_SAID_IT: who_said_it,
    QuestionKind.FINISH_THE_QUOTE: finish_the_quote,
    QuestionKind.MISSING_WORD: missing_word,
    QuestionKind.TRUE_OR_FALSE: true_or_false,
}


# -- helpers ------------------------------------------------------------------------------------------


def _memorable(line: SpokenLine) -> bool:
    """A line a reader could recognise: a whole sentence or more, of at least :data:`MIN_LINE_WORDS`
    words, short enough to show, holding a rare word (judged samples found lines of common words
    forgettable)."""
    text = line.text
    return (
        MIN_LINE_WORDS <= len(text.split())
        and len(text) <= MAX_LINE_CHARS
        and text[:1].isupper()
        and any(wording.is_rare(word) for word in wording.words(text))
    )


def _plot_point(chosen: Event) -> bool:
    """Whether an event changes the story (its verb one of :data:`bot.trivia.scoring.PLOT_VERBS`):
    judged samples found glances, sighs and walks to the door trivial."""
    return scoring.is_plot_verb(chosen.predicate.split()[0])


def _ending(words: list[str], cut: int) -> str:
    return " ".join(words[-cut:]).strip(_TRAILING_PUNCTUATION + "“”\"") if len(words) > cut + 2 else ""


def _shape(ending: str) -> tuple[object, ...] | None:
    """The grammatical frame of an ending that closes on an uncommon noun ("our vows of friendship"):
    its first word itself, and the last noun's inflection. Endings of one frame continue the same
    start of a line about as well."""
    found = wording.words(ending)
    if len(found) < 2:
        return None
    last = wording.word_class(found[-1].lower())
    if last is None or last[0] != "NOUN" or wording.zipf(found[-1].lower()) >= wording.MAX_BLANK_ZIPF:
        return None
    return found[0].lower(), last


def _article_before(text: str, word: str) -> str | None:
    """"a" or "an" when ``word`` follows one in ``text`` (its blank must take the same article)."""
    found = re.search(rf"\b(a|an|A|An)\s+{re.escape(word)}\b", text)
    return found.group(1).lower() if found else None


def _endings_by_shape(facts: Facts) -> dict[tuple[object, ...], list[tuple[int, str]]]:
    shaped: dict[tuple[object, ...], list[tuple[int, str]]] = {}
    for index, line in enumerate(facts.source.lines):
        words = line.text.split()
        for cut in (3, 4):
            ending = _ending(words, cut)
            shape = _shape(ending) if ending and not _SENTENCE_END.search(ending) else None
            if shape is not None:
                shaped.setdefault(shape, []).append((index, ending))
    return shaped


def _words_by_class(facts: Facts) -> dict[tuple[str, str] | None, list[str]]:
    by_class: dict[tuple[str, str] | None, list[str]] = {}
    for word in sorted({word for line in facts.source.lines for word in _LOWER_WORD.findall(line.text)}):
        if wording.can_blank(word):
            by_class.setdefault(wording.word_class(word), []).append(word)
    return by_class


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
