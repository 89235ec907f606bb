"""Each attribution rule of bot.attribution.speakers, on sentences written as books write them.

Passages are quoted verbatim from the bundled story, or invented in the manner of the novels
(no line nor name from a development or blind novel).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.attribution.characters import Character, build_characters
from bot.attribution.ranking import KeepRules
from bot.attribution.speakers import Utterance, attribute
from bot.text.ingest import SHOWN_CONFIDENCE

REPO = Path(__file__).resolve().parents[3]
SPEAKERS = REPO / "benchmarks" / "speakers"


def _by_text(text: str) -> dict[str, Utterance]:
    return {utterance.text: utterance for utterance in attribute(text)}


def _speaker(text: str, quote: str) -> str | None:
    return _by_text(text)[quote].speaker


# --- explicit tags ---------------------------------------------------------------------

STORY_OPENING = """\
The door softly opened, revealing an older woman, who stared at Derek in a puzzling manner.

“Can I help you?” The woman asked, her voice calm and balanced.

“I’m looking for the Stilinskis,” Derek started, his hands suddenly regaining feeling.

“The old Sheriff?” the woman questioned.

“Sheriff Stilinski retired,” the woman kindly explained. “He moved shortly after that.”
"""


def test_a_named_tag_after_the_quote_names_the_speaker_surely() -> None:
    found = _by_text(STORY_OPENING)["“I’m looking for the Stilinskis,”"]
    assert (found.speaker, found.quote_type) == ("Derek", "explicit")
    assert found.confidence >= SHOWN_CONFIDENCE


def test_a_described_speaker_keeps_the_description() -> None:
    found = _by_text(STORY_OPENING)
    assert found["“Can I help you?”"].speaker == "the woman"  # “…” The woman asked
    assert found["“The old Sheriff?”"].speaker == "the woman"
    assert found["“Sheriff Stilinski retired,”"].speaker == "the woman"  # the woman kindly explained
    assert found["“He moved shortly after that.”"].speaker == "the woman"  # same paragraph, same speaker


def test_a_tag_before_the_quote_names_the_speaker() -> None:
    text = (
        "He moves to drape his body over Stiles’, wrapping his arms tightly around him as he stirs "
        "from his sleep. To which Stiles responds with, “Hello from the other side.”"
    )
    assert _speaker(text, "“Hello from the other side.”") == "Stiles"


def test_an_inverted_tag_with_a_common_noun_is_a_speaker() -> None:
    text = """\
"There be strange things in almanacs," said the mariner.

"I believe you," said Mr. Pellow.
"""  # invented
    found = _by_text(text)
    assert found['"There be strange things in almanacs,"'].speaker == "the mariner"
    assert found['"I believe you,"'].speaker == "Mr. Pellow"


def test_an_interrupted_quote_is_one_speaker_whatever_the_verb() -> None:
    text = (
        "“Stiles,” Lydia hesitated, picking her words carefully. “Look, I know you did what you did "
        "because you had to.”"
    )
    found = _by_text(text)
    assert found["“Stiles,”"].speaker == "Lydia"  # and not Stiles, who is addressed
    assert found["“Look, I know you did what you did because you had to.”"].speaker == "Lydia"


# --- anaphoric tags ---------------------------------------------------------------------


def test_he_is_the_subject_of_the_narration_not_the_last_man_named() -> None:
    text = """\
Derek is certain, however, that he made the right choice in coming back.

“Sheriff Stilinski retired,” the woman kindly explained.

Derek released a breath of relief, overjoyed that the Sheriff was likely still alive, which meant
so was Stiles. “What about his son?” He finally asked, his throat dry but hopeful.
"""
    found = _by_text(text)["“What about his son?”"]
    assert (found.speaker, found.quote_type) == ("Derek", "anaphoric")


def test_she_goes_to_the_woman_of_the_conversation() -> None:
    text = STORY_OPENING + """
The woman, unfortunately, frowned. “Stiles was a lovely boy,” she answered.

Derek stared at her in owl-eyed shock. “Was?”

“Oh, I’m so sorry, he’s still alive,” she quickly corrected herself.
"""
    found = _by_text(text)
    assert found["“Stiles was a lovely boy,”"].speaker == "the woman"
    assert found["“Oh, I’m so sorry, he’s still alive,”"].speaker == "the woman"  # Derek spoke between


def test_a_vocative_is_not_the_speaker_and_she_is_the_lady() -> None:
    text = """\
“My dear Mr. Quillon,” said his lady to him one morning, “have you heard that Larkspur Hall is to be sold at last?”

Mr. Quillon replied that he had not.

“But it is,” returned she; “for Mrs. Dunmore has just called, and she told me the whole of it.”
"""  # invented, in the manner of a novel of manners
    found = _by_text(text)
    assert found["“My dear Mr. Quillon,”"].speaker == "his lady"
    assert found["“But it is,”"].speaker == "his lady"
    assert found["“for Mrs. Dunmore has just called, and she told me the whole of it.”"].speaker == "his lady"


def test_i_is_the_first_person_narrator_named_as_others_address_him() -> None:
    text = (SPEAKERS / "TheSignOfTheFour" / "novel_text.txt").read_text(encoding="utf-8")
    characters = build_characters(text)
    assert characters.narrator is not None and characters.narrator.name == "Watson"
    first = attribute(text, characters)[0]
    assert first.text == '"Which is it to-day?"'  # "Which is it to-day?" I asked,
    assert (first.speaker, first.quote_type) == ("Watson", "anaphoric")


# --- implicit turns ----------------------------------------------------------------------


def test_a_beat_before_the_quote_names_the_speaker() -> None:
    text = STORY_OPENING + "\nDerek stared at her in owl-eyed shock. “Was?”\n"
    found = _by_text(text)["“Was?”"]
    assert (found.speaker, found.quote_type) == ("Derek", "implicit")


def test_back_and_forth_alternates_between_the_two_speakers() -> None:
    text = """\
