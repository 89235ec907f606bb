"""The attribution mechanisms on small synthetic dialogues: one test per kind of evidence, and the
confidence each earns (explicit tag > sole pronoun candidate > turn-taking > guess)."""

from __future__ import annotations

from bot.attribution.ranking import KeepRules
from bot.attribution.speakers import Utterance, attribute
from bot.attribution.tag_resolver import CONVERSATION_MEMBER_TURNS
from bot.text.ingest import SHOWN_CONFIDENCE

KITCHEN = """\
Martha Grey came into the kitchen, where Thomas Reed was reading his paper. Martha put the kettle on, and \
Thomas folded his paper.
"""


def _by_text(text: str) -> dict[str, Utterance]:
    return {utterance.text: utterance for utterance in attribute(text)}


def test_a_pronoun_tag_agrees_in_gender_with_its_speaker() -> None:
    text = KITCHEN + """
“The rain will stop by noon,” she said.

“I doubt it,” he answered.
"""
    found = _by_text(text)
    assert found["“The rain will stop by noon,”"].speaker == "Martha Grey"
    assert found["“I doubt it,”"].speaker == "Thomas Reed"
    assert found["“I doubt it,”"].quote_type == "anaphoric"


def test_a_narrator_tag_names_the_first_person_narrator() -> None:
    text = "\n\n".join(
        ["I walked to the station early that morning, and I waited on the platform; my train was late and I was cold."] * 6
        + ["“Is this the train for Leeds?” I asked."]
    )
    found = _by_text(text)["“Is this the train for Leeds?”"]
    assert found.quote_type == "anaphoric"


def test_untagged_turns_alternate_and_are_never_shown_as_facts() -> None:
    text = """\
“Where were you?” asked Martha Grey.

“At the mill,” said Thomas Reed.

“All day?”

“All day.”
"""
    found = _by_text(text)
    assert [found[q].speaker for q in ("“All day?”", "“All day.”")] == ["Martha Grey", "Thomas Reed"]
    assert all(found[q].confidence < SHOWN_CONFIDENCE for q in ("“All day?”", "“All day.”"))
    assert found["“At the mill,”"].confidence >= SHOWN_CONFIDENCE


def test_the_person_addressed_by_name_speaks_next() -> None:
    text = """\
Martha Grey, Ann Hale and Thomas Reed stood in the hall. Thomas was looking for his hat.

“We should go,” said Martha Grey.

“Thomas, are you coming?” said Ann Hale.

“In a minute.”
"""
    found = {u.text: u for u in attribute(text, ranker=KeepRules())}["“In a minute.”"]  # the rule; the ranker weighs it
    assert (found.speaker, found.quote_type) == ("Thomas", "implicit")


def test_a_paragraph_of_narration_ends_the_back_and_forth() -> None:
    text = """\
“Where were you?” asked Martha Grey.

“At the mill,” said Thomas Reed.

Martha went out to the yard. Ann Hale was there, feeding the hens, and Ann looked up at her.

“You are late.”
"""
    found = _by_text(text)["“You are late.”"]
    assert found.speaker == "Ann Hale"  # not Martha, whom the alternation of the talk before would give
    assert found.rule.startswith("nearest name")


DOORSTEP = """\
Martha Grey opened the door to Thomas Reed. She looked at him a long time.

“You came back,” said Martha.

“I said I would,” said Thomas.

“Then stay,” said Martha.

"""


def test_a_description_in_a_tag_is_the_party_of_the_conversation_when_its_gender_agrees() -> None:
    found = _by_text(DOORSTEP + "“I cannot,” the young man answered.\n")["“I cannot,”"]
    assert (found.speaker, found.quote_type) == ("Thomas Reed", "anaphoric")
    assert found.confidence < SHOWN_CONFIDENCE


def test_a_description_of_the_other_gender_is_someone_else() -> None:
    text = DOORSTEP + "“Supper is ready,” the old woman called from the stairs.\n"
    assert _by_text(text)["“Supper is ready,”"].speaker == "the old woman"


def test_confidence_follows_the_kind_of_evidence() -> None:
    text = KITCHEN + """
“The rain will stop by noon,” said Martha.

“I doubt it,” he answered.

“Then take a coat.”
"""
    found = _by_text(text)
    named, pronoun, turn = (found[q].confidence for q in ("“The rain will stop by noon,”", "“I doubt it,”", "“Then take a coat.”"))
    assert named > pronoun > turn


def test_a_paragraph_opening_on_a_pronoun_keeps_its_referent_for_the_tag() -> None:
    text = """\
Miss Hale was asleep in her bed when Mrs. Grey came up the stairs with the candle. Mrs. Grey was tired.

She picked up Miss Hale's clothes, folded them on a chair, and went over to the bed. “Good night,” she said.
"""
    found = _by_text(text)["“Good night,”"]
    assert (found.speaker, found.rule) == ("Mrs. Grey", "pronoun tag, chained")


