"""Names the text says are one person: bot.attribution.appositions, and grouping joining them."""

from __future__ import annotations

from bot.attribution.appositions import stated
from bot.attribution.characters import build_characters


def test_a_stated_marriage_names_one_woman_by_her_maiden_and_married_names() -> None:
    found = list(stated("In June Miss Orme became Mrs. Vane, and Lottie Quill became Lady Ashby. Then Tom became angry."))
    assert found == [("Miss Orme", "Mrs. Vane"), ("Lottie Quill", "Lady Ashby")]
    assert list(stated("Then Orme became Mrs. Vane.")) == [("Orme", "Mrs. Vane")]


def test_a_woman_whose_marriage_the_text_states_is_one_character() -> None:
    paragraphs = [
        "Miss Orme walked to the church. Miss Orme was pale.",
        "Mrs. Vane poured the tea, and Mrs. Vane smiled at her guests.",
    ]
    apart = build_characters("\n\n".join(paragraphs * 3))
    assert apart.find("Miss Orme") is not apart.find("Mrs. Vane")
    joined = build_characters("\n\n".join([*paragraphs * 3, "That spring Miss Orme became Mrs. Vane."]))
    assert joined.find("Miss Orme") is joined.find("Mrs. Vane") is not None


def test_a_stated_name_runs_to_a_title_and_four_words_and_no_further() -> None:
    # a name is a title and at most NAME_RUN_WORDS words: an unbounded run made the search quadratic on a
    # long run of capitalised words (a hostile upload)
    assert list(stated("Sir Walter John Quill, now Lord Ashby, rode home.")) == [("Sir Walter John Quill", "Lord Ashby")]
    found = list(stated("Aa Bb Cc Dd Ee Ff Quill, now Lord Ashby, rode home."))
    assert found == [("Cc Dd Ee Ff Quill", "Lord Ashby")]
