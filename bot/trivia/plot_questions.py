"""Who-did-it, which-came-first and relation questions: the plot points and kinships of the narration."""

from __future__ import annotations

import bisect
import random
from collections import Counter
from collections.abc import Iterator

from bot.text.model import Passage
from bot.trivia import scoring
from bot.trivia.chapters import ordering_words, title_deeds
from bot.trivia.events import Event, who_did_it
from bot.trivia.facts import Facts
from bot.trivia.options import PLAUSIBLE_POOL, WRONG_OPTIONS, shuffled
from bot.trivia.people import Person
from bot.trivia.question import Question, QuestionKind
from bot.trivia.relations import shown_name
from bot.trivia.subjects import Names

MIN_SECTIONS_APART = 2
MIN_PARAGRAPHS_APART = 30
"""Plot points compared in which-came-first are this many sections apart (paragraphs, in a work of
few sections): near neighbours are a coin toss, not a memory."""
MIN_EVENT_RIVALS = 2
"""Who-did-it is asked with this many wrong options at least (three options): the people of the scene."""
MAX_EVENT_WORDS = 22
"""Words of an event shown as an option of which-came-first, at most."""
STATES = frozenset("live dwell own possess belong resemble dislike like love hate prefer admire envy".split())
"""Lemmas of states, not events: "Mrs. Spencer lived at White Sands Cove" did not happen before anything."""


