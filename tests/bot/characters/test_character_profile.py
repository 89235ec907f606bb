"""The rules behind a character's profile: mentions per section, lines, memorable line, partners."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.attribution.speakers import Utterance
from bot.characters.profile import (
    CONVERSATION_GAP_CHARS,
    CharacterProfile,
    SectionSpan,
    Story,
    build_profile,
    conversation_partners,
    memorable_line,
    quote_text,
    spoken_lines,
)
from bot.characters.roster import Roster
from bot.text.ingest import SHOWN_CONFIDENCE, WorkSpeakers, attribute_work, parse_work

STORY_PATH = Path(__file__).resolve().parents[3] / "data" / "hello-from-the-other-side.txt"

KITCHEN = """Anna walked into the kitchen, where Ben was reading. Anna was tired, and Ben saw it.

“Where is the bread?” Anna asked.

“On the table,” Ben said.

“Thank you. It smells of cardamom, saffron and distant thunderstorms tonight,” Anna said.

“You always say that,” Ben said.

* * *

Much later Cleo arrived at the door. Cleo knocked twice.

“Is anybody home?” Cleo called.

Anna opened the door. “Come in, the kettle is on,” Anna said.

“Lovely,” Cleo said.
"""


def line(start: int, text: str, speaker: str | None, confidence: float = 0.95) -> Utterance:
    return Utterance(start, start + len(text), text, speaker, confidence, "explicit", "named tag")


def profiles(text: str) -> dict[str, CharacterProfile]:
    speakers = attribute_work(text)
    sections = [SectionSpan(s.start, s.end) for s in parse_work(text).sections]
    return {c.name: build_profile(speakers, c, sections) for c in Roster(speakers).people}


@pytest.fixture(scope="module")
def kitchen() -> dict[str, CharacterProfile]:
    return profiles(KITCHEN)


@pytest.fixture(scope="module")
def story() -> tuple[WorkSpeakers, dict[str, CharacterProfile]]:
    text = STORY_PATH.read_text(encoding="utf-8")
    return attribute_work(text), profiles(text)


def test_mentions_are_counted_in_the_section_they_fall_in(kitchen: dict[str, CharacterProfile]) -> None:
    assert kitchen["Anna"].mentions_by_section == (4, 2)
    assert kitchen["Ben"].mentions_by_section == (4, 0)
    assert kitchen["Cleo"].mentions_by_section == (0, 4)
    assert kitchen["Cleo"].mentions == 4


def test_first_appearance_is_the_first_time_the_text_names_them(kitchen: dict[str, CharacterProfile]) -> None:
    assert KITCHEN[kitchen["Ben"].first_offset :].startswith("Ben was reading")
    assert KITCHEN[kitchen["Cleo"].first_offset :].startswith("Cleo arrived")


def test_lines_are_the_quotes_attributed_to_them(kitchen: dict[str, CharacterProfile]) -> None:
    assert {name: profile.lines for name, profile in kitchen.items()} == {"Anna": 3, "Ben": 2, "Cleo": 2}


def test_partners_are_the_speakers_of_neighbouring_lines_in_a_section(kitchen: dict[str, CharacterProfile]) -> None:
    assert kitchen["Anna"].partners == (("Ben", 3), ("Cleo", 2))
    # Ben's last line and Cleo's first are in different scenes: not an exchange
    assert kitchen["Ben"].partners == (("Anna", 3),)
    assert kitchen["Cleo"].partners == (("Anna", 2),)


def test_the_memorable_line_has_the_most_rare_words(kitchen: dict[str, CharacterProfile]) -> None:
    memorable = kitchen["Anna"].memorable_line
    assert memorable is not None and "cardamom" in memorable.text


def test_lines_far_apart_are_different_conversations() -> None:
    first = line(0, "“Hello there,”", "Anna")
    near = line(first.end + 10, "“Hello yourself,”", "Ben")
    far = line(near.end + CONVERSATION_GAP_CHARS + 1, "“Anyone?”", "Cleo")
    partners = conversation_partners([first, near, far], "Ben", Story([SectionSpan(0, 10_000)]))
    assert partners == {"Anna": 1}


def test_unsure_attributions_are_neither_lines_nor_exchanges() -> None:
    sure = line(0, "“Hello there,”", "Anna")
    unsure = line(20, "“Hello yourself,”", "Ben", confidence=SHOWN_CONFIDENCE - 0.1)
    assert spoken_lines([sure, unsure], "Ben") == []
    assert conversation_partners([sure, unsure], "Anna", Story([SectionSpan(0, 100)])) == {}


def test_a_speaker_answering_themself_is_no_exchange() -> None:
    lines = [line(0, "“One,”", "Anna"), line(10, "“two,”", "Anna"), line(20, "“three.”", "Ben")]
    assert conversation_partners(lines, "Anna", Story([SectionSpan(0, 100)])) == {"Ben": 1}


def test_memorable_line_prefers_a_line_of_some_length_then_the_first() -> None:
    short = line(0, "“Zounds!”", "Anna")
    plain = line(20, "“I will go to the shop now.”", "Anna")
    same = line(60, "“I will go to the shop now.”", "Anna")
    assert memorable_line([short, plain, same], [short, plain, same]) is plain
    assert memorable_line([short], [short]) is short
    assert memorable_line([], [short]) is None


def test_rare_words_are_rare_across_every_quote_of_the_work() -> None:
    common = line(0, "“The harbour lights are burning bright tonight,”", "Anna")
    rare = line(60, "“We sail at dawn for the quiet islands,”", "Anna")
    others = [line(200 + 50 * i, "“The harbour lights are burning bright tonight,”", "Ben") for i in range(3)]
    assert memorable_line([common, rare], [common, rare, *others]) is rare


def test_a_resumed_speech_gives_way_to_a_line_that_starts_a_sentence() -> None:
    resumed = line(0, "“just long enough to fix the trephining, the clot, the haemorrhage,”", "Anna")
    whole = line(100, "“We go forth to our enterprise tonight,”", "Anna")
    assert memorable_line([resumed, whole], [resumed, whole]) is whole


def test_names_are_not_rare_words() -> None:
    names = line(0, "“Edward Spencelagh, Andres, Whitby and Hampstead were there,”", "Anna")
    words = line(100, "“The sombre moorland glistened in the gloaming,”", "Anna")
    assert memorable_line([names, words], [names, words]) is words


def test_only_offsets_inside_the_sections_count() -> None:
    story = Story([SectionSpan(100, 200), SectionSpan(200, 300), SectionSpan(310, 400)])
    assert story.count([5, 100, 150, 199, 200, 305, 399, 400, 450]) == [3, 1, 1]
    assert story.count([]) == [0, 0, 0]
    assert [story.section_of(offset) for offset in (99, 100, 305, 310)] == [None, 0, None, 2]


def test_text_outside_the_sections_is_not_the_story() -> None:
    """Like a novel's contents page: mentions, lines and first appearance skip it."""
    speakers = attribute_work(KITCHEN)
    second_scene = parse_work(KITCHEN).sections[1]
    anna = Roster(speakers).find("Anna")
    assert anna is not None
    profile = build_profile(speakers, anna, [SectionSpan(second_scene.start, second_scene.end)])
    assert profile.mentions_by_section == (2,) and profile.lines == 1
    assert KITCHEN[profile.first_offset :].startswith("Anna opened") and profile.first_section == 0
    assert profile.partners == (("Cleo", 2),)


def test_a_quote_shown_alone_loses_the_comma_before_its_tag() -> None:
    assert quote_text(line(0, "“On the table,”", "Ben")) == "“On the table”"
    assert quote_text(line(0, "“Is anybody home?”", "Cleo")) == "“Is anybody home?”"
    assert quote_text(line(0, "“Oh, do be more plain to\nme!”", "Cleo")) == "“Oh, do be more plain to me!”"


def test_the_bundled_story(story: tuple[WorkSpeakers, dict[str, CharacterProfile]]) -> None:
    speakers, found = story
    derek = found["Derek"]
    assert derek.mentions == 83 and len(derek.mentions_by_section) == 4
    assert derek.lines == len(spoken_lines(speakers.utterances, "Derek"))
    assert derek.partners[0][0] == "Lydia"


def test_an_unnamed_character_is_mentioned_where_a_tag_describes_them(
    story: tuple[WorkSpeakers, dict[str, CharacterProfile]],
) -> None:
    woman = story[1]["the woman"]
    assert woman.mentions >= 4 and woman.mentions_by_section[0] == woman.mentions
    assert woman.lines == 0  # "said the woman" may be a named character too: never a line shown as a fact
