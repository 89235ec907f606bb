"""bot.attribution.characters: names, aliases, gender, mentions and the narrator, from real texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.attribution.characters import (
    Character,
    CharacterList,
    build_characters,
    normalise,
)
from bot.attribution.names import find_mentions, learn_name_words
from bot.attribution.quotes import paragraph_spans
from bot.attribution.speakers import attribute

REPO = Path(__file__).resolve().parents[3]
SPEAKERS = REPO / "benchmarks" / "speakers"


def _novel(name: str) -> str:
    return (SPEAKERS / name / "novel_text.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sign_of_four() -> CharacterList:
    return build_characters(_novel("TheSignOfTheFour"))


@pytest.fixture(scope="module")
def invisible_man() -> CharacterList:
    return build_characters(_novel("TheInvisibleMan"))


def _named(characters: CharacterList, form: str) -> Character:
    found = characters.find(form)
    assert found is not None, form
    return found


def test_a_full_name_gathers_its_titled_and_short_forms(sign_of_four: CharacterList) -> None:
    holmes = _named(sign_of_four, "Holmes")
    assert holmes.name == "Holmes"  # the form the text uses most
    assert {"Sherlock Holmes", "Mr. Sherlock Holmes", "Mr. Holmes"} <= set(holmes.aliases)
    assert sign_of_four.find("Mr Sherlock Holmes") is holmes  # compared without punctuation
    jones = _named(sign_of_four, "Athelney Jones")
    assert {"Jones", "Mr. Jones", "Mr. Athelney Jones"} <= set(jones.aliases)


def test_a_different_title_is_a_different_person(sign_of_four: CharacterList) -> None:
    daughter, father = _named(sign_of_four, "Miss Morstan"), _named(sign_of_four, "Captain Morstan")
    assert daughter is not father
    assert "Mary Morstan" in daughter.aliases
    assert _named(sign_of_four, "Major Sholto") is not _named(sign_of_four, "Thaddeus Sholto")


def test_a_bare_surname_is_the_man_not_mrs(invisible_man: CharacterList) -> None:
    assert _named(invisible_man, "Hall") is _named(invisible_man, "Mr. Hall")
    assert _named(invisible_man, "Mrs. Hall") is not _named(invisible_man, "Mr. Hall")


def test_gender_from_titles_and_pronouns(sign_of_four: CharacterList, invisible_man: CharacterList) -> None:
    assert _named(sign_of_four, "Miss Morstan").gender == "f"  # Miss
    assert _named(sign_of_four, "Holmes").gender == "m"  # Mr., and "Holmes ... he"
    assert _named(invisible_man, "Kemp").gender == "m"  # "Kemp ... he"
    story = build_characters((REPO / "data" / "hello-from-the-other-side.txt").read_text(encoding="utf-8"))
    assert _named(story, "Lydia").gender == "f"  # pronouns only: "Lydia shook her head", "She apologized"
    assert _named(story, "Derek").gender == "m"


def test_mentions_and_first_appearance(sign_of_four: CharacterList) -> None:
    text = _novel("TheSignOfTheFour")
    holmes = _named(sign_of_four, "Holmes")
    assert text[holmes.first_offset :].startswith("Sherlock Holmes took his bottle")
    assert holmes.mentions > _named(sign_of_four, "Athelney Jones").mentions > 20
    assert sign_of_four.characters[0] is holmes  # the most mentioned first


def test_the_first_person_narrator_is_named_by_those_who_address_him(sign_of_four: CharacterList) -> None:
    assert sign_of_four.narrator is _named(sign_of_four, "Watson")
    assert "I" in sign_of_four.narrator.aliases


def test_a_third_person_story_has_no_narrator(invisible_man: CharacterList) -> None:
    assert invisible_man.narrator is None


def test_a_capitalised_common_word_joins_a_name_it_always_follows(invisible_man: CharacterList) -> None:
    assert _named(invisible_man, "the Invisible Man").name.endswith("Invisible Man")


def test_a_nickname_joins_the_name_the_text_gives_it() -> None:
    # a constructed sentence: none of the bundled books names a nickname this plainly
    text = (
        "Rosamund, called Wren by her father, laughed. Rosamund was his favourite.\n\n"
        "“Wren,” said Mr. Quillon, “you must not.” Wren smiled."
    )
    rosamund = _named(build_characters(text), "Rosamund")
    assert "Wren" in rosamund.aliases


def test_a_prefixed_surname_is_one_name_that_speaks_and_is_spoken_of() -> None:
    # constructed: Scottish and Irish surnames carry a second capital (MacAllister, McKay, O'Hara)
    text = (
        "Hector MacAllister came in where Robert Dunning sat reading.\n\n"
        "“You are late,” said Dunning.\n\n"
        "“I was kept at the docks,” said MacAllister. “The ship was late.”\n\n"
        "Nora O’Hara came in behind him, and Dunning bowed to O’Hara.\n\n"
        "MacAllister looked out at the rain. “It will not stop tonight,” he said."
    )
    characters = build_characters(text)
    assert _named(characters, "MacAllister").mentions >= 2
    assert _named(characters, "O’Hara")
    said = {utterance.text: utterance.speaker for utterance in attribute(text)}
    assert said["“I was kept at the docks,”"] == "MacAllister"
    assert said["“It will not stop tonight,”"] == "MacAllister"


def test_unnamed_speakers_are_added_by_their_description() -> None:
    characters = build_characters("“Can I help you?” The woman asked.")
    woman = characters.add_unlisted("the woman", 18, described=True)
    assert (woman.name, woman.gender, woman.described) == ("the woman", "f", True)
    assert characters.find("The woman") is woman


def test_names_are_capitalised_words_used_as_names() -> None:
    text = "Derek knew that Stiles knows that. Will Derek go? He will, and Stiles will too."
    assert learn_name_words(text) == frozenset({"Derek", "Stiles"})  # not "Will", "He"
    mentions = find_mentions("Then Mr. Oswin Rudd came.", frozenset({"Oswin", "Rudd"}))
    assert [(m.title, m.words, m.form) for m in mentions] == [("Mr.", ("Oswin", "Rudd"), "Mr. Oswin Rudd")]


def test_names_compare_loosely() -> None:
    assert normalise("The Grey Heron") == normalise("grey heron") == "grey heron"
    assert normalise("Mr. Quillon") == normalise("Mr Quillon")


def test_a_title_written_out_names_the_one_character_with_it_and_keeps_his_mentions() -> None:
    text = "\n\n".join(
        ["Dr. Kemp sat at his desk. Dr. Kemp wrote, and he read.", "“Who is there?” said the doctor.", "The doctor rose."]
        * 3
    )
    cast = build_characters(text)
    utterances = attribute(text, cast, paragraph_spans(text))
    assert [c.name for c in cast.characters] == ["Dr. Kemp"] and cast.characters[0].mentions == 6
    assert {u.speaker for u in utterances} == {"Dr. Kemp"}
    two = build_characters("\n\n".join(["Dr. Kemp came in. Dr. Seward came in.", "The doctor sat down."] * 3))
    assert two.find("the doctor") is None
