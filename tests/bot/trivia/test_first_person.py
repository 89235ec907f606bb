"""More lines to ask about, on the same evidence standard: a named first-person narrator's own
tags ("said I"), and true-or-false claims for lines with no rival of the speaker's gender nearby."""

import random
from dataclasses import replace

from bot.trivia.evidence import NAMED, NARRATOR, evidence, narrated_sections, narrator_of
from bot.trivia.facts import Facts
from bot.trivia.generate import generate
from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person
from bot.trivia.question import FALSE, TRUE, QuestionKind
from bot.trivia.speaker_questions import SCENE_CHARS, _false_speaker
from tests.bot.trivia.test_presence import GENDERS, book

CAST = (
    Person("Harriet", ("Harriet", "Miss Quill", "I"), "f", 0, 30),
    Person("Oswin", ("Oswin", "Mr. Oswin"), "m", 0, 20),
)


def line(speaker: str, rule: str) -> SpokenLine:
    return SpokenLine(0, "The barometer has fallen and the ferry will not sail", speaker, 1.0, 0, 0, 0, rule)


def test_the_named_narrator_is_the_speaker_of_their_own_first_person_tags() -> None:
    narrator = narrator_of(CAST)
    assert narrator == "Harriet"
    for paragraph in ('"The barometer has fallen," said I.', '"The barometer has fallen," I replied, "and the ferry waits."'):
        assert evidence(line("Harriet", "narrator tag, agreed"), paragraph, CAST, narrator, {0}) == NARRATOR


def test_a_first_person_tag_vouches_for_no_one_when_the_narrator_is_unnamed_or_someone_else_is_tagged() -> None:
    assert narrator_of(CAST[1:]) is None
    assert evidence(line("Harriet", "narrator tag"), '"The barometer has fallen," said I.', CAST, None) is None
    both = '"The barometer has fallen," said I. "Nonsense," said Oswin.'
    assert evidence(line("Harriet", "narrator tag"), both, CAST, "Harriet", {0}) is None
    assert evidence(line("Oswin", "named tag"), '"The barometer has fallen," said Oswin.', CAST, "Harriet") == NAMED


def test_the_narrators_line_keyed_by_turn_taking_is_not_vouched_for_by_a_tag_elsewhere() -> None:
    assert evidence(line("Harriet", "alternation"), '"The barometer has fallen," said I.', CAST, "Harriet", {0}) is None
    assert evidence(line("Harriet", "narrator tag"), '"The barometer has fallen." I shut the door.', CAST, "Harriet", {0}) is None


def test_the_narrators_tags_count_only_where_others_call_them_by_name() -> None:
    lines = [
        SpokenLine(0, "Miss Quill, the ferry is late", "Oswin", 1.0, 0, 0, 0),
        SpokenLine(90, "It is always late", "Harriet", 1.0, 1, 0, 1, "narrator tag"),
        SpokenLine(900, "Nothing sails in this weather", "Oswin", 1.0, 5, 1, 5),
        SpokenLine(990, "Then I shall walk", "Harriet", 1.0, 6, 1, 6, "narrator tag"),
    ]
    narrated = narrated_sections(lines, "Harriet", CAST)
    assert narrated == {0}  # in section 1 the "I" may be a letter's writer or a tale's teller
    assert evidence(lines[1], '"It is always late," said I.', CAST, "Harriet", narrated) == NARRATOR
    assert evidence(lines[3], '"Then I shall walk," said I.', CAST, "Harriet", narrated) is None


def test_a_false_claim_names_someone_of_the_speakers_gender_from_the_scene_never_beyond_it() -> None:
    source = book({0: ["Ann", "Cal", "Dan"]}, genders=GENDERS)
    ann = next(spoken for spoken in source.lines if spoken.speaker == "Ann")
    assert _false_speaker(Facts.of(source), ann, ["Cal", "Dan", "Bea"], random.Random(1)) is None
    far = SpokenLine(ann.offset + 3 * SCENE_CHARS, "The tide is turning", "Bea", 1.0, 99, ann.section, 99)
    elsewhere = replace(far, section=ann.section + 1)
    assert _false_speaker(Facts.of(replace(source, lines=[*source.lines, elsewhere])), ann, ["Cal", "Dan", "Bea"], random.Random(1)) is None
    assert _false_speaker(Facts.of(replace(source, lines=[*source.lines, far])), ann, ["Cal", "Dan", "Bea"], random.Random(1)) is None
    near = replace(far, offset=ann.offset + SCENE_CHARS // 2, paragraph=ann.paragraph + 1)
    assert _false_speaker(Facts.of(replace(source, lines=[*source.lines, near])), ann, ["Cal", "Dan", "Bea"], random.Random(1)) == "Bea"


def test_a_line_no_one_could_be_falsely_named_for_is_claimed_truly_and_true_stays_as_likely_as_false() -> None:
    lone = book({0: ["Ann", "Cal", "Dan"]}, genders=GENDERS)  # Ann: the only woman, with three lines
    asked = generate(lone, count=50, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE])
    anns = [question for question in asked if question.explanation == "Ann said it."]
    assert anns and all(question.answer == TRUE for question in anns)
    unknown = book({0: ["Ann", "Bea", "Cal"]})  # no one's gender known: no one can be falsely named
    assert generate(unknown, count=50, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE]) == []  # True would always win
    mixed = book({0: ["Ann", "Cal", "Dan", "Gus", "Bea"]}, genders=GENDERS)
    answers = [question.answer for question in generate(mixed, count=50, seed=5, kinds=[QuestionKind.TRUE_OR_FALSE])]
    assert answers and abs(answers.count(TRUE) - answers.count(FALSE)) <= len(answers) // 3
    lone_answers = [question.answer for question in asked]  # Ann's three lines are True: the men's mostly False
    assert abs(lone_answers.count(TRUE) - lone_answers.count(FALSE)) <= len(lone_answers) // 3