def test_a_pronoun_tag_after_a_question_addressed_by_name_is_the_addressee() -> None:
    text = """\
Peter Lamb, Oliver Hart and George Pike sat by the fire of the inn. Peter poured the wine, and Oliver lit \
his pipe while George watched them.

“The roads are bad,” said Peter.

“Worse than last winter,” said Oliver. “What do you say, George?”

“I say we stay the night,” he said.
"""
    found = _by_text(text)["“I say we stay the night,”"]
    assert found.speaker is not None and found.speaker.startswith("George")
    assert found.rule == "pronoun tag, addressee"


def test_a_pronoun_tag_passes_over_a_name_that_only_owns_something() -> None:
    text = """\
Tom Hale and Mr. Bell were partners, and Mr. Bell was a quiet man. Tom Hale liked him.

A long hour later, having read the letter twice, Tom Hale rose and went back into Mr. Bell's office.

“Here are the letters, sir,” he said.
"""
    found = _by_text(text)["“Here are the letters, sir,”"]
    assert found.speaker == "Tom Hale"


def test_a_pronoun_tag_goes_to_the_member_of_the_conversation_of_its_gender() -> None:
    text = """\
Mrs. Bell, Miss Moss, Mr. Hale and Mr. Reed sat in the parlour after dinner. Mrs. Bell poured the tea, and \
Miss Moss passed the cups, while Mr. Hale and Mr. Reed talked of the roads.

“Is it raining yet?” said Mrs. Bell.

“Not yet,” said Mr. Hale, looking at Miss Moss over his cup.

“It will by evening,” said Mr. Reed.

“Then we had better stay the night,” she said.
"""
    found = _by_text(text)["“Then we had better stay the night,”"]
    assert (found.speaker, found.rule) == ("Mrs. Bell", "pronoun tag, conversation")


def test_a_pronoun_tag_is_never_the_person_its_quote_addresses() -> None:
    text = """\
Mr. Lamb and Mr. Hale walked down the lane to the mill in the rain, and Mr. Lamb carried the lantern.

Mr. Hale opened the gate for him. “Thank you, Mr. Hale,” he said.
"""
    found = _by_text(text)["“Thank you, Mr. Hale,”"]
    assert found.speaker == "Mr. Lamb"


def test_the_latter_and_the_former_are_the_two_people_the_narration_just_named() -> None:
    text = """\
Mr. Lamb and Mr. Hale walked down the lane to the mill in the rain, and Mr. Lamb carried the lantern.

Mr. Lamb stopped at the gate and turned to Mr. Hale. “Is this the place?” asked the latter.

Mr. Hale looked at Mr. Lamb. “It is,” answered the former.
"""
    found = _by_text(text)
    assert found["“Is this the place?”"].speaker == "Mr. Hale"
    assert found["“It is,”"].speaker == "Mr. Hale"



def test_a_name_described_by_a_relative_clause_is_the_subject_a_pronoun_tag_refers_to() -> None:
    text = """\
Mrs. Bell and Miss Moss sat late in the parlour, and Mrs. Bell was sewing by the lamp.

Mrs. Bell sighed over her work, and Miss Moss, who had moved to the window, turned round. “It is late,” she said.
"""
    assert _by_text(text)["“It is late,”"].speaker == "Miss Moss"


def _long_conversation(turns: int) -> str:
    """Mrs. Bell speaks once, then two men talk for ``turns`` turns, then someone answers with ``she said``."""
    opening = (
        "Mrs. Bell, Mr. Lamb and Mr. Hale sat in the parlour after dinner, and Mr. Lamb talked of the roads.\n\n"
        "“Is it raining yet?” said Mrs. Bell.\n\n"
    )
    talk = "".join(f"“The road is bad at mile {i},” said Mr. {'Lamb' if i % 2 else 'Hale'}.\n\n" for i in range(turns))
    return opening + talk + "“Then we had better stay the night,” she said.\n"


def test_a_pronoun_tag_looks_back_over_a_bounded_stretch_of_the_conversation() -> None:
    within = _by_text(_long_conversation(CONVERSATION_MEMBER_TURNS - 1))["“Then we had better stay the night,”"]
    beyond = _by_text(_long_conversation(CONVERSATION_MEMBER_TURNS + 5))["“Then we had better stay the night,”"]
    assert (within.speaker, within.rule) == ("Mrs. Bell", "pronoun tag, conversation")
    assert beyond.rule != "pronoun tag, conversation"
