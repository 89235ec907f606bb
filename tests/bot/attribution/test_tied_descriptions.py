"""bot.attribution.tied_descriptions, through the character list: descriptions the text ties to one
named character (invented names and sentences)."""

from __future__ import annotations

import time

from bot.attribution.characters import CharacterList, build_characters
from bot.attribution.names import Mention
from bot.attribution.tied_descriptions import tie_descriptions


def _cast(*paragraphs: str, times: int = 3) -> CharacterList:
    return build_characters("\n\n".join(paragraphs * times))


def test_a_description_in_apposition_to_a_name_is_that_character() -> None:
    cast = _cast(
        "Quill walked up the lane to Orlo Fenwick the curate. Fenwick was at his desk.",
        "Mr. Fenwick looked up, and Mr. Fenwick smiled. The curate put down his pen.",
        "The curate stood by the window, and he sighed.",
    )
    assert cast.find("the curate") is cast.find("Orlo Fenwick") is not None


def test_descriptions_set_beside_two_people_tie_to_neither() -> None:
    cast = _cast(
        "Mr. Fenwick, the curate, came in. Mr. Fenwick sat down, and he waited.",
        "Mr. Dallow, the curate, came later. Mr. Dallow stood, and he waited too.",
        "The curate said nothing, and he left.",
    )
    assert cast.find("the curate") is None


def test_a_description_each_paragraph_goes_on_about_is_the_one_named_before_it() -> None:
    cast = _cast(
        "Tessaly Marr came into the room with Brand Holloway. The pale girl sat down by the fire.",
        "Tessaly looked out of the window at the rain. The pale girl shivered.",
        "Miss Marr went up the stairs. The pale girl was tired, and she slept.",
    )
    assert cast.find("the pale girl") is cast.find("Tessaly Marr") is not None


def test_a_description_named_in_one_sentence_with_a_person_is_someone_else() -> None:
    cast = _cast(
        "Tessaly Marr came into the room. The pale girl sat down by the fire.",
        "Tessaly looked at the pale girl, and Tessaly smiled at the pale girl.",
        "Miss Marr went up the stairs. The pale girl was tired, and she slept.",
    )
    assert cast.find("the pale girl") is None


def test_a_description_of_the_other_sex_and_a_plain_noun_tie_to_no_one() -> None:
    cast = _cast(
        "Tessaly Marr came into the room. The old sailor sat down by the fire.",
        "Tessaly looked out of the window. The old sailor coughed. The woman nodded.",
        "Miss Marr went up the stairs, and she slept. The woman was tired.",
    )
    assert cast.find("the old sailor") is None and cast.find("the woman") is None


def test_a_long_paragraph_of_descriptions_is_read_in_linear_time() -> None:
    """Each use's sentence is found without rescanning its paragraph (a 2 s guard only catches a hang)."""
    sentence = "Tessaly came in. The pale girl sat down. "
    text = sentence * 3000
    mentions = [
        Mention(start, start + len("Tessaly"), None, ("Tessaly",), False)
        for start in range(0, len(text), len(sentence))
    ]
    began = time.perf_counter()
    tied = tie_descriptions(text, [(0, len(text))], lambda _: True, [("Tessaly", mentions, "f")])
    assert time.perf_counter() - began < 2.0
    assert tied == {"pale girl": "Tessaly"}


def test_descriptions_in_an_empty_text_or_without_people_tie_to_no_one() -> None:
    assert tie_descriptions("", [], lambda _: True, []) == {}
    text = "The curate came in. The curate sat down"
    assert tie_descriptions(text, [(0, len(text))], lambda _: True, []) == {}


def test_a_description_given_by_a_copula_is_that_person() -> None:
    cast = _cast(
        "Osric Dunmere waited at the gate. Dunmere was a tall man with a red beard.",
        "Father Kell came up the lane. “It is late,” said the tall man.",
        "“It is never late,” said Father Kell.",
    )
    assert cast.find("the tall man") is cast.find("Osric Dunmere") is not None


def test_a_description_two_people_are_given_by_copulas_is_neither() -> None:
    cast = _cast(
        "Osric Dunmere waited at the gate. Dunmere was a tall man.",
        "Father Kell came up the lane. Kell was a tall man too. The tall man smiled.",
    )
    assert cast.find("the tall man") is None
