"""A full name whose given name no name list knows: bot.attribution.name_forms on small invented texts."""

from __future__ import annotations

from bot.attribution.characters import build_characters
from bot.attribution.given_names import first_name_gender


def test_a_given_name_no_list_knows_still_makes_a_full_name() -> None:
    assert first_name_gender("Quorrin") is None
    paragraphs = [
        "Quorrin Dalebrook met him at the gate. Dalebrook was a tall man with a red beard.",
        "“It is late,” said Dalebrook, and Dalebrook shut the gate.",
    ]
    cast = build_characters("\n\n".join(paragraphs * 3))
    assert cast.find("Dalebrook") is cast.find("Quorrin Dalebrook") is not None


def test_two_names_side_by_side_stay_two_people_when_both_are_used_alone() -> None:
    paragraphs = [
        "He gave Quorrin Dalebrook the key. Dalebrook took it and Dalebrook went out.",
        "Quorrin laughed at the door, and Quorrin sang.",
        "“Good night,” said Dalebrook.",
    ]
    cast = build_characters("\n\n".join(paragraphs * 3))
    assert cast.find("Quorrin") is not cast.find("Dalebrook")
