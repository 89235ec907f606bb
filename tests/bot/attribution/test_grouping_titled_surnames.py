"""A titled surname joins its one person: bot.attribution.grouping's titled-surname step on small
invented texts (a Miss beside a full name written once, a Mr. beside a doctor)."""

from __future__ import annotations

from bot.attribution.characters import CharacterList, build_characters


def _cast(repeated: list[str], once: tuple[str, ...] = ()) -> CharacterList:
    """The ``repeated`` paragraphs three times, then the ``once`` paragraphs a single time."""
    return build_characters("\n\n".join([*repeated * 3, *once]))


def test_a_miss_joins_the_one_recurring_woman_of_her_surname() -> None:
    cast = _cast(
        [
            "Lottie Vane ran down to the lake, and Lottie laughed at the boatman.",
            "Miss Vane said she would row herself, and Miss Vane took the oars.",
            "Her mother, Mrs. Vane, waited on the terrace. Mrs. Vane was cross.",
        ],
        ("Long ago Hester Vane had come to the lake as a bride.",),
    )
    assert cast.find("Miss Vane") is cast.find("Lottie Vane") is not None
    assert cast.find("Miss Vane") is not cast.find("Mrs. Vane")


def test_a_miss_stays_apart_between_two_recurring_sisters() -> None:
    cast = _cast([
        "Lottie Vane ran down to the lake, and Lottie laughed at the boatman.",
        "Bessie Vane stayed in the house, and Bessie read her book.",
        "Miss Vane said she would row herself, and Miss Vane took the oars.",
    ])
    assert cast.find("Miss Vane") not in (cast.find("Lottie Vane"), cast.find("Bessie Vane"))


def test_a_mr_joins_the_one_doctor_of_his_surname() -> None:
    cast = _cast([
        "Dr. Orme walked up the hill to his house. Dr. Orme was tired.",
        "The maid said that Mr. Orme was out, and Mr. Orme came back at six.",
    ])
    assert cast.find("Mr. Orme") is cast.find("Dr. Orme") is not None


def test_a_mr_stays_apart_from_two_learned_people_of_his_surname() -> None:
    cast = _cast([
        "Dr. Orme walked up the hill to his house. Dr. Orme was tired.",
        "Professor Orme lectured in the town. Professor Orme was his cousin.",
        "The maid said that Mr. Orme was out, and Mr. Orme came back at six.",
    ])
    assert cast.find("Mr. Orme") not in (cast.find("Dr. Orme"), cast.find("Professor Orme"))
