"""Descriptions a copula gives a named character (``Vane was a tall man``): bot.attribution.tied_descriptions
on small invented texts."""

from __future__ import annotations

from bot.attribution.characters import build_characters


def test_a_description_given_by_a_copula_is_that_person() -> None:
    paragraphs = [
        "Osric Dunmere waited at the gate. Dunmere was a tall man with a red beard.",
        "Father Kell came up the lane. “It is late,” said the tall man.",
        "“It is never late,” said Father Kell.",
    ]
    cast = build_characters("\n\n".join(paragraphs * 3))
    assert cast.find("the tall man") is cast.find("Osric Dunmere") is not None


def test_a_description_two_people_are_given_by_copulas_is_neither() -> None:
    paragraphs = [
        "Osric Dunmere waited at the gate. Dunmere was a tall man.",
        "Father Kell came up the lane. Kell was a tall man too. The tall man smiled.",
    ]
    cast = build_characters("\n\n".join(paragraphs * 3))
    assert cast.find("the tall man") is None
