"""Generated questions: certain answers, valid distractors, deterministic by seed."""

import dataclasses
import re
from pathlib import Path

import pytest

from bot.text.ingest import attribute_work, parse_work
from bot.trivia.characters import are_aliases
from bot.trivia.generate import generate
from bot.trivia.judging import normalise
from bot.trivia.lines import SpokenLine, TriviaSource, speaker_lines
from bot.trivia.question import FALSE, GENERATED_KINDS, TRUE, QuestionKind

ROOT = Path(__file__).resolve().parents[3]
STORY = ROOT / "data" / "hello-from-the-other-side.txt"
QUOTED = re.compile(r"“(.*)”")


def source_of(text: str) -> TriviaSource:
    work = parse_work(text)
    paragraphs = [dataclasses.replace(p, id=1000 + p.ordinal) for p in work.paragraphs]
    lines = speaker_lines(attribute_work(text).utterances, paragraphs)
    return TriviaSource("story", work.title, lines, work.sentences, {p.ordinal: p.id for p in paragraphs})


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
    assert retired.text == "Sheriff Stilinski retired … He moved shortly after that."
    assert retired.speaker == "the woman" and not retired.certain  # a description may be anyone
    assert next(line for line in story.lines if line.text == "You’re back").speaker == "Lydia"


def test_same_seed_same_questions_and_another_seed_others(story: TriviaSource) -> None:
    first = generate(story, count=12, seed=7)
    assert first == generate(story, count=12, seed=7)
    assert first != generate(story, count=12, seed=8)


def test_count_is_an_upper_bound_and_kinds_are_respected(story: TriviaSource) -> None:
    assert len(generate(story, count=5, seed=1)) == 5
    only = generate(story, count=500, seed=1, kinds=[QuestionKind.WHO_SAID_IT])
    assert 10 < len(only) < 500 and {q.kind for q in only} == {QuestionKind.WHO_SAID_IT}
    mixed = generate(story, count=len(GENERATED_KINDS), seed=1)
    # The story has three speakers: too few for three who-was-there options that never spoke there.
    assert {q.kind for q in mixed} == set(GENERATED_KINDS) - {QuestionKind.WHO_WAS_THERE}


@pytest.fixture(scope="module")
def anne() -> TriviaSource:
    return source_of((ROOT / "benchmarks" / "speakers" / "AnneOfGreenGables" / "novel_text.txt").read_text(encoding="utf-8"))


def test_who_was_there_answers_spoke_nearby_and_wrong_options_never_spoke_in_the_section(anne: TriviaSource) -> None:
    questions = generate(anne, count=50, seed=2, kinds=[QuestionKind.WHO_WAS_THERE])
    assert len(questions) == 50
    for question in questions:
        line = line_at(anne, question.offset)
        index = anne.lines.index(line)
        nearby = anne.lines[max(0, index - 6) : index + 7]
        assert any(o.speaker == question.answer and o.certain and o.section == line.section for o in nearby)
        in_section = {other.speaker for other in anne.lines if other.section == line.section}
        wrong = [option for option in question.options if option != question.answer]
        assert len(wrong) == 3 and not set(wrong) & in_section
        assert "\n" not in question.text and line.speaker in question.text


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
        ("Mr. Bennet", "You must be very tired after such a long journey"),
        ("Elizabeth", "Not at all, the road was pleasant enough today"),
        ("Bennet", "Then we shall walk to the village before dinner"),
        ("Jane", "I would rather read in the library this evening"),
        ("Lydia", "Nobody asked you to come with us on the walk"),
        ("Elizabeth", "The walk will do us all a great deal of good"),
        ("Jane", "Then I shall fetch my bonnet and my gloves"),
        ("Lydia", "I cannot bear the village on a Sunday afternoon"),
    ]
    text = "\n\n".join(f"“{line},” {speaker} said." for speaker, line in said)
    source = source_of(text)
    questions = generate(source, count=50, seed=1, kinds=[QuestionKind.WHO_SAID_IT])
    assert questions
    for question in questions:
        assert not ({"Bennet", "Mr. Bennet"} <= set(question.options)), question
    assert {"Bennet", "Mr. Bennet"} & {q.answer for q in questions}


def test_true_or_false_claims_match_the_answer(story: TriviaSource) -> None:
    questions = generate(story, count=200, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE])
    assert {q.answer for q in questions} == {TRUE, FALSE}
    for question in questions:
        line = line_at(story, question.offset)
        claimed = re.match(r"True or false: (.*?) said “", question.text)[1]
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


def test_what_came_next_is_the_following_line(story: TriviaSource) -> None:
    lines = list(story.lines)
    for question in generate(story, count=100, seed=4, kinds=[QuestionKind.WHAT_CAME_NEXT]):
        after = line_at(story, question.offset)
        before = lines[lines.index(after) - 1]
        assert question.answer == after.text and before.text in question.text and before.section == after.section
        assert question.options.count(after.text) == 1


def test_which_came_first_is_the_earlier_sentence(story: TriviaSource) -> None:
    start = {sentence.text: sentence.start for sentence in story.sentences}
    for question in generate(story, count=100, seed=6, kinds=[QuestionKind.WHICH_CAME_FIRST]):
        [other] = [option for option in question.options if option != question.answer]
        assert start[question.answer] < start[other]


def test_a_work_without_dialogue_still_asks_about_order() -> None:
    text = "\n\n".join(f"Paragraph number {n} tells of the {n}th quiet morning in the valley." for n in range(12))
    questions = generate(source_of(text), count=10, seed=1)
    assert questions and {q.kind for q in questions} == {QuestionKind.WHICH_CAME_FIRST}


def test_json_has_the_fields_the_cli_promises(story: TriviaSource) -> None:
    [question] = generate(story, count=1, seed=1, kinds=[QuestionKind.WHO_SAID_IT])
    assert set(question.as_json()) == {"kind", "question", "options", "answer", "passage_id", "offset"}
