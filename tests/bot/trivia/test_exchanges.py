"""An untagged line of a strict two-person exchange, anchored by name tags on both sides, is vouched
for as its turn's speaker's; a third voice, a long narration or a name in the line breaks it."""

from bot.trivia.evidence import EXCHANGE, evidence
from bot.trivia.exchanges import exchange_lines
from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person

PEOPLE = (
    Person("Harriet", ("Harriet", "Miss Quill"), "f", 0, 30),
    Person("Oswin", ("Oswin", "Mr. Oswin"), "m", 0, 20),
    Person("Tabitha", ("Tabitha",), "f", 0, 10),
)
EXCHANGE_TEXT = (
    '"Has the barometer fallen again?" asked Harriet.',
    '"Since dawn; the ferry will not sail to the lighthouse."',
    '"Then the lantern oil must wait until the thaw."',
    '"The quartermaster will grumble about his invoices," said Oswin.',
)


def _lines(paragraphs: tuple[str, ...], speakers: tuple[str, ...], *, section: int = 0) -> list[SpokenLine]:
    return [
        SpokenLine(100 * ordinal, paragraph.split('"')[1], speaker, 0.5, ordinal, section, ordinal)
        for ordinal, (paragraph, speaker) in enumerate(zip(paragraphs, speakers, strict=True))
    ]


def _vouched(paragraphs: tuple[str, ...], speakers: tuple[str, ...]) -> set[int]:
    return exchange_lines(_lines(paragraphs, speakers), dict(enumerate(paragraphs)), PEOPLE)


def test_untagged_turns_between_two_anchors_are_the_alternating_speakers() -> None:
    speakers = ("Harriet", "Oswin", "Harriet", "Oswin")
    assert _vouched(EXCHANGE_TEXT, speakers) == {100, 200}
    lines = _lines(EXCHANGE_TEXT, speakers)
    assert evidence(lines[1], EXCHANGE_TEXT[1], PEOPLE, exchanged={100}) == EXCHANGE


def test_a_line_keyed_against_its_turn_is_not_vouched_for() -> None:
    assert _vouched(EXCHANGE_TEXT, ("Harriet", "Harriet", "Harriet", "Oswin")) == {200}


def test_anchors_on_one_side_only_or_of_three_people_vouch_for_nothing() -> None:
    open_ended = (*EXCHANGE_TEXT[:3], '"And the invoices?"')
    assert _vouched(open_ended, ("Harriet", "Oswin", "Harriet", "Oswin")) == set()
    third = (*EXCHANGE_TEXT[:3], '"The quartermaster will grumble," said Tabitha.', EXCHANGE_TEXT[3])
    assert _vouched(third, ("Harriet", "Oswin", "Harriet", "Tabitha", "Oswin")) == set()


def test_narration_beyond_a_tag_breaks_the_run() -> None:
    scene = list(EXCHANGE_TEXT)
    scene[2] = '"Then the lantern oil must wait." She crossed to the window and looked out at the grey harbour for a while.'
    assert _vouched(tuple(scene), ("Harriet", "Oswin", "Harriet", "Oswin")) == set()


def test_a_line_naming_someone_but_its_listener_is_not_vouched_for() -> None:
    scene = list(EXCHANGE_TEXT)
    scene[1] = '"Since dawn, Tabitha says; the ferry will not sail."'
    scene[2] = '"Then the lantern oil must wait, Mr. Oswin."'
    assert _vouched(tuple(scene), ("Harriet", "Oswin", "Harriet", "Oswin")) == {200}
    scene[2] = '"Then Mr. Pardew must wait until the thaw."'
    assert _vouched(tuple(scene), ("Harriet", "Oswin", "Harriet", "Oswin")) == set()


def test_a_name_in_narration_not_read_as_a_tag_breaks_the_run() -> None:
    scene = list(EXCHANGE_TEXT)
    scene[2] = '"Then the lantern oil must wait until the thaw," asserted Tabitha.'
    assert _vouched(tuple(scene), ("Harriet", "Oswin", "Harriet", "Oswin")) == set()
