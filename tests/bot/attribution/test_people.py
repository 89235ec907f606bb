"""Only people: a common English word used as a name and a preposition opening a tag are no
characters (bot.attribution.people, lexicon.NOT_NAMES), on small invented texts."""

from __future__ import annotations

from bot.attribution.characters import CharacterList, build_characters
from bot.attribution.quotes import paragraph_spans
from bot.attribution.speakers import attribute


def _cast(*paragraphs: str) -> CharacterList:
    return build_characters("\n\n".join(paragraphs * 3))


def _is_person(cast: CharacterList, form: str) -> bool:
    found = cast.find(form)
    return found is not None and found.person


def test_a_common_word_acting_like_a_person_is_no_person_without_a_title_or_a_tag() -> None:
    cast = _cast(
        "Providence smiled on him that day, and Providence knew better than he did.",
        "Quillan smiled on him that day, and Quillan knew better than he did.",
    )
    assert not _is_person(cast, "Providence")
    assert _is_person(cast, "Quillan")


def test_a_common_word_that_is_a_given_name_titled_or_tagged_stays_a_person() -> None:
    cast = _cast(
        "Rose smiled at the window, and Rose knew better than he did.",
        "\u201cNot yet,\u201d said Owl. \u201cWait,\u201d said Owl, and Owl looked out.",
        "Mr. Empire came in, and Mr. Empire sat down by the fire.",
    )
    assert _is_person(cast, "Rose")
    assert _is_person(cast, "Owl")
    assert _is_person(cast, "Mr. Empire")


def test_a_preposition_opening_a_sentence_before_a_speech_verb_is_no_speaker() -> None:
    text = "\n\n".join(
        [
            "Tamsin looked at the gate. Brannock stood beside her.",
            "\u201cWe must go,\u201d said Tamsin.",
            "\u201cThe guards are coming, you see, and--\u201d At this moment Brannock, who had been"
            " watching the road, called out \u201cThey are here! They are here!\u201d and they ran.",
        ]
        * 2
    )
    paragraphs = paragraph_spans(text)
    cast = build_characters(text, paragraphs)
    speakers = {u.speaker for u in attribute(text, cast, paragraphs)}
    assert "At" not in speakers
    assert cast.find("At") is None


def test_a_given_name_the_text_also_writes_in_lower_case_is_the_common_noun() -> None:
    cast = _cast(
        "Do they talk of Music and Art? They talk of Art, and Art before all. Art had no limits.",
        "She spoke of the art of living and of modern art.",
        "Tobias read by the fire, and Tobias smiled.",
    )
    assert not _is_person(cast, "Art")
    assert _is_person(cast, "Tobias")


def test_a_place_named_by_a_generic_word_after_a_title_is_no_person() -> None:
    cast = _cast(
        "Orla had always loved Prince Albrin Island, and Prince Albrin Island was green.",
        "Prince Albrin Island lay in the gulf. Orla smiled, and she walked on.",
    )
    island = cast.find("Prince Albrin Island")
    assert island is None or not island.person
    assert _is_person(cast, "Orla")


def test_a_month_alone_is_a_date_not_a_person_unless_tagged() -> None:
    cast = _cast(
        "June came round again, and June brought the roses back to Tamsin.",
        "Tamsin waited, and she smiled at the garden.",
    )
    assert not _is_person(cast, "June")
    assert _is_person(cast, "Tamsin")
    tagged = _cast("\u201cCome in,\u201d said June. \u201cSit down,\u201d said June, and June smiled.")
    assert _is_person(tagged, "June")


def test_a_name_travelled_to_and_from_is_a_place_but_a_shop_is_its_owners() -> None:
    cast = _cast(
        "Tamsin went back to Varenna. Varenna managed better than the city, and Varenna was far.",
        "They had travelled from Varenna by train, and next year she went to Varenna again.",
        "Tamsin went to Corvell's for sugar, and Corvell smiled at her.",
    )
    assert not _is_person(cast, "Varenna")
    assert _is_person(cast, "Corvell")


def test_a_city_travelled_to_or_stayed_at_is_no_person() -> None:
    cast = _cast(
        "Felix hastened to Varnay, and the merchant proceeded to Varnay after him.",
        "Varnay was quiet that winter. They stayed at Varnay for a month.",
        "Felix laughed, and Felix went out.",
    )
    assert not _is_person(cast, "Varnay")
    assert _is_person(cast, "Felix")
