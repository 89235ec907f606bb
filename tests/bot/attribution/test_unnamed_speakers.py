"""Unnamed speakers: a description is a character only when it speaks and names a person
(bot.attribution.people.is_person_description), and one ending in a listed name is that character."""

from __future__ import annotations

from bot.attribution.characters import build_characters
from bot.attribution.people import is_listed_description, is_person_description
from bot.attribution.quotes import paragraph_spans
from bot.attribution.speakers import attribute
from bot.text.ingest import WorkSpeakers


def _speakers(text: str) -> WorkSpeakers:
    paragraphs = paragraph_spans(text)
    characters = build_characters(text, paragraphs)
    return WorkSpeakers(characters, attribute(text, characters, paragraphs))


def test_person_head_nouns_make_a_description_a_person() -> None:
    for description in ("the old woman", "his companion", "the prize-fighter", "the young American",
                        "a fisherman", "the hostess", "her mother"):
        assert is_person_description(description), description
    for description in ("the voice", "a second voice", "the face", "the letter", "the morning he",
                        "the dressing-gown", "the poor little thing", ""):
        assert not is_person_description(description), description


def test_a_speaking_voice_is_no_character_but_a_speaking_woman_is() -> None:
    text = "\n\n".join([
        "Harriet Herriton walked into the square. Harriet was tired.",
        "“Who is there?” said a voice from the dark.",
        "“Only me,” said the old woman, and she laughed.",
        "“Go home,” said the voice.",
        "“I will not,” said the old woman.",
    ] * 2)
    people = {character.name for character in _speakers(text).people()}
    assert "the old woman" in people
    assert not {"a voice", "the voice"} & people


def test_a_description_ending_in_a_listed_name_is_that_character() -> None:
    text = "\n\n".join([
        "Harriet Herriton walked into the square. Harriet was tired, and Harriet sat down.",
        "“It is too hot,” said the agonized Harriet.",
        "Philip came after her. Philip looked at the church.",
    ] * 2)
    speakers = _speakers(text)
    harriet = speakers.characters.find("Harriet Herriton")
    assert harriet is not None and speakers.characters.find("the agonized Harriet") is harriet
    assert "the agonized Harriet" not in {character.name for character in speakers.people()}
    assert speakers.utterance_counts()[harriet.name] >= 2


def test_an_unnamed_speaker_heard_twice_or_known_as_a_relation_is_not_listed() -> None:
    assert is_listed_description("the old woman", 3)
    assert not is_listed_description("the old woman", 2)
    assert not is_listed_description("his father", 5)
    assert not is_listed_description("Her aunt", 3)
    text = "\n\n".join([
        "Harriet Herriton walked into the square. Harriet was tired.",
        "“Who is there?” said the watchman, lifting his lamp.",
        "“Only Harriet,” said the old woman, and she laughed.",
        "“Go home, Harriet,” said his father.",
        "“I will not,” said the old woman.",
        "“Then good night,” said his father.",
        "“Good night to you,” said the old woman.",
        "“Is that you?” said the watchman again.",
    ])
    people = {character.name for character in _speakers(text).people()}
    assert "the old woman" in people
    assert not {"the watchman", "his father"} & people


def test_a_capitalised_speech_verb_read_as_a_speaker_is_no_person() -> None:
    characters = build_characters("Orla Venn walked in. Orla sat down.\n\nOrla Venn laughed.")
    assert not characters.add_unlisted("Said", 0, described=False).person
    assert characters.add_unlisted("Quennell", 0, described=False).person


def test_a_word_the_text_writes_in_lower_case_read_as_a_speaker_is_no_person() -> None:
    characters = build_characters(
        "Orla Venn was tired. Orla was seizing the rail.\n\nOrla Venn was seizing it still."
    )
    assert not characters.add_unlisted("Seizing", 0, described=False).person
    assert characters.add_unlisted("Quennell", 0, described=False).person


def test_a_common_word_that_is_also_a_given_name_is_a_person_only_if_written_as_a_name() -> None:
    never_a_name = build_characters(
        "Orla Venn was just tired. Just then Orla sat.\n\nOrla Venn was just leaving. Just so."
    )
    assert not never_a_name.add_unlisted("Just", 0, described=False).person
    a_name = build_characters(
        "Orla Venn met Rose by the gate. Orla gave Rose a rose.\n\nOrla Venn saw a rose and Rose laughed."
    )
    assert a_name.add_unlisted("Rose", 0, described=False).person
