"""bot.attribution.addressed: two names of one person learnt from who answers to a name."""

from __future__ import annotations

from bot.attribution.characters import build_characters


def _story(*paragraphs: str) -> str:
    opening = "Tito walked in the square, and Tito sang. Signor Vanni was rich. Signor Vanni bowed to Marco Rossi."
    return "\n\n".join([opening, opening, *paragraphs])


ANSWERED = [
    "“Take the milk, Signor Vanni.”",
    "“Gladly,” said Tito.",
    "“Then sit with us, Signor Vanni.”",
    "“I will,” said Tito.",
]


def test_a_name_answered_to_under_another_name_is_one_person() -> None:
    cast = build_characters(_story(*ANSWERED))
    assert cast.find("Signor Vanni") is cast.find("Tito") is not None


def test_an_answer_heard_once_or_by_someone_else_as_often_proves_nothing() -> None:
    once = build_characters(_story(*ANSWERED[:2]))
    assert once.find("Signor Vanni") is not once.find("Tito")
    others = ["“Come here, Signor Vanni.”", "“No,” said Marco Rossi.", "“Come, Signor Vanni.”", "“Never,” said Marco Rossi."]
    shared = build_characters(_story(*ANSWERED, *others))
    assert shared.find("Signor Vanni") is not shared.find("Tito")


def test_two_surnames_are_two_people_whoever_answers() -> None:
    cast = build_characters(_story(*[p.replace("Tito", "Marco Rossi") for p in ANSWERED]))
    assert cast.find("Signor Vanni") is not cast.find("Marco Rossi")


def test_the_actor_who_opens_the_answer_answers() -> None:
    cast = build_characters(_story(
        "“Take the milk, Signor Vanni.”", "Tito bowed. “Gladly.”", "“Sit with us, Signor Vanni.”", "Tito smiled. “I will.”"
    ))
    assert cast.find("Signor Vanni") is cast.find("Tito") is not None


def test_a_quote_opening_with_a_name_addresses_the_last_speaker() -> None:
    cast = build_characters(_story(
        "“It is late,” said Tito.", "“Signor Vanni, stay.”", "“The road is long,” said Tito.", "“Signor Vanni, wait.”"
    ))
    assert cast.find("Signor Vanni") is cast.find("Tito") is not None
