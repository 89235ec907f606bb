"""Typed answers judged fairly: normalisation, typos, filler, whole words, numbers, rivals."""

import pytest

from bot.trivia.judging import answer_words, is_correct, normalise

CHARACTERS = ("Derek", "Stiles", "Lydia", "Scott", "Theo")


def judged(guess: str, answer: str, *accepted: str) -> bool:
    return is_correct(guess, (answer, *accepted), [c for c in CHARACTERS if c != answer])


def test_normalise_folds_case_accents_punctuation_and_ampersands() -> None:
    assert normalise("  Café—AU LAIT & Crème!! ") == "cafe au lait and creme"
    assert normalise("Stiles’ jacket") == "stiles jacket"


def test_leading_articles_and_filler_are_dropped() -> None:
    assert answer_words("The Loft") == ["loft"]
    assert answer_words("it was the loft!") == ["loft"]
    assert answer_words("I think it was Lydia, maybe") == ["lydia"]


@pytest.mark.parametrize(
    ("guess", "answer"),
    [
        ("lydia", "Lydia"),
        ("LYDIA!!", "Lydia"),
        ("Lidya", "Lydia"),  # two letters swapped, even apart: one typo
        ("Lydai", "Lydia"),
        ("Stlies", "Stiles"),
        ("it was Derek!", "Derek"),
        ("It's Derek", "Derek"),
        ("the loft", "The loft"),
        ("loft", "The loft"),
        ("a loft", "The loft"),
        ("beacon  county", "Beacon County"),
        ("Beacon Cunty", "Beacon County"),
        ("honey & apple", "honey and apple"),
        ("Crème brûlée", "creme brulee"),
    ],
)
def test_fair_answers_count(guess: str, answer: str) -> None:
    assert judged(guess, answer)


@pytest.mark.parametrize(
    ("guess", "answer"),
    [
        ("Scott", "Stiles"),  # a different character
        ("Theo", "Derek"),
        ("chair", "air"),  # never inside another word
        ("air", "chair"),
        ("hair", "air"),  # three letters allow no typo
        ("1001", "1000"),  # numbers exactly
        ("100", "1000"),
        ("", "Lydia"),
        ("!!!", "Lydia"),
        ("Lydia and Stiles", "Lydia"),
        ("Beacon Hills", "Beacon County"),
        ("Aydil", "Lydia"),  # the same letters, not the same first one
    ],
)
def test_unfair_answers_do_not(guess: str, answer: str) -> None:
    assert not judged(guess, answer)


def test_accepted_alternatives_count() -> None:
    assert judged("a thousand times", "A thousand", "1000", "a thousand times")
    assert judged("1000", "A thousand", "1000")


def test_a_guess_closer_to_a_rival_is_wrong() -> None:
    # "Eric" is one typo from "Erica", but it is another character's name exactly
    assert not is_correct("Eric", ["Erica"], ["Eric"])
    assert is_correct("Ercia", ["Erica"], ["Eric"])


def test_a_rival_that_is_the_answer_is_ignored() -> None:
    assert is_correct("Derek", ["Derek"], ["derek", "Stiles"])