def event(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Who did it: a plot point of the narration (:func:`_narrated_events`) or of a chapter's title
    (:func:`_title_events`), the two taking random turns."""
    yield from _taking_turns([_narrated_events(facts, rng), _title_events(facts, rng)], rng)


def _narrated_events(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Who did it: a plot point of the narration with the character who acted as the answer; the
    wrong options are people of the same gender met by then and in the event's scene (speaking or named
    in the narration nearby: :class:`bot.trivia.scenes.Scenes`)."""
    plot = facts.source.plot
    for chosen in rng.sample(plot.events, len(plot.events)):
        section, paragraph = chosen.sentence.section, _paragraph(chosen.sentence)
        wrong = _wrong_people(facts, chosen.person, (section, paragraph, chosen.sentence.start), chosen.sentence.text, rng)
        if wrong is None:
            continue  # fewer options rather than someone absent from the scene; none rather than two
        yield _who_question(facts, chosen.person, who_did_it(chosen), wrong, rng, (paragraph, chosen.sentence.start), f"“{chosen.statement}”")


def _title_events(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Who did it, from a chapter title that tells who does what (:func:`bot.trivia.chapters.title_deeds`):
    "Who sells the harpsichord?"; the wrong options as for the narration's events, from the chapter's opening scene."""
    names = Names.of(facts.source.plot.cast.people)
    deeds = [] if names is None else title_deeds(facts.source.plot.chapters, names)
    for deed in rng.sample(deeds, len(deeds)):
        chapter, text = deed.chapter, f"Who {deed.predicate}?"
        wrong = _wrong_people(facts, deed.person, (chapter.section, chapter.paragraph, chapter.start), text, rng)
        if wrong is not None:
            explanation = f"Chapter {chapter.number} is “{chapter.title}”."
            yield _who_question(facts, deed.person, text, wrong, rng, (chapter.paragraph, chapter.start), explanation)


def _wrong_people(
    facts: Facts, answer: Person, place: tuple[int, int, int], text: str, rng: random.Random
) -> list[str] | None:
    """Up to :data:`WRONG_OPTIONS` people to offer against ``answer`` at ``place`` (a section, a
    paragraph, an offset): of the same gender, met by then, in the scene; None when fewer than
    :data:`MIN_EVENT_RIVALS`."""
    section, paragraph, offset = place
    rivals = [
        person
        for person in facts.source.plot.cast.rivals(answer, section, offset, named=text)
        if facts.scenes.present(person.name, section, paragraph)
    ][:PLAUSIBLE_POOL]
    if len(rivals) < MIN_EVENT_RIVALS:
        return None
    return [person.name for person in rng.sample(rivals, min(WRONG_OPTIONS, len(rivals)))]


def _who_question(
    facts: Facts, answer: Person, text: str, wrong: list[str], rng: random.Random, at: tuple[int, int], explanation: str
) -> Question:
    paragraph, offset = at
    return Question(
        QuestionKind.EVENT,
        text,
        answer.name,
        options=shuffled([answer.name, *wrong], rng),
        accepted=tuple(alias for alias in answer.aliases if alias != answer.name),
        rivals=tuple(person.name for person in facts.source.plot.cast.people if person is not answer),
        passage_id=facts.source.paragraph_ids.get(paragraph),
        offset=offset,
        explanation=explanation,
    )


def _taking_turns(streams: list[Iterator[Question]], rng: random.Random) -> Iterator[Question]:
    """The questions of ``streams``, a stream chosen at random for each, until all run dry."""
    while streams:
        stream = streams[rng.randrange(len(streams))]
        question = next(stream, None)
        if question is None:
            streams.remove(stream)
        else:
            yield question


def which_came_first(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Which came first of two plot points far enough apart (a quarter of the book's sections, at
    least :data:`MIN_SECTIONS_APART`; in a work of few sections, :data:`MIN_PARAGRAPHS_APART`
    paragraphs): two events of the narration (:func:`_events_first`) or two chapters whose titles
    tell what happens in them (:func:`_chapters_first`), the two kinds taking random turns.

    The question's text names both, in alphabetical order (not the answer's), so that each pair is one
    question of its own where questions are known by their text (a channel's recent questions, answer
    counts: :mod:`bot.trivia.quality`)."""
    sections = len({sentence.section for sentence in facts.source.sentences})
    apart = max(MIN_SECTIONS_APART, sections // 4) if sections >= 2 * MIN_SECTIONS_APART else None
    yield from _taking_turns([_events_first(facts, rng, apart), _chapters_first(facts, rng, apart)], rng)


def _events_first(facts: Facts, rng: random.Random, apart: int | None) -> Iterator[Question]:
    """Two plot points between people, short enough to take in, ``apart`` sections apart (None:
    :data:`MIN_PARAGRAPHS_APART` paragraphs): which came first."""
    events = [e for e in facts.source.plot.events if _datable(e)]
    if apart is not None:
        place, gap = (lambda item: item.sentence.section), apart
    else:
        place, gap = (lambda item: _paragraph(item.sentence)), MIN_PARAGRAPHS_APART
    positions = [place(item) for item in events]
    for earlier in rng.sample(events, len(events)):
        first_later = bisect.bisect_left(positions, place(earlier) + gap)
        if first_later < len(events):
            later = events[rng.randrange(first_later, len(events))]
            one, other = sorted(statement.rstrip(".") for statement in (earlier.statement, later.statement))
            yield Question(
                QuestionKind.WHICH_CAME_FIRST,
                f"Which happened first in the story: {one}, or {other}?",
                earlier.statement,
                options=shuffled([earlier.statement, later.statement], rng),
                passage_id=facts.source.paragraph_ids.get(_paragraph(earlier.sentence)),
                offset=earlier.sentence.start,
                explanation=f"It comes {_paragraph(later.sentence) - _paragraph(earlier.sentence)} paragraphs earlier.",
            )


def _chapters_first(facts: Facts, rng: random.Random, apart: int | None) -> Iterator[Question]:
    """Two chapters ``apart`` sections apart whose titles tell what happens in them
    (:mod:`bot.trivia.chapters`; none whose words tell its place, :func:`ordering_words`): which comes
    first, the later one the title least offered so far. None in a work of few sections."""
    chapters = [chapter for chapter in facts.source.plot.chapters if not ordering_words(chapter.title)]
    if apart is None:
        return
    sections = [chapter.section for chapter in chapters]
    shown: Counter[int] = Counter()  # a title offered as the later one again and again would be a tell
    for earlier in rng.sample(chapters, len(chapters)):
        first_later = bisect.bisect_left(sections, earlier.section + apart)
        if first_later < len(chapters):
            later = min(chapters[first_later:], key=lambda chapter: (shown[chapter.section], rng.random()))
            shown[later.section] += 1
            one, other = sorted((earlier.title, later.title))
            yield Question(
                QuestionKind.WHICH_CAME_FIRST,
                f"Which chapter comes first in the book: “{one}” or “{other}”?",
                earlier.title,
                options=shuffled([earlier.title, later.title], rng),
                passage_id=facts.source.paragraph_ids.get(earlier.paragraph),
                offset=earlier.start,
                explanation=f"“{earlier.title}” is chapter {earlier.number}; “{later.title}” is chapter {later.number}.",
            )


def _datable(event: Event) -> bool:
    """Whether an event happens where the book tells it: not a state, not told in retrospect ("had
    brought her slate down": the pluperfect may go back chapters), short enough to take in, and a turn
    of the plot: it ties its subject to another person or its verb is a plot verb
    (:data:`bot.trivia.scoring.PLOT_VERBS`). Judged samples found the order of slight actions
    ("passed through the tunnel", "insisted on sirloin") nothing a reader could recall."""
    return (
        event.lemma not in STATES
        and not event.predicate.startswith("had ")
        and len(event.statement.split()) <= MAX_EVENT_WORDS
        and (event.with_others or event.lemma in scoring.PLOT_VERBS)
    )


def _paragraph(sentence: Passage) -> int:
    assert sentence.paragraph is not None
    return sentence.paragraph


def relation(facts: Facts, rng: random.Random) -> Iterator[Question]:
    """Who is whose kin or servant, as the narration states it ("Who is Ruth's sister?"): the wrong
    options are people of the answer's gender met by then and present in that part of the book, never
    anyone the book states in a relation to the person asked about; when there are too few, the
    kinship is asked the other way round ("Who is Nora's sister?" → "Who is Ruth's sister?")."""
    plot = facts.source.plot
    kin: dict[str, set[str]] = {}
    for stated in plot.relations:
        kin.setdefault(stated.owner.name, set()).add(stated.related.name)
        kin.setdefault(stated.related.name, set()).add(stated.owner.name)
    for stated in rng.sample(list(plot.relations), len(plot.relations)):
        asked = [(stated.owner, stated.role, stated.related)]
        if stated.inverse:
            asked.append((stated.related, stated.inverse, stated.owner))
        for about, role, answer in asked:
            question = _relation_question(facts, stated.sentence, (about, role, answer), kin, rng)
            if question is not None:
                yield question
                break


def _relation_question(
    facts: Facts, sentence: Passage, relation: tuple[Person, str, Person], kin: dict[str, set[str]], rng: random.Random
) -> Question | None:
    about, role, answer = relation
    text = f"Who is {about.name}’s {role}?"
    shown = shown_name(answer, about.name)
    rivals = [
        person
        for person in facts.source.plot.cast.rivals(answer, sentence.section, sentence.start, named=text)
        if person.name not in kin.get(about.name, set())
    ][:PLAUSIBLE_POOL]
    if shown is None or len(rivals) < WRONG_OPTIONS:
        return None
    wrong = [person.name for person in rng.sample(rivals, WRONG_OPTIONS)]
    return Question(
        QuestionKind.RELATION,
        text,
        shown,
        options=shuffled([shown, *wrong], rng),
        accepted=tuple(alias for alias in answer.aliases if alias != shown),
        rivals=tuple(person.name for person in facts.source.plot.cast.people if person is not answer),
        passage_id=facts.source.paragraph_ids.get(_paragraph(sentence)),
        offset=sentence.start,
        explanation=f"“{' '.join(sentence.text.split())}”",
    )
