"""Generated questions: certain answers, valid distractors, deterministic by seed."""

import dataclasses
import re
from pathlib import Path

import pytest

from bot.text.ingest import attribute_work, parse_work
from bot.trivia import scoring, wording
from bot.trivia.events import plot_of
from bot.trivia.facts import MIN_LINE_WORDS
from bot.trivia.generate import generate
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, TriviaSource, speaker_lines
from bot.trivia.people import are_aliases
from bot.trivia.question import FALSE, TRUE, Question, QuestionKind
from bot.trivia.service import people_of

ROOT = Path(__file__).resolve().parents[3]
STORY = ROOT / "data" / "hello-from-the-other-side.txt"
QUOTED = re.compile(r"“(.*)”")


def source_of(text: str) -> TriviaSource:
    work = parse_work(text)
    speakers = attribute_work(text)
    paragraphs = [dataclasses.replace(p, id=1000 + p.ordinal) for p in work.paragraphs]
    lines = speaker_lines(speakers.utterances, paragraphs)
    plot = plot_of(work.sentences, people_of(speakers))
    return TriviaSource("story", work.title, lines, work.sentences, {p.ordinal: p.id for p in paragraphs}, plot)


@pytest.fixture(scope="module")
def story() -> TriviaSource:
    return source_of(STORY.read_text(encoding="utf-8"))


def line_at(source: TriviaSource, offset: int | None) -> SpokenLine:
    return next(line for line in source.lines if line.offset == offset)


def test_lines_come_with_their_speaker_and_the_offset_of_the_opening_quote(story: TriviaSource) -> None:
    text = STORY.read_text(encoding="utf-8")
    first = story.lines[0]
    assert text[first.offset] == "“" and first.text == "Can I help you?"
    retired = next(line for line in story.lines if line.text.startswith("Sheriff Stilinski retired"))
    assert retired.text == "Sheriff Stilinski retired. He moved shortly after that."
    assert retired.speaker == "the woman" and not retired.certain  # a description may be anyone
    assert next(line for line in story.lines if line.text == "You’re back").speaker == "Lydia"


def test_same_seed_same_questions_and_another_seed_others(story: TriviaSource) -> None:
    first = generate(story, count=12, seed=7)
    assert first == generate(story, count=12, seed=7)
    assert first != generate(story, count=12, seed=8)


def test_count_is_an_upper_bound_and_kinds_are_respected(anne: TriviaSource) -> None:
    assert len(generate(anne, count=5, seed=1)) == 5
    only = generate(anne, count=500, seed=1, kinds=[QuestionKind.WHO_SAID_IT])
    assert 10 < len(only) < 500 and {q.kind for q in only} == {QuestionKind.WHO_SAID_IT}
    mixed = generate(anne, count=30, seed=1)
    assert {q.kind for q in mixed} >= {kind for kind in QuestionKind if kind is not QuestionKind.PLOT} - {
        QuestionKind.FINISH_THE_QUOTE,  # few lines end on an uncommon noun that others' endings can match
        QuestionKind.WHICH_CAME_FIRST,  # few memorable actions with a named subject
        QuestionKind.EVENT,  # a novel tells few memorable actions with a name as the subject
        QuestionKind.RELATION,  # few kinships are stated beside two names
    }


