"""Evidence from who speaks and who is addressed: bot.attribution.grouping on small invented texts."""

from __future__ import annotations

from bot.attribution.addressed import spoken_to
from bot.attribution.characters import CharacterList, build_characters
from bot.attribution.quotes import find_quotes, paragraph_spans
from bot.attribution.tags import TagReader


def _cast(*paragraphs: str) -> CharacterList:
    return build_characters("\n\n".join(paragraphs * 3))


def test_a_name_addressed_in_a_speech_and_one_in_its_tag_are_not_two_people_together() -> None:
    cast = _cast(
        "Odile Fenwary came to the office early. Odile Fenwary hung up her coat.",
        "“You are early again, Miss Fenwary,” said Mr. Tullet, turning to Odile with a smile.",
        "“The post came early, Miss Fenwary,” he added, handing Odile the letters.",
        "Odile read them at her desk.",
    )
    assert cast.find("Miss Fenwary") is cast.find("Odile Fenwary") is not None


def test_two_names_in_one_narrated_sentence_stay_two_people() -> None:
    cast = _cast(
        "Cyril Marrable came into the yard with old Mr. Marrable, and Cyril Marrable shut the gate.",
        "Mr. Marrable looked at Cyril and then Mr. Marrable went in.",
        "Cyril Marrable stayed outside, and he whistled.",
    )
    assert cast.find("Mr. Marrable") is not cast.find("Cyril Marrable")


def test_a_speaker_is_not_the_person_he_addresses_by_name() -> None:
    cast = _cast(
        "Thomas Haldersby walked in the garden. Thomas Haldersby was a stern man.",
        "Tom was reading under a tree when his father came by.",
        "“Put that book away, Tom,” said Thomas Haldersby.",
        "Tom put it away without a word.",
    )
    assert cast.find("Tom") is not None and cast.find("Tom") is not cast.find("Thomas Haldersby")


def test_a_nickname_still_joins_when_no_speech_sets_the_two_apart() -> None:
    cast = _cast(
        "Thomas Haldersby walked in the garden. Thomas Haldersby was a stern man.",
        "Tom was reading under a tree when the rain began.",
        "“Come in, Mrs. Pye,” said Tom.",
        "Tom put the book away without a word.",
    )
    assert cast.find("Tom") is cast.find("Thomas Haldersby") is not None


def test_an_answer_by_another_name_joins_no_one_the_answerer_has_addressed() -> None:
    cast = _cast(
        "“Will you come to the fair, Nellwyn?” asked Ada Pettigrue.",
        "“She will not,” said Mrs. Quillan. “She has her lessons.”",
        "“Go up to bed now, Nellwyn,” said Mrs. Quillan.",
        "Nellwyn went up the stairs, and Nellwyn lay awake.",
    )
    assert cast.find("Nellwyn") is not None and cast.find("Nellwyn") is not cast.find("Mrs. Quillan")


def test_only_a_name_opening_or_closing_a_quote_is_its_addressee() -> None:
    text = (
        "“Sit down, Brannock,” said Mrs. Quillan.\n\n"
        "“I heard her; Brannock, she said, was late,” said Mrs. Pettigrue. “And so I went.”"
    )
    paragraphs = paragraph_spans(text)
    reader = TagReader(frozenset({"Brannock", "Quillan", "Pettigrue"}))
    pairs = spoken_to(text, find_quotes(text, paragraphs), paragraphs, reader)
    assert pairs == [("Mrs. Quillan", "Brannock")]


def test_two_names_joined_by_and_are_two_people() -> None:
    text = "\n\n".join([
        "Thomas Haldersby walked in the garden. Thomas Haldersby was a stern man.",
        "Tom was reading under a tree. Tom did not look up.",
        "At noon Mr. Haldersby and Tom went in to dinner.",
        "Thomas Haldersby carved the meat. Later Tom read again.",
    ])
    cast = build_characters(text)
    assert cast.find("Tom") is not None and cast.find("Tom") is not cast.find("Thomas Haldersby")
