"""Letters and journals: an entry's "said I" is its writer's, when its heading names one person."""

from bot.text.model import Passage, PassageKind
from bot.trivia.events import Cast, Plot
from bot.trivia.evidence import ENTRY, evidence, first_person_tagged
from bot.trivia.facts import Facts
from bot.trivia.lines import SpokenLine, TriviaSource
from bot.trivia.people import Person
from tests.bot.trivia.test_first_person import CAST as NARRATED

PEOPLE = (
    Person("Ottilie", ("Ottilie", "Ottilie Vane", "Mrs. Grier"), "f", 0, 30),
    Person("Dr. Grier", ("Dr. Grier", "Grier", "Amos Grier"), "m", 0, 30),
    Person("Ned", ("Ned", "Mr. Grier"), "m", 0, 10),
)


def test_a_heading_names_its_writer_when_it_is_one_person() -> None:
    from bot.trivia.entries import writer_of

    assert writer_of("*Dr. Grier’s Diary.*", PEOPLE) == "Dr. Grier"
    assert writer_of("OTTILIE VANE’S JOURNAL.", PEOPLE) == "Ottilie"
    assert writer_of("_Letter, Ottilie Vane to Amos Grier._", PEOPLE) == "Ottilie"
    assert writer_of("*Letter from Miss Ottilie Marsh to Dr. Grier.*", PEOPLE) == "Ottilie"
    assert writer_of("*Letter, Hobbs & Son, Solicitors, to Dr. Grier.*", PEOPLE) is None  # no one of the cast
    assert writer_of("I had just finished Mrs. Grier’s diary, when she came in.", PEOPLE) is None  # no heading


def test_the_first_person_tag_must_follow_the_paragraphs_first_speech_and_not_introduce_the_next() -> None:
    assert first_person_tagged("“The lamp is out,” I said. “Fetch another.”", "The lamp is out")
    assert not first_person_tagged("“The lamp is out.” She looked at me. “Fetch one,” I said.", "The lamp is out")
    assert not first_person_tagged("“The lamp is out.” I went on:—", "The lamp is out")
    assert not first_person_tagged("“The lamp is out,” said I to Ned.", "Fetch another")


def entry(heading: str, paragraph: str, section: int = 1) -> Facts:
    sentences = [
        Passage(PassageKind.SENTENCE, 0, 0, 30, heading, 1, 0),
        Passage(PassageKind.SENTENCE, 1, 100, 160, paragraph, section, 1),
    ]
    line = SpokenLine(100, "The lamp is out and the tide is rising", "the narrator", 0.5, 1, section, 1, "narrator tag, unnamed")
    source = TriviaSource("diary", "Diary", [line], sentences, {0: 0, 1: 1}, Plot((), Cast(sentences, list(PEOPLE))))
    return Facts.of(source)


def test_an_unnamed_narrators_tagged_line_is_the_entry_writers() -> None:
    paragraph = "“The lamp is out and the tide is rising,” I said."
    line = entry("*Dr. Grier’s Diary.*", paragraph).source.lines[0]
    assert (line.speaker, line.rule, line.certain) == ("Dr. Grier", ENTRY, True)
    assert evidence(line, paragraph, PEOPLE) == ENTRY


def test_no_writer_without_a_heading_in_that_section_or_a_tag_of_its_own() -> None:
    assert entry("*Dr. Grier’s Diary.*", "“The lamp is out and the tide is rising,” I said.", section=2).source.lines[0].speaker == "the narrator"
    assert entry("*Dr. Grier’s Diary.*", "“The lamp is out and the tide is rising.”").source.lines[0].speaker == "the narrator"
    assert entry("*Letter, Hobbs to Ned.*", "“The lamp is out and the tide is rising,” I said.").source.lines[0].speaker == "the narrator"


def test_a_named_narrator_is_no_entry_writer() -> None:
    line = SpokenLine(0, "The lamp is out", "Harriet", 1.0, 0, 0, 0, "narrator tag")
    assert evidence(line, "“The lamp is out,” said I.", NARRATED, None) is None