@pytest.fixture(scope="module")
def anne() -> TriviaSource:
    return source_of((ROOT / "benchmarks" / "speakers" / "AnneOfGreenGables" / "novel_text.txt").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def anne_game(anne: TriviaSource) -> list[Question]:
    return generate(anne, count=40, seed=9)


def test_event_questions_ask_who_acted_with_people_of_the_same_gender_met_by_then(anne: TriviaSource) -> None:
    questions = generate(anne, count=8, seed=2, kinds=[QuestionKind.EVENT])
    assert questions
    people = {person.name: person for person in anne.plot.cast.people}
    for question in questions:
        assert question.text.startswith("Who ") and question.text.endswith("?")
        event = next(e for e in anne.plot.events if e.sentence.start == question.offset)
        assert question.answer == event.person.name and question.options.count(question.answer) == 1
        assert question.text == f"Who {event.predicate}?"
        assert not any(alias in question.text for alias in event.person.aliases)  # never names its answer
        assert not any(option in question.text for option in question.options)  # nor offers whom it names
        for option in question.options:
            assert people[option].gender == event.person.gender
            assert people[option].first_offset <= event.sentence.start
        assert not any(are_aliases(a, b) for a in question.options for b in question.options if a != b)
        assert len(question.options) in (3, 4)  # fewer options rather than someone absent from the scene


def test_which_came_first_compares_plot_points_sections_apart(anne: TriviaSource) -> None:
    statements = {event.statement: event.sentence for event in anne.plot.events}
    questions = generate(anne, count=10, seed=6, kinds=[QuestionKind.WHICH_CAME_FIRST])
    assert len(questions) <= 10  # only plot points between named people, which a novel tells few of
    sections = len({sentence.section for sentence in anne.sentences})
    for question in questions:
        [other] = [option for option in question.options if option != question.answer]
        earlier, later = statements[question.answer], statements[other]
        assert earlier.start < later.start and later.section - earlier.section >= sections // 4


def test_no_one_is_the_answer_to_more_than_a_quarter_of_a_game(anne_game: list[Question]) -> None:
    about_people = [q.answer for q in anne_game if q.kind in (QuestionKind.WHO_SAID_IT, QuestionKind.EVENT)]
    assert about_people and max(about_people.count(name) for name in about_people) <= len(anne_game) // 4


def test_questions_of_a_game_come_from_places_far_apart(anne_game: list[Question]) -> None:
    offsets = sorted(q.offset for q in anne_game if q.offset is not None)
    assert all(later - earlier >= 1_500 for earlier, later in zip(offsets, offsets[1:]))


def test_shown_text_holds_no_markup_and_lines_are_memorable(anne_game: list[Question]) -> None:
    for question in anne_game:
        for shown in (question.text, *question.options):
            assert not re.search(r"(?<!\w)[_*=]\w|\w[_*=](?!\w)", shown.replace("_____", "")), shown
        if question.kind in (QuestionKind.WHO_SAID_IT, QuestionKind.TRUE_OR_FALSE):
            line = QUOTED.search(question.text)[1]
            assert len(line.split()) >= MIN_LINE_WORDS and wording.is_distinctive(line)


def test_missing_word_blanks_a_content_word_and_every_option_fits_the_blank(anne: TriviaSource) -> None:
    for question in generate(anne, count=40, seed=3, kinds=[QuestionKind.MISSING_WORD]):
        assert wording.can_blank(question.answer), question.answer
        classes = {wording.word_class(option) for option in question.options}
        assert len(classes) == 1 and len(question.options) == 4, question


def test_finish_the_quote_endings_share_the_grammatical_frame(anne: TriviaSource) -> None:
    questions = generate(anne, count=40, seed=4, kinds=[QuestionKind.FINISH_THE_QUOTE])
    assert questions
    for question in questions:
        firsts = {option.split()[0].lower() for option in question.options}
        lasts = {wording.word_class(wording.words(option)[-1].lower()) for option in question.options}
        assert len(firsts) == 1 and len(lasts) == 1 and next(iter(lasts))[0] == "NOUN", question


def test_who_said_it_answers_are_certain_and_distractors_plausible(story: TriviaSource) -> None:
    for question in generate(story, count=200, seed=3, kinds=[QuestionKind.WHO_SAID_IT]):
        line = line_at(story, question.offset)
        assert line.certain and question.answer == line.speaker
        assert QUOTED.search(question.text)[1] == line.text
        assert question.options.count(question.answer) == 1 and 2 <= len(question.options) <= 4
        wrong = [option for option in question.options if option != question.answer]
        assert not any(are_aliases(option, question.answer) for option in wrong)
        assert set(wrong) <= {"Derek", "Lydia", "Stiles"}  # speakers of the work, never a description
        assert question.passage_id == 1000 + line.paragraph


def test_aliases_are_never_offered_against_each_other() -> None:
    said = [
        ("Mr. Pelling", "You must be very tired after such a long journey by stagecoach"),
        ("Elizabeth", "Not at all, the road was pleasant enough past the orchards"),
        ("Pelling", "Then we shall walk to the village before the vicar dines"),
        ("Jane", "I would rather read my almanac in the library this evening"),
        ("Lydia", "Nobody asked you to come with us on the walk to the mill"),
        ("Elizabeth", "The walk will do us all a great deal of good in this drizzle"),
        ("Jane", "Then I shall fetch my bonnet and my embroidered gloves"),
        ("Lydia", "I cannot bear the village on a Sunday afternoon with the bellringers"),
    ]
    text = "\n\n".join(f"“{line},” {speaker} said." for speaker, line in said)
    source = source_of(text)
    questions = generate(source, count=50, seed=1, kinds=[QuestionKind.WHO_SAID_IT])
    assert questions
    for question in questions:
        assert not ({"Pelling", "Mr. Pelling"} <= set(question.options)), question
    assert {"Pelling", "Mr. Pelling"} & {q.answer for q in questions}


def test_true_or_false_claims_match_the_answer(anne: TriviaSource) -> None:
    questions = generate(anne, count=200, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE])
    assert {q.answer for q in questions} == {TRUE, FALSE}
    for question in questions:
        line = line_at(anne, question.offset)
        claimed = re.match(r"True or false: (.*?) (?:said|answered) “", question.text)[1]  # a reply: with its lead-in
        assert question.options == (TRUE, FALSE)
        assert (question.answer == TRUE) == (claimed == line.speaker)


