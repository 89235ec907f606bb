"""An untagged line whose paragraph's narration names its (certain) speaker and no one else is vouched
for by an action beat; a second name, a tag, a second voice or an uncertain attribution breaks it."""

from bot.trivia.beats import beat_lines
from bot.trivia.evidence import BEAT, evidence
from bot.trivia.lines import SpokenLine
from bot.trivia.people import Person

PEOPLE = (
    Person("Harriet", ("Harriet", "Miss Quill"), "f", 0, 30),
    Person("Oswin", ("Oswin", "Mr. Oswin"), "m", 0, 20),
)
BEAT_TEXT = 'Harriet flung the shutters wide. "The ferry will never sail to the lighthouse in this gale!"'


def _vouched(paragraph: str, *speakers: tuple[str, float]) -> set[int]:
    quotes = paragraph.split('"')[1::2]
    lines = [
        SpokenLine(100 + 10 * index, quote, speaker, confidence, 7, 0, 3)
        for index, (quote, (speaker, confidence)) in enumerate(zip(quotes, speakers, strict=True))
    ]
    return beat_lines(lines, {3: paragraph}, PEOPLE)


def test_a_paragraph_naming_only_its_certain_speaker_vouches_for_the_line() -> None:
    assert _vouched(BEAT_TEXT, ("Harriet", 0.99)) == {100}
    line = SpokenLine(100, BEAT_TEXT.split('"')[1], "Harriet", 0.99, 7, 0, 3)
    assert evidence(line, BEAT_TEXT, PEOPLE, beats={100}) == BEAT


def test_an_uncertain_attribution_or_another_speaker_is_not_vouched_for() -> None:
    assert _vouched(BEAT_TEXT, ("Harriet", 0.5)) == set()
    two_voices = f'{BEAT_TEXT} Then: "Nonsense."'
    assert _vouched(two_voices, ("Harriet", 0.99), ("Oswin", 0.99)) == set()


def test_a_second_name_or_a_speech_tag_breaks_the_beat() -> None:
    assert _vouched(f"{BEAT_TEXT} Oswin only shrugged.", ("Harriet", 0.99)) == set()
    assert _vouched(f"{BEAT_TEXT} Mr. Pettigrew only shrugged.", ("Harriet", 0.99)) == set()
    tagged = 'Harriet flung the shutters wide. "The ferry will never sail," said Oswin.'
    assert _vouched(tagged, ("Harriet", 0.99)) == set()
