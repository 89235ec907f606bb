"""Descriptions in speech tags resolved to named characters: kinship (``said her mother``) through
the family's names, and descriptions the conversations around them keep naming as one person."""

from __future__ import annotations

from bot.attribution.characters import build_characters
from bot.attribution.descriptions import Said, learn
from bot.attribution.kinship import family_name, kin_noun, relative
from bot.attribution.speakers import Utterance, attribute

FAMILY = """\
Mrs. Ashby sat by the window of the parlour with her needlework. Miss Clara Ashby came in from the \
garden with a basket of apples, and Clara set the basket down. Mrs. Ashby looked up at her, and Mrs. \
Ashby smiled. Clara Ashby laughed, and Clara took off her bonnet.
"""

AT_THE_MILL = """\
Peter walked up the lane to the mill, where Simon kept the gate. Peter knocked twice, and \
Peter waited in the rain.

“Who is there?” asked Simon.

“It is only Peter,” said Peter.

“Come in, then,” said Simon.
"""
"""A back-and-forth between two named men, for a described tag after it."""


def _by_text(text: str) -> dict[str, Utterance]:
    return {utterance.text: utterance for utterance in attribute(text)}


def test_a_kinship_tag_names_the_relative_the_family_names_show() -> None:
    text = FAMILY + """
“The apples are ripe at last,” said Clara.

“Then we shall have a pie,” said her mother.
"""
    found = _by_text(text)["“Then we shall have a pie,”"]
    assert found.speaker == "Mrs. Ashby"
    assert found.rule.startswith("described tag, kin")


def test_kinship_needs_exactly_one_relative() -> None:
    characters = build_characters(FAMILY + "\nMr. Ashby and Mr. Ashby's brother Tom Ashby rode out. Tom Ashby waved.\n")
    clara = characters.find_name("Clara")
    assert clara is not None and family_name(clara) == "ashby"
    mother = relative("mother", clara, characters)
    assert mother is not None and mother.name == "Mrs. Ashby"
    assert relative("aunt", clara, characters) is None
    assert kin_noun("her mother") == ("f", "mother")
    assert kin_noun("the mother") is None and kin_noun("her bonnet") is None


def test_a_description_the_conversation_keeps_naming_becomes_that_character() -> None:
    fits = lambda description, named: True  # noqa: E731
    split = [
        Said(0, "Bea", False), Said(1, "Ann", False), Said(2, "the girl", True),
        Said(10, "Cid", False), Said(11, "Ann", False), Said(12, "the girl", True),
    ]
    assert learn(split, 0, fits) == {}  # once Bea, once Cid: no clear winner
    itself = [Said(0, "the girl", True), Said(1, "Ann", False), Said(2, "the girl", True), Said(3, "Ann", False)]
    assert learn(itself, 0, fits) == {}  # the turns expect the girl herself
    turns = [
        Said(0, "Bea", False), Said(1, "Ann", False), Said(2, "the girl", True), Said(3, "Ann", False),
        Said(10, "Bea", False), Said(11, "Ann", False), Said(12, "the girl", True),
    ]
    assert learn(turns, 0, fits) == {"the girl": "Bea"}
    assert learn(turns, 0, lambda description, named: named != "Bea") == {}


def test_a_voice_in_a_two_person_conversation_is_the_party_expected_to_speak() -> None:
    text = AT_THE_MILL + "\n“I shall, and gladly,” said a voice from the dark lane.\n"
    found = _by_text(text)["“I shall, and gladly,”"]
    assert found.speaker == "Peter"
    assert found.rule.startswith("described tag, conversation")


def test_an_untagged_quote_sharing_a_tagged_ones_paragraph_is_less_sure() -> None:
    text = """\
Nora walked along the quay with Owen, and Nora pointed at the boats. Owen shaded his eyes.

“We sail at dawn.” The gulls wheeled over the harbour wall, and the tide was turning fast below it. \
“The blue one is ours,” said Nora.
"""
    found = _by_text(text)
    shared, tagged = found["“We sail at dawn.”"], found["“The blue one is ours,”"]
    assert shared.speaker == tagged.speaker == "Nora"
    assert shared.rule.startswith("named tag, shared") and not tagged.rule.startswith("named tag, shared")
    assert shared.confidence < tagged.confidence


def test_a_quote_going_on_after_its_tags_sentence_is_the_same_speech() -> None:
    text = """\
Nora walked along the quay with Owen, and Nora pointed at the boats. Owen shaded his eyes.

“The blue one is ours,” said Nora. “We sail at dawn.”
"""
    found = _by_text(text)
    assert found["“We sail at dawn.”"].rule == found["“The blue one is ours,”"].rule
    assert found["“We sail at dawn.”"].speaker == "Nora"


def test_a_name_that_owns_the_speaker_is_not_the_speaker() -> None:
    text = FAMILY + """
“The apples are ripe at last,” said Clara.

“Then we shall have a pie,” answered Clara’s mamma.
"""
    found = _by_text(text)["“Then we shall have a pie,”"]
    assert found.speaker == "Mrs. Ashby"


def test_a_pronoun_in_a_two_person_conversation_goes_to_the_one_of_its_gender() -> None:
    text = """\
Laura met Mr. Finch at the gate of the orchard, and Laura gave him the letter from Mr. Ward. The \
letter was from Mr. Ward, and Mr. Finch knew the hand of Mr. Ward.

“It came this morning,” said Laura.

“From London?” asked Mr. Finch.

“Then I shall read it tonight,” he said.
"""
    found = _by_text(text)["“Then I shall read it tonight,”"]
    assert found.speaker == "Mr. Finch"


def test_a_pronoun_after_a_noun_is_the_speaker_not_part_of_a_description() -> None:
    text = """\
Ruth poured the tea, and Ruth passed a cup across to Walter. Walter thanked her.

Leaning across the table she observed, “You take no sugar, I think.”
"""
    found = _by_text(text)["“You take no sugar, I think.”"]
    assert found.speaker == "Ruth"
    assert found.rule.startswith("pronoun tag")


def test_a_miss_has_no_husband_and_a_mrs_no_father_of_the_surname_she_goes_by() -> None:
    characters = build_characters(FAMILY + "\nMr. Ashby rode out to the farm, and Mr. Ashby waved his hat.\n")
    clara, mrs_ashby, mr_ashby = (characters.find_name(name) for name in ("Clara", "Mrs. Ashby", "Mr. Ashby"))
    assert clara is not None and mrs_ashby is not None and mr_ashby is not None
    assert relative("father", clara, characters) is mr_ashby
    assert relative("husband", clara, characters) is None  # her father, not her husband
    assert relative("husband", mrs_ashby, characters) is mr_ashby
    assert relative("father", mrs_ashby, characters) is None  # her husband, not her father
    assert relative("wife", mr_ashby, characters) is mrs_ashby


def test_a_capitalised_description_is_a_title_not_the_party_expected_to_speak() -> None:
    text = AT_THE_MILL + "\n“Stand where you are,” said the Warden from the dark lane.\n"
    found = _by_text(text)["“Stand where you are,”"]
    assert found.speaker == "the Warden"


def test_an_owned_description_in_a_two_person_conversation_is_the_party_expected_to_speak() -> None:
    text = """\
Peter walked up the lane to the mill with Robin. Peter knocked twice, and Peter waited in the rain. \
Robin laughed at him.

“Who is there?” asked Robin.

“It is only the rain,” said Peter.

“Then knock again,” said Robin.

“I shall, and gladly,” said his companion.
"""
    found = _by_text(text)["“I shall, and gladly,”"]
    assert found.speaker == "Peter"