def test_finish_the_quote_and_missing_word_rebuild_the_line(story: TriviaSource) -> None:
    for question in generate(story, count=100, seed=2, kinds=[QuestionKind.FINISH_THE_QUOTE]):
        line = line_at(story, question.offset)
        prompt = QUOTED.search(question.text)[1].removesuffix(" …")
        assert normalise(f"{prompt} {question.answer}") == normalise(line.text)
        assert len({normalise(option) for option in question.options}) == len(question.options)
    for question in generate(story, count=100, seed=2, kinds=[QuestionKind.MISSING_WORD]):
        line = line_at(story, question.offset)
        assert QUOTED.search(question.text)[1].replace("_____", question.answer) == line.text
        assert question.options.count(question.answer) == 1


def test_a_story_without_dialogue_asks_only_about_its_plot() -> None:
    doings = [
        "Eleanor Vance led Theodore Marsh up the crooked staircase to the abandoned observatory.",
        "Theodore Marsh repaired the rusted telescope for Eleanor Vance with a borrowed screwdriver.",
        "Eleanor Vance catalogued the faded star charts by candlelight while Theodore Marsh slept.",
        "Theodore Marsh rowed Eleanor Vance across the frozen harbour in the leaking dinghy.",
    ]
    chapters = [f"Chapter {n}\n\n{doing} She wondered. He smiled and she laughed.\n\n" for n, doing in enumerate(doings * 3, 1)]
    questions = generate(source_of("".join(chapters)), count=10, seed=1)
    assert {q.kind for q in questions} <= {QuestionKind.WHICH_CAME_FIRST, QuestionKind.EVENT}


def test_json_has_the_fields_the_cli_promises(story: TriviaSource) -> None:
    [question] = generate(story, count=1, seed=1, kinds=[QuestionKind.WHO_SAID_IT])
    assert set(question.as_json()) == {"kind", "question", "options", "answer", "passage_id", "offset"}


def test_quote_questions_ask_only_the_main_casts_lines_that_do_not_tell_who_speaks_to_whom(anne: TriviaSource) -> None:
    from bot.trivia.characters import SpeakerCounts
    from bot.trivia.speaker_questions import _FAMILY_ADDRESS

    counts = SpeakerCounts(anne.lines, anne.plot.cast.people)
    questions = generate(anne, count=60, seed=12, kinds=[QuestionKind.WHO_SAID_IT, QuestionKind.TRUE_OR_FALSE])
    assert len(questions) >= 20
    for question in questions:
        line = line_at(anne, question.offset)
        assert counts.rank(line.speaker or "") < scoring.MAIN_SPEAKERS and not _FAMILY_ADDRESS.search(line.text)
        assert all(len(max(option.split(), key=len)) >= 3 for option in question.options)