“You’re back,” Lydia stated in disbelief.

“I’m … back,” Derek echoed, looking down at the sidewalk.

“You shouldn’t have come back.”

“I know.”

“You should leave.”
"""  # the bundled story, with its later tags taken away
    found = _by_text(text)
    untagged = ("“You shouldn’t have come back.”", "“I know.”", "“You should leave.”")
    assert [found[quote].speaker for quote in untagged] == ["Lydia", "Derek", "Lydia"]
    confidences = [found[quote].confidence for quote in (untagged[0], untagged[2])]
    assert SHOWN_CONFIDENCE > confidences[0] > confidences[1]  # the turns after the first confirm it; never a fact
    assert all(found[quote].quote_type == "implicit" for quote in ("“I know.”", "“You should leave.”"))


def test_the_person_addressed_speaks_next() -> None:
    text = """\
Bram Tolliver, Odile Marsh and Kester Pell walked down to the river in the rain.

"We could row out to the island before dark," said Odile.

"Well, perhaps. But the current runs hard against us," said Kester.

"I will tell you what we shall do, Bram," said Odile.

"I should like nothing better."
"""
    found = {u.text: u.speaker for u in attribute(text, ranker=KeepRules())}  # the rule; the ranker weighs it
    assert found['"I should like nothing better."'] == "Bram Tolliver"


def test_a_speech_over_several_paragraphs_keeps_its_speaker() -> None:
    text = """\
"He was frightened of me, I could tell he was frightened of me," said the
Hooded Man many times over. "He meant to slip away from me all along, he
was always plotting! What a fool I was!

"The cur!

"I should have killed him!"
"""  # invented
    found = _by_text(text)
    assert found['"The cur!'].speaker == "the Hooded Man"
    assert found['"I should have killed him!"'].speaker == "the Hooded Man"
    assert found['"The cur!'].quote_type == "implicit"


def test_offsets_point_at_the_opening_quotation_mark_of_the_original_text() -> None:
    for utterance in attribute(STORY_OPENING):
        assert STORY_OPENING[utterance.start] == "“"
        assert STORY_OPENING[utterance.start : utterance.end] == utterance.text


@pytest.mark.parametrize("text", ["", "No dialogue here.\n\nNone at all.", "“", "“Unfinished"])
def test_texts_without_a_closed_quote_do_not_break_anything(text: str) -> None:
    assert all(u.speaker is None or u.confidence > 0 for u in attribute(text))


def test_speech_in_single_quotes_is_found_when_a_text_uses_them() -> None:
    # the bundled story's opening as a British edition would print it: ‘…’ for speech
    text = (STORY_OPENING + "\n“Not here,” he thought.\n").replace("“", "‘").replace("”", "’") * 3
    found = attribute(text)
    assert [u.text for u in found[:4]] == [
        "‘Can I help you?’",
        "‘I’m looking for the Stilinskis,’",  # the apostrophe in I’m closes nothing
        "‘The old Sheriff?’",
        "‘Sheriff Stilinski retired,’",
    ]
    assert [u.speaker for u in found[:4]] == ["the woman", "Derek", "the woman", "the woman"]


def test_apostrophes_in_a_double_quoted_text_are_never_quotes() -> None:
    found = attribute("‘Tis the season,’ she thought. “Derek’s here,” Lydia said.\n\nLydia’s phone rang.")
    assert [u.text for u in found] == ["“Derek’s here,”"]


def test_a_word_quoted_inside_a_sentence_is_not_speech() -> None:
    text = (
        "I had for dinner, or rather supper, a chicken done up some way with red pepper, and egg-plant "
        "stuffed with forcemeat, a very excellent dish, which they call “impletata.”\n\n"
        "“Good boy!” said Van Helsing.\n"
    )  # Dracula, chapter I, and the Professor
    found = _by_text(text)
    assert "“impletata.”" not in found
    assert found["“Good boy!”"].speaker == "Van Helsing"


def test_a_tag_ending_the_paragraph_before_introduces_the_quote() -> None:
    text = """\
I found supper already laid out. My host, who stood on one side of the great fireplace, leaning against
the stonework, made a graceful wave of his hand to the table, and said:--

“I pray you, be seated and sup how you please.”

Of course I said all I could about being willing. He answered: “Yes, certainly,” and added:--

“You may go anywhere you wish in the castle, except where the doors are locked.” I said I was sure of
this, and then he went on:--
"""  # Dracula, chapter II
    found = _by_text(text)
    assert found["“I pray you, be seated and sup how you please.”"].speaker == "my host"
    # "I said I was sure of this" reports speech; it does not tag the quote before it
    anywhere = "“You may go anywhere you wish in the castle, except where the doors are locked.”"
    assert found[anywhere].speaker != "the narrator"


def test_he_in_first_person_narration_is_never_the_narrator() -> None:
    text = (
        "Wenna Lusk met me at the quay in the fog. I had come alone.\n\n"
        "“You are late,” said Wenna Lusk.\n\n"
        "“The fog,” I answered.\n\n"
        "“A likely story,” he said.\n"
    )  # invented
    characters = build_characters(text)
    narrator = Character("Pell Harrow", ["Pell Harrow", "I"], "m")
    characters.characters.append(narrator)
    characters.narrator = narrator
    found = {u.text: u for u in attribute(text, characters)}
    assert found["“The fog,”"].speaker == "Pell Harrow"
    assert found["“A likely story,”"].speaker != "Pell Harrow"
