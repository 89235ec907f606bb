"""Evidence from who speaks and who is addressed: bot.attribution.grouping on small invented texts."""

from __future__ import annotations

from bot.attribution.characters import CharacterList, build_characters


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
